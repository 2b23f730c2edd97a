using System.Net;
using System.Text.Json;
using LiquidStake.Ethereum.Crypto;
using LiquidStake.Ethereum.Transactions;

namespace LiquidStake.Ethereum.Rpc;

public partial class EthereumRpcClient
{
    /// <summary>
    /// <c>eth_sendRawTransaction</c>. Never retried blindly: when the outcome is unknown (cut connection, timeout, HTTP
    /// error after the request left) the client asks the node whether it knows the hash and rebroadcasts the identical
    /// bytes only if not. When a rebroadcast is refused with "nonce too low", "already known" or "replacement
    /// underpriced" — the earlier attempt most likely landed — the hash is checked (receipt, then the transaction, then
    /// the sender's mined nonce) and returned when the node shows it.
    /// </summary>
    /// <returns>The transaction hash (keccak of the signed bytes).</returns>
    /// <exception cref="BroadcastOutcomeUnknownException">An attempt may have reached the node and its fate could not be
    /// settled; the exception carries the hash and the signed bytes. Do not sign a replacement for the same purpose.</exception>
    /// <exception cref="TransactionNotBroadcastException">No attempt reached the node (HTTP 429, connection refused): nothing happened.</exception>
    /// <exception cref="RpcException">The node refused the transaction (nothing was broadcast).</exception>
    public virtual async Task<Hash32> SendRawTransactionAsync(ReadOnlyMemory<byte> signedTransaction, CancellationToken cancellationToken = default)
    {
        if (signedTransaction.IsEmpty) throw new LiquidStakeArgumentException(nameof(signedTransaction), "is empty");
        var expectedHash = Keccak256.ComputeHash32(signedTransaction.Span);
        JsonElement[] args = [Str(Hex.Encode(signedTransaction.Span))];
        bool mayHaveLanded = false;
        for (int attempt = 0; ; attempt++)
        {
            try
            {
                var element = await SendAsync("eth_sendRawTransaction", args, isRead: false, cancellationToken).ConfigureAwait(false);
                var hash = ParseHash(element, "transaction hash");
                if (hash != expectedHash)
                    throw new EthereumFormatException($"The node answered hash {hash} for a transaction whose hash is {expectedHash}.");
                RpcLog.Broadcast(_logger, expectedHash);
                return hash;
            }
            catch (RpcException ex) when (RpcErrorClassifier.IsAlreadyKnown(ex.RpcMessage))
            {
                RpcLog.AlreadyKnown(_logger, expectedHash);
                return expectedHash;
            }
            catch (RpcException ex) when (mayHaveLanded && RpcErrorClassifier.IsNonceConflict(ex.RpcMessage))
            {
                // The re-send of the same bytes collides with a transaction of the same nonce: most likely our own
                // earlier attempt, already pooled or mined. Settle it by the hash rather than report a plain error.
                return await SettleAmbiguousBroadcastAsync(signedTransaction, expectedHash, ex, cancellationToken).ConfigureAwait(false);
            }
            catch (RpcTransportException ex)
            {
                RpcLog.BroadcastUnknown(_logger, ex, expectedHash, attempt + 1);
                mayHaveLanded |= !NeverReachedNode(ex);
                RpcTransaction? known = null;
                RpcTransportException? lookupFailure = null;
                try
                {
                    if (mayHaveLanded) known = await GetTransactionByHashAsync(expectedHash, cancellationToken).ConfigureAwait(false);
                }
                catch (RpcTransportException lookup)
                {
                    lookupFailure = lookup;
                }
                if (known is not null) return expectedHash;
                if (attempt >= Options.MaxRebroadcastAttempts || lookupFailure is not null && mayHaveLanded)
                    throw BroadcastFailure(signedTransaction, expectedHash, mayHaveLanded, ex, lookupFailure);
            }
        }
    }

    private async Task<Hash32> SettleAmbiguousBroadcastAsync(ReadOnlyMemory<byte> signedTransaction, Hash32 hash, RpcException refusal, CancellationToken cancellationToken)
    {
        try
        {
            if (await GetTransactionReceiptAsync(hash, cancellationToken).ConfigureAwait(false) is not null
                || await GetTransactionByHashAsync(hash, cancellationToken).ConfigureAwait(false) is not null)
            {
                RpcLog.AlreadyKnown(_logger, hash);
                return hash;
            }
            var decoded = TransactionCodec.Decode(signedTransaction.Span);
            ulong mined = await GetTransactionCountAsync(decoded.From, BlockParameter.Latest, cancellationToken).ConfigureAwait(false);
            string why = mined > decoded.Transaction.Nonce
                ? $"nonce {decoded.Transaction.Nonce} of {decoded.From} is used (the node's count is {mined}) but this node shows neither the transaction nor its receipt: it may be our own transaction on a lagging node, or another one with the same nonce"
                : $"the node refused the re-send ({refusal.RpcMessage}) but knows neither the transaction nor a used nonce {decoded.Transaction.Nonce}";
            throw Unknown(signedTransaction, hash, why, statusCode: null, refusal);
        }
        catch (RpcTransportException lookup)
        {
            throw Unknown(signedTransaction, hash, "the node could not be asked about it", lookup.StatusCode, lookup);
        }
    }

    private static BroadcastOutcomeUnknownException Unknown(ReadOnlyMemory<byte> signedTransaction, Hash32 hash, string why, HttpStatusCode? statusCode, Exception inner) =>
        new($"The broadcast of transaction {hash} has an unknown outcome: {why}. Wait for the hash or re-broadcast the same signed bytes; do not sign a new transaction for the same purpose.",
            hash, signedTransaction.ToArray(), statusCode, inner);

    private static RpcTransportException BroadcastFailure(ReadOnlyMemory<byte> signedTransaction, Hash32 hash, bool mayHaveLanded, RpcTransportException last, RpcTransportException? lookupFailure)
    {
        if (!mayHaveLanded)
            return new TransactionNotBroadcastException(
                $"The transaction {hash} was not broadcast: every attempt was refused before it reached the node. Nothing happened on chain; sending again is safe.",
                hash, last.StatusCode, last);
        string why = lookupFailure is not null ? "the node could not be asked about it" : "the node does not know it after the last attempt, which may still be on its way";
        return Unknown(signedTransaction, hash, why, last.StatusCode, (Exception?)lookupFailure ?? last);
    }

    // A rate-limit answer or a connection that never opened cannot have delivered the request to the node.
    private static bool NeverReachedNode(RpcTransportException ex) =>
        ex.StatusCode == HttpStatusCode.TooManyRequests
        || ex.InnerException is HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError };
}
