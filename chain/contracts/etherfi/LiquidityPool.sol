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
    address public etherFiAdminContract;

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
    error MigrationNotComplete();

    /// Deploy-time stand-in for the real deployment (constructor immutables + initialize + the pool's history): wires
    /// the contracts and books the pool's starting value (fund the ETH in the pool with anvil_setBalance). Runs once.
    function devnetInitialize(
        address eETH_,
        address withdrawRequestNFT_,
        address redemptionManager_,
        address liquifier_,
        address blacklister_,
        address feeRecipient_,
        address etherFiAdmin_,
        uint128 totalValueInLp_,
        uint128 totalValueOutOfLp_
    ) external {
        _initOnce(1 days);
        eETH = IEtherFiEETH(eETH_);
        withdrawRequestNFT = IEtherFiWithdrawRequestNFT(withdrawRequestNFT_);
        etherFiRedemptionManager = redemptionManager_;
        liquifier = liquifier_;
        blacklister = IEtherFiBlacklister(blacklister_);
        feeRecipient = feeRecipient_;
        etherFiAdminContract = etherFiAdmin_;
        minWithdrawAmount = 0.001 ether;
        maxWithdrawAmount = 1000 ether;
        validatorSizeWei = 32 ether;
        totalValueInLp = totalValueInLp_;
        totalValueOutOfLp = totalValueOutOfLp_;
    }

    /// Deploy-time stand-in for the holder base that mainnet built over years: mints their eETH shares against the
    /// value booked by devnetInitialize. Only while no share exists yet.
    function devnetInitializeHolders(address[] calldata holders, uint256[] calldata shareAmounts) external {
        if (!devnetInitialized || eETH.totalShares() != 0) revert IncorrectCaller();
        for (uint256 i = 0; i < holders.length; i++) eETH.mintShares(holders[i], shareAmounts[i]);
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

    function escrowMigrationCompleted() external view returns (bool) {
        return devnetInitialized;
    }


    // ---------------------------------------------------------------- deposits

    function deposit() external payable returns (uint256) {
        return deposit(address(0));
    }

    function deposit(address _referral) public payable nonReentrant whenNotPaused returns (uint256) {
        blacklister.nonBlacklisted(msg.sender);
        emit Deposit(msg.sender, msg.value, SourceOfFunds.EETH, _referral);
        return _deposit(msg.sender, msg.value, 0);
    }

    /// ether.fan path (MembershipManager only): the manager itself receives the shares.
    function deposit(address _user, address _referral) external payable nonReentrant whenNotPaused returns (uint256) {
        if (msg.sender != membershipManager || membershipManager == address(0)) revert IncorrectCaller();
        blacklister.nonBlacklisted(_user);
        emit Deposit(msg.sender, msg.value, SourceOfFunds.ETHER_FAN, _referral);
        return _deposit(msg.sender, msg.value, 0);
    }

    /// Liquifier deposits and protocol fees: eETH minted against value held outside the pool.
    function depositToRecipient(address _recipient, uint256 _amount, address _referral) public nonReentrant whenNotPaused returns (uint256) {
        if (msg.sender != liquifier && msg.sender != etherFiAdminContract) revert IncorrectCaller();
        return _depositToRecipient(_recipient, _amount, _referral);
    }

    function _depositToRecipient(address _recipient, uint256 _amount, address _referral) internal returns (uint256) {
        blacklister.nonBlacklisted(_recipient);
        emit Deposit(_recipient, _amount, SourceOfFunds.EETH, _referral);
        return _deposit(_recipient, 0, _amount);
    }

    function _deposit(address _recipient, uint256 _amountInLp, uint256 _amountOutOfLp) internal returns (uint256) {
        (uint256 p0, uint256 s0) = (getTotalPooledEther(), eETH.totalShares());
        uint256 amount = _amountInLp + _amountOutOfLp;
        if (amount > type(uint128).max || amount == 0) revert InvalidAmount();
        totalValueInLp += uint128(_amountInLp);
        totalValueOutOfLp += uint128(_amountOutOfLp);
        // Shares are priced with the pool value before this deposit.
        uint256 share = p0 == 0 ? amount : amount * s0 / p0;
        if (share == 0) revert InvalidAmount();
        eETH.mintShares(_recipient, share);
        _checkTotalValueInLp();
        _checkRateNonDec(p0, s0);
        return share;
    }

    function _checkRateNonDec(uint256 p0, uint256 s0) internal view {
        uint256 s1 = eETH.totalShares();
        if (s0 != 0 && s1 != 0 && getTotalPooledEther() * s0 < p0 * s1) revert EETHRateDeflation();
    }

    function _checkTotalValueInLp() internal view {
        if (totalValueInLp > address(this).balance) revert InsufficientLiquidity();
    }

    // ---------------------------------------------------------------- withdrawal requests

    function requestWithdraw(address recipient, uint256 amount) public nonReentrant whenNotPaused returns (uint256) {
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

    function requestWithdrawWithPermit(address _owner, uint256 _amount, EtherFiPermitInput calldata _permit) external returns (uint256) {
        try eETH.permit(msg.sender, address(this), _permit.value, _permit.deadline, _permit.v, _permit.r, _permit.s) {} catch {}
        return requestWithdraw(_owner, _amount);
    }

    // ---------------------------------------------------------------- protocol-internal withdrawals

    /// Instant redemption: burns ceil shares from the caller (RedemptionManager) and pays ETH from the pool.
    function withdraw(address _recipient, uint256 _amount) external nonReentrant whenNotPaused returns (uint256) {
        if (msg.sender != membershipManager && msg.sender != etherFiRedemptionManager) revert IncorrectCaller();
        (uint256 p0, uint256 s0) = (getTotalPooledEther(), eETH.totalShares());
        uint256 share = sharesForWithdrawalAmount(_amount);
        if (eETH.balanceOf(msg.sender) < _amount) revert InsufficientLiquidity();
        if (_amount > type(uint128).max || _amount == 0 || share == 0) revert InvalidAmount();
        if (totalValueInLp < _amount) revert InsufficientLiquidity();
        totalValueInLp -= uint128(_amount);
        eETH.burnShares(msg.sender, share);
        _sendFund(_recipient, _amount);
        _checkTotalValueInLp();
        _checkRateNonDec(p0, s0);
        return share;
    }

    /// Claim of a finalised request: the ETH already sits in the WithdrawRequestNFT escrow (booked out of LP).
    function withdraw(uint256 _amount, uint256 _share) external nonReentrant {
        if (msg.sender != address(withdrawRequestNFT) && msg.sender != priorityWithdrawalQueue) revert IncorrectCaller();
        if (_amount > type(uint128).max || _amount == 0 || _share == 0) revert InvalidAmount();
        totalValueOutOfLp -= uint128(_amount);
        eETH.burnShares(msg.sender, _share);
    }

    /// Moves escrow for finalised requests from the pool to the WithdrawRequestNFT (P unchanged). EtherFiAdmin calls it
    /// with the nominal sum of the newly finalised requests; the NFT contract when a finalised request is re-validated.
    function addEthAmountLockedForWithdrawal(uint128 _amount) external {
        if (msg.sender != etherFiAdminContract && msg.sender != address(withdrawRequestNFT)) revert IncorrectCaller();
        if (!devnetInitialized) revert MigrationNotComplete();
        if (totalValueInLp < _amount) revert InsufficientLiquidity();
        totalValueInLp -= _amount;
        totalValueOutOfLp += _amount;
        _sendFund(address(withdrawRequestNFT), _amount);
        _checkTotalValueInLp();
    }

    /// Burns eETH shares held by the caller (exit fee to stakers).
    function burnEEthShares(uint256 shares) external {
        if (msg.sender != etherFiRedemptionManager && msg.sender != address(withdrawRequestNFT) && msg.sender != priorityWithdrawalQueue) {
            revert IncorrectCaller();
        }
        (uint256 p0, uint256 s0) = (getTotalPooledEther(), eETH.totalShares());
        eETH.burnShares(msg.sender, shares);
        _checkRateNonDec(p0, s0);
    }

    function _sendFund(address _recipient, uint256 _amount) internal {
        uint256 balance = address(this).balance;
        (bool ok, ) = _recipient.call{value: _amount}("");
        if (!ok || address(this).balance < balance - _amount) revert SendFail();
    }

    // ---------------------------------------------------------------- oracle / admin

    /// EtherFiAdmin's oracle step: rewards go to P (booked out of the pool), then the protocol fee is minted to the
    /// fee recipient as a deposit of `_protocolFees` on top of them.
    function rebase(int128 _accruedRewards, uint128 _protocolFees) external {
        if (msg.sender != etherFiAdminContract) revert IncorrectCaller();
        if (_accruedRewards > 0) {
            uint256 maxIncrease = getTotalPooledEther() * MAX_POSITIVE_REBASE_BPS / 10000;
            if (uint256(uint128(_accruedRewards)) > maxIncrease) revert RebaseExceedsPositiveCap();
        }
        totalValueOutOfLp = uint128(int128(totalValueOutOfLp) + _accruedRewards);
        emit Rebase(getTotalPooledEther(), eETH.totalShares());
        if (_protocolFees > 0) {
            emit ProtocolFeePaid(_protocolFees);
            _requireNotPaused();
            _depositToRecipient(feeRecipient, _protocolFees, address(0));
        }
    }

    function setMinWithdrawAmount(uint256 _minWithdrawAmount) external onlyOperatingMultisig {
        if (_minWithdrawAmount > maxWithdrawAmount) revert InvalidAmount();
        minWithdrawAmount = _minWithdrawAmount;
        emit MinWithdrawAmountSet(_minWithdrawAmount);
    }

    function setMaxWithdrawAmount(uint256 _maxWithdrawAmount) external onlyOperatingMultisig {
        if (_maxWithdrawAmount == 0 || _maxWithdrawAmount < minWithdrawAmount) revert InvalidAmount();
        maxWithdrawAmount = _maxWithdrawAmount;
        emit MaxWithdrawAmountSet(_maxWithdrawAmount);
    }

    function setFeeRecipient(address _feeRecipient) external onlyOperatingTimelock {
        feeRecipient = _feeRecipient;
        emit UpdatedFeeRecipient(_feeRecipient);
    }

    /// Plain ETH is booked as returning protocol ETH (decrements totalValueOutOfLp), never a deposit.
    receive() external payable {
        if (msg.value > type(uint128).max) revert InvalidAmount();
        totalValueOutOfLp -= uint128(msg.value);
        totalValueInLp += uint128(msg.value);
        _checkTotalValueInLp();
    }

    function _ceilDiv(uint256 a, uint256 b) internal pure returns (uint256) {
        return a == 0 ? 0 : (a - 1) / b + 1;
    }
}
