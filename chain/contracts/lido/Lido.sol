// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import "./LidoInterfaces.sol";

/// @title Devnet replica of Lido / stETH (SRv3 implementation, contract version 4), placed at
///        0xae7ab96520DE3A18E5e111B5EaAb095312D7fE84 with anvil_setCode.
/// @notice Written from shared/protocols/lido.md: shares accounting with floor rounding against internal
///         ether / internal shares, stake limit, protocol stop, EIP-2612 permit through the EIP712StETH helper,
///         Aragon-style app roles ("APP_AUTH_FAILED"), and the accounting of an oracle report delivered by the
///         AccountingOracle replica (rebase, vault sweeps, queue finalization, fee shares).
contract Lido {
    // ---------------------------------------------------------------- constants
    uint256 internal constant UINT128_MAX = type(uint128).max;
    uint256 internal constant TOTAL_BASIS_POINTS = 10000;
    uint256 internal constant INFINITE_ALLOWANCE = type(uint256).max;
    // 0x0100..00 ++ WithdrawalVault: the mainnet 0x01 withdrawal credentials.
    bytes32 internal constant WITHDRAWAL_CREDENTIALS = 0x010000000000000000000000b9d7934878b5fb9610b3fe8a5e441e8fad7e293f;
    bytes32 internal constant PERMIT_TYPEHASH = 0x6e71edae12b1b97f4d1f60370fef10105fa2faae0126114a169c64845d6126c9;

    // ---------------------------------------------------------------- state
    bool internal initialized;
    mapping(bytes32 => mapping(address => bool)) internal permissions;
    address internal moduleFeeRecipient;
    uint16 internal moduleFeeBP;
    address internal lidoLocator;
    address internal eip712StETH;

    mapping(address => uint256) internal shares;
    mapping(address => mapping(address => uint256)) internal allowances;
    mapping(address => uint256) internal permitNonces;
    uint256 internal totalShares;
    uint256 internal externalShares;

    // internalEther = bufferedEther + clValidatorsBalance + clPendingBalance + depositedSinceLastReport
    uint256 internal bufferedEther;
    uint256 internal clValidatorsBalance;
    uint256 internal clPendingBalance;
    uint256 internal depositedSinceLastReport;
    uint256 internal depositsReserveTarget;

    // stake limit (kept unpacked; semantics of the packed mainnet slot)
    uint32 internal prevStakeBlockNumber; // 0 == staking paused
    uint96 internal prevStakeLimit;
    uint32 internal maxStakeLimitGrowthBlocks;
    uint96 internal maxStakeLimit; // 0 == no limit

    bool internal stopped;
    uint16 internal totalFeeBP;
    uint256 internal maxExternalRatioBP;
    uint256 internal totalELRewardsCollected;
    uint256 internal lastReportTimestamp;
    uint256 internal initializationBlock;

    // ---------------------------------------------------------------- events (real ABI)
    event StakingPaused();
    event StakingResumed();
    event StakingLimitSet(uint256 maxStakeLimit, uint256 stakeLimitIncreasePerBlock);
    event StakingLimitRemoved();
    event CLBalancesUpdated(uint256 indexed reportTimestamp, uint256 clValidatorsBalance, uint256 clPendingBalance);
    event ETHDistributed(uint256 indexed reportTimestamp, uint256 preCLBalance, uint256 postCLBalance, uint256 withdrawalsWithdrawn, uint256 executionLayerRewardsWithdrawn, uint256 postBufferedEther);
    event TokenRebased(uint256 indexed reportTimestamp, uint256 timeElapsed, uint256 preTotalShares, uint256 preTotalEther, uint256 postTotalShares, uint256 postTotalEther, uint256 sharesMintedAsFees);
    event Submitted(address indexed sender, uint256 amount, address referral);
    event InternalShareRateUpdated(uint256 indexed reportTimestamp, uint256 postInternalShares, uint256 postInternalEther, uint256 sharesMintedAsFees);
    event TransferShares(address indexed from, address indexed to, uint256 sharesValue);
    event SharesBurnt(address indexed account, uint256 preRebaseTokenAmount, uint256 postRebaseTokenAmount, uint256 sharesAmount);
    event Stopped();
    event Resumed();
    event Transfer(address indexed from, address indexed to, uint256 value);
    event Approval(address indexed owner, address indexed spender, uint256 value);
    event LidoLocatorSet(address lidoLocator);
    event EIP712StETHInitialized(address eip712StETH);
    event ContractVersionSet(uint256 version);
    event MaxExternalRatioBPSet(uint256 maxExternalRatioBP);
    event WithdrawalsReceived(uint256 amount);
    event ELRewardsReceived(uint256 amount);

    // ---------------------------------------------------------------- Aragon ACL (app permissions)
    bytes32 public constant PAUSE_ROLE = keccak256("PAUSE_ROLE");
    bytes32 public constant RESUME_ROLE = keccak256("RESUME_ROLE");
    bytes32 public constant STAKING_PAUSE_ROLE = keccak256("STAKING_PAUSE_ROLE");
    bytes32 public constant STAKING_CONTROL_ROLE = keccak256("STAKING_CONTROL_ROLE");
    bytes32 public constant BUFFER_RESERVE_MANAGER_ROLE = keccak256("BUFFER_RESERVE_MANAGER_ROLE");

    /// Aragon's `auth(role)`: the kernel's ACL decides; here the app keeps its permissions itself (set at deploy time).
    function _auth(bytes32 _role) internal view {
        require(permissions[_role][msg.sender], "APP_AUTH_FAILED");
    }

    /// @notice Aragon AragonApp.canPerform: whether `_sender` holds `_role` on this app (parameters are not used here).
    function canPerform(address _sender, bytes32 _role, uint256[] memory) public view returns (bool) {
        return initialized && permissions[_role][_sender];
    }

    /// @notice Deploy-time initialiser (the real `initialize` has a different shape and is not replicated). Seeds the
    /// pooled ether split (buffer / CL balance) and the initial share holders; `_roleHolder` gets the app roles
    /// (PAUSE, RESUME, STAKING_PAUSE, STAKING_CONTROL, BUFFER_RESERVE_MANAGER), as the Aragon Agent holds them on
    /// mainnet; `_moduleFeeRecipient` receives the staking-module half of the protocol fee.
    function devnetInitialize(
        address _roleHolder,
        address _locator,
        address _eip712StETH,
        address _moduleFeeRecipient,
        uint256 _bufferedEther,
        uint256 _clValidatorsBalance,
        address[] calldata _holders,
        uint256[] calldata _holderShares
    ) external {
        require(!initialized, "INIT_ALREADY_INITIALIZED");
        require(_holders.length == _holderShares.length, "LENGTH_MISMATCH");
        initialized = true;
        permissions[PAUSE_ROLE][_roleHolder] = true;
        permissions[RESUME_ROLE][_roleHolder] = true;
        permissions[STAKING_PAUSE_ROLE][_roleHolder] = true;
        permissions[STAKING_CONTROL_ROLE][_roleHolder] = true;
        permissions[BUFFER_RESERVE_MANAGER_ROLE][_roleHolder] = true;
        lidoLocator = _locator;
        eip712StETH = _eip712StETH;
        moduleFeeRecipient = _moduleFeeRecipient;
        bufferedEther = _bufferedEther;
        clValidatorsBalance = _clValidatorsBalance;
        totalFeeBP = 1000;
        moduleFeeBP = 500;
        maxExternalRatioBP = 300;
        initializationBlock = block.number;
        lastReportTimestamp = block.timestamp;
        for (uint256 i = 0; i < _holders.length; ++i) {
            _mintShares(_holders[i], _holderShares[i]);
            _emitTransferAfterMintingShares(_holders[i], _holderShares[i]);
        }
        prevStakeBlockNumber = uint32(block.number); // staking resumed, unlimited until setStakingLimit
        // As Lido's initialize: the Burner may move the queue's shares for burning.
        _approve(ILidoLocatorView(_locator).withdrawalQueue(), ILidoLocatorView(_locator).burner(), INFINITE_ALLOWANCE);
        emit LidoLocatorSet(_locator);
        emit EIP712StETHInitialized(_eip712StETH);
        emit ContractVersionSet(4);
    }

    // ---------------------------------------------------------------- oracle report accounting
    /// @notice The accounting of an oracle report (the real Accounting.handleOracleReport plus the stETH hooks it calls,
    /// folded into this replica); only the AccountingOracle from the locator may call it. Order as on mainnet: CL
    /// state, vault withdrawals into the buffer, queue finalization (ether locked, shares burnt), fee shares minted on
    /// the post-burn base and distributed (module recipient, then treasury), TokenRebased.
    function handleAccountingReport(LidoAccountingReport calldata _r) external {
        ILidoLocatorView loc = ILidoLocatorView(lidoLocator);
        require(msg.sender == loc.accountingOracle(), "APP_AUTH_FAILED");
        require(_r.sharesRequestedToBurn == 0, "REPLICA_HAS_NO_BURNER");
        uint256 preTotalShares = totalShares;
        uint256 preTotalEther = _getTotalPooledEther();
        uint256 principalClBalance = clValidatorsBalance + clPendingBalance + depositedSinceLastReport;

        uint256 etherToLock;
        uint256 sharesToBurn;
        address wq = loc.withdrawalQueue();
        if (_r.withdrawalFinalizationBatches.length != 0) {
            (etherToLock, sharesToBurn) = ILidoWithdrawalQueue(wq).prefinalize(_r.withdrawalFinalizationBatches, _r.simulatedShareRate);
        }
        // As Accounting: the queue's shares go to the Burner first (Transfer/TransferShares WQ -> Burner).
        if (sharesToBurn > 0) ILidoBurner(loc.burner()).requestBurnShares(wq, sharesToBurn);

        // 1. consensus-layer state
        clValidatorsBalance = _r.clValidatorsBalance;
        clPendingBalance = _r.clPendingBalance;
        depositedSinceLastReport = 0;
        emit CLBalancesUpdated(_r.timestamp, _r.clValidatorsBalance, _r.clPendingBalance);
        // then the Burner burns them through burnShares (SharesBurnt names the Burner), before rewards and finalization
        if (sharesToBurn > 0) ILidoBurner(loc.burner()).commitSharesToBurn(sharesToBurn);

        // 2. vaults -> buffer, then the queue's ether out of the buffer
        if (_r.withdrawalVaultBalance > 0) ILidoWithdrawalVault(loc.withdrawalVault()).withdrawWithdrawals(_r.withdrawalVaultBalance);
        uint256 elRewards = _r.elRewardsVaultBalance > 0 ? ILidoELRewardsVault(loc.elRewardsVault()).withdrawRewards(_r.elRewardsVaultBalance) : 0;
        if (_r.withdrawalFinalizationBatches.length != 0) {
            require(etherToLock <= bufferedEther, "NOT_ENOUGH_BUFFERED_ETHER");
            bufferedEther -= etherToLock;
            ILidoWithdrawalQueue(wq).finalize{value: etherToLock}(
                _r.withdrawalFinalizationBatches[_r.withdrawalFinalizationBatches.length - 1], _r.simulatedShareRate
            );
        }
        uint256 postCl = _r.clValidatorsBalance + _r.clPendingBalance;
        emit ETHDistributed(_r.timestamp, principalClBalance, postCl, _r.withdrawalVaultBalance, elRewards, bufferedEther);

        // 3. protocol fee (LIP-12: only when the CL side grew), fee ether floored first, shares on the post-burn base
        uint256 sharesMintedAsFees;
        uint256 unifiedClBalance = postCl + _r.withdrawalVaultBalance;
        if (unifiedClBalance > principalClBalance) {
            uint256 totalRewards = unifiedClBalance - principalClBalance + elRewards;
            uint256 feeEther = totalRewards * totalFeeBP / TOTAL_BASIS_POINTS;
            sharesMintedAsFees = feeEther * _getInternalShares() / (_getInternalEther() - feeEther);
            if (sharesMintedAsFees > 0) _distributeFee(loc, sharesMintedAsFees);
        }
        lastReportTimestamp = _r.timestamp;
        emit TokenRebased(_r.timestamp, _r.timeElapsed, preTotalShares, preTotalEther, totalShares, _getTotalPooledEther(), sharesMintedAsFees);
        emit InternalShareRateUpdated(_r.timestamp, _getInternalShares(), _getInternalEther(), sharesMintedAsFees);
    }

    /// Fee shares are minted to Accounting, which forwards the module part (moduleFee / totalFee, floored) and then the
    /// rest to the treasury.
    function _distributeFee(ILidoLocatorView _loc, uint256 _shares) internal {
        address accounting = _loc.accounting();
        _mintShares(accounting, _shares);
        _emitTransferAfterMintingShares(accounting, _shares);
        uint256 moduleShares = _shares * moduleFeeBP / totalFeeBP;
        if (moduleShares > 0) _moveSharesWithEvents(accounting, moduleFeeRecipient, moduleShares);
        if (_shares > moduleShares) _moveSharesWithEvents(accounting, _loc.treasury(), _shares - moduleShares);
    }

    function _moveSharesWithEvents(address _from, address _to, uint256 _shares) internal {
        _transferShares(_from, _to, _shares);
        _emitTransferEvents(_from, _to, getPooledEthByShares(_shares), _shares);
    }

    /// @notice Ether swept from the withdrawal vault (only the vault in the locator).
    function receiveWithdrawals() external payable {
        require(msg.sender == ILidoLocatorView(lidoLocator).withdrawalVault(), "APP_AUTH_FAILED");
        bufferedEther += msg.value;
        emit WithdrawalsReceived(msg.value);
    }

    /// @notice Execution-layer rewards swept from the EL rewards vault (only the vault in the locator).
    function receiveELRewards() external payable {
        require(msg.sender == ILidoLocatorView(lidoLocator).elRewardsVault(), "APP_AUTH_FAILED");
        totalELRewardsCollected += msg.value;
        bufferedEther += msg.value;
        emit ELRewardsReceived(msg.value);
    }

    // ---------------------------------------------------------------- staking
    function submit(address _referral) external payable returns (uint256) {
        return _submit(_referral);
    }

    fallback() external payable {
        require(msg.data.length == 0, "NON_EMPTY_DATA");
        _submit(address(0));
    }

    function _submit(address _referral) internal returns (uint256) {
        require(msg.value != 0, "ZERO_DEPOSIT");
        require(prevStakeBlockNumber != 0, "STAKING_PAUSED");
        if (maxStakeLimit != 0) {
            uint256 currentStakeLimit = _calculateCurrentStakeLimit();
            require(msg.value <= currentStakeLimit, "STAKE_LIMIT");
            prevStakeLimit = uint96(currentStakeLimit - msg.value);
            prevStakeBlockNumber = uint32(block.number);
        }
        uint256 sharesAmount = getSharesByPooledEth(msg.value);
        _mintShares(msg.sender, sharesAmount);
        bufferedEther += msg.value;
        emit Submitted(msg.sender, msg.value, _referral);
        _emitTransferAfterMintingShares(msg.sender, sharesAmount);
        return sharesAmount;
    }

    function _calculateCurrentStakeLimit() internal view returns (uint256 limit) {
        uint256 incPerBlock = maxStakeLimitGrowthBlocks != 0 ? uint256(maxStakeLimit) / maxStakeLimitGrowthBlocks : 0;
        uint256 blocksPassed = block.number - prevStakeBlockNumber;
        uint256 prev = prevStakeLimit;
        uint256 max = maxStakeLimit;
        if (prev > max) {
            // decays toward the (lowered) maximum
            uint256 decay = blocksPassed * incPerBlock;
            limit = decay >= prev - max ? max : prev - decay;
        } else {
            uint256 projected = prev + blocksPassed * incPerBlock;
            limit = projected > max ? max : projected;
        }
    }

    function getCurrentStakeLimit() public view returns (uint256) {
        if (prevStakeBlockNumber == 0) return 0;
        if (maxStakeLimit == 0) return type(uint256).max;
        return _calculateCurrentStakeLimit();
    }

    function getStakeLimitFullInfo() external view returns (
        bool isStakingPaused_,
        bool isStakingLimitSet,
        uint256 currentStakeLimit,
        uint256 maxStakeLimit_,
        uint256 maxStakeLimitGrowthBlocks_,
        uint256 prevStakeLimit_,
        uint256 prevStakeBlockNumber_
    ) {
        isStakingPaused_ = prevStakeBlockNumber == 0;
        isStakingLimitSet = maxStakeLimit != 0;
        currentStakeLimit = getCurrentStakeLimit();
        maxStakeLimit_ = maxStakeLimit;
        maxStakeLimitGrowthBlocks_ = maxStakeLimitGrowthBlocks;
        prevStakeLimit_ = prevStakeLimit;
        prevStakeBlockNumber_ = prevStakeBlockNumber;
    }

    function isStakingPaused() external view returns (bool) {
        return prevStakeBlockNumber == 0;
    }

    function pauseStaking() external {
        _auth(STAKING_PAUSE_ROLE);
        require(prevStakeBlockNumber != 0, "ALREADY_PAUSED");
        _pauseStaking();
    }

    function resumeStaking() external {
        _auth(STAKING_CONTROL_ROLE);
        require(initialized, "NOT_INITIALIZED");
        require(prevStakeBlockNumber == 0, "ALREADY_RESUMED");
        _resumeStaking();
    }

    function setStakingLimit(uint256 _maxStakeLimit, uint256 _stakeLimitIncreasePerBlock) external {
        _auth(STAKING_CONTROL_ROLE);
        require(_maxStakeLimit != 0, "ZERO_MAX_STAKE_LIMIT");
        require(_maxStakeLimit <= type(uint96).max / 2, "TOO_LARGE_MAX_STAKE_LIMIT");
        require(_maxStakeLimit >= _stakeLimitIncreasePerBlock, "TOO_LARGE_LIMIT_INCREASE");
        require(_stakeLimitIncreasePerBlock == 0 || _maxStakeLimit / _stakeLimitIncreasePerBlock <= type(uint32).max, "TOO_SMALL_LIMIT_INCREASE");
        if (prevStakeBlockNumber == 0 || maxStakeLimit == 0 || _maxStakeLimit < prevStakeLimit) {
            prevStakeLimit = uint96(_maxStakeLimit);
        }
        maxStakeLimitGrowthBlocks = _stakeLimitIncreasePerBlock != 0 ? uint32(_maxStakeLimit / _stakeLimitIncreasePerBlock) : 0;
        maxStakeLimit = uint96(_maxStakeLimit);
        if (prevStakeBlockNumber != 0) prevStakeBlockNumber = uint32(block.number);
        emit StakingLimitSet(_maxStakeLimit, _stakeLimitIncreasePerBlock);
    }

    function removeStakingLimit() external {
        _auth(STAKING_CONTROL_ROLE);
        maxStakeLimit = 0;
        emit StakingLimitRemoved();
    }

    function _pauseStaking() internal {
        prevStakeBlockNumber = 0;
        emit StakingPaused();
    }

    function _resumeStaking() internal {
        prevStakeBlockNumber = uint32(block.number);
        emit StakingResumed();
    }

    // ---------------------------------------------------------------- protocol stop
    function stop() external {
        _auth(PAUSE_ROLE);
        require(!stopped, "CONTRACT_IS_STOPPED");
        stopped = true;
        emit Stopped();
        _pauseStaking();
    }

    function resume() external {
        _auth(RESUME_ROLE);
        require(stopped, "CONTRACT_IS_ACTIVE");
        stopped = false;
        emit Resumed();
        _resumeStaking();
    }

    function isStopped() external view returns (bool) {
        return stopped;
    }

    // ---------------------------------------------------------------- ERC-20 + shares
    function name() external pure returns (string memory) {
        return "Liquid staked Ether 2.0";
    }

    function symbol() external pure returns (string memory) {
        return "stETH";
    }

    function decimals() external pure returns (uint8) {
        return 18;
    }

    function totalSupply() external view returns (uint256) {
        return _getTotalPooledEther();
    }

    function getTotalPooledEther() external view returns (uint256) {
        return _getTotalPooledEther();
    }

    function getTotalShares() external view returns (uint256) {
        return totalShares;
    }

    function balanceOf(address _account) external view returns (uint256) {
        return getPooledEthByShares(shares[_account]);
    }

    function sharesOf(address _account) external view returns (uint256) {
        return shares[_account];
    }

    function getSharesByPooledEth(uint256 _ethAmount) public view returns (uint256) {
        require(_ethAmount < UINT128_MAX, "ETH_TOO_LARGE");
        return _ethAmount * _getInternalShares() / _getInternalEther();
    }

    function getPooledEthByShares(uint256 _sharesAmount) public view returns (uint256) {
        require(_sharesAmount < UINT128_MAX, "SHARES_TOO_LARGE");
        return _sharesAmount * _getInternalEther() / _getInternalShares();
    }

    function getPooledEthBySharesRoundUp(uint256 _sharesAmount) external view returns (uint256) {
        require(_sharesAmount < UINT128_MAX, "SHARES_TOO_LARGE");
        uint256 num = _sharesAmount * _getInternalEther();
        uint256 den = _getInternalShares();
        return num / den + (num % den == 0 ? 0 : 1);
    }

    function allowance(address _owner, address _spender) external view returns (uint256) {
        return allowances[_owner][_spender];
    }

    function approve(address _spender, uint256 _amount) external returns (bool) {
        _approve(msg.sender, _spender, _amount);
        return true;
    }

    function increaseAllowance(address _spender, uint256 _addedValue) external returns (bool) {
        uint256 current = allowances[msg.sender][_spender];
        uint256 updated;
        unchecked { updated = current + _addedValue; }
        require(updated >= current, "MATH_ADD_OVERFLOW");
        _approve(msg.sender, _spender, updated);
        return true;
    }

    function decreaseAllowance(address _spender, uint256 _subtractedValue) external returns (bool) {
        uint256 current = allowances[msg.sender][_spender];
        require(current >= _subtractedValue, "ALLOWANCE_BELOW_ZERO");
        _approve(msg.sender, _spender, current - _subtractedValue);
        return true;
    }

    function transfer(address _recipient, uint256 _amount) external returns (bool) {
        _transfer(msg.sender, _recipient, _amount);
        return true;
    }

    function transferFrom(address _sender, address _recipient, uint256 _amount) external returns (bool) {
        _spendAllowance(_sender, msg.sender, _amount);
        _transfer(_sender, _recipient, _amount);
        return true;
    }

    function transferShares(address _recipient, uint256 _sharesAmount) external returns (uint256) {
        _transferShares(msg.sender, _recipient, _sharesAmount);
        uint256 tokensAmount = getPooledEthByShares(_sharesAmount);
        _emitTransferEvents(msg.sender, _recipient, tokensAmount, _sharesAmount);
        return tokensAmount;
    }

    function transferSharesFrom(address _sender, address _recipient, uint256 _sharesAmount) external returns (uint256) {
        uint256 tokensAmount = getPooledEthByShares(_sharesAmount);
        _spendAllowance(_sender, msg.sender, tokensAmount);
        _transferShares(_sender, _recipient, _sharesAmount);
        _emitTransferEvents(_sender, _recipient, tokensAmount, _sharesAmount);
        return tokensAmount;
    }

    function _transfer(address _sender, address _recipient, uint256 _amount) internal {
        uint256 sharesToTransfer = getSharesByPooledEth(_amount);
        _transferShares(_sender, _recipient, sharesToTransfer);
        _emitTransferEvents(_sender, _recipient, _amount, sharesToTransfer);
    }

    function _transferShares(address _sender, address _recipient, uint256 _sharesAmount) internal {
        require(_sender != address(0), "TRANSFER_FROM_ZERO_ADDR");
        require(_recipient != address(0), "TRANSFER_TO_ZERO_ADDR");
        require(_recipient != address(this), "TRANSFER_TO_STETH_CONTRACT");
        require(!stopped, "CONTRACT_IS_STOPPED");
        uint256 currentSenderShares = shares[_sender];
        require(_sharesAmount <= currentSenderShares, "BALANCE_EXCEEDED");
        shares[_sender] = currentSenderShares - _sharesAmount;
        shares[_recipient] += _sharesAmount;
    }

    function _approve(address _owner, address _spender, uint256 _amount) internal {
        require(_owner != address(0), "APPROVE_FROM_ZERO_ADDR");
        require(_spender != address(0), "APPROVE_TO_ZERO_ADDR");
        allowances[_owner][_spender] = _amount;
        emit Approval(_owner, _spender, _amount);
    }

    function _spendAllowance(address _owner, address _spender, uint256 _amount) internal {
        uint256 current = allowances[_owner][_spender];
        if (current != INFINITE_ALLOWANCE) {
            require(current >= _amount, "ALLOWANCE_EXCEEDED");
            _approve(_owner, _spender, current - _amount);
        }
    }

    function _mintShares(address _recipient, uint256 _sharesAmount) internal {
        require(_recipient != address(0), "MINT_TO_ZERO_ADDR");
        uint256 newTotal = totalShares + _sharesAmount;
        require(newTotal <= UINT128_MAX, "SHARES_OVERFLOW");
        totalShares = newTotal;
        shares[_recipient] += _sharesAmount;
    }

    function _burnSharesWithEvent(address _account, uint256 _sharesAmount) internal {
        require(_account != address(0), "BURN_FROM_ZERO_ADDR");
        uint256 accountShares = shares[_account];
        require(_sharesAmount <= accountShares, "BALANCE_EXCEEDED");
        uint256 preRebaseTokenAmount = getPooledEthByShares(_sharesAmount);
        shares[_account] = accountShares - _sharesAmount;
        totalShares -= _sharesAmount;
        uint256 postRebaseTokenAmount = getPooledEthByShares(_sharesAmount);
        emit SharesBurnt(_account, preRebaseTokenAmount, postRebaseTokenAmount, _sharesAmount);
    }

    /// Burns the caller's shares (the Burner only), as Lido.burnShares: SharesBurnt, no Transfer event.
    function burnShares(uint256 _amountOfShares) external {
        require(msg.sender == ILidoLocatorView(lidoLocator).burner(), "APP_AUTH_FAILED");
        require(!stopped, "CONTRACT_IS_STOPPED");
        _burnSharesWithEvent(msg.sender, _amountOfShares);
    }

    function _emitTransferEvents(address _from, address _to, uint256 _tokenAmount, uint256 _sharesAmount) internal {
        emit Transfer(_from, _to, _tokenAmount);
        emit TransferShares(_from, _to, _sharesAmount);
    }

    function _emitTransferAfterMintingShares(address _to, uint256 _sharesAmount) internal {
        _emitTransferEvents(address(0), _to, getPooledEthByShares(_sharesAmount), _sharesAmount);
    }

    function _getInternalEther() internal view returns (uint256) {
        return bufferedEther + clValidatorsBalance + clPendingBalance + depositedSinceLastReport;
    }

    function _getInternalShares() internal view returns (uint256) {
        return totalShares - externalShares;
    }

    function _getExternalEther() internal view returns (uint256) {
        return externalShares * _getInternalEther() / _getInternalShares();
    }

    function _getTotalPooledEther() internal view returns (uint256) {
        return _getInternalEther() + _getExternalEther();
    }

    // ---------------------------------------------------------------- permit (EIP-2612 via EIP712StETH)
    function permit(address _owner, address _spender, uint256 _value, uint256 _deadline, uint8 _v, bytes32 _r, bytes32 _s) external {
        require(block.timestamp <= _deadline, "DEADLINE_EXPIRED");
        uint256 nonce = permitNonces[_owner]++;
        bytes32 structHash = keccak256(abi.encode(PERMIT_TYPEHASH, _owner, _spender, _value, nonce, _deadline));
        bytes32 hash = ILidoEIP712StETH(eip712StETH).hashTypedDataV4(address(this), structHash);
        require(_isValidSignature(_owner, hash, _v, _r, _s), "INVALID_SIGNATURE");
        _approve(_owner, _spender, _value);
    }

    /// As Lido's SignatureUtils: ERC-1271 for a signer with code (the returned word must be the selector), else
    /// OpenZeppelin's ECDSA.recover, which reverts on a high-s value or a zero recovered address with its own strings.
    function _isValidSignature(address _signer, bytes32 _hash, uint8 _v, bytes32 _r, bytes32 _s) internal view returns (bool) {
        if (_signer.code.length > 0) {
            (bool ok, bytes memory ret) = _signer.staticcall(
                abi.encodeWithSelector(ILidoERC1271.isValidSignature.selector, _hash, abi.encodePacked(_r, _s, _v))
            );
            return ok && ret.length == 32 && abi.decode(ret, (bytes32)) == bytes32(ILidoERC1271.isValidSignature.selector);
        }
        require(uint256(_s) <= 0x7FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF5D576E7357A4501DDFE92F46681B20A0, "ECDSA: invalid signature 's' value");
        address recovered = ecrecover(_hash, _v, _r, _s);
        require(recovered != address(0), "ECDSA: invalid signature");
        return recovered == _signer;
    }

    function nonces(address owner) external view returns (uint256) {
        return permitNonces[owner];
    }

    function DOMAIN_SEPARATOR() external view returns (bytes32) {
        return ILidoEIP712StETH(eip712StETH).domainSeparatorV4(address(this));
    }

    function eip712Domain() external view returns (string memory name, string memory version, uint256 chainId, address verifyingContract) {
        return ILidoEIP712StETH(eip712StETH).eip712Domain(address(this));
    }

    function getEIP712StETH() external view returns (address) {
        return eip712StETH;
    }

    // ---------------------------------------------------------------- protocol views
    function getBufferedEther() external view returns (uint256) {
        return bufferedEther;
    }

    function getDepositsReserveTarget() external view returns (uint256) {
        return depositsReserveTarget;
    }

    function getDepositsReserve() public view returns (uint256 depositsReserve) {
        return depositsReserveTarget < bufferedEther ? depositsReserveTarget : bufferedEther;
    }

    function getWithdrawalsReserve() public view returns (uint256) {
        uint256 available = bufferedEther - getDepositsReserve();
        uint256 unfinalized = _unfinalizedStETH();
        return unfinalized < available ? unfinalized : available;
    }

    function getDepositableEther() external view returns (uint256) {
        return bufferedEther - getWithdrawalsReserve();
    }

    function _unfinalizedStETH() internal view returns (uint256) {
        address wq = ILidoLocatorView(lidoLocator).withdrawalQueue();
        if (wq.code.length == 0) return 0;
        return ILidoWithdrawalQueue(wq).unfinalizedStETH();
    }

    function getBalanceStats() external view returns (uint256 clValidatorsBalanceAtLastReport, uint256 clPendingBalanceAtLastReport, uint256 depositedSinceLastReport_, uint256 depositedForCurrentReport) {
        return (clValidatorsBalance, clPendingBalance, depositedSinceLastReport, 0);
    }

    function getBeaconStat() external view returns (uint256 depositedValidators, uint256 beaconValidators, uint256 beaconBalance) {
        return (0, 0, clValidatorsBalance + clPendingBalance);
    }

    function getExternalShares() external view returns (uint256) {
        return externalShares;
    }

    function getExternalEther() external view returns (uint256) {
        return _getExternalEther();
    }

    function getMaxExternalRatioBP() external view returns (uint256) {
        return maxExternalRatioBP;
    }

    function setMaxExternalRatioBP(uint256 _maxExternalRatioBP) external {
        _auth(STAKING_CONTROL_ROLE);
        require(_maxExternalRatioBP <= TOTAL_BASIS_POINTS, "INVALID_MAX_EXTERNAL_RATIO");
        maxExternalRatioBP = _maxExternalRatioBP;
        emit MaxExternalRatioBPSet(_maxExternalRatioBP);
    }

    function getTotalELRewardsCollected() external view returns (uint256) {
        return totalELRewardsCollected;
    }

    function getLidoLocator() external view returns (address) {
        return lidoLocator;
    }

    function getContractVersion() external view returns (uint256) {
        return 4;
    }

    function canDeposit() external view returns (bool) {
        address wq = ILidoLocatorView(lidoLocator).withdrawalQueue();
        bool bunker = wq.code.length > 0 && ILidoWithdrawalQueue(wq).isBunkerModeActive();
        return !stopped && !bunker;
    }

    function getFee() external view returns (uint16 totalFee) {
        return totalFeeBP;
    }

    function getFeeDistribution() external view returns (uint16 treasuryFeeBasisPoints, uint16 insuranceFeeBasisPoints, uint16 operatorsFeeBasisPoints) {
        // shares of the total fee (sum 10000), as the deprecated mainnet helper reports them
        return (5000, 0, 5000);
    }

    function getTreasury() external view returns (address) {
        return ILidoLocatorView(lidoLocator).treasury();
    }

    function getWithdrawalCredentials() external view returns (bytes32) {
        return WITHDRAWAL_CREDENTIALS;
    }

    function hasInitialized() external view returns (bool) {
        return initialized;
    }

    function getInitializationBlock() external view returns (uint256) {
        return initializationBlock;
    }

    function isPetrified() external view returns (bool) {
        return false;
    }

    function transferToVault(address) external {
        // state-free but must stay nonpayable like the real entry
        if (initializationBlock >= 0) revert("NOT_SUPPORTED");
    }
}
