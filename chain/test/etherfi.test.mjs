// ether.fi replica lifecycle tests: raw calls via viem, every amount checked to the wei against the formulas of
// shared/protocols/etherfi.md §4-§6, recomputed here with BigInt.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { parseEther, parseEventLogs, ContractFunctionRevertedError, maxUint256, zeroAddress } from 'viem';
import { startDevnet, isolated } from './helpers.mjs';
import { ETHERFI, ETH_ADDRESS, START, ROLES, ORACLE, history, deliverOracleReport, HISTORY_APR_BPS } from '../deploy/etherfi.mjs';

let devnet, ctx, lp, eeth, weeth, wrn, rm, adapter, wadapter, blacklister, limiter, registry, errorAbi;
const SECONDS_PER_YEAR = 365n * 86400n;
const ceilDiv = (a, b) => (a === 0n ? 0n : (a - 1n) / b + 1n);

before(async () => {
  devnet = await startDevnet();
  ctx = devnet.ctx;
  const at = (id, address) => ({ address, abi: ctx.artifact(id).abi });
  lp = at('etherfi/LiquidityPool', ETHERFI.LiquidityPool);
  eeth = at('etherfi/EETH', ETHERFI.EETH);
  weeth = at('etherfi/WeETH', ETHERFI.WeETH);
  wrn = at('etherfi/WithdrawRequestNFT', ETHERFI.WithdrawRequestNFT);
  rm = at('etherfi/EtherFiRedemptionManager', ETHERFI.EtherFiRedemptionManager);
  adapter = at('etherfi/DepositAdapter', ETHERFI.DepositAdapter);
  wadapter = at('etherfi/WeETHWithdrawAdapter', ETHERFI.WeETHWithdrawAdapter);
  blacklister = at('etherfi/EtherFiBlacklister', ETHERFI.Blacklister);
  limiter = at('etherfi/EtherFiRateLimiter', ETHERFI.EtherFiRateLimiter);
  registry = at('etherfi/EtherFiRoleRegistry', ETHERFI.RoleRegistry);
  // Errors bubble up from other contracts (Blacklister, RateLimiter, eETH): decode against all of them.
  errorAbi = ['etherfi/LiquidityPool', 'etherfi/EETH', 'etherfi/WeETH', 'etherfi/WithdrawRequestNFT', 'etherfi/EtherFiRedemptionManager',
    'etherfi/EtherFiBlacklister', 'etherfi/EtherFiRateLimiter', 'etherfi/EtherFiRoleRegistry'].flatMap((id) => ctx.artifact(id).abi.filter((e) => e.type === 'error'));
});
after(async () => { await devnet?.stop(); });

const user = (i) => ctx.accounts[i];
const send = (target, fn, args = [], opts = {}) => ctx.write(target, fn, args, { account: user(1), ...opts });
const read = (target, fn, args = []) => ctx.read(target, fn, args);
async function state() {
  return { P: await read(lp, 'getTotalPooledEther'), S: await read(eeth, 'totalShares') };
}

/** Returns the revert of a call as { name, args } (custom error) or { reason } (Error(string)). */
async function revertOf(target, fn, args = [], { account = user(1), value = 0n } = {}) {
  const abi = [...target.abi, ...errorAbi.filter((e) => !target.abi.some((x) => x.type === 'error' && x.name === e.name))];
  try {
    await ctx.publicClient.simulateContract({ address: target.address, abi, functionName: fn, args, account, value });
  } catch (e) {
    const r = e.walk((x) => x instanceof ContractFunctionRevertedError);
    if (!r) throw e;
    if (r.data && r.data.errorName !== 'Error') return { name: r.data.errorName, args: [...(r.data.args ?? [])] };
    return { reason: r.reason };
  }
  assert.fail(`${fn} did not revert`);
}

/** The first holder of `role` in the RoleRegistry (found the way a fork driver finds it). */
async function holderOf(role) {
  const holders = await read(registry, 'roleHolders', [ROLES[role]]);
  assert.ok(holders.length > 0, `nobody holds ${role}`);
  return holders[0];
}

/** Sends as `address` (impersonated, funded for gas). */
async function sendAs(address, target, fn, args = [], opts = {}) {
  await ctx.testClient.impersonateAccount({ address });
  await ctx.setBalance(address, parseEther('10'));
  try {
    return await ctx.write(target, fn, args, { ...opts, account: address });
  } finally {
    await ctx.testClient.stopImpersonatingAccount({ address });
  }
}
const admin = () => read(lp, 'etherFiAdminContract');
const asAdmin = async (target, fn, args) => sendAs(await admin(), target, fn, args);
const asRole = async (role, target, fn, args = []) => sendAs(await holderOf(role), target, fn, args);

/** What EtherFiAdmin does for a report's withdrawals: finalize up to `upTo`, lock the nominal sum of valid requests. */
async function finalizeAsAdmin(upTo) {
  const last = BigInt(await read(wrn, 'lastFinalizedRequestId'));
  let sum = 0n;
  for (let id = last + 1n; id <= upTo; id++) {
    const r = await read(wrn, 'getRequest', [id]);
    if (r.isValid) sum += r.amountOfEEth;
  }
  await asAdmin(wrn, 'finalizeRequests', [upTo]);
  if (sum > 0n) await asAdmin(lp, 'addEthAmountLockedForWithdrawal', [sum]);
  return sum;
}

async function depositEth(i, amount) {
  const receipt = await send(lp, 'deposit', [], { account: user(i), value: amount });
  return receipt;
}

test('starting state matches the notes: P, S, rate, domains, queue and redemption limits', async () => {
  const { P, S } = await state();
  assert.equal(P, START.totalValueInLp + START.totalValueOutOfLp);
  assert.equal(S, START.totalShares);
  assert.equal(await read(weeth, 'getRate'), parseEther('1') * P / S);
  assert.equal(await read(weeth, 'getRate'), 1094570928196147110n);
  assert.equal(await read(eeth, 'DOMAIN_SEPARATOR'), '0x991790ed4e35196386e9ac6dcfec6747d093a40cbc6e5711b8279a207080e728');
  assert.equal(await read(weeth, 'DOMAIN_SEPARATOR'), '0x054a7042e024c302b17cb0f2dc5332295e3aeba012898f877e1b87447745c049');
  assert.equal(await read(eeth, 'name'), 'ether.fi ETH');
  assert.equal(await read(weeth, 'symbol'), 'weETH');
  assert.equal(await read(weeth, 'totalSupply'), START.weETHSupply);
  assert.equal(await read(eeth, 'shares', [ETHERFI.WeETH]), START.weETHSupply);
  assert.equal(await read(lp, 'minWithdrawAmount'), parseEther('0.001'));
  assert.equal(await read(lp, 'maxWithdrawAmount'), parseEther('1000'));
  assert.equal(await read(wrn, 'nextRequestId'), 5);
  assert.equal(await read(wrn, 'lastFinalizedRequestId'), 2);
  // EtherFiAdmin locked the nominal amounts of requests 1-2; their batch rate is ceil(1e18 P / S).
  const rate = ceilDiv(parseEther('1') * P, S);
  let locked = 0n;
  for (const id of [1n, 2n]) {
    const r = await read(wrn, 'getRequest', [id]);
    assert.equal(r.shareOfEEth, r.amountOfEEth * S / P);
    locked += r.amountOfEEth;
    assert.equal(await read(wrn, 'frozenRateFor', [id]), rate);
  }
  assert.equal(await read(wrn, 'finalizationRatesLength'), 2n, 'sentinel + one batch');
  assert.equal(await read(lp, 'etherFiAdminContract'), '0x0EF8fa4760Db8f5Cd4d993f3e3416f30f942D705');
  assert.equal(await read(lp, 'roleRegistry'), ETHERFI.RoleRegistry);
  assert.equal(await read(wrn, 'ethAmountLockedForWithdrawal'), locked);
  assert.equal(await read(lp, 'totalValueInLp'), START.totalValueInLp - locked);
  assert.equal(await ctx.publicClient.getBalance({ address: ETHERFI.WithdrawRequestNFT }), locked);
  const info = await read(rm, 'tokenToRedemptionInfo', [ETH_ADDRESS]);
  assert.deepEqual([info[0].capacity, info[1], info[2], info[3]], [2000n * 10n ** 6n, 1000, 30, 100]);
  assert.equal(await read(rm, 'lowWatermarkInETH', [ETH_ADDRESS]), P / 100n);
  assert.equal(await read(rm, 'totalRedeemableAmount', [ETH_ADDRESS]), parseEther('2000'));
});

test('deposit mints floor(d*S/P) shares priced before the deposit; balance = floor(P*shares/S)', async () => {
  await isolated(ctx, async () => {
    const d = parseEther('10.123456789');
    const { P, S } = await state();
    const expectedShares = d * S / P;
    const receipt = await send(lp, 'deposit', [ETHERFI.Treasury], { value: d });
    const [ev] = parseEventLogs({ abi: lp.abi, logs: receipt.logs, eventName: 'Deposit' });
    assert.deepEqual(ev.args, { sender: user(1).address, amount: d, source: 1, referral: ETHERFI.Treasury });
    const [ts] = parseEventLogs({ abi: eeth.abi, logs: receipt.logs, eventName: 'TransferShares' });
    assert.equal(ts.args.sharesValue, expectedShares);
    assert.equal(await read(eeth, 'shares', [user(1).address]), expectedShares);
    const P2 = P + d, S2 = S + expectedShares;
    assert.deepEqual(await state(), { P: P2, S: S2 });
    assert.equal(await read(eeth, 'balanceOf', [user(1).address]), P2 * expectedShares / S2);
    assert.equal(await read(lp, 'getTotalEtherClaimOf', [user(1).address]), P2 * expectedShares / S2);
    assert.equal(await read(lp, 'totalValueInLp'), (await read(lp, 'getTotalPooledEther')) - (await read(lp, 'totalValueOutOfLp')));
    assert.deepEqual(await revertOf(lp, 'deposit', [], { value: 0n }), { name: 'InvalidAmount', args: [] });
  });
});

test('eETH transfer moves sharesForAmount(x) shares and decrements the allowance by x', async () => {
  await isolated(ctx, async () => {
    await depositEth(1, parseEther('5'));
    const { P, S } = await state();
    const x = parseEther('1.5');
    await send(eeth, 'approve', [user(2).address, parseEther('2')]);
    const before1 = await read(eeth, 'shares', [user(1).address]);
    await send(eeth, 'transferFrom', [user(1).address, user(3).address, x], { account: user(2) });
    assert.equal(await read(eeth, 'shares', [user(3).address]), x * S / P);
    assert.equal(await read(eeth, 'shares', [user(1).address]), before1 - x * S / P);
    assert.equal(await read(eeth, 'allowance', [user(1).address, user(2).address]), parseEther('0.5'));
    assert.deepEqual(await revertOf(eeth, 'transferFrom', [user(1).address, user(3).address, parseEther('1')], { account: user(2) }),
      { name: 'TransferAmountExceedsAllowance', args: [] });
    assert.deepEqual(await revertOf(eeth, 'transfer', [user(3).address, parseEther('100')]), { name: 'TransferAmountExceedsBalance', args: [] });
  });
});

test('wrap / unwrap round trip: weETH = floor(x*S/P), eETH back = floor(w*P/S), getRate = floor(1e18*P/S)', async () => {
  await isolated(ctx, async () => {
    await depositEth(1, parseEther('20'));
    const { P, S } = await state();
    const x = parseEther('7.777');
    await send(eeth, 'approve', [ETHERFI.WeETH, x]);
    const shares0 = await read(eeth, 'shares', [user(1).address]);
    assert.equal(await read(weeth, 'getWeETHByeETH', [x]), x * S / P);
    await send(weeth, 'wrap', [x]);
    const w = x * S / P;
    assert.equal(await read(weeth, 'balanceOf', [user(1).address]), w);
    assert.equal(await read(eeth, 'shares', [user(1).address]), shares0 - w);
    assert.equal(await read(weeth, 'getRate'), parseEther('1') * P / S);
    assert.equal(await read(weeth, 'getEETHByWeETH', [w]), w * P / S);
    await send(weeth, 'unwrap', [w]);
    const back = w * P / S;
    assert.equal(await read(weeth, 'balanceOf', [user(1).address]), 0n);
    assert.equal(await read(eeth, 'shares', [user(1).address]), shares0 - w + back * S / P);
    assert.ok(back <= x && x - back <= 2n, 'round trip loses at most 2 wei');
    assert.deepEqual(await revertOf(weeth, 'wrap', [0n]), { name: 'ZeroAmount', args: [] });
    assert.deepEqual(await revertOf(weeth, 'unwrap', [1n]), { reason: 'ERC20: burn amount exceeds balance' });
  });
});

test('rebase by EtherFiAdmin grows P by the rewards, mints the fee as a deposit to the fee recipient (Rebase -> ProtocolFeePaid -> Deposit)', async () => {
  await isolated(ctx, async () => {
    await depositEth(1, parseEther('100'));
    const { P, S } = await state();
    const sh = await read(eeth, 'shares', [user(1).address]);
    const r = P * 300n * 86400n / (10000n * SECONDS_PER_YEAR);
    const f = r / 9n;
    const receipt = await asAdmin(lp, 'rebase', [r, f]);
    const feeShares = f * S / (P + r);
    const P2 = P + r + f, S2 = S + feeShares;
    const names = parseEventLogs({ abi: [...lp.abi, ...eeth.abi.filter((e) => e.type === 'event' && e.name === 'TransferShares')], logs: receipt.logs })
      .map((l) => l.eventName);
    assert.deepEqual(names, ['Rebase', 'ProtocolFeePaid', 'Deposit', 'TransferShares']);
    const [ev] = parseEventLogs({ abi: lp.abi, logs: receipt.logs, eventName: 'Rebase' });
    assert.deepEqual(ev.args, { totalEthLocked: P + r, totalEEthShares: S });
    const [dep] = parseEventLogs({ abi: lp.abi, logs: receipt.logs, eventName: 'Deposit' });
    assert.deepEqual(dep.args, { sender: ETHERFI.Treasury, amount: f, source: 1, referral: zeroAddress });
    assert.deepEqual(await state(), { P: P2, S: S2 });
    assert.equal(await read(eeth, 'shares', [ETHERFI.Treasury]), feeShares);
    assert.equal(await read(eeth, 'balanceOf', [user(1).address]), P2 * sh / S2);
    assert.equal(await read(weeth, 'getRate'), parseEther('1') * P2 / S2);
    // Only EtherFiAdmin may rebase; the positive cap is 25 bps of P.
    assert.deepEqual(await revertOf(lp, 'rebase', [r, 0n]), { name: 'IncorrectCaller', args: [] });
    const cap = P2 * 25n / 10000n;
    await ctx.testClient.impersonateAccount({ address: await admin() });
    assert.deepEqual(await revertOf(lp, 'rebase', [cap + 1n, 0n], { account: await admin() }), { name: 'RebaseExceedsPositiveCap', args: [] });
    await ctx.testClient.stopImpersonatingAccount({ address: await admin() });
  });
});

test('withdraw NFT: request snapshots (amount, floor shares), finalize freezes ceil rate, claim pays min(amount, share*rate)', async () => {
  await isolated(ctx, async () => {
    await depositEth(1, parseEther('50'));
    await send(eeth, 'approve', [ETHERFI.LiquidityPool, maxUint256]);
    const { P, S } = await state();
    const amount = parseEther('3.3');
    const share = amount * S / P;
    const receipt = await send(lp, 'requestWithdraw', [user(4).address, amount]);
    const [created] = parseEventLogs({ abi: wrn.abi, logs: receipt.logs, eventName: 'WithdrawRequestCreated' });
    assert.deepEqual(created.args, { requestId: 5, amountOfEEth: amount, shareOfEEth: share, owner: user(4).address });
    const [wd] = parseEventLogs({ abi: lp.abi, logs: receipt.logs, eventName: 'Withdraw' });
    assert.deepEqual(wd.args, { sender: user(1).address, recipient: user(4).address, amount, source: 1 });
    assert.deepEqual(await read(wrn, 'getRequest', [5n]), { amountOfEEth: amount, shareOfEEth: share, isValid: true, feeGwei: 0 });
    assert.equal(await read(wrn, 'ownerOf', [5n]), user(4).address);
    assert.equal(await read(wrn, 'balanceOf', [user(4).address]), 1n);
    assert.equal(await read(wrn, 'isValid', [5n]), true);
    assert.equal(await read(wrn, 'isFinalized', [5n]), false);
    assert.deepEqual(await revertOf(wrn, 'claimWithdraw', [5n]), { name: 'RequestNotFinalized', args: [] });
    assert.deepEqual(await revertOf(wrn, 'getClaimableAmount', [5n]), { name: 'RequestNotFinalized', args: [] });
    assert.deepEqual(await revertOf(lp, 'requestWithdraw', [user(1).address, parseEther('0.0009')]), { name: 'InvalidWithdrawalAmount', args: [] });
    assert.deepEqual(await revertOf(lp, 'requestWithdraw', [user(1).address, parseEther('1000.1')]), { name: 'InvalidWithdrawalAmount', args: [] });

    // A reward accrues before finalisation: the payout stays capped at the requested amount.
    await asAdmin(lp, 'rebase', [(await state()).P * 20n / 10000n, 0n]);
    const s1 = await state();
    const rate = ceilDiv(parseEther('1') * s1.P, s1.S);
    const byShares = share * rate / parseEther('1');
    const payout = byShares < amount ? byShares : amount;
    assert.equal(payout, amount);
    const lockedBefore = await read(wrn, 'ethAmountLockedForWithdrawal');
    const inLpBefore = await read(lp, 'totalValueInLp');
    // Request 3 (32 ETH) and 4 (0.5 ETH) from the starting state are finalised in the same batch; EtherFiAdmin
    // locks their nominal amounts.
    let batch = 0n;
    for (const id of [3n, 4n, 5n]) batch += (await read(wrn, 'getRequest', [id])).amountOfEEth;
    await ctx.testClient.impersonateAccount({ address: await admin() });
    assert.deepEqual(await revertOf(wrn, 'finalizeRequests', [6n], { account: await admin() }), { name: 'CannotFinalizeFutureRequests', args: [] });
    await ctx.testClient.stopImpersonatingAccount({ address: await admin() });
    assert.deepEqual(await revertOf(wrn, 'finalizeRequests', [5n]), { name: 'IncorrectCaller', args: [] });
    assert.deepEqual(await revertOf(lp, 'addEthAmountLockedForWithdrawal', [1n]), { name: 'IncorrectCaller', args: [] });
    await finalizeAsAdmin(5n);
    assert.equal(await read(wrn, 'lastFinalizedRequestId'), 5);
    assert.equal(await read(wrn, 'frozenRateFor', [5n]), rate);
    assert.equal(await read(wrn, 'ethAmountLockedForWithdrawal'), lockedBefore + batch);
    assert.equal(await read(lp, 'totalValueInLp'), inLpBefore - batch);
    assert.deepEqual(await state(), s1, 'finalisation moves escrow, P and S are unchanged');
    assert.equal(await read(wrn, 'getClaimableAmount', [5n]), payout);

    // Anyone may claim; the ETH goes to the NFT owner (user 4 pays no gas here, so the balance delta is exact).
    const ownerBefore = await ctx.publicClient.getBalance({ address: user(4).address });
    const claim = await send(wrn, 'claimWithdraw', [5n], { account: user(2) });
    assert.equal(await ctx.publicClient.getBalance({ address: user(4).address }), ownerBefore + payout);
    const [claimed] = parseEventLogs({ abi: wrn.abi, logs: claim.logs, eventName: 'WithdrawRequestClaimed' });
    assert.deepEqual(claimed.args, { requestId: 5, amountOfEEth: payout, shareOfEEth: share, owner: user(4).address });
    assert.deepEqual(await state(), { P: s1.P - payout, S: s1.S - share });
    assert.deepEqual(await revertOf(wrn, 'ownerOf', [5n]), { reason: 'ERC721: invalid token ID' });
    assert.deepEqual(await revertOf(wrn, 'isValid', [5n]), { name: 'RequestNotFound', args: [] });
    assert.deepEqual(await read(wrn, 'getRequest', [5n]), { amountOfEEth: 0n, shareOfEEth: 0n, isValid: false, feeGwei: 0 });
    assert.deepEqual(await revertOf(wrn, 'claimWithdraw', [5n]), { reason: 'ERC721: invalid token ID' });
  });
});

test('batchClaimWithdraw pays the pre-existing finalised requests to their owner; a rate drop reduces the payout', async () => {
  await isolated(ctx, async () => {
    const holder = ETHERFI.ExistingHolders;
    const before = await ctx.publicClient.getBalance({ address: holder });
    const rate = await read(wrn, 'frozenRateFor', [1n]);
    let total = 0n;
    for (const id of [1n, 2n]) {
      const r = await read(wrn, 'getRequest', [id]);
      const b = r.shareOfEEth * rate / parseEther('1');
      total += b < r.amountOfEEth ? b : r.amountOfEEth;
    }
    const inLpBefore = await read(lp, 'totalValueInLp');
    const lockedBefore = await read(wrn, 'ethAmountLockedForWithdrawal');
    await send(wrn, 'batchClaimWithdraw', [[1n, 2n]], { account: user(5) });
    assert.equal(await ctx.publicClient.getBalance({ address: holder }), before + total);
    // Each claim released the nominal amount from the escrow and swept the surplus back to the pool.
    assert.equal(await read(wrn, 'ethAmountLockedForWithdrawal'), 0n);
    assert.equal(await read(lp, 'totalValueInLp'), inLpBefore + lockedBefore - total);

    // Fidelity ether.fi 3: negative rebase (slashing) before finalisation: request 3 pays
    // floor(share * ceilRate / 1e18) < amount; the escrow holds the nominal 32 ETH and the surplus returns at claim.
    const { P } = await state();
    await asAdmin(lp, 'rebase', [-(P / 1000n), 0n]);
    const s = await state();
    const rate2 = ceilDiv(parseEther('1') * s.P, s.S);
    const inLp3 = await read(lp, 'totalValueInLp');
    await finalizeAsAdmin(3n);
    const r3 = await read(wrn, 'getRequest', [3n]);
    assert.equal(await read(wrn, 'ethAmountLockedForWithdrawal'), r3.amountOfEEth);
    assert.equal(await read(lp, 'totalValueInLp'), inLp3 - r3.amountOfEEth);
    const pay = r3.shareOfEEth * rate2 / parseEther('1');
    assert.ok(pay < r3.amountOfEEth);
    assert.equal(await read(wrn, 'getClaimableAmount', [3n]), pay);
    // A repeated finalisation is a no-op (no new checkpoint).
    const length = await read(wrn, 'finalizationRatesLength');
    await asAdmin(wrn, 'finalizeRequests', [3n]);
    assert.equal(await read(wrn, 'finalizationRatesLength'), length);
    const holderBefore = await ctx.publicClient.getBalance({ address: holder });
    await send(wrn, 'claimWithdraw', [3n], { account: user(5) });
    assert.equal(await ctx.publicClient.getBalance({ address: holder }), holderBefore + pay);
    assert.equal(await read(wrn, 'ethAmountLockedForWithdrawal'), 0n);
    assert.equal(await read(lp, 'totalValueInLp'), inLp3 - pay, 'the surplus over the payout is back in the pool');
    assert.equal(await ctx.publicClient.getBalance({ address: ETHERFI.WithdrawRequestNFT }), 0n);
  });
});

test('instant redemption of eETH pays amountForShare(floor(s*(1e4-fee)/1e4)) and splits the fee exactly', async () => {
  await isolated(ctx, async () => {
    await depositEth(1, parseEther('100'));
    await send(eeth, 'approve', [ETHERFI.EtherFiRedemptionManager, maxUint256]);
    const { P, S } = await state();
    const x = parseEther('40');
    const s = x * S / P;
    const ethReceived = (s * 9970n / 10000n) * P / S;
    const sharesToBurn = ceilDiv(ethReceived * S, P);
    const feeShares = s - sharesToBurn;
    const feeSharesToTreasury = feeShares * 1000n / 10000n;
    const feeToTreasury = feeSharesToTreasury * P / S;
    const feeSharesToStakers = feeShares - feeSharesToTreasury;
    assert.equal(await read(rm, 'previewRedeem', [s, ETH_ADDRESS]), s * P / S - ceilDiv((s * P / S) * 30n, 10000n));
    assert.equal(await read(rm, 'canRedeem', [x, ETH_ADDRESS]), true);
    const receiver = user(6).address;
    const before = await ctx.publicClient.getBalance({ address: receiver });
    const receipt = await send(rm, 'redeemEEth', [x, receiver, ETH_ADDRESS]);
    assert.equal(await ctx.publicClient.getBalance({ address: receiver }), before + ethReceived);
    const P2 = P - ethReceived, S2 = S - sharesToBurn - feeSharesToStakers;
    assert.deepEqual(await state(), { P: P2, S: S2 });
    // The treasury's fee moves before the burns, at the pre-redemption rate.
    assert.equal(await read(eeth, 'shares', [ETHERFI.Treasury]), feeToTreasury * S / P);
    const [ev] = parseEventLogs({ abi: rm.abi, logs: receipt.logs, eventName: 'Redeemed' });
    assert.deepEqual(ev.args, { receiver, redemptionAmount: x, feeAmountToTreasury: feeToTreasury,
      feeAmountToStakers: feeSharesToStakers * P / S, token: ETH_ADDRESS });
    // The bucket consumed ceil(x / 1e12) units of 2000 ETH.
    const [limit] = await read(rm, 'tokenToRedemptionInfo', [ETH_ADDRESS]);
    assert.equal(limit.remaining, 2000n * 10n ** 6n - ceilDiv(x, 10n ** 12n));
    assert.deepEqual(await revertOf(rm, 'redeemEEth', [parseEther('1000'), receiver, ETH_ADDRESS]), { name: 'InsufficientBalance', args: [] });
    // stETH output has no bucket on the devnet: not redeemable.
    assert.deepEqual(await revertOf(rm, 'redeemEEth', [parseEther('1'), receiver, '0xae7ab96520DE3A18E5e111B5EaAb095312D7fE84']),
      { name: 'ExceededRedeemable', args: [] });
  });
});

test('instant redemption of weETH: unwrap at floor(w*P/S), then the same fee math', async () => {
  await isolated(ctx, async () => {
    const r0 = await send(adapter, 'depositETHForWeETH', [zeroAddress], { value: parseEther('30') });
    assert.ok(r0.status === 'success');
    const w = await read(weeth, 'balanceOf', [user(1).address]);
    await send(weeth, 'approve', [ETHERFI.EtherFiRedemptionManager, w]);
    const { P, S } = await state();
    const e = w * P / S;
    const s = e * S / P;
    const ethReceived = (s * 9970n / 10000n) * P / S;
    const receiver = user(7).address;
    const before = await ctx.publicClient.getBalance({ address: receiver });
    await send(rm, 'redeemWeEth', [w, receiver, ETH_ADDRESS]);
    assert.equal(await ctx.publicClient.getBalance({ address: receiver }), before + ethReceived);
    assert.equal(await read(weeth, 'balanceOf', [user(1).address]), 0n);
  });
});

test('DepositAdapter.depositETHForWeETH mints weETH = sharesForAmount(amountForShare(shares)) after the deposit', async () => {
  await isolated(ctx, async () => {
    const d = parseEther('12.5');
    const { P, S } = await state();
    const shares = d * S / P;
    const P2 = P + d, S2 = S + shares;
    const expected = (shares * P2 / S2) * S2 / P2;
    const receipt = await send(adapter, 'depositETHForWeETH', [ETHERFI.Treasury], { value: d });
    assert.equal(await read(weeth, 'balanceOf', [user(1).address]), expected);
    const [ev] = parseEventLogs({ abi: adapter.abi, logs: receipt.logs, eventName: 'AdapterDeposit' });
    assert.deepEqual(ev.args, { sender: user(1).address, amount: d, source: 0, referral: ETHERFI.Treasury });
  });
});

test('redemption limits: bucket (ExceededRedeemable), refill with time, low watermark, pause by the role holders', async () => {
  await isolated(ctx, async () => {
    await depositEth(1, parseEther('3000'));
    await send(eeth, 'approve', [ETHERFI.EtherFiRedemptionManager, maxUint256]);
    assert.equal(await read(rm, 'canRedeem', [parseEther('2000.01'), ETH_ADDRESS]), false);
    assert.deepEqual(await revertOf(rm, 'redeemEEth', [parseEther('2000.01'), user(6).address, ETH_ADDRESS]), { name: 'ExceededRedeemable', args: [] });
    await send(rm, 'redeemEEth', [parseEther('1900'), user(6).address, ETH_ADDRESS]);
    assert.equal(await read(rm, 'canRedeem', [parseEther('200'), ETH_ADDRESS]), false);
    assert.deepEqual(await revertOf(rm, 'redeemEEth', [parseEther('200'), user(6).address, ETH_ADDRESS]), { name: 'ExceededRedeemable', args: [] });
    // The bucket refills at 2000 ETH/day: 200 ETH are back after 200/2000 of a day.
    const [limit] = await read(rm, 'tokenToRedemptionInfo', [ETH_ADDRESS]);
    const missing = parseEther('200') / 10n ** 12n - limit.remaining;
    await ctx.increaseTime(Number(ceilDiv(missing, limit.refillRate)));
    assert.equal(await read(rm, 'canRedeem', [parseEther('200'), ETH_ADDRESS]), true);
    // Low watermark 5% of TVL exceeds the pool's liquid ETH: nothing is instantly redeemable.
    assert.deepEqual(await revertOf(rm, 'setLowWatermarkInBpsOfTvl', [500, ETH_ADDRESS]), { name: 'OnlyOperatingTimelock', args: [] });
    await asRole('OPERATION_TIMELOCK_ROLE', rm, 'setLowWatermarkInBpsOfTvl', [500, ETH_ADDRESS]);
    assert.equal(await read(rm, 'totalRedeemableAmount', [ETH_ADDRESS]), 0n);
    assert.deepEqual(await revertOf(rm, 'redeemEEth', [parseEther('1'), user(6).address, ETH_ADDRESS]), { name: 'ExceededRedeemable', args: [] });
    const timelock = await holderOf('OPERATION_TIMELOCK_ROLE');
    await ctx.testClient.impersonateAccount({ address: timelock });
    assert.deepEqual(await revertOf(rm, 'setLowWatermarkInBpsOfTvl', [501, ETH_ADDRESS], { account: timelock }), { name: 'ExceedsMaxLowWatermark', args: [] });
    await ctx.testClient.stopImpersonatingAccount({ address: timelock });
    await asRole('OPERATION_TIMELOCK_ROLE', rm, 'setLowWatermarkInBpsOfTvl', [100, ETH_ADDRESS]);
    assert.deepEqual(await revertOf(rm, 'pause'), { name: 'OnlyOperatingMultisig', args: [] });
    await asRole('OPERATION_MULTISIG_ROLE', rm, 'pause');
    assert.deepEqual(await revertOf(rm, 'redeemEEth', [parseEther('1'), user(6).address, ETH_ADDRESS]), { name: 'ContractPaused', args: [] });
  });
});

test('pause and blacklist reverts a user can hit', async () => {
  await isolated(ctx, async () => {
    await depositEth(1, parseEther('10'));
    await asRole('OPERATION_MULTISIG_ROLE', lp, 'pause');
    assert.equal(await read(lp, 'paused'), true);
    assert.deepEqual(await revertOf(lp, 'deposit', [], { value: parseEther('1') }), { name: 'ContractPaused', args: [] });
    assert.deepEqual(await revertOf(lp, 'requestWithdraw', [user(1).address, parseEther('1')]), { name: 'ContractPaused', args: [] });
    await asRole('OPERATION_MULTISIG_ROLE', lp, 'unpause');
    await asRole('GUARDIAN_ROLE', lp, 'pauseUntil');
    const until = await read(lp, 'pausedUntil');
    const block = await ctx.publicClient.getBlock();
    assert.equal(until, block.timestamp + 86400n);
    assert.deepEqual(await revertOf(lp, 'deposit', [], { value: parseEther('1') }), { name: 'ContractPausedUntil', args: [until] });
    assert.deepEqual(await revertOf(lp, 'unpauseUntil'), { name: 'OnlyOperatingMultisig', args: [] });
    await asRole('OPERATION_MULTISIG_ROLE', lp, 'unpauseUntil');
    await asRole('OPERATION_MULTISIG_ROLE', eeth, 'pause');
    assert.deepEqual(await revertOf(eeth, 'transfer', [user(2).address, 1n]), { name: 'ContractPaused', args: [] });
    assert.deepEqual(await revertOf(lp, 'deposit', [], { value: parseEther('1') }), { name: 'ContractPaused', args: [] });
    await asRole('OPERATION_MULTISIG_ROLE', eeth, 'unpause');
    await asRole('OPERATION_MULTISIG_ROLE', weeth, 'pause');
    await send(eeth, 'approve', [ETHERFI.WeETH, parseEther('1')]);
    assert.deepEqual(await revertOf(weeth, 'wrap', [parseEther('1')]), { name: 'ContractPaused', args: [] });
    await asRole('OPERATION_MULTISIG_ROLE', weeth, 'unpause');
    assert.deepEqual(await revertOf(lp, 'pause', [], { account: user(1) }), { name: 'OnlyOperatingMultisig', args: [] });
    assert.deepEqual(await revertOf(lp, 'pauseUntil', [], { account: user(1) }), { name: 'OnlyGuardian', args: [] });
    // eETH/weETH timed pauses need the super guardian.
    assert.deepEqual(await revertOf(eeth, 'pauseUntil', [], { account: user(1) }), { name: 'OnlySuperGuardian', args: [] });

    const bad = user(8).address;
    assert.deepEqual(await revertOf(blacklister, 'blacklistUserUntil', [bad]), { name: 'OnlyGuardian', args: [] });
    assert.deepEqual(await revertOf(blacklister, 'setBlacklistUntil', [bad, 1n]), { name: 'OnlyOperatingMultisig', args: [] });
    const bl = await asRole('GUARDIAN_ROLE', blacklister, 'blacklistUserUntil', [bad]);
    const [ble] = parseEventLogs({ abi: blacklister.abi, logs: bl.logs, eventName: 'UserBlacklistedUntil' });
    const blBlock = await ctx.publicClient.getBlock({ blockNumber: bl.blockNumber });
    assert.deepEqual(ble.args, { user: bad, until: blBlock.timestamp + 3n * 86400n });
    assert.deepEqual(await revertOf(lp, 'deposit', [], { account: user(8), value: parseEther('1') }), { name: 'BlacklistedUser', args: [bad] });
    assert.deepEqual(await revertOf(eeth, 'transfer', [bad, parseEther('1')]), { name: 'BlacklistedUser', args: [bad] });
    assert.deepEqual(await revertOf(lp, 'requestWithdraw', [bad, parseEther('1')]), { name: 'BlacklistedUser', args: [bad] });
    await ctx.increaseTime(3 * 86400 + 1);
    await depositEth(8, parseEther('1'));
    assert.ok((await read(eeth, 'shares', [bad])) > 0n, 'the blacklist expires');
  });
});

test('permit on eETH (domain EETH/1) and weETH (Wrapped eETH/1) via signTypedData', async () => {
  await isolated(ctx, async () => {
    await depositEth(1, parseEther('10'));
    const owner = user(1), spender = user(2).address;
    const types = { Permit: [{ name: 'owner', type: 'address' }, { name: 'spender', type: 'address' }, { name: 'value', type: 'uint256' },
      { name: 'nonce', type: 'uint256' }, { name: 'deadline', type: 'uint256' }] };
    const now = (await ctx.publicClient.getBlock()).timestamp;
    const sign = async (name, verifyingContract, value, nonce, deadline, to = spender) => {
      const sig = await owner.signTypedData({ domain: { name, version: '1', chainId: 1, verifyingContract }, types, primaryType: 'Permit',
        message: { owner: owner.address, spender: to, value, nonce, deadline } });
      return { r: `0x${sig.slice(2, 66)}`, s: `0x${sig.slice(66, 130)}`, v: parseInt(sig.slice(130, 132), 16) };
    };
    const value = parseEther('3');
    let { v, r, s } = await sign('EETH', ETHERFI.EETH, value, 0n, now + 3600n);
    await send(eeth, 'permit', [owner.address, spender, value, now + 3600n, v, r, s], { account: user(3) });
    assert.equal(await read(eeth, 'allowance', [owner.address, spender]), value);
    assert.equal(await read(eeth, 'nonces', [owner.address]), 1n);
    assert.deepEqual(await revertOf(eeth, 'permit', [owner.address, spender, value, now + 3600n, v, r, s]), { name: 'InvalidSignature', args: [] });
    // Fidelity ether.fi 9: malformed signatures revert with OpenZeppelin's ECDSA strings.
    const highS = `0x${(0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141n - BigInt(s)).toString(16).padStart(64, '0')}`;
    assert.deepEqual(await revertOf(eeth, 'permit', [owner.address, spender, value, now + 3600n, v, r, highS]), { reason: "ECDSA: invalid signature 's' value" });
    assert.deepEqual(await revertOf(eeth, 'permit', [owner.address, spender, value, now + 3600n, 30, r, s]), { reason: 'ECDSA: invalid signature' });
    ({ v, r, s } = await sign('EETH', ETHERFI.EETH, value, 1n, now - 1n));
    assert.deepEqual(await revertOf(eeth, 'permit', [owner.address, spender, value, now - 1n, v, r, s]), { name: 'ExpiredDeadline', args: [] });

    // wrapWithPermit: the eETH permit is given to weETH inside the call.
    ({ v, r, s } = await sign('EETH', ETHERFI.EETH, parseEther('2'), 1n, now + 3600n, ETHERFI.WeETH));
    const { P, S } = await state();
    await send(weeth, 'wrapWithPermit', [parseEther('2'), { value: parseEther('2'), deadline: now + 3600n, v, r, s }]);
    const w = parseEther('2') * S / P;
    assert.equal(await read(weeth, 'balanceOf', [owner.address]), w);

    ({ v, r, s } = await sign('Wrapped eETH', ETHERFI.WeETH, w, 0n, now + 3600n));
    await send(weeth, 'permit', [owner.address, spender, w, now + 3600n, v, r, s], { account: user(3) });
    assert.equal(await read(weeth, 'allowance', [owner.address, spender]), w);
    await send(weeth, 'transferFrom', [owner.address, user(3).address, w], { account: user(2) });
    assert.equal(await read(weeth, 'balanceOf', [user(3).address]), w);
    ({ v, r, s } = await sign('Wrapped eETH', ETHERFI.WeETH, w, 1n, now - 10n));
    assert.deepEqual(await revertOf(weeth, 'permit', [owner.address, spender, w, now - 10n, v, r, s]), { reason: 'ERC20Permit: expired deadline' });

    // requestWithdrawWithPermit: the eETH comes from the caller, the NFT goes to the named recipient.
    ({ v, r, s } = await sign('EETH', ETHERFI.EETH, parseEther('1'), 2n, now + 3600n, ETHERFI.LiquidityPool));
    await send(lp, 'requestWithdrawWithPermit', [user(4).address, parseEther('1'), { value: parseEther('1'), deadline: now + 3600n, v, r, s }]);
    assert.equal(await read(wrn, 'ownerOf', [5n]), user(4).address);
  });
});

test('WeETHWithdrawAdapter: weETH -> unwrap floor(w*P/S) eETH -> NFT request of that amount to the recipient', async () => {
  await isolated(ctx, async () => {
    await send(adapter, 'depositETHForWeETH', [zeroAddress], { value: parseEther('10') });
    const w = parseEther('4');
    await send(weeth, 'approve', [ETHERFI.WeETHWithdrawAdapter, w]);
    const { P, S } = await state();
    const e = w * P / S;
    assert.equal(await read(wadapter, 'getEETHByWeETH', [w]), e);
    await send(wadapter, 'requestWithdraw', [w, user(4).address]);
    assert.equal(await read(wrn, 'ownerOf', [5n]), user(4).address);
    assert.deepEqual(await read(wrn, 'getRequest', [5n]), { amountOfEEth: e, shareOfEEth: e * S / P, isValid: true, feeGwei: 0 });
    assert.deepEqual(await revertOf(wadapter, 'requestWithdraw', [0n, user(4).address]), { name: 'ZeroAmount', args: [] });
    assert.deepEqual(await revertOf(wadapter, 'requestWithdraw', [w, zeroAddress]), { name: 'ZeroAddress', args: [] });
  });
});

test('fidelity ether.fi 1: mint/burn Transfer values are priced after totalShares changed; eETH deposit emits Deposit before the mint', async () => {
  await isolated(ctx, async () => {
    const { P, S } = await state();
    const d = parseEther('10');
    const share = d * S / P;
    const receipt = await depositEth(1, d);
    const logs = parseEventLogs({ abi: [...lp.abi, ...eeth.abi.filter((e) => e.type === 'event')], logs: receipt.logs });
    assert.deepEqual(logs.map((l) => l.eventName), ['Deposit', 'Transfer', 'TransferShares']);
    assert.equal(logs[1].args.value, share * (P + d) / (S + share), 'amountForShare with the new P and S');
    assert.ok(logs[1].args.value <= d);
    // A claim burns: the Transfer to 0 is priced with S after the burn.
    await send(eeth, 'approve', [ETHERFI.LiquidityPool, maxUint256]);
    const req = await send(lp, 'requestWithdraw', [user(1).address, parseEther('2')]);
    const [created] = parseEventLogs({ abi: wrn.abi, logs: req.logs, eventName: 'WithdrawRequestCreated' });
    const id = BigInt(created.args.requestId);
    await finalizeAsAdmin(id);
    const before = await state();
    const claim = await send(wrn, 'claimWithdraw', [id]);
    const paid = parseEventLogs({ abi: wrn.abi, logs: claim.logs, eventName: 'WithdrawRequestClaimed' })[0].args.amountOfEEth;
    const burn = parseEventLogs({ abi: eeth.abi, logs: claim.logs, eventName: 'Transfer' }).find((l) => l.args.to === zeroAddress);
    const P2 = before.P - paid, S2 = before.S - created.args.shareOfEEth;
    assert.equal(burn.args.value, created.args.shareOfEEth * P2 / S2);
  });
});

test('fidelity ether.fi 8: transfer emits TransferShares then Transfer; transferFrom updates the allowance (Approval) first', async () => {
  await isolated(ctx, async () => {
    await depositEth(1, parseEther('5'));
    await send(eeth, 'approve', [user(2).address, parseEther('2')]);
    const receipt = await send(eeth, 'transferFrom', [user(1).address, user(3).address, parseEther('1')], { account: user(2) });
    assert.deepEqual(parseEventLogs({ abi: eeth.abi, logs: receipt.logs }).map((l) => l.eventName), ['Approval', 'TransferShares', 'Transfer']);
  });
});

test('fidelity ether.fi 4: requestWithdraw to a contract needs onERC721Received (_safeMint)', async () => {
  await isolated(ctx, async () => {
    await depositEth(1, parseEther('5'));
    await send(eeth, 'approve', [ETHERFI.LiquidityPool, maxUint256]);
    // The RoleRegistry replica has code and no onERC721Received.
    assert.deepEqual(await revertOf(lp, 'requestWithdraw', [ETHERFI.RoleRegistry, parseEther('1')]),
      { reason: 'ERC721: transfer to non ERC721Receiver implementer' });
  });
});

test('fidelity ether.fi 5 and 6: NFT transfers check the blacklist; invalid requests move only by the upgrade timelock; validate re-locks', async () => {
  await isolated(ctx, async () => {
    await depositEth(1, parseEther('10'));
    await send(eeth, 'approve', [ETHERFI.LiquidityPool, maxUint256]);
    await send(lp, 'requestWithdraw', [user(1).address, parseEther('1')]);
    const id = 5n;
    const bad = user(8).address;
    await asRole('GUARDIAN_ROLE', blacklister, 'blacklistUserUntil', [bad]);
    assert.deepEqual(await revertOf(wrn, 'transferFrom', [user(1).address, bad, id]), { name: 'BlacklistedUser', args: [bad] });
    // Invalidation: non-guardian reverts; a finalised request cannot be invalidated (checked first).
    assert.deepEqual(await revertOf(wrn, 'invalidateRequest', [id]), { name: 'OnlyGuardian', args: [] });
    const guardian = await holderOf('GUARDIAN_ROLE');
    await ctx.testClient.impersonateAccount({ address: guardian });
    assert.deepEqual(await revertOf(wrn, 'invalidateRequest', [1n], { account: guardian }), { name: 'CannotInvalidateFinalizedRequest', args: [] });
    await ctx.testClient.stopImpersonatingAccount({ address: guardian });
    await asRole('GUARDIAN_ROLE', wrn, 'invalidateRequest', [id]);
    assert.deepEqual(await revertOf(wrn, 'transferFrom', [user(1).address, user(2).address, id]), { name: 'OnlyUpgradeTimelock', args: [] });
    assert.deepEqual(await revertOf(wrn, 'seizeInvalidRequest', [id, user(2).address]), { name: 'OnlyUpgradeTimelock', args: [] });
    // Finalised while invalid: nothing is locked for it; validating it later locks its nominal amount.
    const lockedBefore = await read(wrn, 'ethAmountLockedForWithdrawal');
    assert.equal(await finalizeAsAdmin(id), (await read(wrn, 'getRequest', [3n])).amountOfEEth + (await read(wrn, 'getRequest', [4n])).amountOfEEth);
    const locked = await read(wrn, 'ethAmountLockedForWithdrawal');
    assert.deepEqual(await revertOf(wrn, 'validateRequest', [id]), { name: 'OnlyOperatingTimelock', args: [] });
    await asRole('OPERATION_TIMELOCK_ROLE', wrn, 'validateRequest', [id]);
    assert.equal(await read(wrn, 'ethAmountLockedForWithdrawal'), locked + parseEther('1'));
    assert.ok(locked > lockedBefore);
    // Seize: invalidate a fresh one and let the upgrade timelock move it.
    await send(lp, 'requestWithdraw', [user(1).address, parseEther('1')]);
    await asRole('GUARDIAN_ROLE', wrn, 'invalidateRequest', [6n]);
    await asRole('UPGRADE_TIMELOCK_ROLE', wrn, 'seizeInvalidRequest', [6n, user(2).address]);
    assert.equal(await read(wrn, 'ownerOf', [6n]), user(2).address);
  });
});

test('fidelity ether.fi 7: previewRedeem takes the fee in ETH rounded up; treasury fee moves before the burns; receiver 0 not prechecked', async () => {
  await isolated(ctx, async () => {
    await depositEth(1, parseEther('100'));
    await send(eeth, 'approve', [ETHERFI.EtherFiRedemptionManager, maxUint256]);
    const { P, S } = await state();
    const shares = parseEther('3.333333333333333333');
    const eth = shares * P / S;
    const fee = ceilDiv(eth * 30n, 10000n);
    assert.equal(await read(rm, 'previewRedeem', [shares, ETH_ADDRESS]), eth - fee);
    const receipt = await send(rm, 'redeemEEth', [parseEther('10'), user(6).address, ETH_ADDRESS]);
    const transfers = parseEventLogs({ abi: eeth.abi, logs: receipt.logs, eventName: 'Transfer' });
    // user -> RM, RM -> treasury, then the two burns (receiver's shares, then stakers' fee shares).
    assert.deepEqual(transfers.map((t) => [t.args.from, t.args.to]), [[user(1).address, ETHERFI.EtherFiRedemptionManager],
      [ETHERFI.EtherFiRedemptionManager, ETHERFI.Treasury], [ETHERFI.EtherFiRedemptionManager, zeroAddress], [ETHERFI.EtherFiRedemptionManager, zeroAddress]]);
    // With a 0 fee the stakers' burn is a zero burn, still emitted.
    await asRole('OPERATION_TIMELOCK_ROLE', rm, 'setExitFeeBasisPoints', [0, ETH_ADDRESS]);
    const r2 = await send(rm, 'redeemEEth', [parseEther('1'), user(6).address, ETH_ADDRESS]);
    const burns = parseEventLogs({ abi: eeth.abi, logs: r2.logs, eventName: 'TransferShares' }).filter((t) => t.args.to === zeroAddress);
    assert.equal(burns.length, 2);
    assert.equal(burns[1].args.sharesValue, 0n);
    // receiver = 0 is not rejected up front: the ETH send to address(0) succeeds on the EVM.
    await send(rm, 'redeemEEth', [parseEther('1'), zeroAddress, ETH_ADDRESS]);
  });
});

test('fidelity ether.fi 10: pauseUntil cooldown runs from the end of the pause; a second pause reverts ContractPausedUntil', async () => {
  await isolated(ctx, async () => {
    await asRole('GUARDIAN_ROLE', lp, 'pauseUntil');
    const until = await read(lp, 'pausedUntil');
    const guardian = await holderOf('GUARDIAN_ROLE');
    await ctx.testClient.impersonateAccount({ address: guardian });
    assert.deepEqual(await revertOf(lp, 'pauseUntil', [], { account: guardian }), { name: 'ContractPausedUntil', args: [until] });
    // 7 days after the pause started (the old replica's rule) the cooldown is still on: it ends 1 day + 7 days later.
    await ctx.increaseTime(7 * 86400 + 60);
    assert.deepEqual(await revertOf(lp, 'pauseUntil', [], { account: guardian }), { name: 'PauserCooldownStillActive', args: [] });
    await ctx.testClient.stopImpersonatingAccount({ address: guardian });
    await ctx.increaseTime(86400);
    await asRole('GUARDIAN_ROLE', lp, 'pauseUntil');
    assert.ok((await read(lp, 'pausedUntil')) > until);
  });
});

test('fidelity ether.fi 11: rate-limiter views revert UnknownLimit; setters need the operating timelock; the pool withdraw is pausable', async () => {
  await isolated(ctx, async () => {
    const unknown = `0x${'11'.repeat(32)}`;
    assert.deepEqual(await revertOf(limiter, 'consumable', [unknown]), { name: 'UnknownLimit', args: [] });
    assert.deepEqual(await revertOf(limiter, 'getLimit', [unknown]), { name: 'UnknownLimit', args: [] });
    const mintId = await read(eeth, 'EETH_MINT_LIMIT_ID');
    assert.equal(await read(limiter, 'consumable', [mintId]), START.mintCapacityGwei);
    for (const [fn, args] of [['setCapacity', [mintId, 1n]], ['setRefillRate', [mintId, 1n]], ['setRemaining', [mintId, 1n]],
      ['createNewLimiter', [unknown, 1n, 1n]], ['updateConsumers', [mintId, user(1).address, true]]]) {
      assert.deepEqual(await revertOf(limiter, fn, args), { name: 'OnlyOperatingTimelock', args: [] }, fn);
    }
    assert.deepEqual(await revertOf(limiter, 'consumeToken', [mintId, 1n]), { name: 'OnlyToken', args: [] });
    // A smaller mint bucket by the timelock makes a large deposit revert LimitExceeded.
    await asRole('OPERATION_TIMELOCK_ROLE', limiter, 'setRemaining', [mintId, 1_000_000_000n]);
    assert.deepEqual(await revertOf(lp, 'deposit', [], { value: parseEther('2') }), { name: 'LimitExceeded', args: [] });
    // LiquidityPool.withdraw(address,uint256) is pausable: a paused pool stops instant redemption at the pool too.
    await depositEth(1, parseEther('0.5'));
    await send(eeth, 'approve', [ETHERFI.EtherFiRedemptionManager, maxUint256]);
    await asRole('OPERATION_MULTISIG_ROLE', lp, 'pause');
    assert.deepEqual(await revertOf(rm, 'redeemEEth', [parseEther('0.1'), user(1).address, ETH_ADDRESS]), { name: 'ContractPaused', args: [] });
  });
});

test('non-role callers of the role-gated entry points get the real reverts', async () => {
  const cases = [
    [lp, 'rebase', [1n, 0n], 'IncorrectCaller'],
    [lp, 'addEthAmountLockedForWithdrawal', [1n], 'IncorrectCaller'],
    [lp, 'depositToRecipient', [user(1).address, 1n, zeroAddress], 'IncorrectCaller'],
    [wrn, 'finalizeRequests', [3n], 'IncorrectCaller'],
    [lp, 'setMinWithdrawAmount', [1n], 'OnlyOperatingMultisig'],
    [lp, 'setMaxWithdrawAmount', [1n], 'OnlyOperatingMultisig'],
    [lp, 'setFeeRecipient', [user(1).address], 'OnlyOperatingTimelock'],
    [lp, 'setPauseUntilDuration', [86400n], 'OnlyOperatingTimelock'],
    [rm, 'setCapacity', [1n, ETH_ADDRESS], 'OnlyOperatingTimelock'],
    [rm, 'setRefillRatePerSecond', [1n, ETH_ADDRESS], 'OnlyOperatingTimelock'],
    [rm, 'setExitFeeBasisPoints', [1, ETH_ADDRESS], 'OnlyOperatingTimelock'],
    [rm, 'setExitFeeSplitToTreasuryInBps', [1, ETH_ADDRESS], 'OnlyOperatingTimelock'],
    [blacklister, 'blacklistUser', [user(2).address], 'OnlyOperatingMultisig'],
    [blacklister, 'unblacklistUser', [user(2).address], 'OnlyOperatingMultisig'],
    [registry, 'grantRole', [ROLES.GUARDIAN_ROLE, user(1).address], 'EnumerableRolesUnauthorized'],
  ];
  for (const [target, fn, args, error] of cases) {
    assert.deepEqual(await revertOf(target, fn, args), { name: error, args: [] }, fn);
  }
});

test('history hook: one daily report through the committee and EtherFiAdmin rebases at the history APR and finalizes', async () => {
  await isolated(ctx, async () => {
    await ctx.increaseTime(86400);
    const { P, S } = await state();
    const rateBefore = await read(weeth, 'getRate');
    const result = await history.tick(ctx);
    const { P: P2, S: S2 } = await state();
    assert.ok(result.rewards > 0n);
    assert.equal(P2, P + result.rewards + result.fees);
    assert.equal(S2, S + result.fees * S / (P + result.rewards));
    assert.equal(await read(wrn, 'lastFinalizedRequestId'), 4, 'the pending requests 3-4 are finalized');
    let locked = 0n;
    for (const id of [1n, 2n, 3n, 4n]) locked += (await read(wrn, 'getRequest', [id])).amountOfEEth;
    assert.equal(await read(wrn, 'ethAmountLockedForWithdrawal'), locked);
    // The staker APR implied by the rate change over the one-day frame is the history APR.
    const rateAfter = await read(weeth, 'getRate');
    const aprBps = (rateAfter - rateBefore) * 10000n * 365n / rateBefore;
    assert.ok(aprBps >= HISTORY_APR_BPS - 5n && aprBps <= HISTORY_APR_BPS + 5n, `apr ${aprBps}`);
    // The next tick reports the next frame.
    await ctx.increaseTime(86400);
    const second = await history.tick(ctx);
    assert.ok(second.rewards > 0n);
  });
});

test('oracle path: only committee members submit, quorum publishes, EtherFiAdmin checks the report before executing', async () => {
  const oracle = { address: ETHERFI.EtherFiOracle, abi: ctx.artifact('etherfi/EtherFiOracle').abi };
  const adminC = { address: ETHERFI.EtherFiAdmin, abi: ctx.artifact('etherfi/EtherFiAdmin').abi };
  const withErrors = (t) => ({ ...t, abi: [...t.abi, ...errorAbi.filter((e) => !t.abi.some((x) => x.type === 'error' && x.name === e.name))] });
  await isolated(ctx, async () => {
    assert.equal(await read(lp, 'etherFiAdminContract'), ETHERFI.EtherFiAdmin);
    assert.equal(await read(adminC, 'etherFiOracle'), ETHERFI.EtherFiOracle);
    assert.equal(await read(oracle, 'quorumSize'), ORACLE.quorum);
    await ctx.increaseTime(86400);
    const [refSlotFrom, refSlotTo, refBlockFrom] = await read(oracle, 'blockStampForNextReport');
    const refBlockTo = Number((await ctx.publicClient.getBlock()).number) - 1;
    const P = await read(lp, 'getTotalPooledEther');
    const r = P * 290n * 86400n / (10000n * SECONDS_PER_YEAR);
    const base = { consensusVersion: 1, refSlotFrom, refSlotTo, refBlockFrom, refBlockTo, accruedRewards: r, protocolFees: r / 9n,
      validatorsToApprove: [], lastFinalizedWithdrawalRequestId: 3, finalizedWithdrawalAmount: parseEther('32') };
    assert.deepEqual(await revertOf(withErrors(oracle), 'submitReport', [base]), { name: 'NotRegistered', args: [] });
    const members = ORACLE.members;
    // A report whose finalized amount is not the nominal sum, and one whose fee is above 20% of the rewards.
    const badSum = { ...base, finalizedWithdrawalAmount: parseEther('31') };
    const badFee = { ...base, protocolFees: r };
    for (const rep of [base, badSum, badFee]) {
      for (const m of members.slice(0, ORACLE.quorum)) {
        if (rep === base || m !== members[0]) await sendAs(m, oracle, 'submitReport', [rep]).catch(() => {});
      }
    }
    // Only `base` got three identical submissions (the members' lastReportRefSlot blocks re-submission for the frame).
    const hash = await read(oracle, 'generateReportHash', [base]);
    assert.equal(await read(oracle, 'isConsensusReached', [hash]), true);
    assert.equal(await read(oracle, 'isConsensusReached', [await read(oracle, 'generateReportHash', [badSum])]), false);
    assert.deepEqual(await revertOf(withErrors(adminC), 'executeTasks', [badSum]),
      { name: 'ReportValidationFailed', args: ["EtherFiAdmin: report didn't reach consensus"] });
    assert.equal(await read(adminC, 'canExecuteTasks', [base]), true);
    const before = await state();
    await send(adminC, 'executeTasks', [base], { account: user(7) });
    assert.equal((await state()).P, before.P + r + r / 9n);
    assert.equal(await read(wrn, 'lastFinalizedRequestId'), 3);
    assert.equal(await read(adminC, 'lastHandledReportRefSlot'), Number(refSlotTo));
    assert.deepEqual(await revertOf(withErrors(adminC), 'executeTasks', [base]),
      { name: 'ReportValidationFailed', args: ['EtherFiAdmin: report has wrong `refSlotFrom`'] });
  });
});

test('EtherFiAdmin checks: fee above 20 % of the rewards and a finalized amount that is not the nominal sum are refused', async () => {
  const oracle = { address: ETHERFI.EtherFiOracle, abi: ctx.artifact('etherfi/EtherFiOracle').abi };
  const adminC = { address: ETHERFI.EtherFiAdmin, abi: ctx.artifact('etherfi/EtherFiAdmin').abi };
  const withErrors = (t) => ({ ...t, abi: [...t.abi, ...errorAbi.filter((e) => !t.abi.some((x) => x.type === 'error' && x.name === e.name))] });
  for (const [mutate, reason] of [
    [(b) => ({ ...b, protocolFees: b.accruedRewards }), 'EtherFiAdmin: protocol fees exceed 20% total rewards'],
    [(b) => ({ ...b, finalizedWithdrawalAmount: parseEther('31') }), 'EtherFiAdmin: sum of requests does not match finalized withdrawal amount'],
    [(b) => ({ ...b, accruedRewards: b.accruedRewards * 10n }), 'EtherFiAdmin: TVL changed too much'],
  ]) {
    await isolated(ctx, async () => {
      await ctx.increaseTime(86400);
      const [refSlotFrom, refSlotTo, refBlockFrom] = await read(oracle, 'blockStampForNextReport');
      const P = await read(lp, 'getTotalPooledEther');
      const r = P * 290n * 86400n / (10000n * SECONDS_PER_YEAR);
      const report = mutate({ consensusVersion: 1, refSlotFrom, refSlotTo, refBlockFrom, refBlockTo: Number((await ctx.publicClient.getBlock()).number) - 1,
        accruedRewards: r, protocolFees: r / 9n, validatorsToApprove: [], lastFinalizedWithdrawalRequestId: 3, finalizedWithdrawalAmount: parseEther('32') });
      for (const m of ORACLE.members.slice(0, ORACLE.quorum)) await sendAs(m, oracle, 'submitReport', [report]);
      assert.deepEqual(await revertOf(withErrors(adminC), 'executeTasks', [report]), { name: 'ReportValidationFailed', args: [reason] });
    });
  }
});

test('deliverOracleReport waits for finality when the frame just ended', async () => {
  await isolated(ctx, async () => {
    const report = await deliverOracleReport(ctx, 300n);
    assert.ok(report.accruedRewards > 0n);
    const oracle = { address: ETHERFI.EtherFiOracle, abi: ctx.artifact('etherfi/EtherFiOracle').abi };
    const now = (await ctx.publicClient.getBlock()).timestamp;
    const current = Number(await read(oracle, 'computeSlotAtTimestamp', [now]));
    assert.ok(Math.floor(report.refSlotTo / 32) + 2 < Math.floor(current / 32));
  });
});
