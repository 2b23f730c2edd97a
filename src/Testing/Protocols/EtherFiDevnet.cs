using System.Numerics;
using LiquidStake.Ethereum;
using LiquidStake.Ethereum.Rpc;
using LiquidStake.Ethereum.Transactions;
using LiquidStake.Sdk.Contracts.EtherFi;

namespace LiquidStake.Testing;

/// <summary>
/// ether.fi's off-chain actors on a devnet or a mainnet fork: the oracle's EtherFiAdmin (rebase, finalization),
/// the RoleRegistry's role holders (pauses, blacklist, limits) and the passing of time (the redemption bucket).
/// Every role holder is found through the protocol's own getters (<c>LiquidityPool.etherFiAdminContract()</c>,
/// <c>LiquidityPool.roleRegistry()</c> → <c>roleHolders(role)</c>), impersonated, and calls the real entry point, so
/// the same call works on the devnet and on a real mainnet fork.
/// </summary>
public sealed partial class EtherFiDevnet
{
    private static readonly BigInteger s_gasTopUp = BigInteger.Pow(10, 18);
    private readonly DevnetNode _node;

    internal EtherFiDevnet(DevnetNode node)
    {
        _node = node;
        LiquidityPool = new LiquidityPool(DevnetAddresses.EtherFi.LiquidityPool, node.Rpc);
        EEth = new EEth(DevnetAddresses.EtherFi.EEth, node.Rpc);
        WeEth = new WeEth(DevnetAddresses.EtherFi.WeEth, node.Rpc);
        WithdrawRequestNft = new WithdrawRequestNft(DevnetAddresses.EtherFi.WithdrawRequestNft, node.Rpc);
        RedemptionManager = new EtherFiRedemptionManager(DevnetAddresses.EtherFi.RedemptionManager, node.Rpc);
    }

    /// <summary>The liquidity pool.</summary>
    public LiquidityPool LiquidityPool { get; }

    /// <summary>eETH.</summary>
    public EEth EEth { get; }

    /// <summary>weETH.</summary>
    public WeEth WeEth { get; }

    /// <summary>The withdrawal request NFT.</summary>
    public WithdrawRequestNft WithdrawRequestNft { get; }

    /// <summary>The instant-redemption manager.</summary>
    public EtherFiRedemptionManager RedemptionManager { get; }

    /// <summary>The oracle's executor that may rebase and finalize: <c>LiquidityPool.etherFiAdminContract()</c>.</summary>
    public Task<Address> GetEtherFiAdminAsync(CancellationToken cancellationToken = default) =>
        LiquidityPool.EtherFiAdminContractAsync(cancellationToken: cancellationToken);

    /// <summary>The RoleRegistry the staker contracts check roles against: <c>LiquidityPool.roleRegistry()</c>.</summary>
    public async Task<RoleRegistry> GetRoleRegistryAsync(CancellationToken cancellationToken = default) =>
        new(await LiquidityPool.RoleRegistryAsync(cancellationToken: cancellationToken).ConfigureAwait(false), _node.Rpc);

    /// <summary>The Blacklister the staker contracts consult: <c>LiquidityPool.blacklister()</c>.</summary>
    public async Task<Blacklister> GetBlacklisterAsync(CancellationToken cancellationToken = default) =>
        new(await LiquidityPool.BlacklisterAsync(cancellationToken: cancellationToken).ConfigureAwait(false), _node.Rpc);

    /// <summary>The first holder of <paramref name="role"/> in the RoleRegistry (<c>roleHolders(role)[0]</c>).</summary>
    /// <exception cref="LiquidStakeException">Nobody holds the role.</exception>
    public async Task<Address> GetRoleHolderAsync(EtherFiRole role, CancellationToken cancellationToken = default)
    {
        var registry = await GetRoleRegistryAsync(cancellationToken).ConfigureAwait(false);
        byte[] id = role switch
        {
            EtherFiRole.UpgradeTimelock => await registry.UpgradeTimelockRoleAsync(cancellationToken: cancellationToken).ConfigureAwait(false),
            EtherFiRole.OperatingTimelock => await registry.OperationTimelockRoleAsync(cancellationToken: cancellationToken).ConfigureAwait(false),
            EtherFiRole.OperatingMultisig => await registry.OperationMultisigRoleAsync(cancellationToken: cancellationToken).ConfigureAwait(false),
            EtherFiRole.SuperGuardian => await registry.SuperGuardianRoleAsync(cancellationToken: cancellationToken).ConfigureAwait(false),
            EtherFiRole.Guardian => await registry.GuardianRoleAsync(cancellationToken: cancellationToken).ConfigureAwait(false),
            _ => throw new LiquidStakeArgumentException(nameof(role), "is not an ether.fi role"),
        };
        var holders = await registry.RoleHoldersAsync(id, cancellationToken: cancellationToken).ConfigureAwait(false);
        return holders.Count > 0 ? holders[0] : throw new LiquidStakeException($"Nobody holds the ether.fi {role} role in the RoleRegistry at {registry.Address}.");
    }

    /// <summary>Gives <paramref name="recipient"/> eETH by depositing <paramref name="ethAmount"/> as it. Returns the eETH shares minted.</summary>
    public async Task<BigInteger> MintEEthAsync(Address recipient, BigInteger ethAmount, CancellationToken cancellationToken = default)
    {
        var before = await EEth.SharesAsync(recipient, cancellationToken: cancellationToken).ConfigureAwait(false);
        await _node.SendAsPreservingBalanceAsync(recipient, LiquidityPool.PrepareDeposit(ethAmount), cancellationToken).ConfigureAwait(false);
        var after = await EEth.SharesAsync(recipient, cancellationToken: cancellationToken).ConfigureAwait(false);
        return after - before;
    }

    /// <summary>Gives <paramref name="recipient"/> weETH by depositing <paramref name="ethAmount"/> and wrapping. Returns the weETH received.</summary>
    public async Task<BigInteger> MintWeEthAsync(Address recipient, BigInteger ethAmount, CancellationToken cancellationToken = default)
    {
        var before = await WeEth.BalanceOfAsync(recipient, cancellationToken: cancellationToken).ConfigureAwait(false);
        var eEthBefore = await EEth.BalanceOfAsync(recipient, cancellationToken: cancellationToken).ConfigureAwait(false);
        await MintEEthAsync(recipient, ethAmount, cancellationToken).ConfigureAwait(false);
        // Wrap only the new eETH, so eETH the recipient already held stays eETH.
        var eEth = await EEth.BalanceOfAsync(recipient, cancellationToken: cancellationToken).ConfigureAwait(false) - eEthBefore;
        await _node.SendAsPreservingBalanceAsync(recipient, EEth.PrepareApprove(DevnetAddresses.EtherFi.WeEth, eEth), cancellationToken).ConfigureAwait(false);
        await _node.SendAsPreservingBalanceAsync(recipient, WeEth.PrepareWrap(eEth), cancellationToken).ConfigureAwait(false);
        var after = await WeEth.BalanceOfAsync(recipient, cancellationToken: cancellationToken).ConfigureAwait(false);
        return after - before;
    }

    /// <summary>Sends as <paramref name="holder"/> (impersonated; topped up for gas only when it has less than 1 ETH).</summary>
    private async Task<TransactionReceipt> SendAsHolderAsync(Address holder, TransactionRequest request, CancellationToken cancellationToken)
    {
        var balance = await _node.Rpc.GetBalanceAsync(holder, cancellationToken: cancellationToken).ConfigureAwait(false);
        BigInteger? fund = balance < s_gasTopUp ? balance + s_gasTopUp : null;
        return await _node.SendAsAsync(holder, request, fund, cancellationToken).ConfigureAwait(false);
    }

    private async Task<TransactionReceipt> SendAsRoleAsync(EtherFiRole role, TransactionRequest request, CancellationToken cancellationToken) =>
        await SendAsHolderAsync(await GetRoleHolderAsync(role, cancellationToken).ConfigureAwait(false), request, cancellationToken).ConfigureAwait(false);
}
