namespace LiquidStake.Sdk;

/// <summary>What a provider can do, so callers ask instead of catching <see cref="NotSupportedException"/>.</summary>
[Flags]
public enum StakingCapabilities
{
    /// <summary>Nothing.</summary>
    None = 0,

    /// <summary>Stake native ETH for a receipt token.</summary>
    StakeEth = 1 << 0,

    /// <summary>Deposit an ERC-20 token (for example an LST into an EigenLayer strategy).</summary>
    DepositToken = 1 << 1,

    /// <summary>Wrap a rebasing token into its exchange-rate twin (stETH to wstETH, eETH to weETH).</summary>
    Wrap = 1 << 2,

    /// <summary>Unwrap the exchange-rate token back.</summary>
    Unwrap = 1 << 3,

    /// <summary>Request a withdrawal that becomes claimable later (Lido and ether.fi NFTs, EigenLayer queued withdrawals).</summary>
    QueuedWithdrawal = 1 << 4,

    /// <summary>Exit to ETH at once, usually for a fee (ether.fi instant redemption, rETH burn).</summary>
    InstantRedeem = 1 << 5,

    /// <summary>Delegate stake to an operator (EigenLayer).</summary>
    Delegation = 1 << 6,

    /// <summary>The receipt token supports EIP-2612 permits, so an approval transaction can be replaced by a signature.</summary>
    Permit = 1 << 7,
}
