// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import "./LidoInterfaces.sol";

/// @title Devnet replica of wstETH (0x7f39C581F595B53c5cb19bD0b3f8dA6c935E2Ca0): non-rebasing wrapper, 1 wstETH = 1 share.
/// @notice OpenZeppelin 3.4 ERC20 + ERC20Permit semantics and revert strings (max allowance IS decremented).
contract WstETH {
    bytes32 internal constant PERMIT_TYPEHASH = 0x6e71edae12b1b97f4d1f60370fef10105fa2faae0126114a169c64845d6126c9;
    bytes32 internal constant TYPE_HASH = keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)");

    address internal stETHAddress;
    mapping(address => uint256) internal balances;
    mapping(address => mapping(address => uint256)) internal allowances;
    mapping(address => uint256) internal permitNonces;
    uint256 internal supply;

    event Transfer(address indexed from, address indexed to, uint256 value);
    event Approval(address indexed owner, address indexed spender, uint256 value);

    /// @notice Devnet-only one-shot initialiser (the real contract takes stETH in its constructor).
    /// The seed holder receives `_seedAmount` wstETH backed by shares the stETH replica credited to this contract.
    function devnetInitialize(address _stETH, address _seedHolder, uint256 _seedAmount) external {
        require(stETHAddress == address(0), "wstETH: already initialized");
        stETHAddress = _stETH;
        if (_seedAmount > 0) _mint(_seedHolder, _seedAmount);
    }

    // view (not pure) like the real OpenZeppelin 3.4 token, whose metadata lives in storage
    function name() external view returns (string memory) { return stETHAddress == address(0) ? "" : "Wrapped liquid staked Ether 2.0"; }
    function symbol() external view returns (string memory) { return stETHAddress == address(0) ? "" : "wstETH"; }
    function decimals() external view returns (uint8) { return stETHAddress == address(0) ? 0 : 18; }
    function stETH() external view returns (address) { return stETHAddress; }
    function totalSupply() external view returns (uint256) { return supply; }
    function balanceOf(address account) external view returns (uint256) { return balances[account]; }
    function allowance(address owner, address spender) external view returns (uint256) { return allowances[owner][spender]; }

    function wrap(uint256 _stETHAmount) external returns (uint256) {
        require(_stETHAmount > 0, "wstETH: can't wrap zero stETH");
        uint256 wstETHAmount = ILidoStETH(stETHAddress).getSharesByPooledEth(_stETHAmount);
        _mint(msg.sender, wstETHAmount);
        ILidoStETH(stETHAddress).transferFrom(msg.sender, address(this), _stETHAmount);
        return wstETHAmount;
    }

    function unwrap(uint256 _wstETHAmount) external returns (uint256) {
        require(_wstETHAmount > 0, "wstETH: zero amount unwrap not allowed");
        uint256 stETHAmount = ILidoStETH(stETHAddress).getPooledEthByShares(_wstETHAmount);
        _burn(msg.sender, _wstETHAmount);
        ILidoStETH(stETHAddress).transfer(msg.sender, stETHAmount);
        return stETHAmount;
    }

    receive() external payable {
        uint256 shares = ILidoStETH(stETHAddress).submit{value: msg.value}(address(0));
        _mint(msg.sender, shares);
    }

    function getWstETHByStETH(uint256 _stETHAmount) external view returns (uint256) {
        return ILidoStETH(stETHAddress).getSharesByPooledEth(_stETHAmount);
    }

    function getStETHByWstETH(uint256 _wstETHAmount) external view returns (uint256) {
        return ILidoStETH(stETHAddress).getPooledEthByShares(_wstETHAmount);
    }

    function stEthPerToken() external view returns (uint256) {
        return ILidoStETH(stETHAddress).getPooledEthByShares(1 ether);
    }

    function tokensPerStEth() external view returns (uint256) {
        return ILidoStETH(stETHAddress).getSharesByPooledEth(1 ether);
    }

    function transfer(address recipient, uint256 amount) external returns (bool) {
        _transfer(msg.sender, recipient, amount);
        return true;
    }

    function transferFrom(address sender, address recipient, uint256 amount) external returns (bool) {
        _transfer(sender, recipient, amount);
        uint256 current = allowances[sender][msg.sender];
        require(current >= amount, "ERC20: transfer amount exceeds allowance");
        _approve(sender, msg.sender, current - amount);
        return true;
    }

    function approve(address spender, uint256 amount) external returns (bool) {
        _approve(msg.sender, spender, amount);
        return true;
    }

    function increaseAllowance(address spender, uint256 addedValue) external returns (bool) {
        _approve(msg.sender, spender, allowances[msg.sender][spender] + addedValue);
        return true;
    }

    function decreaseAllowance(address spender, uint256 subtractedValue) external returns (bool) {
        uint256 current = allowances[msg.sender][spender];
        require(current >= subtractedValue, "ERC20: decreased allowance below zero");
        _approve(msg.sender, spender, current - subtractedValue);
        return true;
    }

    function DOMAIN_SEPARATOR() public view returns (bytes32) {
        return keccak256(abi.encode(TYPE_HASH, keccak256("Wrapped liquid staked Ether 2.0"), keccak256("1"), block.chainid, address(this)));
    }

    function nonces(address owner) external view returns (uint256) {
        return permitNonces[owner];
    }

    function permit(address owner, address spender, uint256 value, uint256 deadline, uint8 v, bytes32 r, bytes32 s) external {
        require(block.timestamp <= deadline, "ERC20Permit: expired deadline");
        bytes32 structHash = keccak256(abi.encode(PERMIT_TYPEHASH, owner, spender, value, permitNonces[owner], deadline));
        bytes32 hash = keccak256(abi.encodePacked("\x19\x01", DOMAIN_SEPARATOR(), structHash));
        require(uint256(s) <= 0x7FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF5D576E7357A4501DDFE92F46681B20A0, "ECDSA: invalid signature 's' value");
        require(v == 27 || v == 28, "ECDSA: invalid signature 'v' value");
        address signer = ecrecover(hash, v, r, s);
        require(signer != address(0), "ECDSA: invalid signature");
        require(signer == owner, "ERC20Permit: invalid signature");
        permitNonces[owner]++;
        _approve(owner, spender, value);
    }

    function _transfer(address sender, address recipient, uint256 amount) internal {
        require(sender != address(0), "ERC20: transfer from the zero address");
        require(recipient != address(0), "ERC20: transfer to the zero address");
        uint256 bal = balances[sender];
        require(bal >= amount, "ERC20: transfer amount exceeds balance");
        balances[sender] = bal - amount;
        balances[recipient] += amount;
        emit Transfer(sender, recipient, amount);
    }

    function _mint(address account, uint256 amount) internal {
        require(account != address(0), "ERC20: mint to the zero address");
        supply += amount;
        balances[account] += amount;
        emit Transfer(address(0), account, amount);
    }

    function _burn(address account, uint256 amount) internal {
        require(account != address(0), "ERC20: burn from the zero address");
        uint256 bal = balances[account];
        require(bal >= amount, "ERC20: burn amount exceeds balance");
        balances[account] = bal - amount;
        supply -= amount;
        emit Transfer(account, address(0), amount);
    }

    function _approve(address owner, address spender, uint256 amount) internal {
        require(owner != address(0), "ERC20: approve from the zero address");
        require(spender != address(0), "ERC20: approve to the zero address");
        allowances[owner][spender] = amount;
        emit Approval(owner, spender, amount);
    }
}
