using System.Globalization;
using System.Numerics;
using LiquidStake.Ethereum;
using LiquidStake.Ethereum.Contracts;
using LiquidStake.Ethereum.Multicall;
using LiquidStake.Ethereum.Rpc;
using LiquidStake.Sdk.Contracts.Common;
using LiquidStake.Sdk.Contracts.StakeWise;

namespace LiquidStake.Sdk.Protocols.StakeWise;

// The exit queue: enter, track (ExitQueueEntered / ExitedAssetsClaimed + getExitQueueIndex + calculateExitedAssets), claim.

public partial class StakeWiseClient
{
    /// <summary>
    /// Prepares <c>vault.enterExitQueue(shares, receiver)</c> after the vault's checks: positive shares, chain, a registered
    /// vault without a pending harvest, the account's vault shares, and the osETH minted against them: the shares left
    /// must still cover the position within the LTV (with the osETH rate projected <see cref="StakeWiseClientOptions.OsTokenRateMargin"/>
    /// ahead), otherwise <see cref="StakeWiseOsTokenMintedException"/> says how much osETH to burn first (the vault would revert <c>LowLtv</c>).
    /// </summary>
    /// <param name="account">The vault staker.</param>
    /// <param name="shares">Vault shares to exit.</param>
    /// <param name="vault">The vault; null for <see cref="DefaultVault"/>.</param>
    /// <param name="receiver">Who claims the ETH; null for <paramref name="account"/>.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    public virtual async Task<PreparedTransaction> PrepareEnterExitQueueAsync(Address account, BigInteger shares, Address? vault = null, Address? receiver = null, CancellationToken cancellationToken = default)
    {
        AddressArguments.RequireNonZero(account);
        AddressArguments.RequireNonZero(vault);
        AddressArguments.RequireNonZero(receiver);
        return await EnterExitQueueCoreAsync(account, shares, vault ?? DefaultVault, receiver ?? account, nameof(shares), nameof(vault), cancellationToken).ConfigureAwait(false);
    }

    private async Task<PreparedTransaction> EnterExitQueueCoreAsync(Address account, BigInteger shares, Address vault, Address receiver, string sharesParam, string vaultParam, CancellationToken cancellationToken)
    {
        if (shares.Sign <= 0) throw new AmountNotPositiveException(Id, sharesParam, shares);
        await _context.EnsureChainAsync(cancellationToken).ConfigureAwait(false);
        var (info, position, _) = await ReadAccountStateAsync(account, vault, vaultParam, cancellationToken).ConfigureAwait(false);
        if (info.IsHarvestRequired) throw new StakeWiseHarvestRequiredException(vault);
        if (shares > position.StakedShares) throw new InsufficientBalanceException(Id, sharesParam, shares, position.StakedShares, "vault shares");
        if (!position.MintedShares.IsZero)
        {
            var os = await ReadOsTokenTotalsAsync(cancellationToken).ConfigureAwait(false);
            var rate = await new OsTokenVaultController(_addresses.OsTokenVaultController, _context.Rpc).AvgRewardPerSecondAsync(null, cancellationToken).ConfigureAwait(false);
            // The check runs when the transaction is mined: project the osETH rate ahead so an exit at the edge does not revert LowLtv.
            var osAssets = StakeWiseMath.ProjectOsTokenAssets(os.Assets, rate, (ulong)Options.OsTokenRateMargin.TotalSeconds);
            var maxExit = StakeWiseMath.MaxExitableShares(position.StakedShares, position.MintedShares, info.OsTokenConfig.LtvPercent, info.TotalAssets, info.TotalShares, osAssets, os.Shares);
            if (shares > maxExit)
            {
                var allowed = StakeWiseMath.MaxOsTokenShares(info.ConvertToAssets(position.StakedShares - shares), info.OsTokenConfig.LtvPercent, osAssets, os.Shares);
                throw new StakeWiseOsTokenMintedException(sharesParam, vault, shares, maxExit, position.MintedShares, position.MintedShares - allowed);
            }
        }
        var request = Vault(vault).PrepareEnterExitQueue(shares, receiver) with { From = account };
        var description = string.Create(CultureInfo.InvariantCulture,
            $"Enter the exit queue of StakeWise vault {vault} with {Describe(shares)} shares (about {Describe(info.ConvertToAssets(shares))} ETH)");
        return new PreparedTransaction(Id, description, [new TransactionStep(TransactionStepKind.Action, description, request)]);
    }

    /// <summary>
    /// The account's exit-queue requests (as receiver) in <paramref name="vault"/> or, when null, in every vault of the
    /// directory: from <c>ExitQueueEntered</c> and <c>ExitedAssetsClaimed</c> events (a partial claim re-files the rest
    /// under a new ticket), each open ticket's checkpoint (<c>getExitQueueIndex</c>) and what a claim pays now
    /// (<c>calculateExitedAssets</c>). Claimable once processed and <see cref="StakeWiseClientOptions.ExitedAssetsClaimDelay"/>
    /// after the request. Two Multicall3 passes for any number of requests.
    /// </summary>
    public virtual async Task<IReadOnlyList<StakeWiseExitRequest>> GetExitRequestsAsync(Address account, Address? vault = null, CancellationToken cancellationToken = default)
    {
        AddressArguments.RequireNonZero(account);
        AddressArguments.RequireNonZero(vault);
        var vaults = vault is { } one ? [one] : await GetVaultAddressesAsync(cancellationToken).ConfigureAwait(false);
        var receiverTopic = AddressTopic(account);
        var from = BlockParameter.AtNumber(Options.VaultDiscoveryFromBlock ?? _addresses.RegistryDeploymentBlock);
        var enteredTask = _context.Rpc.GetLogsAsync(new EventFilter { Addresses = vaults, Topics = [[EthVault.ExitQueueEnteredEventTopic], null, [receiverTopic]] }, from, BlockParameter.Latest, cancellationToken);
        var claimedTask = _context.Rpc.GetLogsAsync(new EventFilter { Addresses = vaults, Topics = [[EthVault.ExitedAssetsClaimedEventTopic], [receiverTopic]] }, from, BlockParameter.Latest, cancellationToken);
        var entered = await enteredTask.ConfigureAwait(false);
        var claimed = await claimedTask.ConfigureAwait(false);

        var claims = new Dictionary<(Address Vault, BigInteger Ticket), ExitedAssetsClaimedEvent>();
        foreach (var log in claimed)
            if (!log.Removed && EthVault.TryDecodeExitedAssetsClaimedEvent(log, out var c)) claims[(log.Address, c.PrevPositionTicket)] = c;

        var timestamps = await BlockTimestampsAsync(entered.Where(l => !l.Removed && l.BlockNumber.HasValue).Select(l => l.BlockNumber!.Value).Distinct(), cancellationToken).ConfigureAwait(false);
        // Every ticket of every request: the original one, then the re-filed rest of each partial claim.
        var tickets = new List<(StakeWiseExitTicket Ticket, BigInteger Shares, ExitedAssetsClaimedEvent? Claim)>();
        foreach (var log in entered)
        {
            if (log.Removed || log.BlockNumber is not { } block || !EthVault.TryDecodeExitQueueEnteredEvent(log, out var e)) continue;
            var ticket = new StakeWiseExitTicket(log.Address, e.PositionTicket, timestamps[block]);
            var shares = e.Shares;
            while (true)
            {
                claims.TryGetValue((ticket.Vault, ticket.PositionTicket), out var claim);
                tickets.Add((ticket, shares, claim));
                if (claim is null || claim.NewPositionTicket.IsZero) break;
                shares -= claim.NewPositionTicket - claim.PrevPositionTicket;
                ticket = ticket with { PositionTicket = claim.NewPositionTicket };
            }
        }
        var open = tickets.Where(t => t.Claim is null).ToArray();
        var first = new List<MulticallCall> { new(_context.Network.Multicall3, Multicall3.EncodeGetCurrentBlockTimestamp(), false) };
        first.AddRange(open.Select(t => new MulticallCall(t.Ticket.Vault, EthVault.EncodeGetExitQueueIndex(t.Ticket.PositionTicket), false)));
        var r1 = await BatchReads.ReadAsync(_context, first, cancellationToken).ConfigureAwait(false);
        var now = (ulong)Multicall3.DecodeGetCurrentBlockTimestampOutput(r1[0]);
        var indexes = open.Select((_, i) => EthVault.DecodeGetExitQueueIndexOutput(r1[i + 1])).ToArray();
        var second = new List<MulticallCall>();
        for (int i = 0; i < open.Length; i++)
            if (indexes[i].Sign >= 0)
                second.Add(new MulticallCall(open[i].Ticket.Vault, EthVault.EncodeCalculateExitedAssets(account, open[i].Ticket.PositionTicket, open[i].Ticket.Timestamp, indexes[i]), false));
        var r2 = await BatchReads.ReadAsync(_context, second, cancellationToken).ConfigureAwait(false);

        var result = new List<StakeWiseExitRequest>(tickets.Count);
        int openIndex = 0, calcIndex = 0;
        foreach (var (ticket, shares, claim) in tickets)
        {
            var requestedAt = DateTimeOffset.FromUnixTimeSeconds((long)ticket.Timestamp);
            var claimableAt = requestedAt + Options.ExitedAssetsClaimDelay;
            var token = VaultSharesToken(ticket.Vault);
            if (claim is not null)
            {
                result.Add(new StakeWiseExitRequest(ticket.ToWithdrawalId(), account, token, shares, null, WithdrawalStatus.Claimed, requestedAt, claimableAt, ticket, null, BigInteger.Zero, BigInteger.Zero));
                continue;
            }
            var index = indexes[openIndex++];
            if (index.Sign < 0)
            {
                result.Add(new StakeWiseExitRequest(ticket.ToWithdrawalId(), account, token, shares, null, WithdrawalStatus.Pending, requestedAt, claimableAt, ticket, null, shares, BigInteger.Zero));
                continue;
            }
            var calc = EthVault.DecodeCalculateExitedAssetsOutput(r2[calcIndex++]);
            bool delayOver = now >= ticket.Timestamp + (ulong)Options.ExitedAssetsClaimDelay.TotalSeconds;
            var status = calc.ExitedAssets.Sign > 0 && !calc.ExitedTickets.IsZero && delayOver ? WithdrawalStatus.Claimable : WithdrawalStatus.Pending;
            result.Add(new StakeWiseExitRequest(ticket.ToWithdrawalId(), account, token, shares, calc.ExitedAssets.Sign > 0 ? calc.ExitedAssets : null,
                status, requestedAt, claimableAt, ticket, index, calc.LeftTickets, calc.ExitedTickets));
        }
        return result;
    }

    /// <summary>
    /// Prepares <c>claimExitedAssets(positionTicket, timestamp, exitQueueIndex)</c> for each request, one transaction per
    /// ticket, after checking that each is the account's and claimable now (<see cref="WithdrawalNotClaimableException"/> otherwise).
    /// </summary>
    /// <param name="account">The receiver of the requests.</param>
    /// <param name="withdrawals">Ids from <see cref="GetExitRequestsAsync"/>.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    public virtual async Task<PreparedTransaction> PrepareClaimExitedAssetsAsync(Address account, IReadOnlyList<WithdrawalId> withdrawals, CancellationToken cancellationToken = default)
    {
        AddressArguments.RequireNonZero(account);
        ArgumentNullException.ThrowIfNull(withdrawals);
        if (withdrawals.Count == 0) throw new LiquidStakeArgumentException(nameof(withdrawals), "no withdrawals to claim", "at least one StakeWise exit ticket");
        var tickets = withdrawals.Select(w => StakeWiseExitTicket.FromWithdrawalId(w, nameof(withdrawals))).ToArray();
        await _context.EnsureChainAsync(cancellationToken).ConfigureAwait(false);
        var vaults = tickets.Select(t => t.Vault).Distinct().ToArray();
        var requests = new List<StakeWiseExitRequest>();
        foreach (var v in vaults) requests.AddRange(await GetExitRequestsAsync(account, v, cancellationToken).ConfigureAwait(false));
        var steps = new List<TransactionStep>();
        BigInteger total = BigInteger.Zero;
        for (int i = 0; i < tickets.Length; i++)
        {
            var id = withdrawals[i];
            var request = requests.FirstOrDefault(r => r.Ticket == tickets[i]);
            var requestId = id.RequestId ?? BigInteger.Zero;
            if (request is null) throw new WithdrawalNotClaimableException(Id, requestId, $"no exit-queue ticket {tickets[i].PositionTicket} of {account} in vault {tickets[i].Vault} at timestamp {tickets[i].Timestamp}");
            if (request.Status == WithdrawalStatus.Claimed) throw new WithdrawalNotClaimableException(Id, requestId, "it was already claimed");
            if (request.Status != WithdrawalStatus.Claimable || request.ExitQueueIndex is not { } index || request.AmountClaimable is not { } amount)
            {
                var reason = request.ExitQueueIndex is null
                    ? "the vault has not processed it yet (no checkpoint covers the ticket)"
                    : string.Create(CultureInfo.InvariantCulture, $"the claim delay runs until {request.EstimatedClaimableAt:u}");
                throw new WithdrawalNotClaimableException(Id, requestId, reason);
            }
            var tx = Vault(tickets[i].Vault).PrepareClaimExitedAssets(tickets[i].PositionTicket, tickets[i].Timestamp, index) with { From = account };
            var description = string.Create(CultureInfo.InvariantCulture, $"Claim {Describe(amount)} ETH from the exit queue of StakeWise vault {tickets[i].Vault} (ticket {tickets[i].PositionTicket})");
            steps.Add(new TransactionStep(TransactionStepKind.Action, description, tx));
            total += amount;
        }
        var planDescription = steps.Count == 1 ? steps[0].Description : string.Create(CultureInfo.InvariantCulture, $"Claim {Describe(total)} ETH from {steps.Count} StakeWise exit-queue tickets");
        return new PreparedTransaction(Id, planDescription, steps);
    }

    private async Task<(BigInteger Assets, BigInteger Shares)> ReadOsTokenTotalsAsync(CancellationToken cancellationToken)
    {
        var r = await BatchReads.ReadAsync(_context,
            [
                new MulticallCall(_addresses.OsTokenVaultController, OsTokenVaultController.EncodeTotalAssets(), false),
                new MulticallCall(_addresses.OsTokenVaultController, OsTokenVaultController.EncodeTotalShares(), false),
            ],
            cancellationToken).ConfigureAwait(false);
        return (OsTokenVaultController.DecodeTotalAssetsOutput(r[0]), OsTokenVaultController.DecodeTotalSharesOutput(r[1]));
    }

    private async Task<IReadOnlyDictionary<ulong, ulong>> BlockTimestampsAsync(IEnumerable<ulong> blocks, CancellationToken cancellationToken)
    {
        var reads = blocks.Select(async b =>
        {
            var header = await _context.Rpc.GetBlockByNumberAsync(BlockParameter.AtNumber(b), cancellationToken).ConfigureAwait(false)
                ?? throw new LiquidStakeException($"StakeWise: block {b} is not available from the RPC endpoint");
            return (b, header.Timestamp);
        });
        var pairs = await Task.WhenAll(reads).ConfigureAwait(false);
        return pairs.ToDictionary(p => p.b, p => p.Timestamp);
    }

    private static Hash32 AddressTopic(Address address)
    {
        var bytes = new byte[32];
        address.CopyTo(bytes.AsSpan(12));
        return new Hash32(bytes);
    }
}
