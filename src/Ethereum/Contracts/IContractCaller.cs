using LiquidStake.Ethereum.Rpc;

namespace LiquidStake.Ethereum.Contracts;

/// <summary>Runs read-only contract calls (<c>eth_call</c>). Generated contract wrappers read through this.</summary>
/// <remarks>
/// A call that reverts throws <see cref="ContractRevertException"/> carrying the raw revert data, so that the
/// wrapper of the called contract can decode it into that contract's named error.
/// </remarks>
public interface IContractCaller
{
    /// <summary>Calls <paramref name="to"/> with <paramref name="data"/> at <paramref name="block"/> and returns the raw return data.</summary>
    Task<byte[]> CallAsync(Address to, ReadOnlyMemory<byte> data, BlockParameter block, CancellationToken cancellationToken = default);
}
