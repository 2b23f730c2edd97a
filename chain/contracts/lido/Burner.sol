// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import "./LidoAccessControl.sol";

interface ILidoBurnerStETH {
    function transferSharesFrom(address _sender, address _recipient, uint256 _sharesAmount) external returns (uint256);
    function burnShares(uint256 _amountOfShares) external;
    function getPooledEthByShares(uint256 _sharesAmount) external view returns (uint256);
    function sharesOf(address _account) external view returns (uint256);
}

/// @title Devnet replica of Lido's Burner (0xE76c52750019b80B43E36DF30bf4060EB73F573a), the non-cover path the oracle
///        report uses: the withdrawal queue's finalized shares move WQ -> Burner (requestBurnShares, by the
///        REQUEST_BURN_SHARES_ROLE holder), then commitSharesToBurn burns them through Lido.burnShares, so SharesBurnt
///        names the Burner. On mainnet Accounting holds the role and commits; in the replica Lido plays Accounting (it
///        holds the role, and commitSharesToBurn accepts the locator's lido).
contract Burner is LidoAccessControl {
    bytes32 public constant REQUEST_BURN_SHARES_ROLE = keccak256("REQUEST_BURN_SHARES_ROLE");

    event StETHBurnRequested(bool indexed isCover, address indexed requestedBy, uint256 amountOfStETH, uint256 amountOfShares);
    event StETHBurnt(bool indexed isCover, uint256 amountOfStETH, uint256 amountOfShares);

    error AppAuthFailed();
    error ZeroBurnAmount();
    error BurnAmountExceedsActual(uint256 requestedAmount, uint256 actualAmount);

    bool internal initialized;
    address internal lido;
    uint256 internal coverSharesBurnRequested;
    uint256 internal nonCoverSharesBurnRequested;
    uint256 internal totalCoverSharesBurnt;
    uint256 internal totalNonCoverSharesBurnt;

    function devnetInitialize(address _admin, address _lido) external {
        require(!initialized, "already initialized");
        initialized = true;
        lido = _lido;
        _grantRole(DEFAULT_ADMIN_ROLE, _admin);
    }

    function LIDO() external view returns (address) { return lido; }

    /// Moves `_sharesAmountToBurn` of `_from` here (stETH allowance: Lido approves the queue's shares to the Burner) and
    /// queues them as a non-cover burn.
    function requestBurnShares(address _from, uint256 _sharesAmountToBurn) external onlyRole(REQUEST_BURN_SHARES_ROLE) {
        uint256 stETHAmount = ILidoBurnerStETH(lido).transferSharesFrom(_from, address(this), _sharesAmountToBurn);
        if (_sharesAmountToBurn == 0) revert ZeroBurnAmount();
        emit StETHBurnRequested(false, msg.sender, stETHAmount, _sharesAmountToBurn);
        nonCoverSharesBurnRequested += _sharesAmountToBurn;
    }

    /// Burns `_sharesToBurn` of the requested shares, cover requests first (the report's accounting step).
    function commitSharesToBurn(uint256 _sharesToBurn) external {
        if (msg.sender != lido) revert AppAuthFailed();
        if (_sharesToBurn == 0) return;
        uint256 cover = coverSharesBurnRequested;
        uint256 nonCover = nonCoverSharesBurnRequested;
        if (_sharesToBurn > cover + nonCover) revert BurnAmountExceedsActual(_sharesToBurn, cover + nonCover);
        uint256 burnt;
        if (cover > 0) {
            uint256 nowCover = _sharesToBurn < cover ? _sharesToBurn : cover;
            totalCoverSharesBurnt += nowCover;
            emit StETHBurnt(true, ILidoBurnerStETH(lido).getPooledEthByShares(nowCover), nowCover);
            coverSharesBurnRequested -= nowCover;
            burnt += nowCover;
        }
        if (nonCover > 0 && burnt < _sharesToBurn) {
            uint256 left = _sharesToBurn - burnt;
            uint256 nowNonCover = left < nonCover ? left : nonCover;
            totalNonCoverSharesBurnt += nowNonCover;
            emit StETHBurnt(false, ILidoBurnerStETH(lido).getPooledEthByShares(nowNonCover), nowNonCover);
            nonCoverSharesBurnRequested -= nowNonCover;
            burnt += nowNonCover;
        }
        ILidoBurnerStETH(lido).burnShares(_sharesToBurn);
        assert(burnt == _sharesToBurn);
    }

    function getSharesRequestedToBurn() external view returns (uint256 coverShares, uint256 nonCoverShares) {
        return (coverSharesBurnRequested, nonCoverSharesBurnRequested);
    }

    function getCoverSharesBurnt() external view returns (uint256) { return totalCoverSharesBurnt; }

    function getNonCoverSharesBurnt() external view returns (uint256) { return totalNonCoverSharesBurnt; }

    /// stETH held here beyond the requested burns (recoverable to the treasury on mainnet).
    function getExcessStETH() external view returns (uint256) {
        uint256 requested = coverSharesBurnRequested + nonCoverSharesBurnRequested;
        uint256 held = ILidoBurnerStETH(lido).sharesOf(address(this));
        return held <= requested ? 0 : ILidoBurnerStETH(lido).getPooledEthByShares(held - requested);
    }
}
