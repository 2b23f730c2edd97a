using System.Numerics;
using LiquidStake.Ethereum;
using LiquidStake.Ethereum.Crypto;
using LiquidStake.IntegrationTests.Support;
using LiquidStake.Sdk.Contracts.EigenLayer;
using LiquidStake.Sdk.Protocols.EigenLayer;

namespace LiquidStake.IntegrationTests.EigenLayer;

/// <summary>The EIP-712 paths on chain: signed deposits (staker signs, payer pays) and delegation approver signatures.</summary>
public sealed class EigenLayerSignatureTests(DevnetFixture fixture) : EigenLayerTestBase(fixture)
{
    [DevnetFact]
    public async Task Signed_deposit_credits_the_staker_while_the_payer_pays_and_the_nonce_advances()
    {
        var payer = User;
        var staker = Node.Accounts[2];
        var balance = await GetStEthAsync(payer, 3 * Ether);
        var amount = 2 * Ether;
        var nonceBefore = await StrategyManager.NoncesAsync(staker.Address);
        var stakerTxBefore = await NonceAsync(staker.Address);
        var totalBefore = await Strategy(StEthStrategy).TotalSharesAsync();

        var plan = await Client.PrepareDepositWithSignatureAsync(payer.Address, staker, StEth, amount, await FutureDeadlineAsync(TimeSpan.FromHours(1)));
        Assert.Equal(2, plan.Steps.Count); // exact approval by the payer, then the signed deposit
        var deposit = Client.DecodeDeposit(await Client.Executor.SendAsync(plan, payer));
        var strategyBalance = await Token(StEth).BalanceOfAsync(StEthStrategy);

        Assert.Equal(staker.Address, deposit.Staker);
        Assert.Equal(StEthStrategy, deposit.Strategy);
        Assert.Equal(amount * (totalBefore + 1000) / (strategyBalance + 1000 - amount), deposit.Shares);
        Assert.Equal(deposit.Shares, await StrategyManager.StakerDepositSharesAsync(staker.Address, StEthStrategy));
        Assert.Equal(BigInteger.Zero, await StrategyManager.StakerDepositSharesAsync(payer.Address, StEthStrategy));
        Assert.Equal(nonceBefore + 1, await StrategyManager.NoncesAsync(staker.Address));
        // The staker only signed: it sent nothing; the payer's stETH paid (1–2 wei of stETH share rounding aside).
        Assert.Equal(stakerTxBefore, await NonceAsync(staker.Address));
        Assert.InRange(await Token(StEth).BalanceOfAsync(payer.Address) - (balance - amount), BigInteger.Zero, new BigInteger(2));

        // An expiry in the past is refused before signing.
        var expired = await Assert.ThrowsAsync<EigenLayerPreflightException>(() =>
            Client.PrepareDepositWithSignatureAsync(payer.Address, staker, StEth, Ether / 2, DateTimeOffset.UtcNow.AddMinutes(-1)));
        Assert.Equal("SignatureExpired", expired.ErrorName);
    }

    [DevnetFact]
    public async Task Gated_operator_accepts_the_approver_signature_and_refuses_missing_expired_and_spent_ones_pre_flight()
    {
        var gated = (await Client.GetOperatorsAsync()).Single(o => o.RequiresApproval);
        var approver = Node.Admin; // the devnet operator's delegation approver (accounts[9])
        Assert.Equal(approver.Address, gated.DelegationApprover);
        var staker = User;
        var other = Node.Accounts[2];
        var nonce = await NonceAsync(staker.Address);
        var otherNonce = await NonceAsync(other.Address);

        var missing = await Assert.ThrowsAsync<EigenLayerPreflightException>(() => Client.PrepareDelegateAsync(staker.Address, gated.Operator));
        Assert.Equal("InvalidSignature", missing.ErrorName);
        Assert.Contains(approver.Address.ToString(), missing.Message, StringComparison.Ordinal);

        var salt = new Hash32(Keccak256.HashUtf8("liquidstake.test.eigenlayer.salt.1"));
        var stale = await Client.SignDelegationApprovalAsync(approver, staker.Address, gated.Operator, salt, DateTimeOffset.UtcNow.AddMinutes(-5));
        var expired = await Assert.ThrowsAsync<EigenLayerPreflightException>(() => Client.PrepareDelegateAsync(staker.Address, gated.Operator, stale, salt));
        Assert.Equal("SignatureExpired", expired.ErrorName);
        Assert.Equal(nonce, await NonceAsync(staker.Address));

        var deadline = await FutureDeadlineAsync(TimeSpan.FromHours(1));
        var signature = await Client.SignDelegationApprovalAsync(approver, staker.Address, gated.Operator, salt, deadline);
        Assert.Equal(65, signature.SignatureValue.Length);
        Assert.Equal((BigInteger)deadline.ToUnixTimeSeconds(), signature.Expiry);
        Assert.False(await Delegation.DelegationApproverSaltIsSpentAsync(approver.Address, salt.ToArray()));
        var delegated = await Client.DelegateAsync(staker, gated.Operator, signature, salt);
        Assert.Equal(gated.Operator, delegated.Operator);
        Assert.Equal(gated.Operator, await Delegation.DelegatedToAsync(staker.Address));
        Assert.True(await Delegation.DelegationApproverSaltIsSpentAsync(approver.Address, salt.ToArray()));

        // The same salt for another staker: a valid signature, but the salt is spent.
        var again = await Client.SignDelegationApprovalAsync(approver, other.Address, gated.Operator, salt, deadline);
        var spent = await Assert.ThrowsAsync<EigenLayerPreflightException>(() => Client.PrepareDelegateAsync(other.Address, gated.Operator, again, salt));
        Assert.Equal("SaltSpent", spent.ErrorName);
        Assert.Equal(otherNonce, await NonceAsync(other.Address));
        Assert.Equal(Address.Zero, await Delegation.DelegatedToAsync(other.Address));

        // A signature for one staker does not authorise another: the contract's digest binds the staker (InvalidSignature on chain).
        var freshSalt = new Hash32(Keccak256.HashUtf8("liquidstake.test.eigenlayer.salt.2"));
        var forStaker = await Client.SignDelegationApprovalAsync(approver, staker.Address, gated.Operator, freshSalt, deadline);
        var misused = await Client.PrepareDelegateAsync(other.Address, gated.Operator, forStaker, freshSalt);
        var simulation = await Client.Executor.SimulateAsync(misused, other.Address);
        Assert.False(simulation.Succeeded);
        Assert.Equal("InvalidSignature", simulation.FirstRevert?.ErrorName);
    }

    [DevnetFact]
    public async Task Operator_registered_in_the_test_with_its_own_approver_is_gated_on_chain()
    {
        // An operator registers itself with registerAsOperator(approver, allocationDelay, metadataURI).
        var operatorSigner = Node.Accounts[3];
        var approver = Node.Accounts[4];
        await Node.SendAsync(Delegation.PrepareRegisterAsOperator(approver.Address, 0, "https://example.invalid/op.json") with { From = operatorSigner.Address }, operatorSigner);
        var info = Assert.Single(await Client.GetOperatorsAsync([operatorSigner.Address]));
        Assert.Equal(approver.Address, info.DelegationApprover);

        var salt = new Hash32(Keccak256.HashUtf8("liquidstake.test.eigenlayer.salt.3"));
        var signature = await Client.SignDelegationApprovalAsync(approver, User.Address, operatorSigner.Address, salt, await FutureDeadlineAsync(TimeSpan.FromMinutes(30)));
        var result = await Client.DelegateAsync(User, operatorSigner.Address, signature, salt);
        Assert.Equal(operatorSigner.Address, result.Operator);
        Assert.True(await Delegation.DelegationApproverSaltIsSpentAsync(approver.Address, salt.ToArray()));
    }
}
