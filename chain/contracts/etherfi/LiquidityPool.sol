// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import "./EtherFiCommon.sol";

/// ether.fi LiquidityPool replica (mainnet 0x308861A430be4cce5502d0A12724771Fc6DaF216).
/// P = totalValueOutOfLp + totalValueInLp; eETH shares S live in the eETH replica. Share math per etherfi.md §4.
contract LiquidityPool is EtherFiPausable {
    enum SourceOfFunds { UNDEFINED, EETH, ETHER_FAN, DELEGATED_STAKING }

    uint256 public constant MAX_POSITIVE_REBASE_BPS = 25;
    uint256 public constant SHARE_UNIT = 1e18;

    IEtherFiEETH public eETH;
    IEtherFiWithdrawRequestNFT public withdrawRequestNFT;
    address public etherFiRedemptionManager;
    address public liquifier;
    address public priorityWithdrawalQueue;
    IEtherFiBlacklister public blacklister;
    address public membershipManager;
    address public feeRecipient;

    uint128 public totalValueOutOfLp;
    uint128 public totalValueInLp;
    uint256 public minWithdrawAmount;
    uint256 public maxWithdrawAmount;
    uint256 public validatorSizeWei;

    event Deposit(address indexed sender, uint256 amount, SourceOfFunds source, address referral);
    event Withdraw(address indexed sender, address recipient, uint256 amount, SourceOfFunds source);
    event Rebase(uint256 totalEthLocked, uint256 totalEEthShares);
    event ProtocolFeePaid(uint128 protocolFees);
    event MinWithdrawAmountSet(uint256 minWithdrawAmount);
    event MaxWithdrawAmountSet(uint256 maxWithdrawAmount);
    event UpdatedFeeRecipient(address newFeeRecipient);

    error InvalidAmount();
    error InvalidShareAmount();
    error InvalidWithdrawalAmount();
    error EETHRateDeflation();
    error InsufficientLiquidity();
    error RebaseExceedsPositiveCap();
    error SendFail();

    /// Devnet-only initialiser (the real `initialize()` takes no arguments and is not part of this replica).
    function devnetInitialize(
        address owner_,
        address eETH_,
        address withdrawRequestNFT_,
        address redemptionManager_,
        address liquifier_,
        address blacklister_,
        address feeRecipient_
    ) external {
        _initOwner(owner_, 1 days);
        eETH = IEtherFiEETH(eETH_);
        withdrawRequestNFT = IEtherFiWithdrawRequestNFT(withdrawRequestNFT_);
        etherFiRedemptionManager = redemptionManager_;
        liquifier = liquifier_;
        blacklister = IEtherFiBlacklister(blacklister_);
        feeRecipient = feeRecipient_;
        minWithdrawAmount = 0.001 ether;
        maxWithdrawAmount = 1000 ether;
        validatorSizeWei = 32 ether;
    }

    // ---------------------------------------------------------------- views

    function getTotalPooledEther() public view returns (uint256) {
        return uint256(totalValueOutOfLp) + uint256(totalValueInLp);
    }

    function sharesForAmount(uint256 _amount) public view returns (uint256) {
        uint256 pooled = getTotalPooledEther();
        if (pooled == 0) return 0;
        return _amount * eETH.totalShares() / pooled;
    }

    function sharesForWithdrawalAmount(uint256 _amount) public view returns (uint256) {
        uint256 pooled = getTotalPooledEther();
        if (pooled == 0) return 0;
        return _ceilDiv(_amount * eETH.totalShares(), pooled);
    }

    function amountForShare(uint256 _share) public view returns (uint256) {
        uint256 total = eETH.totalShares();
        if (total == 0) return 0;
        return _share * getTotalPooledEther() / total;
    }

    function amountPerShareCeil() public view returns (uint256) {
        uint256 total = eETH.totalShares();
        if (total == 0) return 0;
        return _ceilDiv(SHARE_UNIT * getTotalPooledEther(), total);
    }

    function getTotalEtherClaimOf(address _user) external view returns (uint256) {
        uint256 total = eETH.totalShares();
        if (total == 0) return 0;
        return getTotalPooledEther() * eETH.shares(_user) / total;
    }

    function etherFiAdminContract() external view returns (address) {
        return devnetOwner;
    }

    function escrowMigrationCompleted() external view returns (bool) {
        return devnetInitialized;
    }

    // ---------------------------------------------------------------- deposits

    function deposit() external payable nonReentrant whenNotPaused returns (uint256) {
        blacklister.nonBlacklisted(msg.sender);
        return _deposit(msg.sender, msg.value, address(0));
    }

    function deposit(address _referral) external payable nonReentrant whenNotPaused returns (uint256) {
        blacklister.nonBlacklisted(msg.sender);
        return _deposit(msg.sender, msg.value, _referral);
    }

    function deposit(address _user, address _referral) external payable nonReentrant whenNotPaused returns (uint256) {
        if (msg.sender != membershipManager || membershipManager == address(0)) revert IncorrectCaller();
        blacklister.nonBlacklisted(_user);
        return _deposit(_user, msg.value, _referral);
    }

    /// Liquifier path: eETH minted against value held outside the pool (stETH at the restaker).
    function depositToRecipient(address _recipient, uint256 _amount, address _referral) external nonReentrant whenNotPaused returns (uint256) {
        if (msg.sender != liquifier && msg.sender != devnetOwner) revert IncorrectCaller();
        blacklister.nonBlacklisted(_recipient);
        if (_amount == 0 || _amount > type(uint128).max) revert InvalidAmount();
        uint256 oldPooled = getTotalPooledEther();
        uint256 oldShares = eETH.totalShares();
        uint256 share = oldPooled == 0 ? _amount : _amount * oldShares / oldPooled;
        if (share == 0) revert InvalidAmount();
        totalValueOutOfLp += uint128(_amount);
        eETH.mintShares(_recipient, share);
        _checkNoDeflation(oldPooled, oldShares);
        emit Deposit(_recipient, _amount, SourceOfFunds.EETH, _referral);
        return share;
    }

    function _deposit(address _user, uint256 _amount, address _referral) internal returns (uint256) {
        if (_amount == 0 || _amount > type(uint128).max) revert InvalidAmount();
        uint256 oldPooled = getTotalPooledEther();
        uint256 oldShares = eETH.totalShares();
        // Shares are priced with the pool value before this deposit.
        uint256 share = oldPooled == 0 ? _amount : _amount * oldShares / oldPooled;
        if (share == 0) revert InvalidAmount();
        totalValueInLp += uint128(_amount);
        eETH.mintShares(_user, share);
        _checkNoDeflation(oldPooled, oldShares);
        emit Deposit(_user, _amount, SourceOfFunds.EETH, _referral);
        return share;
    }

    function _checkNoDeflation(uint256 oldPooled, uint256 oldShares) internal view {
        if (oldShares == 0) return;
        // new P / new S >= old P / old S
        if (getTotalPooledEther() * oldShares < oldPooled * eETH.totalShares()) revert EETHRateDeflation();
    }

    // ---------------------------------------------------------------- withdrawal requests

    function requestWithdraw(address recipient, uint256 amount) external nonReentrant whenNotPaused returns (uint256) {
        return _requestWithdraw(recipient, amount);
    }

    function requestWithdrawWithPermit(address _owner, uint256 _amount, EtherFiPermitInput calldata _permit)
        external nonReentrant whenNotPaused returns (uint256)
    {
        try eETH.permit(msg.sender, address(this), _permit.value, _permit.deadline, _permit.v, _permit.r, _permit.s) {} catch {}
        return _requestWithdraw(_owner, _amount);
    }

    function _requestWithdraw(address recipient, uint256 amount) internal returns (uint256) {
        blacklister.nonBlacklisted(msg.sender);
        blacklister.nonBlacklisted(recipient);
        if (amount == 0 || amount < minWithdrawAmount || amount > maxWithdrawAmount) revert InvalidWithdrawalAmount();
        uint256 share = sharesForAmount(amount);
        if (share == 0 || amount > type(uint96).max || share > type(uint96).max) revert InvalidShareAmount();
        eETH.transferFrom(msg.sender, address(withdrawRequestNFT), amount);
        uint256 requestId = withdrawRequestNFT.requestWithdraw(uint96(amount), uint96(share), recipient);
        emit Withdraw(msg.sender, recipient, amount, SourceOfFunds.EETH);
        return requestId;
    }

    // ---------------------------------------------------------------- protocol-internal withdrawals

    /// Instant redemption: burns ceil shares from the caller (RedemptionManager) and pays ETH from the pool.
    function withdraw(address _recipient, uint256 _amount) external returns (uint256) {
        if (msg.sender != etherFiRedemptionManager && msg.sender != priorityWithdrawalQueue) revert IncorrectCaller();
        uint256 share = sharesForWithdrawalAmount(_amount);
        if (_amount == 0 || share == 0) revert InvalidAmount();
        if (totalValueInLp < _amount) revert InsufficientLiquidity();
        totalValueInLp -= uint128(_amount);
        eETH.burnShares(msg.sender, share);
        (bool ok, ) = _recipient.call{value: _amount}("");
        if (!ok) revert SendFail();
        return share;
    }

    /// Claim of a finalised request: the ETH already sits in the WithdrawRequestNFT escrow (booked out of LP).
    function withdraw(uint256 _amount, uint256 _share) external {
        if (msg.sender != address(withdrawRequestNFT)) revert IncorrectCaller();
        if (_share == 0) revert InvalidAmount();
        totalValueOutOfLp -= uint128(_amount);
        eETH.burnShares(msg.sender, _share);
    }

    /// Moves escrow for newly finalised requests from the pool to the WithdrawRequestNFT (P unchanged).
    function addEthAmountLockedForWithdrawal(uint128 _amount) external {
        if (msg.sender != address(withdrawRequestNFT)) revert IncorrectCaller();
        if (totalValueInLp < _amount) revert InsufficientLiquidity();
        totalValueInLp -= _amount;
        totalValueOutOfLp += _amount;
        (bool ok, ) = address(withdrawRequestNFT).call{value: _amount}("");
        if (!ok) revert SendFail();
    }

    /// Burns eETH shares held by the RedemptionManager (exit fee to stakers).
    function burnEEthShares(uint256 shares) external {
        if (msg.sender != etherFiRedemptionManager && msg.sender != priorityWithdrawalQueue) revert IncorrectCaller();
        eETH.burnShares(msg.sender, shares);
    }

    // ---------------------------------------------------------------- oracle / admin

    function rebase(int128 _accruedRewards, uint128 _protocolFees) external onlyDevnetOwner {
        uint256 pooled = getTotalPooledEther();
        if (_accruedRewards > 0 && uint256(int256(_accruedRewards)) * 10000 > pooled * MAX_POSITIVE_REBASE_BPS) {
            revert RebaseExceedsPositiveCap();
        }
        _applyRebase(_accruedRewards, _protocolFees);
    }

    function _applyRebase(int128 _accruedRewards, uint128 _protocolFees) internal {
        totalValueOutOfLp = uint128(int128(totalValueOutOfLp) + _accruedRewards);
        if (_protocolFees > 0) {
            // The fee is part of the accrued rewards: mint the fee recipient shares worth exactly the fee.
            uint256 pooled = getTotalPooledEther();
            uint256 share = uint256(_protocolFees) * eETH.totalShares() / (pooled - _protocolFees);
            eETH.mintShares(feeRecipient, share);
            emit ProtocolFeePaid(_protocolFees);
        }
        emit Rebase(getTotalPooledEther(), eETH.totalShares());
    }

    function setMinWithdrawAmount(uint256 _minWithdrawAmount) external onlyDevnetOwner {
        minWithdrawAmount = _minWithdrawAmount;
        emit MinWithdrawAmountSet(_minWithdrawAmount);
    }

    function setMaxWithdrawAmount(uint256 _maxWithdrawAmount) external onlyDevnetOwner {
        maxWithdrawAmount = _maxWithdrawAmount;
        emit MaxWithdrawAmountSet(_maxWithdrawAmount);
    }

    function setFeeRecipient(address _feeRecipient) external onlyDevnetOwner {
        feeRecipient = _feeRecipient;
        emit UpdatedFeeRecipient(_feeRecipient);
    }

    // ---------------------------------------------------------------- devnet helpers (admin only)

    /// Devnet-only oracle report: P grows by floor(P * aprBasisPoints * elapsedSeconds / (10000 * 365 days)),
    /// booked to totalValueOutOfLp (validator rewards); emits the real Rebase event. Not capped at 0.25%.
    function devnetRebase(uint256 aprBasisPoints, uint256 elapsedSeconds) external onlyDevnetOwner returns (uint256 rewards) {
        rewards = getTotalPooledEther() * aprBasisPoints * elapsedSeconds / (10000 * 365 days);
        _applyRebase(int128(int256(rewards)), 0);
    }

    /// Devnet-only: sets the pool's two value buckets directly (book-keeping only; fund ETH with anvil_setBalance).
    function devnetSetPoolValues(uint128 inLp, uint128 outOfLp) external onlyDevnetOwner {
        totalValueInLp = inLp;
        totalValueOutOfLp = outOfLp;
        emit Rebase(getTotalPooledEther(), eETH.totalShares());
    }

    /// Devnet-only: mints `share` eETH shares to `to` without ETH (bootstraps the pre-existing holder base).
    function devnetMintShares(address to, uint256 share) external onlyDevnetOwner {
        eETH.mintShares(to, share);
    }

    /// Devnet-only: sets the contract allowed to call the PriorityWithdrawalQueue/membership entry points.
    function devnetSetMembershipManager(address manager) external onlyDevnetOwner {
        membershipManager = manager;
    }

    /// Plain ETH is booked as returning protocol ETH (decrements totalValueOutOfLp), never a deposit.
    receive() external payable {
        if (msg.value > totalValueOutOfLp) revert InvalidAmount();
        totalValueOutOfLp -= uint128(msg.value);
        totalValueInLp += uint128(msg.value);
    }

    function _ceilDiv(uint256 a, uint256 b) internal pure returns (uint256) {
        return a == 0 ? 0 : (a - 1) / b + 1;
    }
}
