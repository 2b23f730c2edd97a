using System.Numerics;
using LiquidStake.Ethereum;
using LiquidStake.Ethereum.Abi;
using LiquidStake.Ethereum.Rpc;
using LiquidStake.Ethereum.Sending;
using LiquidStake.Ethereum.Signing;
using LiquidStake.Ethereum.Transactions;

namespace LiquidStake.Testing.Protocols;

/// <summary>
/// Drives the ether.fi replica's admin entry points (chain/deploy/etherfi.mjs) as the devnet admin (anvil account 9):
/// rebases, finalization, pauses, blacklisting and redemption limits.
/// </summary>
public sealed class EtherFiAdminDriver : IDisposable
{
    /// <summary>Anvil's public test key #9, the replicas' admin (worthless outside a local devnet).</summary>
    public const string AdminPrivateKey = "0x2a871d0798f97d79848a013d4936a73bf4cc922c825d33c1cf7073dff6d409c6";

    /// <summary>LiquidityPool.</summary>
    public static readonly Address LiquidityPool = Address.Parse("0x308861A430be4cce5502d0A12724771Fc6DaF216");
    /// <summary>eETH.</summary>
    public static readonly Address EEth = Address.Parse("0x35fA164735182de50811E8e2E824cFb9B6118ac2");
    /// <summary>weETH.</summary>
    public static readonly Address WeEth = Address.Parse("0xCd5fE23C85820F7B72D0926FC9b05b43E359b7ee");
    /// <summary>WithdrawRequestNFT.</summary>
    public static readonly Address WithdrawRequestNft = Address.Parse("0x7d5706f6ef3F89B3951E23e557CDFBC3239D4E2c");
    /// <summary>EtherFiRedemptionManager.</summary>
    public static readonly Address RedemptionManager = Address.Parse("0xDadEf1fFBFeaAB4f68A9fD181395F68b4e4E7Ae0");
    /// <summary>Blacklister.</summary>
    public static readonly Address Blacklister = Address.Parse("0x5585996E7cFE95f2D99e61168B8b35C66Ff99B18");
    /// <summary>Treasury (receives the treasury part of the exit fee).</summary>
    public static readonly Address Treasury = Address.Parse("0x0c83EAe1FE72c390A02E426572854931EefF93BA");
    /// <summary>The ETH pseudo-token of the redemption manager.</summary>
    public static readonly Address EthToken = Address.Parse("0xEeeeeEeeeEeEeeEeEeEeeEEEeeeeEeeeeeeeEEeE");

    private readonly EthereumRpcClient _rpc;
    private readonly TransactionSender _sender;
    private readonly PrivateKeySigner _admin = PrivateKeySigner.FromHex(AdminPrivateKey);

    /// <summary>Creates the driver over an endpoint of the devnet (chain id 1).</summary>
    public EtherFiAdminDriver(EthereumRpcClient rpc)
    {
        ArgumentNullException.ThrowIfNull(rpc);
        _rpc = rpc;
        _sender = new TransactionSender(rpc, options: new TransactionSenderOptions { ChainId = 1, PollingInterval = TimeSpan.FromMilliseconds(50) });
    }

    /// <summary>The admin address.</summary>
    public Address Admin => _admin.Address;

    /// <summary>devnetRebase(aprBasisPoints, elapsedSeconds): P += floor(P × apr × elapsed / (1e4 × 365 days)). Returns the receipt.</summary>
    public Task<TransactionReceipt> RebaseAsync(BigInteger aprBasisPoints, BigInteger elapsedSeconds, CancellationToken cancellationToken = default) =>
        SendAsync(LiquidityPool, "devnetRebase(uint256,uint256)", [AbiType.UInt256, AbiType.UInt256], [aprBasisPoints, elapsedSeconds], cancellationToken);

    /// <summary>WithdrawRequestNFT.finalizeRequests(upToRequestId): freezes amountPerShareCeil() and escrows the ETH.</summary>
    public Task<TransactionReceipt> FinalizeRequestsAsync(BigInteger upToRequestId, CancellationToken cancellationToken = default) =>
        SendAsync(WithdrawRequestNft, "finalizeRequests(uint256)", [AbiType.UInt256], [upToRequestId], cancellationToken);

    /// <summary>pause() on a pausable replica.</summary>
    public Task<TransactionReceipt> PauseAsync(Address contract, CancellationToken cancellationToken = default) =>
        SendAsync(contract, "pause()", [], [], cancellationToken);

    /// <summary>unpause() on a pausable replica.</summary>
    public Task<TransactionReceipt> UnpauseAsync(Address contract, CancellationToken cancellationToken = default) =>
        SendAsync(contract, "unpause()", [], [], cancellationToken);

    /// <summary>Blacklister.devnetSetBlacklistedUntil(user, until) (0 clears).</summary>
    public Task<TransactionReceipt> SetBlacklistedUntilAsync(Address user, BigInteger untilUnixSeconds, CancellationToken cancellationToken = default) =>
        SendAsync(Blacklister, "devnetSetBlacklistedUntil(address,uint256)", [AbiType.Address, AbiType.UInt256], [user, untilUnixSeconds], cancellationToken);

    /// <summary>EtherFiRedemptionManager.setLowWatermarkInBpsOfTvl(bps, ETH).</summary>
    public Task<TransactionReceipt> SetLowWatermarkBpsAsync(int bps, CancellationToken cancellationToken = default) =>
        SendAsync(RedemptionManager, "setLowWatermarkInBpsOfTvl(uint16,address)", [AbiType.Parse("uint16"), AbiType.Address], [new BigInteger(bps), EthToken], cancellationToken);

    /// <summary>EtherFiRedemptionManager.devnetRefillBucket(ETH).</summary>
    public Task<TransactionReceipt> RefillBucketAsync(CancellationToken cancellationToken = default) =>
        SendAsync(RedemptionManager, "devnetRefillBucket(address)", [AbiType.Address], [EthToken], cancellationToken);

    /// <summary>Moves chain time forward and mines a block.</summary>
    public async Task IncreaseTimeAsync(long seconds, CancellationToken cancellationToken = default)
    {
        await _rpc.RequestAsync("evm_increaseTime", [seconds], cancellationToken).ConfigureAwait(false);
        await _rpc.RequestAsync("evm_mine", [], cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The latest block's timestamp.</summary>
    public async Task<ulong> LatestTimestampAsync(CancellationToken cancellationToken = default) =>
        (await _rpc.GetBlockByNumberAsync(BlockParameter.Latest, cancellationToken).ConfigureAwait(false))!.Timestamp;

    private async Task<TransactionReceipt> SendAsync(Address to, string signature, AbiType[] types, object?[] args, CancellationToken cancellationToken)
    {
        var data = AbiCodec.EncodeCall(AbiSignature.Selector(signature), types, args);
        var receipt = await _sender.SendAndWaitAsync(new TransactionRequest { To = to, Data = data }, _admin, 1, cancellationToken).ConfigureAwait(false);
        if (!receipt.Succeeded) throw new InvalidOperationException($"devnet admin call {signature} reverted");
        return receipt;
    }

    /// <inheritdoc/>
    public void Dispose() => _admin.Dispose();
}
