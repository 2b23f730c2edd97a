using System.Numerics;
using LiquidStake.Ethereum;
using LiquidStake.Ethereum.Signing;

namespace LiquidStake.Sdk.Hosting;

/// <summary>Settings of the withdrawal worker (<c>AddWithdrawalWorker(o => …)</c>). Validated when the host starts.</summary>
public sealed class WithdrawalWorkerOptions
{
    private readonly Dictionary<Address, ISigner> _signers = [];

    /// <summary>The accounts to sync and follow; empty follows every owner already in the ledger.</summary>
    public IList<Address> Accounts { get; } = [];

    /// <summary>The signers by account (any <see cref="ISigner"/>: a key, a KMS, an HSM). Accounts without one are followed, never claimed.</summary>
    public IReadOnlyDictionary<Address, ISigner> Signers => _signers;

    /// <summary>Adds a signer; its account is followed too.</summary>
    public WithdrawalWorkerOptions AddSigner(ISigner signer)
    {
        ArgumentNullException.ThrowIfNull(signer);
        _signers[signer.Address] = signer;
        if (!Accounts.Contains(signer.Address)) Accounts.Add(signer.Address);
        return this;
    }

    /// <summary>Claims what is claimable for accounts with a signer. Default true.</summary>
    public bool AutoClaim { get; set; } = true;

    /// <summary>Time between rounds. Default 30 s.</summary>
    public TimeSpan PollingInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Confirmations a claim needs before it is recorded as claimed. Default 1.</summary>
    public int Confirmations { get; set; } = 1;

    /// <summary>Most requests claimed per round (across transactions). Default 50.</summary>
    public int MaxClaimsPerRound { get; set; } = 50;

    /// <summary>Most requests one claim transaction covers (Lido and ether.fi batch ids, EigenLayer completes several roots). Default 20.</summary>
    public int MaxRequestsPerTransaction { get; set; } = 20;

    /// <summary>The gas ceiling: no claim is signed while the fee per gas it would pay exceeds this, in wei. Null for none.</summary>
    public BigInteger? MaxFeePerGas { get; set; }

    /// <summary>How long a worker keeps the requests it claims to itself. Must cover a claim and its receipt. Default 10 minutes.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How many blocks back claims and requests are re-checked for reorgs. Default 64.</summary>
    public int ReorgDepth { get; set; } = 64;

    /// <summary>This worker's name in leases. Default machine name and process id (unique per running instance).</summary>
    public string WorkerId { get; set; } = $"{Environment.MachineName}:{Environment.ProcessId}";

    /// <summary>The health check reports Degraded when no round completed within this many polling intervals. Default 3.</summary>
    public int HealthyRoundIntervals { get; set; } = 3;

    /// <summary>The health check reports Degraded when a signed claim stays uncompleted longer than this. Default 30 minutes.</summary>
    public TimeSpan StuckClaimAfter { get; set; } = TimeSpan.FromMinutes(30);
}
