using System.Buffers;
using System.Numerics;
using System.Text.Json;
using LiquidStake.Ethereum;
using LiquidStake.Ethereum.Abi;
using LiquidStake.Ethereum.Multicall;
using LiquidStake.Sdk.Contracts.Common;
using LiquidStake.Ethereum.Contracts;
using LiquidStake.Ethereum.Rpc;
using LiquidStake.Ethereum.Signing;
using LiquidStake.Ethereum.Transactions;

namespace LiquidStake.Sdk;

/// <summary>The simulated outcome of one step of a plan.</summary>
/// <param name="Step">The step.</param>
/// <param name="Succeeded">True when it would succeed.</param>
/// <param name="ReturnData">What the call returns.</param>
/// <param name="GasUsed">Gas it used in the simulation.</param>
/// <param name="Revert">The decoded revert, when it would fail.</param>
/// <param name="Logs">The events it would emit.</param>
public sealed record StepSimulation(TransactionStep Step, bool Succeeded, byte[] ReturnData, ulong GasUsed, ContractRevertException? Revert, IReadOnlyList<LogEntry> Logs);

/// <summary>The simulated outcome of a whole plan, steps applied in order on the same state.</summary>
/// <param name="Steps">One result per step, in order (a stepwise simulation stops at the first revert).</param>
/// <param name="StepsSeeEarlierSteps">
/// True when each step was simulated on top of the earlier ones (<c>eth_simulateV1</c>); false for the stepwise fallback,
/// where an action is simulated without its approval having run, so its revert may not be real.
/// </param>
public sealed record PlanSimulation(IReadOnlyList<StepSimulation> Steps, bool StepsSeeEarlierSteps = true)
{
    /// <summary>True when every step would succeed.</summary>
    public bool Succeeded => Steps.All(s => s.Succeeded);

    /// <summary>The first failing step's revert, or null.</summary>
    public ContractRevertException? FirstRevert => Steps.FirstOrDefault(s => !s.Succeeded)?.Revert;
}

/// <summary>The receipts of a plan that was sent, one per step.</summary>
/// <param name="Plan">The plan.</param>
/// <param name="Receipts">One receipt per step, in order.</param>
public sealed record PlanExecution(PreparedTransaction Plan, IReadOnlyList<TransactionReceipt> Receipts)
{
    /// <summary>The action's receipt (the last step).</summary>
    public TransactionReceipt ActionReceipt => Receipts[^1];

    /// <summary>All logs of all steps, in order.</summary>
    public IEnumerable<LogEntry> Logs => Receipts.SelectMany(r => r.Logs);
}

/// <summary>
/// Simulates, estimates and sends <see cref="PreparedTransaction"/> plans. Simulation runs every step in order on one
/// simulated block (<c>eth_simulateV1</c>), so an approval is seen by the action that follows it; nodes without that
/// method fall back to one <c>eth_call</c> per step. Sending preflights each step and never signs a step whose
/// preflight reverts.
/// </summary>
public class PreparedTransactionExecutor
{
    private readonly LiquidStakeContext _context = null!;

    /// <summary>For mocking only.</summary>
    protected PreparedTransactionExecutor() { }

    /// <summary>Creates an executor over a context.</summary>
    public PreparedTransactionExecutor(LiquidStakeContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        _context = context;
    }

    /// <summary>
    /// Simulates the plan as <paramref name="from"/> (default: each step's From). With <paramref name="assumeBalance"/>,
    /// the sender is given that much ETH in the simulation, so an unfunded address can be simulated and estimated.
    /// </summary>
    public virtual async Task<PlanSimulation> SimulateAsync(PreparedTransaction plan, Address? from = null, BigInteger? assumeBalance = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var sender = from ?? plan.Action.Request.From ?? throw new LiquidStakeArgumentException(nameof(from), "the plan has no sender and none was given");
        try
        {
            return await SimulateBlockAsync(plan, sender, assumeBalance, cancellationToken).ConfigureAwait(false);
        }
        catch (RpcException ex) when (ex.Code == -32003 || (ex.RpcMessage ?? string.Empty).Contains("insufficient funds", StringComparison.OrdinalIgnoreCase))
        {
            // The node refuses to simulate at all when the sender cannot pay a step's value: report it as the balance check it is.
            var balance = await _context.Rpc.GetBalanceAsync(sender, BlockParameter.Latest, cancellationToken).ConfigureAwait(false);
            var value = plan.Steps.Aggregate(BigInteger.Zero, (sum, step) => sum + step.Request.Value);
            throw new InsufficientBalanceException(plan.Protocol, nameof(from), value, balance, "wei (ETH the plan sends)");
        }
        catch (RpcException ex) when (ex.Code is -32601 or -32600 || (ex.RpcMessage ?? string.Empty).Contains("not supported", StringComparison.OrdinalIgnoreCase) || (ex.RpcMessage ?? string.Empty).Contains("does not exist", StringComparison.OrdinalIgnoreCase))
        {
            return await SimulateStepwiseAsync(plan, sender, assumeBalance, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Gas per step from a simulation, plus the sender's headroom. Works for unfunded addresses via <paramref name="assumeBalance"/>.</summary>
    /// <exception cref="ContractRevertException">A step would revert.</exception>
    public virtual async Task<IReadOnlyList<ulong>> EstimateGasAsync(PreparedTransaction plan, Address? from = null, BigInteger? assumeBalance = null, CancellationToken cancellationToken = default)
    {
        var simulation = await SimulateAsync(plan, from, assumeBalance, cancellationToken).ConfigureAwait(false);
        if (simulation.FirstRevert is { } revert) throw revert;
        var headroom = 100 + _context.Sender.Options.GasHeadroomPercent;
        return simulation.Steps.Select(s => s.GasUsed * (ulong)headroom / 100).ToArray();
    }

    /// <summary>
    /// Sends every step in order with <paramref name="signer"/>, waiting for each receipt (with <paramref name="confirmations"/>)
    /// before the next. A preflight revert throws before signing; a reverted receipt throws with the decoded reason.
    /// </summary>
    /// <exception cref="PlanSenderMismatchException">A step was prepared for another account than the signer's (nothing is signed).</exception>
    public virtual async Task<PlanExecution> SendAsync(PreparedTransaction plan, ISigner signer, int confirmations = 1, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(signer);
        // A plan's checks (balances, allowances, permits) were made for its From: sending it from another account
        // would move the other account's funds, or send the tokens to it. Refuse before any signature.
        foreach (var step in plan.Steps)
        {
            if (step.Request.From is { } preparedFor && preparedFor != signer.Address)
                throw new PlanSenderMismatchException(preparedFor, signer.Address, step.Description);
        }
        await _context.EnsureChainAsync(cancellationToken).ConfigureAwait(false);
        await CheckAllowancesAsync(plan, signer.Address, cancellationToken).ConfigureAwait(false);
        if (plan.Steps.Count > 1)
        {
            // Each send is pre-flighted on its own, but a plan must not leave an approval behind for an action that
            // would revert: simulate the whole plan, in order, before the first signature.
            var simulation = await SimulateAsync(plan, signer.Address, null, cancellationToken).ConfigureAwait(false);
            var failed = simulation.Steps.FirstOrDefault(x => !x.Succeeded);
            if (failed is not null && (simulation.StepsSeeEarlierSteps || ReferenceEquals(failed, simulation.Steps[0])))
                throw failed.Revert ?? new ContractRevertException($"'{failed.Step.Description}' would revert");
        }
        var receipts = new List<TransactionReceipt>(plan.Steps.Count);
        foreach (var step in plan.Steps)
        {
            var request = step.Request with { From = signer.Address };
            try
            {
                receipts.Add(await _context.Sender.SendAndWaitAsync(request, signer, confirmations, cancellationToken).ConfigureAwait(false));
            }
            catch (ContractRevertException ex) when (ex.ErrorName is null || ex.ErrorName is "Unknown")
            {
                throw _context.DecodeRevert(ex.RevertData, ex);
            }
        }
        return new PlanExecution(plan, receipts);
    }

    /// <summary>
    /// Explicit opt-in to send a plan prepared for another account from <paramref name="signer"/>'s account: every
    /// step's From becomes the signer, then <see cref="SendAsync"/> re-checks allowances for the signer and simulates
    /// the plan (each step is also preflighted) before the first signature. Calldata is not rewritten: recipients,
    /// owners and permits encoded in it stay those of the original account, and a permit signed for it makes the
    /// re-check fail. Prefer preparing the plan again for the signer.
    /// </summary>
    public virtual Task<PlanExecution> SendRetargetedAsync(PreparedTransaction plan, ISigner signer, int confirmations = 1, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(signer);
        var retargeted = plan with
        {
            Steps = plan.Steps.Select(step => step with
            {
                Request = step.Request with { From = signer.Address },
                RequiredAllowance = step.RequiredAllowance is { } need ? need with { Owner = signer.Address } : null,
            }).ToArray(),
        };
        return SendAsync(retargeted, signer, confirmations, cancellationToken);
    }

    /// <summary>
    /// Checks every step's <see cref="TransactionStep.RequiredAllowance"/> against the on-chain allowances of
    /// <paramref name="owner"/> and the plan's earlier approval steps, in order, before anything is signed.
    /// </summary>
    /// <exception cref="InsufficientAllowanceException">A step would spend more than is approved when it runs.</exception>
    public virtual async Task CheckAllowancesAsync(PreparedTransaction plan, Address owner, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var needs = plan.Steps.Where(x => x.RequiredAllowance is not null).Select(x => (x.RequiredAllowance!.Token, x.RequiredAllowance.Spender)).Distinct().ToArray();
        if (needs.Length == 0) return;
        var calls = needs.Select(n => new MulticallCall(n.Token, Erc20.EncodeAllowance(owner, n.Spender), false)).ToArray();
        var results = await _context.Multicall.AggregateAsync(calls, BlockParameter.Latest, cancellationToken).ConfigureAwait(false);
        var approved = new Dictionary<(Address Token, Address Spender), BigInteger>();
        for (int i = 0; i < needs.Length; i++) approved[needs[i]] = Erc20.DecodeAllowanceOutput(results[i].ReturnData);
        foreach (var step in plan.Steps)
        {
            if (step.Kind == TransactionStepKind.Approval && step.Request.To is { } token && TryDecodeApprove(step.Request.Data.Span, out var spender, out var value))
            {
                approved[(token, spender)] = value; // approve sets the allowance, it does not add to it
            }
            else if (step.RequiredAllowance is { } need)
            {
                var key = (need.Token, need.Spender);
                var available = approved.GetValueOrDefault(key);
                if (available < need.Amount)
                    throw new InsufficientAllowanceException(plan.Protocol, need with { Owner = owner, StepDescription = step.Description }, available);
                if (available != MaxUint256) approved[key] = available - need.Amount; // an infinite approval is not decreased by transferFrom
            }
        }
    }

    private static readonly BigInteger MaxUint256 = (BigInteger.One << 256) - 1;
    private static readonly AbiType[] ApproveInputs = [AbiType.Parse("address"), AbiType.Parse("uint256")];
    private static readonly AbiType[] PermitInputs = [.. "address,address,uint256,uint256,uint8,bytes32,bytes32".Split(',').Select(AbiType.Parse)];

    private static bool TryDecodeApprove(ReadOnlySpan<byte> data, out Address spender, out BigInteger value)
    {
        spender = default;
        value = default;
        if (data.Length == 4 + 64 && data[..4].SequenceEqual(Erc20.ApproveSelector))
        {
            var args = AbiCodec.Decode(ApproveInputs, data[4..]);
            spender = (Address)args[0]!;
            value = (BigInteger)args[1]!;
            return true;
        }
        if (data.Length == 4 + (7 * 32) && data[..4].SequenceEqual(Erc2612.PermitSelector))
        {
            // permit(owner, spender, value, deadline, v, r, s) sets the allowance like approve.
            var args = AbiCodec.Decode(PermitInputs, data[4..]);
            spender = (Address)args[1]!;
            value = (BigInteger)args[2]!;
            return true;
        }
        return false;
    }

    /// <summary>Fills every field of every step for an external signer (hardware wallet, custodian), without signing. Nonces are consecutive.</summary>
    public virtual async Task<IReadOnlyList<TransactionRequest>> PrepareForExternalSignerAsync(PreparedTransaction plan, Address from, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        AddressArguments.RequireNonZero(from);
        await _context.EnsureChainAsync(cancellationToken).ConfigureAwait(false);
        await CheckAllowancesAsync(plan, from, cancellationToken).ConfigureAwait(false);
        var filled = new List<TransactionRequest>(plan.Steps.Count);
        ulong? nonce = null;
        var gas = await EstimateGasAsync(plan, from, null, cancellationToken).ConfigureAwait(false);
        for (int i = 0; i < plan.Steps.Count; i++)
        {
            var request = plan.Steps[i].Request with { From = from, Gas = plan.Steps[i].Request.Gas ?? gas[i], Nonce = nonce is null ? plan.Steps[i].Request.Nonce : nonce + 1 };
            var prepared = await _context.Sender.PrepareAsync(request, from, cancellationToken).ConfigureAwait(false);
            nonce = prepared.Nonce;
            filled.Add(prepared);
        }
        return filled;
    }

    private async Task<PlanSimulation> SimulateBlockAsync(PreparedTransaction plan, Address sender, BigInteger? assumeBalance, CancellationToken cancellationToken)
    {
        var payload = BuildSimulatePayload(plan, sender, assumeBalance);
        var result = await _context.Rpc.RequestAsync("eth_simulateV1", [payload, "latest"], cancellationToken).ConfigureAwait(false);
        var calls = result[0].GetProperty("calls");
        var steps = new List<StepSimulation>(plan.Steps.Count);
        int i = 0;
        foreach (var call in calls.EnumerateArray())
        {
            var step = plan.Steps[i++];
            var returnData = Hex.Decode(call.GetProperty("returnData").GetString() ?? "0x");
            var gasUsed = Hex.DecodeQuantityUInt64(call.GetProperty("gasUsed").GetString() ?? "0x0");
            bool ok = call.GetProperty("status").GetString() is "0x1";
            var logs = call.TryGetProperty("logs", out var logsElement) ? ParseLogs(logsElement) : [];
            ContractRevertException? revert = null;
            if (!ok)
            {
                var data = returnData;
                if (data.Length == 0 && call.TryGetProperty("error", out var error) && error.TryGetProperty("data", out var errorData) && errorData.ValueKind == JsonValueKind.String)
                    data = Hex.Decode(errorData.GetString()!);
                revert = _context.DecodeRevert(data);
            }
            steps.Add(new StepSimulation(step, ok, ok ? returnData : [], gasUsed, revert, logs));
        }
        return new PlanSimulation(steps);
    }

    private async Task<PlanSimulation> SimulateStepwiseAsync(PreparedTransaction plan, Address sender, BigInteger? assumeBalance, CancellationToken cancellationToken)
    {
        var overrides = assumeBalance is { } balance ? new Dictionary<Address, AccountOverride> { [sender] = new AccountOverride { Balance = balance } } : null;
        var steps = new List<StepSimulation>(plan.Steps.Count);
        foreach (var step in plan.Steps)
        {
            var request = step.Request with { From = sender };
            try
            {
                var data = await _context.Rpc.CallAsync(request, BlockParameter.Latest, overrides, cancellationToken).ConfigureAwait(false);
                var gas = await _context.Rpc.EstimateGasAsync(request, BlockParameter.Latest, overrides, cancellationToken).ConfigureAwait(false);
                steps.Add(new StepSimulation(step, true, data, gas, null, []));
            }
            catch (ContractRevertException ex)
            {
                steps.Add(new StepSimulation(step, false, [], 0, _context.DecodeRevert(ex.RevertData, ex), []));
                break; // later steps depend on this one
            }
        }
        return new PlanSimulation(steps, plan.Steps.Count <= 1);
    }

    private static JsonElement BuildSimulatePayload(PreparedTransaction plan, Address sender, BigInteger? assumeBalance)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteStartArray("blockStateCalls");
            w.WriteStartObject();
            if (assumeBalance is { } balance)
            {
                w.WriteStartObject("stateOverrides");
                w.WriteStartObject(sender.ToLowerHex());
                w.WriteString("balance", Hex.EncodeQuantity(balance));
                w.WriteEndObject();
                w.WriteEndObject();
            }
            w.WriteStartArray("calls");
            foreach (var step in plan.Steps)
            {
                var r = step.Request;
                w.WriteStartObject();
                w.WriteString("from", sender.ToLowerHex());
                if (r.To is { } to) w.WriteString("to", to.ToLowerHex());
                if (!r.Value.IsZero) w.WriteString("value", Hex.EncodeQuantity(r.Value));
                w.WriteString("input", Hex.Encode(r.Data.Span));
                if (r.Gas is { } gas) w.WriteString("gas", Hex.EncodeQuantity(gas));
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteBoolean("validation", false);
            w.WriteEndObject();
        }
        using var doc = JsonDocument.Parse(buffer.WrittenMemory);
        return doc.RootElement.Clone();
    }

    private static List<LogEntry> ParseLogs(JsonElement logs)
    {
        var list = new List<LogEntry>();
        foreach (var log in logs.EnumerateArray())
        {
            list.Add(new LogEntry
            {
                Address = Address.Parse(log.GetProperty("address").GetString()!),
                Topics = log.GetProperty("topics").EnumerateArray().Select(t => Hash32.Parse(t.GetString()!)).ToArray(),
                Data = Hex.Decode(log.GetProperty("data").GetString() ?? "0x"),
            });
        }
        return list;
    }
}
