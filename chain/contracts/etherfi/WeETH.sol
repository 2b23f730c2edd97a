// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import "./EtherFiCommon.sol";

/// ether.fi weETH replica (mainnet 0xCd5fE23C85820F7B72D0926FC9b05b43E359b7ee): non-rebasing wrapper,
/// 1 weETH = 1 eETH share. ERC-20/permit behave like OpenZeppelin 4.8 (string reverts).
contract WeETH is EtherFiPausable {
    bytes32 private constant PERMIT_TYPEHASH = 0x6e71edae12b1b97f4d1f60370fef10105fa2faae0126114a169c64845d6126c9;
    uint256 private constant HALF_ORDER = 0x7FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF5D576E7357A4501DDFE92F46681B20A0;

    IEtherFiEETH public eETH;
    IEtherFiPool public liquidityPool;
    IEtherFiBlacklister public blacklister;

    uint256 public totalSupply;
    mapping(address => uint256) private balances;
    mapping(address => mapping(address => uint256)) private allowed;
    mapping(address => uint256) private nonceOf;
    bytes32 private domainSeparator;

    event Transfer(address indexed from, address indexed to, uint256 value);
    event Approval(address indexed owner, address indexed spender, uint256 value);

    error ZeroAmount();
    error ZeroAddress();
    error WeETHUnderbacked(uint256 weETHSupply, uint256 proxyShares);

    /// Devnet-only initialiser (the real `initialize()` takes no arguments).
    function devnetInitialize(address eETH_, address liquidityPool_, address blacklister_) external {
        _initOnce(8 hours);
        eETH = IEtherFiEETH(eETH_);
        liquidityPool = IEtherFiPool(liquidityPool_);
        blacklister = IEtherFiBlacklister(blacklister_);
        domainSeparator = keccak256(abi.encode(
            keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)"),
            keccak256(bytes("Wrapped eETH")), keccak256(bytes("1")), block.chainid, address(this)));
    }

    function name() public view returns (string memory) { return "Wrapped eETH"; }
    function symbol() public view returns (string memory) { return "weETH"; }
    function decimals() public view returns (uint8) { return 18; }

    function balanceOf(address account) public view returns (uint256) { return balances[account]; }
    function allowance(address owner, address spender) public view returns (uint256) { return allowed[owner][spender]; }
    function nonces(address owner) public view returns (uint256) { return nonceOf[owner]; }
    function DOMAIN_SEPARATOR() public view returns (bytes32) { return domainSeparator; }

    // ---------------------------------------------------------------- wrap / unwrap

    function wrap(uint256 _eETHAmount) public returns (uint256) {
        if (_eETHAmount == 0) revert ZeroAmount();
        uint256 weETHAmount = liquidityPool.sharesForAmount(_eETHAmount);
        eETH.transferFrom(msg.sender, address(this), _eETHAmount);
        _mint(msg.sender, weETHAmount);
        _checkBacking();
        return weETHAmount;
    }

    function wrapWithPermit(uint256 _eETHAmount, EtherFiPermitInput calldata _permit) external returns (uint256) {
        try eETH.permit(msg.sender, address(this), _permit.value, _permit.deadline, _permit.v, _permit.r, _permit.s) {} catch {}
        return wrap(_eETHAmount);
    }

    function unwrap(uint256 _weETHAmount) external returns (uint256) {
        if (_weETHAmount == 0) revert ZeroAmount();
        uint256 eETHAmount = liquidityPool.amountForShare(_weETHAmount);
        _burn(msg.sender, _weETHAmount);
        eETH.transfer(msg.sender, eETHAmount);
        _checkBacking();
        return eETHAmount;
    }

    function _checkBacking() internal view {
        uint256 proxyShares = eETH.shares(address(this));
        if (totalSupply > proxyShares) revert WeETHUnderbacked(totalSupply, proxyShares);
    }

    function getRate() external view returns (uint256) { return liquidityPool.amountForShare(1 ether); }
    function getWeETHByeETH(uint256 _eETHAmount) external view returns (uint256) { return liquidityPool.sharesForAmount(_eETHAmount); }
    function getEETHByWeETH(uint256 _weETHAmount) external view returns (uint256) { return liquidityPool.amountForShare(_weETHAmount); }

    // ---------------------------------------------------------------- ERC-20 (OZ 4.8 semantics)

    function transfer(address to, uint256 amount) external returns (bool) {
        _transfer(msg.sender, to, amount);
        return true;
    }

    function transferFrom(address from, address to, uint256 amount) external returns (bool) {
        _spendAllowance(from, msg.sender, amount);
        _transfer(from, to, amount);
        return true;
    }

    function approve(address spender, uint256 amount) external returns (bool) {
        _approve(msg.sender, spender, amount);
        return true;
    }

    function increaseAllowance(address spender, uint256 addedValue) external returns (bool) {
        _approve(msg.sender, spender, allowed[msg.sender][spender] + addedValue);
        return true;
    }

    function decreaseAllowance(address spender, uint256 subtractedValue) external returns (bool) {
        uint256 current = allowed[msg.sender][spender];
        require(current >= subtractedValue, "ERC20: decreased allowance below zero");
        unchecked { _approve(msg.sender, spender, current - subtractedValue); }
        return true;
    }

    function permit(address owner, address spender, uint256 value, uint256 deadline, uint8 v, bytes32 r, bytes32 s) external {
        require(block.timestamp <= deadline, "ERC20Permit: expired deadline");
        bytes32 structHash = keccak256(abi.encode(PERMIT_TYPEHASH, owner, spender, value, nonceOf[owner]++, deadline));
        bytes32 digest = keccak256(abi.encodePacked("\x19\x01", domainSeparator, structHash));
        require(uint256(s) <= HALF_ORDER, "ECDSA: invalid signature 's' value");
        address signer = ecrecover(digest, v, r, s);
        require(signer != address(0), "ECDSA: invalid signature");
        require(signer == owner, "ERC20Permit: invalid signature");
        _approve(owner, spender, value);
    }

    function _beforeTokenTransfer(address from, address to) internal view {
        _requireNotPaused();
        blacklister.nonBlacklisted(msg.sender);
        if (from != address(0)) blacklister.nonBlacklisted(from);
        if (to != address(0)) blacklister.nonBlacklisted(to);
    }

    function _transfer(address from, address to, uint256 amount) internal {
        require(from != address(0), "ERC20: transfer from the zero address");
        require(to != address(0), "ERC20: transfer to the zero address");
        _beforeTokenTransfer(from, to);
        uint256 fromBalance = balances[from];
        require(fromBalance >= amount, "ERC20: transfer amount exceeds balance");
        unchecked { balances[from] = fromBalance - amount; balances[to] += amount; }
        emit Transfer(from, to, amount);
    }

    function _mint(address account, uint256 amount) internal {
        require(account != address(0), "ERC20: mint to the zero address");
        _beforeTokenTransfer(address(0), account);
        totalSupply += amount;
        unchecked { balances[account] += amount; }
        emit Transfer(address(0), account, amount);
    }

    function _burn(address account, uint256 amount) internal {
        require(account != address(0), "ERC20: burn from the zero address");
        _beforeTokenTransfer(account, address(0));
        uint256 accountBalance = balances[account];
        require(accountBalance >= amount, "ERC20: burn amount exceeds balance");
        unchecked { balances[account] = accountBalance - amount; totalSupply -= amount; }
        emit Transfer(account, address(0), amount);
    }

    function _approve(address owner, address spender, uint256 amount) internal {
        require(owner != address(0), "ERC20: approve from the zero address");
        require(spender != address(0), "ERC20: approve to the zero address");
        allowed[owner][spender] = amount;
        emit Approval(owner, spender, amount);
    }

    function _spendAllowance(address owner, address spender, uint256 amount) internal {
        uint256 current = allowed[owner][spender];
        if (current != type(uint256).max) {
            require(current >= amount, "ERC20: insufficient allowance");
            unchecked { _approve(owner, spender, current - amount); }
        }
    }

    /// Deploy-time stand-in for the existing weETH holder base: mints weETH backed by eETH shares this contract
    /// already holds. Only while no weETH exists yet.
    function devnetInitializeHolders(address to, uint256 amount) external {
        if (!devnetInitialized || totalSupply != 0) revert ZeroAmount();
        _mint(to, amount);
        _checkBacking();
    }

    /// weETH transfers are paused by a super guardian.
    function pauseUntil() external override onlySuperGuardian {
        _pauseUntil();
    }
}
