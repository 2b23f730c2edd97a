// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import "./EtherFiCommon.sol";

/// ether.fi eETH replica (mainnet 0x35fA164735182de50811E8e2E824cFb9B6118ac2): rebasing balance over shares,
/// balanceOf = floor(P * shares / S); transfers move sharesForAmount(amount) shares.
contract EETH is EtherFiPausable {
    bytes32 public constant EETH_MINT_LIMIT_ID = 0xcc0f998d0366c7f31f40808a6c491ccd6963d72e35b41552ee1dc291920ad683;
    bytes32 public constant EETH_BURN_LIMIT_ID = 0x31f08af9e3989e3dfc1bd83bcdc0b63dc1946a46e598156f6fe782a61dab3ebd;
    bytes32 private constant PERMIT_TYPEHASH = 0x6e71edae12b1b97f4d1f60370fef10105fa2faae0126114a169c64845d6126c9;
    uint256 private constant HALF_ORDER = 0x7FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF5D576E7357A4501DDFE92F46681B20A0;

    IEtherFiPool public liquidityPool;
    IEtherFiRateLimiter public rateLimiter;
    IEtherFiBlacklister public blacklister;
    address public weETHContract;

    uint256 public totalShares;
    mapping(address => uint256) public shares;
    mapping(address => mapping(address => uint256)) public allowances;
    mapping(address => uint256) private nonceOf;
    bytes32 private domainSeparator;

    event Transfer(address indexed from, address indexed to, uint256 value);
    event Approval(address indexed owner, address indexed spender, uint256 value);
    event TransferShares(address indexed from, address indexed to, uint256 sharesValue);

    error AddressZero();
    error AllowanceBelowZero();
    error BurnAmountExceedsBalance();
    error ExpiredDeadline();
    error InvalidSignature();
    error TransferAmountExceedsAllowance();
    error TransferAmountExceedsBalance();

    /// Deploy-time stand-in for the real constructor + `initialize()`. Runs once.
    function devnetInitialize(address liquidityPool_, address rateLimiter_, address blacklister_, address weETH_) external {
        _initOnce(8 hours);
        liquidityPool = IEtherFiPool(liquidityPool_);
        rateLimiter = IEtherFiRateLimiter(rateLimiter_);
        blacklister = IEtherFiBlacklister(blacklister_);
        weETHContract = weETH_;
        domainSeparator = keccak256(abi.encode(
            keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)"),
            keccak256(bytes("EETH")), keccak256(bytes("1")), block.chainid, address(this)));
    }

    function name() public pure returns (string memory) { return "ether.fi ETH"; }
    function symbol() public pure returns (string memory) { return "eETH"; }
    function decimals() public pure returns (uint8) { return 18; }

    function totalSupply() public view returns (uint256) {
        return liquidityPool.getTotalPooledEther();
    }

    function balanceOf(address _user) public view returns (uint256) {
        if (totalShares == 0) return 0;
        return liquidityPool.getTotalPooledEther() * shares[_user] / totalShares;
    }

    function allowance(address _owner, address _spender) public view returns (uint256) {
        return allowances[_owner][_spender];
    }

    function nonces(address owner) public view returns (uint256) {
        return nonceOf[owner];
    }

    function DOMAIN_SEPARATOR() public view returns (bytes32) {
        return domainSeparator;
    }

    // ---------------------------------------------------------------- ERC-20

    function transfer(address _recipient, uint256 _amount) external returns (bool) {
        _transfer(msg.sender, _recipient, _amount);
        return true;
    }

    function transferFrom(address _sender, address _recipient, uint256 _amount) external returns (bool) {
        uint256 current = allowances[_sender][msg.sender];
        if (current < _amount) revert TransferAmountExceedsAllowance();
        // The allowance (and its Approval event) is updated before the transfer.
        unchecked { _approve(_sender, msg.sender, current - _amount); }
        _transfer(_sender, _recipient, _amount);
        return true;
    }

    function approve(address _spender, uint256 _amount) external returns (bool) {
        _approve(msg.sender, _spender, _amount);
        return true;
    }

    function increaseAllowance(address _spender, uint256 _increaseAmount) external returns (bool) {
        _approve(msg.sender, _spender, allowances[msg.sender][_spender] + _increaseAmount);
        return true;
    }

    function decreaseAllowance(address _spender, uint256 _decreaseAmount) external returns (bool) {
        uint256 current = allowances[msg.sender][_spender];
        if (current < _decreaseAmount) revert AllowanceBelowZero();
        unchecked { _approve(msg.sender, _spender, current - _decreaseAmount); }
        return true;
    }

    function permit(address owner, address spender, uint256 value, uint256 deadline, uint8 v, bytes32 r, bytes32 s) external {
        if (deadline < block.timestamp) revert ExpiredDeadline();
        bytes32 structHash = keccak256(abi.encode(PERMIT_TYPEHASH, owner, spender, value, nonceOf[owner]++, deadline));
        bytes32 digest = keccak256(abi.encodePacked("\x19\x01", domainSeparator, structHash));
        // OpenZeppelin 4.8 ECDSA.recover: malformed signatures revert with its strings before the owner check.
        require(uint256(s) <= HALF_ORDER, "ECDSA: invalid signature 's' value");
        address signer = ecrecover(digest, v, r, s);
        require(signer != address(0), "ECDSA: invalid signature");
        if (signer != owner) revert InvalidSignature();
        _approve(owner, spender, value);
    }

    function _approve(address _owner, address _spender, uint256 _amount) internal {
        if (_owner == address(0) || _spender == address(0)) revert AddressZero();
        allowances[_owner][_spender] = _amount;
        emit Approval(_owner, _spender, _amount);
    }

    function _transfer(address _sender, address _recipient, uint256 _amount) internal whenNotPaused {
        blacklister.nonBlacklisted(_sender);
        blacklister.nonBlacklisted(_recipient);
        blacklister.nonBlacklisted(msg.sender);
        if (_sender == address(0) || _recipient == address(0)) revert AddressZero();
        uint256 share = liquidityPool.sharesForAmount(_amount);
        if (shares[_sender] < share) revert TransferAmountExceedsBalance();
        unchecked { shares[_sender] -= share; }
        shares[_recipient] += share;
        emit TransferShares(_sender, _recipient, share);
        emit Transfer(_sender, _recipient, _amount);
    }

    /// eETH/weETH transfers are paused by a super guardian (stricter than the guardian of the other contracts).
    function pauseUntil() external override onlySuperGuardian {
        _pauseUntil();
    }

    // ---------------------------------------------------------------- pool-only mint / burn

    /// The Transfer value is priced after the share supply changed: amountForShare(_share) with the new S.
    function mintShares(address _user, uint256 _share) external whenNotPaused {
        if (msg.sender != address(liquidityPool)) revert IncorrectCaller();
        blacklister.nonBlacklisted(_user);
        shares[_user] += _share;
        totalShares += _share;
        uint256 amount = liquidityPool.amountForShare(_share);
        rateLimiter.consumeToken(EETH_MINT_LIMIT_ID, _toGwei(amount));
        emit Transfer(address(0), _user, amount);
        emit TransferShares(address(0), _user, _share);
    }

    function burnShares(address _user, uint256 _share) external whenNotPaused {
        if (msg.sender != address(liquidityPool)) revert IncorrectCaller();
        blacklister.nonBlacklisted(_user);
        if (shares[_user] < _share) revert BurnAmountExceedsBalance();
        shares[_user] -= _share;
        totalShares -= _share;
        uint256 amount = liquidityPool.amountForShare(_share);
        rateLimiter.consumeToken(EETH_BURN_LIMIT_ID, _toGwei(amount));
        emit Transfer(_user, address(0), amount);
        emit TransferShares(_user, address(0), _share);
    }

    function _toGwei(uint256 amountWei) internal pure returns (uint64) {
        return uint64((amountWei + 1e9 - 1) / 1e9);
    }
}
