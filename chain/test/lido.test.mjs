// Lido replica lifecycle tests: raw calls via viem, expected values recomputed here with BigInt from the formulas in
// shared/protocols/lido.md (floor rounding against internal ether / internal shares; externalShares == 0 here).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { decodeEventLog, parseEther, zeroAddress, BaseError, ContractFunctionRevertedError } from 'viem';
import { startDevnet, isolated } from './helpers.mjs';
import {
  LIDO, WSTETH, WITHDRAWAL_QUEUE, LIDO_LOCATOR, EIP712_STETH, HASH_CONSENSUS, ACCOUNTING_ORACLE, TREASURY, START, AGENT,
  NODE_OPERATORS_REGISTRY, ORACLE_MEMBERS, ORACLE_QUORUM, CONSENSUS_VERSION, CONTRACT_VERSION, deliverReport, reportHash, impersonated,
  LOCATOR_CONFIG,
} from '../deploy/lido.mjs';

const E27 = 10n ** 27n;
let devnet, ctx, steth, wsteth, wq;
before(async () => {
  devnet = await startDevnet();
  ctx = devnet.ctx;
  steth = { address: LIDO, abi: ctx.artifact('lido/Lido').abi };
  wsteth = { address: WSTETH, abi: ctx.artifact('lido/WstETH').abi };
  wq = { address: WITHDRAWAL_QUEUE, abi: ctx.artifact('lido/WithdrawalQueueERC721').abi };
});
after(async () => { await devnet?.stop(); });

const user = (i) => ctx.accounts[i];
async function state() {
  return { ether: await ctx.read(steth, 'getTotalPooledEther'), shares: await ctx.read(steth, 'getTotalShares') };
}
const sharesByEth = (eth, s) => eth * s.shares / s.ether;
const ethByShares = (sh, s) => sh * s.ether / s.shares;

/** Simulates a call and returns the decoded revert (errorName + args, or the Error(string) reason). */
async function revertOf(target, functionName, args, { account = user(0), value = 0n } = {}) {
  try {
    await ctx.publicClient.simulateContract({ address: target.address, abi: target.abi, functionName, args, account, value });
  } catch (e) {
    const r = e instanceof BaseError ? e.walk((x) => x instanceof ContractFunctionRevertedError) : null;
    if (!r) throw e;
    return r.data ? { name: r.data.errorName, args: [...(r.data.args ?? [])] } : { name: 'Error', args: [r.reason] };
  }
  throw new Error(`${functionName} did not revert`);
}

function events(receipt, target, eventName) {
  return receipt.logs.filter((l) => l.address.toLowerCase() === target.address.toLowerCase()).flatMap((l) => {
    try { return [decodeEventLog({ abi: target.abi, data: l.data, topics: l.topics })]; } catch { return []; }
  }).filter((e) => !eventName || e.eventName === eventName);
}

/** The batches the oracle daemon would report: calculateFinalizationBatches up to `upTo` at `rate` (budget: the buffer). */
async function oracleBatches(rate, upTo) {
  const last = await ctx.read(wq, 'getLastFinalizedRequestId');
  const now = (await ctx.publicClient.getBlock()).timestamp;
  const start = { remainingEthBudget: await ctx.read(steth, 'getBufferedEther'), finished: false, batches: Array(36).fill(0n), batchesLength: 0n };
  const out = await ctx.read(wq, 'calculateFinalizationBatches', [rate, now, upTo - last, start]);
  return out.batches.slice(0, Number(out.batchesLength));
}
/** ETH locked for consecutive batches of `statuses` (sizes in `sizes`, the rest one batch), each priced as a whole. */
function batchPriced(statuses, sizes, rate) {
  let locked = 0n, i = 0;
  const groups = [...sizes.map(Number), statuses.length - sizes.map(Number).reduce((a, b) => a + b, 0)].filter((n) => n > 0);
  for (const n of groups) {
    const part = statuses.slice(i, i + n); i += n;
    const stETH = part.reduce((a, x) => a + x.amountOfStETH, 0n), shares = part.reduce((a, x) => a + x.amountOfShares, 0n);
    locked += stETH * E27 / shares > rate ? shares * rate / E27 : stETH;
  }
  return locked;
}

async function stake(i, value) {
  await ctx.setBalance(user(i).address, value + parseEther('10'));
  return ctx.write(steth, 'submit', [zeroAddress], { account: user(i), value });
}

test('starting state: mainnet-like magnitudes, locator, limits, seeded requests', () => isolated(ctx, async () => {
  const s = await state();
  assert.ok(s.ether > parseEther('9400000') && s.ether < parseEther('9410000'));
  const rate = await ctx.read(wsteth, 'stEthPerToken');
  assert.equal(rate, ethByShares(10n ** 18n, s));
  assert.ok(rate > parseEther('1.2288') && rate < parseEther('1.2290'));
  const loc = { address: LIDO_LOCATOR, abi: ctx.artifact('lido/LidoLocator').abi };
  assert.equal(await ctx.read(loc, 'lido'), LIDO);
  assert.equal(await ctx.read(loc, 'wstETH'), WSTETH);
  assert.equal(await ctx.read(loc, 'withdrawalQueue'), WITHDRAWAL_QUEUE);
  assert.equal(await ctx.read(loc, 'accountingOracle'), ACCOUNTING_ORACLE);
  const info = await ctx.read(steth, 'getStakeLimitFullInfo');
  // The current limit is full again; prevStakeLimit (index 5) records the last submit, which in the integrated devnet
  // is EigenLayer's seeding of its stakers, so it is only bounded here.
  assert.deepEqual(info.slice(0, 5), [false, true, START.maxStakeLimit, START.maxStakeLimit, 6400n]);
  assert.ok(info[5] <= START.maxStakeLimit);
  assert.equal(await ctx.read(wq, 'MIN_STETH_WITHDRAWAL_AMOUNT'), 100n);
  assert.equal(await ctx.read(wq, 'MAX_STETH_WITHDRAWAL_AMOUNT'), parseEther('1000'));
  assert.equal(await ctx.read(wq, 'getLastRequestId'), 5n);
  assert.equal(await ctx.read(wq, 'getLastFinalizedRequestId'), 3n);
  assert.equal(await ctx.read(wq, 'unfinalizedStETH'), parseEther('1000.5'));
  assert.deepEqual([...(await ctx.read(wq, 'getWithdrawalRequests', [ctx.admin.address]))].sort(), [1n, 2n, 4n, 5n]);
  assert.equal(await ctx.read(steth, 'name'), 'Liquid staked Ether 2.0');
  assert.equal(await ctx.read(steth, 'getContractVersion'), 4n);
}));

test('submit mints floor(v * shares / ether) shares; Transfer value and balance follow the floor rule', () => isolated(ctx, async () => {
  const v = parseEther('32');
  const s0 = await state();
  const expectedShares = sharesByEth(v, s0);
  const receipt = await stake(1, v);
  assert.equal(await ctx.read(steth, 'sharesOf', [user(1).address]), expectedShares);
  const s1 = { ether: s0.ether + v, shares: s0.shares + expectedShares };
  assert.deepEqual(await state(), s1);
  const balance = ethByShares(expectedShares, s1);
  assert.equal(await ctx.read(steth, 'balanceOf', [user(1).address]), balance);
  assert.ok(v - balance <= 2n && balance <= v);
  const ev = events(receipt, steth);
  assert.deepEqual(ev.map((e) => e.eventName), ['Submitted', 'Transfer', 'TransferShares']);
  assert.equal(ev[0].args.amount, v);
  assert.equal(ev[1].args.value, balance);
  assert.equal(ev[2].args.sharesValue, expectedShares);
  // plain ETH transfer stakes too; non-empty unknown calldata reverts NON_EMPTY_DATA
  await ctx.setBalance(user(2).address, parseEther('5'));
  const hash = await ctx.walletClient.sendTransaction({ account: user(2), to: LIDO, value: parseEther('1'), chain: ctx.chain });
  await ctx.publicClient.waitForTransactionReceipt({ hash });
  assert.equal(await ctx.read(steth, 'sharesOf', [user(2).address]), sharesByEth(parseEther('1'), s1));
  await assert.rejects(ctx.publicClient.call({ account: user(2), to: LIDO, data: '0xdeadbeef', value: 1n }), /NON_EMPTY_DATA/);
  assert.deepEqual(await revertOf(steth, 'submit', [zeroAddress], { value: 0n }), { name: 'Error', args: ['ZERO_DEPOSIT'] });
}));

test('transfer moves floor(amount * shares / ether) shares (1-2 wei short); transferShares is exact', () => isolated(ctx, async () => {
  await stake(1, parseEther('100'));
  const s = await state();
  const amount = 123456789012345678n;
  const moved = sharesByEth(amount, s);
  const receipt = await ctx.write(steth, 'transfer', [user(3).address, amount], { account: user(1) });
  assert.equal(await ctx.read(steth, 'sharesOf', [user(3).address]), moved);
  const got = await ctx.read(steth, 'balanceOf', [user(3).address]);
  assert.equal(got, ethByShares(moved, s));
  assert.ok(amount - got >= 0n && amount - got <= 2n);
  const ev = events(receipt, steth);
  assert.equal(ev[0].args.value, amount);
  assert.equal(ev[1].args.sharesValue, moved);

  const all = await ctx.read(steth, 'sharesOf', [user(1).address]);
  const r2 = await ctx.write(steth, 'transferShares', [user(4).address, all], { account: user(1) });
  assert.equal(await ctx.read(steth, 'sharesOf', [user(1).address]), 0n);
  assert.equal(await ctx.read(steth, 'sharesOf', [user(4).address]), all);
  assert.equal(events(r2, steth, 'Transfer')[0].args.value, ethByShares(all, s));
  assert.deepEqual(await revertOf(steth, 'transfer', [user(4).address, 1000n], { account: user(1) }), { name: 'Error', args: ['BALANCE_EXCEEDED'] });
  assert.deepEqual(await revertOf(steth, 'transfer', [LIDO, 1n], { account: user(4) }), { name: 'Error', args: ['TRANSFER_TO_STETH_CONTRACT'] });
  assert.deepEqual(await revertOf(steth, 'transfer', [zeroAddress, 1n], { account: user(4) }), { name: 'Error', args: ['TRANSFER_TO_ZERO_ADDR'] });
  // transferSharesFrom spends floor(shares * ether / totalShares) of allowance
  await ctx.write(steth, 'approve', [user(5).address, parseEther('10')], { account: user(4) });
  const sh = 7777777777777777777n;
  await ctx.write(steth, 'transferSharesFrom', [user(4).address, user(6).address, sh], { account: user(5) });
  assert.equal(await ctx.read(steth, 'allowance', [user(4).address, user(5).address]), parseEther('10') - ethByShares(sh, s));
  assert.deepEqual(await revertOf(steth, 'transferFrom', [user(4).address, user(6).address, parseEther('10')], { account: user(5) }), { name: 'Error', args: ['ALLOWANCE_EXCEEDED'] });
}));

const hcOf = () => ({ address: HASH_CONSENSUS, abi: ctx.artifact('lido/HashConsensus').abi });
const aoOf = () => ({ address: ACCOUNTING_ORACLE, abi: ctx.artifact('lido/AccountingOracle').abi });

test('oracle report through HashConsensus + AccountingOracle: rebase by the CL change, fee split, ref-slot timing', () => isolated(ctx, async () => {
  await stake(1, parseEther('50'));
  const pre = await state();
  const preUserShares = await ctx.read(steth, 'sharesOf', [user(1).address]);
  const preTreasury = await ctx.read(steth, 'sharesOf', [TREASURY]);
  const preModule = await ctx.read(steth, 'sharesOf', [NODE_OPERATORS_REGISTRY]);
  const lastRef = await ctx.read(aoOf(), 'getLastProcessingRefSlot');
  const apr = 300n;
  // the CL balance is reported in gwei: the booked rewards are the APR amount floored to gwei
  const [preCl] = await ctx.read(steth, 'getBalanceStats');
  assert.equal(preCl % 10n ** 9n, 0n);
  const rewards = pre.ether * apr * 86400n / (10000n * 31536000n) / 10n ** 9n * 10n ** 9n;
  const receipt = await deliverReport(ctx, { aprBasisPoints: apr });
  const postEther = pre.ether + rewards;
  // Accounting: fee ether floored first, then shares so that the fee holders own exactly that ether
  const feeEther = rewards * 1000n / 10000n;
  const fee = feeEther * pre.shares / (postEther - feeEther);
  const post = await state();
  assert.deepEqual(post, { ether: postEther, shares: pre.shares + fee });
  // minted to Accounting, forwarded: module half (floored), the rest to the treasury
  assert.equal(await ctx.read(steth, 'sharesOf', [NODE_OPERATORS_REGISTRY]), preModule + fee / 2n);
  assert.equal(await ctx.read(steth, 'sharesOf', [TREASURY]), preTreasury + fee - fee / 2n);
  assert.equal(await ctx.read(steth, 'balanceOf', [user(1).address]), preUserShares * postEther / (pre.shares + fee));
  const [rebased] = events(receipt, steth, 'TokenRebased');
  const refSlot = lastRef + 7200n;
  assert.equal(rebased.args.reportTimestamp, 1606824023n + refSlot * 12n);
  assert.equal(rebased.args.timeElapsed, 86400n);
  assert.equal(rebased.args.preTotalShares, pre.shares);
  assert.equal(rebased.args.preTotalEther, pre.ether);
  assert.equal(rebased.args.postTotalShares, post.shares);
  assert.equal(rebased.args.postTotalEther, post.ether);
  assert.equal(rebased.args.sharesMintedAsFees, fee);
  const [dist] = events(receipt, steth, 'ETHDistributed');
  assert.deepEqual([dist.args.preCLBalance, dist.args.postCLBalance], [preCl, preCl + rewards]);
  // SDK APR formula reproduces ~ (1 - fee) * 3 %
  const preRate = pre.ether * E27 / pre.shares, postRate = post.ether * E27 / post.shares;
  const userApr = 31536000n * ((postRate - preRate) * 1000000n) / preRate / rebased.args.timeElapsed;
  assert.ok(userApr >= 26900n && userApr <= 27000n, `apr ${userApr}`);
  // the oracle views (fidelity row 6)
  const ao = aoOf(), hc = hcOf();
  assert.equal(await ctx.read(ao, 'getLastProcessingRefSlot'), refSlot);
  const [hash, reportRef, , started] = await ctx.read(ao, 'getConsensusReport');
  assert.deepEqual([reportRef, started], [refSlot, true]);
  const [stateRef, consensusReport, processing] = await ctx.read(hc, 'getConsensusState');
  assert.deepEqual([stateRef, consensusReport, processing], [refSlot, hash, true]);
  const ps = await ctx.read(ao, 'getProcessingState');
  assert.deepEqual([ps.mainDataSubmitted, ps.extraDataSubmitted, ps.mainDataHash], [true, true, hash]);
}));

test('oracle roles: members only, quorum, the consensus hash, the consensus contract, the accounting caller', () => isolated(ctx, async () => {
  const hc = hcOf(), ao = aoOf();
  const [members] = await ctx.read(hc, 'getMembers');
  assert.deepEqual(members, ORACLE_MEMBERS);
  assert.equal(await ctx.read(hc, 'getQuorum'), ORACLE_QUORUM);
  const [, epochsPerFrame, fastLane] = await ctx.read(hc, 'getFrameConfig');
  assert.deepEqual([epochsPerFrame, fastLane], [225n, 100n]);
  const last = await ctx.read(ao, 'getLastProcessingRefSlot');
  const refSlot = last + 7200n;
  await ctx.testClient.setNextBlockTimestamp({ timestamp: 1606824023n + (refSlot + fastLane + 1n) * 12n });
  await ctx.mine(1);
  const report = `0x${'11'.repeat(32)}`;
  assert.deepEqual(await revertOf(hc, 'submitReport', [refSlot, report, CONSENSUS_VERSION]), { name: 'NonMember', args: [] });
  assert.deepEqual(await revertOf(hc, 'submitReport', [refSlot, report, 4n], { account: ORACLE_MEMBERS[0] }), { name: 'UnexpectedConsensusVersion', args: [5n, 4n] });
  assert.deepEqual(await revertOf(hc, 'submitReport', [refSlot - 1n, report, CONSENSUS_VERSION], { account: ORACLE_MEMBERS[0] }), { name: 'InvalidSlot', args: [] });
  const managers = await ctx.read(hc, 'MANAGE_MEMBERS_AND_QUORUM_ROLE');
  assert.deepEqual(await revertOf(hc, 'addMember', [user(1).address, 3n], { account: user(1) }),
    { name: 'Error', args: [`AccessControl: account ${user(1).address.toLowerCase()} is missing role ${managers}`] });
  assert.deepEqual(await revertOf(hc, 'setQuorum', [2n]), { name: 'QuorumTooSmall', args: [3n, 2n] });
  assert.deepEqual(await revertOf(ao, 'submitConsensusReport', [report, refSlot, 2n ** 40n]), { name: 'SenderIsNotTheConsensusContract', args: [] });
  // two of three: no consensus yet; the third hands the hash to the oracle
  for (const m of ORACLE_MEMBERS.slice(0, 2)) await impersonated(ctx, m, () => ctx.write(hc, 'submitReport', [refSlot, report, CONSENSUS_VERSION], { account: m }));
  assert.deepEqual(await revertOf(hc, 'submitReport', [refSlot, report, CONSENSUS_VERSION], { account: ORACLE_MEMBERS[0] }), { name: 'DuplicateReport', args: [] });
  const [prevHash, prevRef] = await ctx.read(ao, 'getConsensusReport');
  assert.deepEqual([prevHash === report, prevRef], [false, last]);
  const r3 = await impersonated(ctx, ORACLE_MEMBERS[2], () => ctx.write(hc, 'submitReport', [refSlot, report, CONSENSUS_VERSION], { account: ORACLE_MEMBERS[2] }));
  assert.equal(events(r3, hc, 'ConsensusReached')[0].args.support, 3n);
  assert.equal(events(r3, ao, 'ReportSubmitted')[0].args.hash, report);
  // the data must hash to the consensus report, and come from a member or SUBMIT_DATA_ROLE
  const data = {
    consensusVersion: CONSENSUS_VERSION, refSlot, clValidatorsBalanceGwei: 1n, clPendingBalanceGwei: 0n,
    stakingModuleIdsWithNewlyExitedValidators: [], numExitedValidatorsByStakingModule: [], stakingModuleIdsWithUpdatedBalance: [],
    validatorBalancesGweiByStakingModule: [], withdrawalVaultBalance: 0n, elRewardsVaultBalance: 0n, sharesRequestedToBurn: 0n,
    withdrawalFinalizationBatches: [], simulatedShareRate: 0n, isBunkerMode: false, vaultsDataTreeRoot: `0x${'00'.repeat(32)}`,
    vaultsDataTreeCid: '', extraDataFormat: 0n, extraDataHash: `0x${'00'.repeat(32)}`, extraDataItemsCount: 0n,
  };
  assert.deepEqual(await revertOf(ao, 'submitReportData', [data, CONTRACT_VERSION]), { name: 'SenderNotAllowed', args: [] });
  assert.deepEqual(await revertOf(ao, 'submitReportData', [data, 4n], { account: ORACLE_MEMBERS[0] }), { name: 'UnexpectedContractVersion', args: [5n, 4n] });
  assert.deepEqual(await revertOf(ao, 'submitReportData', [data, CONTRACT_VERSION], { account: ORACLE_MEMBERS[0] }),
    { name: 'UnexpectedDataHash', args: [report, reportHash(data)] });
  assert.deepEqual(await revertOf(ao, 'submitReportExtraDataEmpty', [], { account: ORACLE_MEMBERS[0] }), { name: 'CannotSubmitExtraDataBeforeMainData', args: [] });
  // downstream entry points refuse anyone but their role holders
  const lidoAcc = ctx.artifact('lido/Lido').abi;
  assert.deepEqual(await revertOf({ address: LIDO, abi: lidoAcc }, 'handleAccountingReport',
    [{ timestamp: 1n, timeElapsed: 1n, clValidatorsBalance: 0n, clPendingBalance: 0n, withdrawalVaultBalance: 0n, elRewardsVaultBalance: 0n, sharesRequestedToBurn: 0n, withdrawalFinalizationBatches: [], simulatedShareRate: 0n }]),
    { name: 'Error', args: ['APP_AUTH_FAILED'] });
  const finalizers = await ctx.read(wq, 'FINALIZE_ROLE');
  assert.deepEqual(await revertOf(wq, 'finalize', [4n, E27]), { name: 'Error', args: [`AccessControl: account ${user(0).address.toLowerCase()} is missing role ${finalizers}`] });
  assert.deepEqual(await revertOf(wq, 'onOracleReport', [false, 0n, 0n]), { name: 'Error', args: [`AccessControl: account ${user(0).address.toLowerCase()} is missing role ${await ctx.read(wq, 'ORACLE_ROLE')}`] });
  assert.equal(await ctx.read(wq, 'getRoleMember', [finalizers, 0n]), LIDO);
}));

test('bunker mode starts at the previous ref slot (fidelity 5); onOracleReport refuses a future report time (fidelity 11)', () => isolated(ctx, async () => {
  const ao = aoOf();
  const last = await ctx.read(ao, 'getLastProcessingRefSlot');
  const rr = await deliverReport(ctx, { clDelta: -parseEther('1') });
  assert.equal(await ctx.read(wq, 'isBunkerModeActive'), true);
  assert.equal(await ctx.read(wq, 'bunkerModeSinceTimestamp'), 1606824023n + last * 12n);
  assert.equal(events(rr, wq, 'BunkerModeEnabled')[0].args._sinceTimestamp, 1606824023n + last * 12n);
  await impersonated(ctx, ACCOUNTING_ORACLE, async () => {
    const now = (await ctx.publicClient.getBlock()).timestamp;
    assert.deepEqual(await revertOf(wq, 'onOracleReport', [false, 0n, now + 100n], { account: ACCOUNTING_ORACLE }), { name: 'InvalidReportTimestamp', args: [] });
    assert.deepEqual(await revertOf(wq, 'onOracleReport', [false, now + 100n, 0n], { account: ACCOUNTING_ORACLE }), { name: 'InvalidReportTimestamp', args: [] });
  });
  await deliverReport(ctx, { aprBasisPoints: 100n });
  assert.equal(await ctx.read(wq, 'isBunkerModeActive'), false);
}));

test('withdrawal queue pause/resume: PAUSE_ROLE / RESUME_ROLE held by the Agent, AccessControl reverts otherwise', () => isolated(ctx, async () => {
  const pauseRole = await ctx.read(wq, 'PAUSE_ROLE');
  assert.equal(await ctx.read(wq, 'getRoleMember', [pauseRole, 0n]), AGENT);
  assert.deepEqual(await revertOf(wq, 'pauseFor', [3600n], { account: ctx.admin }),
    { name: 'Error', args: [`AccessControl: account ${ctx.admin.address.toLowerCase()} is missing role ${pauseRole}`] });
  await impersonated(ctx, AGENT, async () => {
    await ctx.write(wq, 'pauseFor', [3600n], { account: AGENT });
    assert.equal(await ctx.read(wq, 'isPaused'), true);
    // the real queue checks "resumed" before the role: a paused queue refuses finalize with ResumedExpected
    assert.deepEqual(await revertOf(wq, 'finalize', [4n, E27]), { name: 'ResumedExpected', args: [] });
    await ctx.write(wq, 'resume', [], { account: AGENT });
  });
  assert.equal(await ctx.read(wq, 'isPaused'), false);
}));

test('wstETH wrap/unwrap round trip follows the share math', () => isolated(ctx, async () => {
  await stake(1, parseEther('20'));
  const s = await state();
  const x = parseEther('10');
  await ctx.write(steth, 'approve', [WSTETH, x], { account: user(1) });
  const before = await ctx.read(steth, 'sharesOf', [user(1).address]);
  await ctx.write(wsteth, 'wrap', [x], { account: user(1) });
  const w = sharesByEth(x, s);
  assert.equal(await ctx.read(wsteth, 'balanceOf', [user(1).address]), w);
  assert.equal(await ctx.read(steth, 'sharesOf', [user(1).address]), before - w);
  assert.equal(await ctx.read(wsteth, 'getStETHByWstETH', [w]), ethByShares(w, s));
  const { result } = await ctx.publicClient.simulateContract({ ...wsteth, functionName: 'unwrap', args: [w], account: user(1) });
  assert.equal(result, ethByShares(w, s));
  await ctx.write(wsteth, 'unwrap', [w], { account: user(1) });
  assert.equal(await ctx.read(wsteth, 'balanceOf', [user(1).address]), 0n);
  assert.equal(await ctx.read(steth, 'sharesOf', [user(1).address]), before - w + sharesByEth(ethByShares(w, s), s));
  assert.deepEqual(await revertOf(wsteth, 'wrap', [0n], { account: user(1) }), { name: 'Error', args: ["wstETH: can't wrap zero stETH"] });
  // ETH sent to wstETH is staked and wrapped
  await ctx.setBalance(user(7).address, parseEther('3'));
  const s2 = await state();
  const hash = await ctx.walletClient.sendTransaction({ account: user(7), to: WSTETH, value: parseEther('2'), chain: ctx.chain });
  await ctx.publicClient.waitForTransactionReceipt({ hash });
  assert.equal(await ctx.read(wsteth, 'balanceOf', [user(7).address]), sharesByEth(parseEther('2'), s2));
}));

test('stETH permit signed on the EIP712StETH domain, then transferFrom', () => isolated(ctx, async () => {
  await stake(1, parseEther('5'));
  const owner = user(1), spender = user(2);
  const domain = await ctx.read(steth, 'eip712Domain');
  assert.deepEqual(domain, ['Liquid staked Ether 2.0', '2', 1n, LIDO]);
  const deadline = 2n ** 255n;
  const value = parseEther('1');
  const signature = await owner.signTypedData({
    domain: { name: domain[0], version: domain[1], chainId: 1, verifyingContract: LIDO },
    types: { Permit: [{ name: 'owner', type: 'address' }, { name: 'spender', type: 'address' }, { name: 'value', type: 'uint256' }, { name: 'nonce', type: 'uint256' }, { name: 'deadline', type: 'uint256' }] },
    primaryType: 'Permit',
    message: { owner: owner.address, spender: spender.address, value, nonce: 0n, deadline },
  });
  const r = `0x${signature.slice(2, 66)}`, sg = `0x${signature.slice(66, 130)}`, v = parseInt(signature.slice(130, 132), 16);
  assert.deepEqual(await revertOf(steth, 'permit', [owner.address, spender.address, value + 1n, deadline, v, r, sg]), { name: 'Error', args: ['INVALID_SIGNATURE'] });
  await ctx.write(steth, 'permit', [owner.address, spender.address, value, deadline, v, r, sg], { account: user(3) });
  assert.equal(await ctx.read(steth, 'nonces', [owner.address]), 1n);
  assert.equal(await ctx.read(steth, 'allowance', [owner.address, spender.address]), value);
  await ctx.setBalance(spender.address, parseEther('1'));
  await ctx.write(steth, 'transferFrom', [owner.address, user(4).address, value], { account: spender });
  assert.equal(await ctx.read(steth, 'allowance', [owner.address, spender.address]), 0n);
  const s = await state();
  assert.equal(await ctx.read(steth, 'sharesOf', [user(4).address]), sharesByEth(value, s));
  const ds = await ctx.read({ address: EIP712_STETH, abi: ctx.artifact('lido/EIP712StETH').abi }, 'domainSeparatorV4', [LIDO]);
  assert.equal(await ctx.read(steth, 'DOMAIN_SEPARATOR'), ds);
  // mainnet value from lido.md §9 (chain id 1, stETH proxy address)
  assert.equal(ds, '0x260e7e1a220ea89b9454cbcdc1fcc44087325df199a3986e560d75db18b2e253');
  assert.equal(await ctx.read(wsteth, 'DOMAIN_SEPARATOR'), '0xd4a8ff90a402dc7d4fcbf60f5488291263c743ccff180e139f47d139cedfd5fe');
}));

test('withdrawal requests (stETH and wstETH), limits, finalize, status, hints, claims to the wei', () => isolated(ctx, async () => {
  await stake(1, parseEther('2000'));
  await ctx.write(steth, 'approve', [WITHDRAWAL_QUEUE, 2n ** 256n - 1n], { account: user(1) });
  assert.deepEqual(await revertOf(wq, 'requestWithdrawals', [[99n], user(1).address], { account: user(1) }), { name: 'RequestAmountTooSmall', args: [99n] });
  const tooLarge = parseEther('1000') + 1n;
  assert.deepEqual(await revertOf(wq, 'requestWithdrawals', [[tooLarge], user(1).address], { account: user(1) }), { name: 'RequestAmountTooLarge', args: [tooLarge] });

  const s = await state();
  const a1 = parseEther('100'), a2 = 100n;
  const rc = await ctx.write(wq, 'requestWithdrawals', [[a1, a2], zeroAddress], { account: user(1) });
  const reqs = events(rc, wq, 'WithdrawalRequested');
  assert.deepEqual(reqs.map((e) => e.args.requestId), [6n, 7n]);
  assert.equal(reqs[0].args.amountOfShares, sharesByEth(a1, s));
  // wstETH request: amount checked on the unwrapped stETH
  await ctx.write(steth, 'approve', [WSTETH, parseEther('50')], { account: user(1) });
  await ctx.write(wsteth, 'wrap', [parseEther('50')], { account: user(1) });
  const w = parseEther('20');
  await ctx.write(wsteth, 'approve', [WITHDRAWAL_QUEUE, w], { account: user(1) });
  const s2 = await state();
  await ctx.write(wq, 'requestWithdrawalsWstETH', [[w], user(2).address], { account: user(1) });
  const [st8] = await ctx.read(wq, 'getWithdrawalStatus', [[8n]]);
  assert.equal(st8.amountOfStETH, ethByShares(w, s2));
  assert.equal(st8.amountOfShares, sharesByEth(ethByShares(w, s2), s2));
  assert.equal(st8.owner, user(2).address);
  assert.equal(st8.isFinalized, false);
  // fidelity row 1: the hint found for an id is the next id's search start, so after an unfinalized id (hint 0) the
  // real queue reverts InvalidRequestIdRange(0, last) — an SDK must ask hints for finalized ids only.
  const lastIdx = await ctx.read(wq, 'getLastCheckpointIndex');
  assert.deepEqual(await ctx.read(wq, 'findCheckpointHints', [[6n], 1n, lastIdx]), [0n]);
  assert.deepEqual(await revertOf(wq, 'findCheckpointHints', [[6n, 7n, 8n], 1n, lastIdx]), { name: 'InvalidRequestIdRange', args: [0n, lastIdx] });
  assert.deepEqual(await revertOf(wq, 'claimWithdrawals', [[6n], [1n]], { account: user(1) }), { name: 'RequestNotFoundOrNotFinalized', args: [6n] });

  // finalize up to 8 at a positive rebase: requests pay their nominal stETH
  const lockedBefore = await ctx.read(wq, 'getLockedEtherAmount');
  const pre = await state();
  const rewards = pre.ether * 280n * 86400n / (10000n * 31536000n) / 10n ** 9n * 10n ** 9n;
  // simulatedShareRate: the report's rate without finalization (fee ether floored first)
  const fee = (rewards / 10n) * pre.shares / (pre.ether + rewards - rewards / 10n);
  const rate = (pre.ether + rewards) * E27 / (pre.shares + fee);
  const claimOf = (x) => (x.amountOfStETH * E27 / x.amountOfShares > rate ? x.amountOfShares * rate / E27 : x.amountOfStETH);
  const batch = await ctx.read(wq, 'getWithdrawalStatus', [[4n, 5n, 6n, 7n, 8n]]);
  // the 100 wei request: floor(100 / 1.2288) = 81 shares, whose own rate beats the batch rate -> 1 wei discount
  assert.equal(claimOf(batch[3]), a2 - 1n);
  // 6, 7, 8 were made in one report frame, so the oracle's batching keeps them (and the nominal 4, 5) in one batch
  assert.deepEqual(await oracleBatches(rate, 8n), [8n]);
  const rr = await deliverReport(ctx, { aprBasisPoints: 280n, finalizeUpTo: 8n });
  const [fin] = events(rr, wq, 'WithdrawalsFinalized');
  // the seeded pending requests 4 (1000 stETH) and 5 (0.5 stETH) are finalized in the same batch
  assert.deepEqual([fin.args.from, fin.args.to], [4n, 8n]);
  // fidelity row Lido 10: the batch is priced as a whole (nominal), so the 1 wei discount of request 7 stays locked
  assert.equal(fin.args.amountOfETHLocked, batchPriced(batch, [5n], rate));
  assert.equal(fin.args.amountOfETHLocked, parseEther('1000.5') + a1 + a2 + st8.amountOfStETH);
  assert.equal(await ctx.read(wq, 'getLockedEtherAmount'), lockedBefore + fin.args.amountOfETHLocked);
  const last = await ctx.read(wq, 'getLastCheckpointIndex');
  assert.equal(last, 2n);
  assert.deepEqual(await ctx.read(wq, 'findCheckpointHints', [[1n, 4n, 6n, 7n, 8n], 1n, last]), [1n, 2n, 2n, 2n, 2n]);
  assert.deepEqual(await ctx.read(wq, 'findCheckpointHints', [[2n], 2n, last]), [0n]);
  assert.deepEqual(await revertOf(wq, 'findCheckpointHints', [[7n, 6n], 1n, last]), { name: 'RequestIdsNotSorted', args: [] });
  assert.deepEqual(await ctx.read(wq, 'getClaimableEther', [[6n, 7n], [2n, 2n]]), [a1, a2 - 1n]);
  assert.deepEqual(await revertOf(wq, 'getClaimableEther', [[6n], [1n]]), { name: 'InvalidHint', args: [1n] });
  assert.deepEqual(await revertOf(wq, 'claimWithdrawals', [[8n], [2n]], { account: user(1) }), { name: 'NotOwner', args: [user(1).address, user(2).address] });

  const balBefore = await ctx.publicClient.getBalance({ address: user(1).address });
  const cr = await ctx.write(wq, 'claimWithdrawals', [[6n, 7n], [2n, 2n]], { account: user(1) });
  const gas = cr.gasUsed * cr.effectiveGasPrice;
  assert.equal(await ctx.publicClient.getBalance({ address: user(1).address }), balBefore + a1 + a2 - 1n - gas);
  assert.deepEqual(events(cr, wq, 'WithdrawalClaimed').map((e) => e.args.amountOfETH), [a1, a2 - 1n]);
  assert.deepEqual(await revertOf(wq, 'claimWithdrawals', [[6n], [2n]], { account: user(1) }), { name: 'RequestAlreadyClaimed', args: [6n] });
  assert.deepEqual(await ctx.read(wq, 'getClaimableEther', [[6n], [2n]]), [0n]);
  const [st6] = await ctx.read(wq, 'getWithdrawalStatus', [[6n]]);
  assert.deepEqual([st6.isFinalized, st6.isClaimed], [true, true]);
  // claimWithdrawalsTo from the new owner of request 8
  await ctx.setBalance(user(2).address, parseEther('1'));
  const to = user(8).address;
  const toBefore = await ctx.publicClient.getBalance({ address: to });
  await ctx.write(wq, 'claimWithdrawalsTo', [[8n], [2n], to], { account: user(2) });
  assert.equal(await ctx.publicClient.getBalance({ address: to }), toBefore + st8.amountOfStETH);
}));

test('slashing drops the share rate: claims are discounted to floor(shares * maxShareRate / 1e27)', () => isolated(ctx, async () => {
  await stake(1, parseEther('500'));
  await ctx.write(steth, 'approve', [WITHDRAWAL_QUEUE, parseEther('100')], { account: user(1) });
  await ctx.write(wq, 'requestWithdrawals', [[parseEther('100')], user(1).address], { account: user(1) });
  const statuses = await ctx.read(wq, 'getWithdrawalStatus', [[4n, 5n, 6n]]);
  const st = statuses[2];
  const pre = await state();
  const loss = pre.ether / 100n / 10n ** 9n * 10n ** 9n; // 1 % slashing (CL balances are reported in gwei)
  const rate = (pre.ether - loss) * E27 / pre.shares;
  const firstId = (await ctx.read(wq, 'getLastFinalizedRequestId')) + 1n;
  const batchSizes = (await oracleBatches(rate, 6n)).map((end, i, a) => end - (i === 0 ? firstId - 1n : a[i - 1]));
  const rr = await deliverReport(ctx, { clDelta: -loss, finalizeUpTo: 6n });
  const claimOf = (x) => (x.amountOfStETH * E27 / x.amountOfShares > rate ? x.amountOfShares * rate / E27 : x.amountOfStETH);
  const expected = claimOf(st);
  assert.ok(expected < st.amountOfStETH);
  assert.equal(events(rr, wq, 'WithdrawalsFinalized')[0].args.amountOfETHLocked, batchPriced(statuses, batchSizes, rate));
  assert.equal(await ctx.read(wq, 'isBunkerModeActive'), true);
  assert.equal(events(rr, steth, 'TokenRebased')[0].args.sharesMintedAsFees, 0n);
  assert.deepEqual(await ctx.read(wq, 'getClaimableEther', [[6n], [2n]]), [expected]);
  const burnt = events(rr, steth, 'SharesBurnt')[0];
  assert.equal(burnt.args.account, LOCATOR_CONFIG.burner); // fidelity row Lido 4: burnt by the Burner
  assert.equal(burnt.args.sharesAmount, statuses.reduce((a, x) => a + x.amountOfShares, 0n));
  const balBefore = await ctx.publicClient.getBalance({ address: user(1).address });
  const cr = await ctx.write(wq, 'claimWithdrawals', [[6n], [2n]], { account: user(1) });
  assert.equal(await ctx.publicClient.getBalance({ address: user(1).address }), balBefore + expected - cr.gasUsed * cr.effectiveGasPrice);
}));

test('stake limit: STAKE_LIMIT above the current limit, regeneration per block, paused staking', () => isolated(ctx, async () => {
  const max = START.maxStakeLimit;
  assert.equal(await ctx.read(steth, 'getCurrentStakeLimit'), max);
  await ctx.setBalance(user(1).address, parseEther('200000'));
  assert.deepEqual(await revertOf(steth, 'submit', [zeroAddress], { value: max + 1n, account: user(1) }), { name: 'Error', args: ['STAKE_LIMIT'] });
  await ctx.write(steth, 'submit', [zeroAddress], { account: user(1), value: parseEther('100000') });
  assert.equal(await ctx.read(steth, 'getCurrentStakeLimit'), parseEther('50000'));
  await ctx.mine(100);
  assert.equal(await ctx.read(steth, 'getCurrentStakeLimit'), parseEther('50000') + 100n * START.stakeLimitIncreasePerBlock);
  // Aragon app roles: held by the Agent (the locator's treasury), visible through canPerform
  const role = await ctx.read(steth, 'STAKING_PAUSE_ROLE');
  assert.equal(await ctx.read(steth, 'canPerform', [AGENT, role, []]), true);
  assert.equal(await ctx.read(steth, 'canPerform', [ctx.admin.address, role, []]), false);
  assert.deepEqual(await revertOf(steth, 'pauseStaking', [], { account: ctx.admin }), { name: 'Error', args: ['APP_AUTH_FAILED'] });
  await impersonated(ctx, AGENT, async () => {
    await ctx.write(steth, 'pauseStaking', [], { account: AGENT });
    assert.deepEqual(await revertOf(steth, 'pauseStaking', [], { account: AGENT }), { name: 'Error', args: ['ALREADY_PAUSED'] });
  });
  assert.equal(await ctx.read(steth, 'isStakingPaused'), true);
  assert.equal(await ctx.read(steth, 'getCurrentStakeLimit'), 0n);
  assert.deepEqual(await revertOf(steth, 'submit', [zeroAddress], { value: 1n, account: user(1) }), { name: 'Error', args: ['STAKING_PAUSED'] });
  await impersonated(ctx, AGENT, async () => {
    await ctx.write(steth, 'resumeStaking', [], { account: AGENT });
    assert.deepEqual(await revertOf(steth, 'resumeStaking', [], { account: AGENT }), { name: 'Error', args: ['ALREADY_RESUMED'] });
    await ctx.write(steth, 'stop', [], { account: AGENT });
  });
  assert.deepEqual(await revertOf(steth, 'transfer', [user(2).address, 1n], { account: user(1) }), { name: 'Error', args: ['CONTRACT_IS_STOPPED'] });
  assert.deepEqual(await revertOf(steth, 'pauseStaking', [], { account: user(1) }), { name: 'Error', args: ['APP_AUTH_FAILED'] });
}));

test('unstETH NFT: ownerOf, transfer moves the claim right, approvals, tokenURI, timing views', () => isolated(ctx, async () => {
  const admin = ctx.admin;
  assert.equal(await ctx.read(wq, 'ownerOf', [1n]), admin.address);
  assert.deepEqual(await revertOf(wq, 'ownerOf', [3n]), { name: 'RequestAlreadyClaimed', args: [3n] });
  assert.equal(await ctx.read(wq, 'balanceOf', [admin.address]), 4n);
  const rc = await ctx.write(wq, 'transferFrom', [admin.address, user(1).address, 1n]);
  assert.equal(events(rc, wq, 'Transfer')[0].args.tokenId, 1n);
  assert.equal(await ctx.read(wq, 'ownerOf', [1n]), user(1).address);
  assert.deepEqual(await revertOf(wq, 'transferFrom', [user(1).address, user(2).address, 1n], { account: user(3) }), { name: 'NotOwnerOrApproved', args: [user(3).address] });
  assert.match(await ctx.read(wq, 'tokenURI', [4n]), /^https:\/\/wq-api\.lido\.fi\/v1\/nft\/4\?requested=1000000000000000000000&created_at=\d+$/);
  const [[claimable]] = [await ctx.read(wq, 'getClaimableEther', [[1n], [1n]])];
  await ctx.setBalance(user(1).address, parseEther('1'));
  await ctx.write(wq, 'claimWithdrawal', [1n], { account: user(1) });
  assert.equal(claimable, parseEther('1000'));
  const hc = { address: HASH_CONSENSUS, abi: ctx.artifact('lido/HashConsensus').abi };
  const [refSlot, deadline] = await ctx.read(hc, 'getCurrentFrame');
  assert.equal((refSlot + 1n) % (225n * 32n), (201600n * 32n) % (225n * 32n));
  assert.equal(deadline - refSlot, 225n * 32n);
  const ao = { address: ACCOUNTING_ORACLE, abi: ctx.artifact('lido/AccountingOracle').abi };
  assert.deepEqual(await ctx.read(ao, 'getCurrentFrame'), [refSlot, 1606824023n + refSlot * 12n]);
}));

test('requestWithdrawalsWithPermit: stETH permit to the queue in the same call', () => isolated(ctx, async () => {
  await stake(1, parseEther('10'));
  const owner = user(1);
  const value = parseEther('5');
  const deadline = 2n ** 255n;
  const signature = await owner.signTypedData({
    domain: { name: 'Liquid staked Ether 2.0', version: '2', chainId: 1, verifyingContract: LIDO },
    types: { Permit: [{ name: 'owner', type: 'address' }, { name: 'spender', type: 'address' }, { name: 'value', type: 'uint256' }, { name: 'nonce', type: 'uint256' }, { name: 'deadline', type: 'uint256' }] },
    primaryType: 'Permit',
    message: { owner: owner.address, spender: WITHDRAWAL_QUEUE, value, nonce: 0n, deadline },
  });
  const permit = { value, deadline, v: parseInt(signature.slice(130, 132), 16), r: `0x${signature.slice(2, 66)}`, s: `0x${signature.slice(66, 130)}` };
  const s = await state();
  const rc = await ctx.write(wq, 'requestWithdrawalsWithPermit', [[parseEther('2'), parseEther('3')], zeroAddress, permit], { account: owner });
  assert.deepEqual(events(rc, wq, 'WithdrawalRequested').map((e) => [e.args.requestId, e.args.owner, e.args.amountOfStETH, e.args.amountOfShares]),
    [[6n, owner.address, parseEther('2'), sharesByEth(parseEther('2'), s)], [7n, owner.address, parseEther('3'), sharesByEth(parseEther('3'), s)]]);
  assert.equal(await ctx.read(steth, 'allowance', [owner.address, WITHDRAWAL_QUEUE]), 0n);
  assert.equal(await ctx.read(wq, 'unfinalizedStETH'), parseEther('1005.5'));
  assert.deepEqual(await revertOf(wq, 'requestWithdrawalsWithPermit', [[parseEther('1')], zeroAddress, permit], { account: owner }), { name: 'Error', args: ['INVALID_SIGNATURE'] });
}));

test('fidelity Lido7: malformed permit signatures revert with OpenZeppelin ECDSA strings', () => isolated(ctx, async () => {
  const owner = user(1), spender = user(2);
  const domain = await ctx.read(steth, 'eip712Domain');
  const deadline = 2n ** 255n;
  const value = parseEther('1');
  const signature = await owner.signTypedData({
    domain: { name: domain[0], version: domain[1], chainId: 1, verifyingContract: LIDO },
    types: { Permit: [{ name: 'owner', type: 'address' }, { name: 'spender', type: 'address' }, { name: 'value', type: 'uint256' }, { name: 'nonce', type: 'uint256' }, { name: 'deadline', type: 'uint256' }] },
    primaryType: 'Permit',
    message: { owner: owner.address, spender: spender.address, value, nonce: 0n, deadline },
  });
  const r = `0x${signature.slice(2, 66)}`, s = BigInt(`0x${signature.slice(66, 130)}`), v = parseInt(signature.slice(130, 132), 16);
  const N = 0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141n;
  const hex32 = (x) => `0x${x.toString(16).padStart(64, '0')}`;
  // The malleable twin (N - s, v flipped) recovers the same signer; OZ rejects it by its s value.
  assert.deepEqual(await revertOf(steth, 'permit', [owner.address, spender.address, value, deadline, v === 27 ? 28 : 27, r, hex32(N - s)]),
    { name: 'Error', args: ["ECDSA: invalid signature 's' value"] });
  // v = 0: ecrecover returns the zero address.
  assert.deepEqual(await revertOf(steth, 'permit', [owner.address, spender.address, value, deadline, 0, r, hex32(s)]),
    { name: 'Error', args: ['ECDSA: invalid signature'] });
  // Another signer's valid signature still fails the owner check with Lido's own string.
  assert.deepEqual(await revertOf(steth, 'permit', [spender.address, spender.address, value, deadline, v, r, hex32(s)]),
    { name: 'Error', args: ['INVALID_SIGNATURE'] });
}));

test('fidelity Lido9: getClaimableEther has no length check (short hints panic 0x32); safeTransferFrom bubbles the receiver reason', () => isolated(ctx, async () => {
  const last = await ctx.read(wq, 'getLastRequestId');
  const finalized = await ctx.read(wq, 'getLastFinalizedRequestId');
  assert.ok(finalized >= 1n && last > finalized);
  // Extra hints are ignored; a missing hint is an array out-of-bounds panic, even for an unfinalized id.
  assert.deepEqual(await ctx.read(wq, 'getClaimableEther', [[last], [1n, 1n]]), [0n]);
  const short = await revertOf(wq, 'getClaimableEther', [[last, last], [1n]]);
  assert.equal(short.name, 'Panic');
  assert.equal(short.args[0], 0x32n);
  // A request owned by user(1), sent to contracts that refuse it.
  await stake(1, parseEther('3'));
  await ctx.write(steth, 'approve', [WITHDRAWAL_QUEUE, parseEther('1')], { account: user(1) });
  await ctx.write(wq, 'requestWithdrawals', [[parseEther('1')], user(1).address], { account: user(1) });
  const id = await ctx.read(wq, 'getLastRequestId');
  const word = (hex) => hex.padEnd(64, '0');
  // revert(Error("nope")) and an empty revert, as raw runtime code.
  const withReason = `0x7f${word('08c379a0')}5f5260206004526004602452` + `7f${word('6e6f7065')}604452` + '60645ffd';
  const empty = '0x5f5ffd';
  const reasoned = '0x000000000000000000000000000000000000a901', silent = '0x000000000000000000000000000000000000a902';
  await ctx.testClient.setCode({ address: reasoned, bytecode: withReason });
  await ctx.testClient.setCode({ address: silent, bytecode: empty });
  const safe = (to) => revertOf({ ...wq, abi: wq.abi.filter((x) => !(x.name === 'safeTransferFrom' && x.inputs.length === 4)) },
    'safeTransferFrom', [user(1).address, to, id], { account: user(1) });
  assert.deepEqual(await safe(reasoned), { name: 'Error', args: ['nope'] });
  assert.deepEqual(await safe(silent), { name: 'TransferToNonIERC721Receiver', args: [silent] });
}));

test('fidelity Lido10: oracle batches split nominal and discounted requests of different frames; prefinalize prices each batch whole', () => isolated(ctx, async () => {
  await stake(1, parseEther('300'));
  await ctx.write(steth, 'approve', [WITHDRAWAL_QUEUE, 2n ** 256n - 1n], { account: user(1) });
  await ctx.write(wq, 'requestWithdrawals', [[parseEther('100')], user(1).address], { account: user(1) });
  const a = await ctx.read(wq, 'getLastRequestId');
  await deliverReport(ctx, { aprBasisPoints: 280n }); // the share rate rises; no finalization
  await ctx.write(wq, 'requestWithdrawals', [[parseEther('100')], user(1).address], { account: user(1) });
  const b = await ctx.read(wq, 'getLastRequestId');
  const first = (await ctx.read(wq, 'getLastFinalizedRequestId')) + 1n;
  const ids = Array.from({ length: Number(b - first + 1n) }, (_, i) => first + BigInt(i));
  const statuses = await ctx.read(wq, 'getWithdrawalStatus', [ids]);
  // A loss smaller than the last rise: requests up to a stay nominal, b (made at the higher rate) is discounted.
  const pre = await state();
  const loss = pre.ether / 100000n / 10n ** 9n * 10n ** 9n;
  const rate = (pre.ether - loss) * E27 / pre.shares;
  const claimOf = (x) => (x.amountOfStETH * E27 / x.amountOfShares > rate ? x.amountOfShares * rate / E27 : x.amountOfStETH);
  assert.equal(claimOf(statuses.at(-1)) < statuses.at(-1).amountOfStETH, true);
  assert.ok(statuses.slice(0, -1).every((x) => claimOf(x) === x.amountOfStETH));
  assert.deepEqual(await oracleBatches(rate, b), [a, b]);
  const [twoBatches] = await ctx.read(wq, 'prefinalize', [[a, b], rate]);
  assert.equal(twoBatches, batchPriced(statuses, [statuses.length - 1], rate));
  // One batch over all of them is priced whole: nominal, since the batch's own rate is under the max.
  const [oneBatch] = await ctx.read(wq, 'prefinalize', [[b], rate]);
  assert.equal(oneBatch, batchPriced(statuses, [statuses.length], rate));
  assert.equal(oneBatch, statuses.reduce((s, x) => s + x.amountOfStETH, 0n));
  assert.notEqual(oneBatch, statuses.reduce((s, x) => s + claimOf(x), 0n)); // the per-request sum the old replica locked
  const rr = await deliverReport(ctx, { clDelta: -loss, finalizeUpTo: b });
  const [fin] = events(rr, wq, 'WithdrawalsFinalized');
  assert.equal(fin.args.amountOfETHLocked, twoBatches);
  assert.deepEqual(await revertOf(wq, 'calculateFinalizationBatches', [rate, 0n, 1n, { remainingEthBudget: 0n, finished: false, batches: Array(36).fill(0n), batchesLength: 0n }]),
    { name: 'InvalidState', args: [] });
}));

test('fidelity Lido12: withdrawal queue pauseUntil (inclusive end, PauseUntilMustBeInFuture, infinite) as PausableUntil', () => isolated(ctx, async () => {
  const pauseRole = await ctx.read(wq, 'PAUSE_ROLE');
  assert.deepEqual(await revertOf(wq, 'pauseUntil', [2n ** 255n], { account: ctx.admin }),
    { name: 'Error', args: [`AccessControl: account ${ctx.admin.address.toLowerCase()} is missing role ${pauseRole}`] });
  await impersonated(ctx, AGENT, async () => {
    const now = (await ctx.publicClient.getBlock()).timestamp;
    assert.deepEqual(await revertOf(wq, 'pauseUntil', [now - 1n], { account: AGENT }), { name: 'PauseUntilMustBeInFuture', args: [] });
    const until = now + 1000n;
    const rc = await ctx.write(wq, 'pauseUntil', [until], { account: AGENT });
    const ts = (await ctx.publicClient.getBlock({ blockNumber: rc.blockNumber })).timestamp;
    assert.equal(await ctx.read(wq, 'getResumeSinceTimestamp'), until + 1n);
    assert.equal(events(rc, wq, 'Paused')[0].args.duration, until + 1n - ts);
    assert.equal(await ctx.read(wq, 'isPaused'), true);
    assert.deepEqual(await revertOf(wq, 'pauseUntil', [until + 5n], { account: AGENT }), { name: 'ResumedExpected', args: [] });
    await ctx.write(wq, 'resume', [], { account: AGENT });
    const inf = await ctx.write(wq, 'pauseUntil', [2n ** 256n - 1n], { account: AGENT });
    assert.equal(await ctx.read(wq, 'getResumeSinceTimestamp'), 2n ** 256n - 1n);
    assert.equal(events(inf, wq, 'Paused')[0].args.duration, 2n ** 256n - 1n);
    await ctx.write(wq, 'resume', [], { account: AGENT });
  });
}));

test('fidelity Lido4: finalized shares go WQ -> Burner (requestBurnShares) and are burnt by the Burner (commitSharesToBurn)', () => isolated(ctx, async () => {
  const BURNER = LOCATOR_CONFIG.burner;
  const burner = { address: BURNER, abi: ctx.artifact('lido/Burner').abi };
  assert.equal(await ctx.read(steth, 'allowance', [WITHDRAWAL_QUEUE, BURNER]), 2n ** 256n - 1n);
  assert.deepEqual(await revertOf(steth, 'burnShares', [1n], { account: user(1) }), { name: 'Error', args: ['APP_AUTH_FAILED'] });
  assert.deepEqual(await revertOf(burner, 'commitSharesToBurn', [1n], { account: user(1) }), { name: 'AppAuthFailed', args: [] });
  const role = await ctx.read(burner, 'REQUEST_BURN_SHARES_ROLE');
  assert.equal(await ctx.read(burner, 'hasRole', [role, LIDO]), true);
  const upTo = await ctx.read(wq, 'getLastRequestId');
  const first = (await ctx.read(wq, 'getLastFinalizedRequestId')) + 1n;
  const statuses = await ctx.read(wq, 'getWithdrawalStatus', [Array.from({ length: Number(upTo - first + 1n) }, (_, i) => first + BigInt(i))]);
  const shares = statuses.reduce((a, x) => a + x.amountOfShares, 0n);
  const wqShares = await ctx.read(steth, 'sharesOf', [WITHDRAWAL_QUEUE]);
  const burntBefore = await ctx.read(burner, 'getNonCoverSharesBurnt'); // the deployment's seed report burnt too
  const rr = await deliverReport(ctx, { aprBasisPoints: 280n, finalizeUpTo: upTo });
  const lidoLogs = events(rr, steth);
  const burnerLogs = events(rr, burner);
  const moved = lidoLogs.find((e) => e.eventName === 'TransferShares' && e.args.from === WITHDRAWAL_QUEUE);
  assert.deepEqual([moved.args.to, moved.args.sharesValue], [BURNER, shares]);
  const transfer = lidoLogs.find((e) => e.eventName === 'Transfer' && e.args.from === WITHDRAWAL_QUEUE);
  assert.equal(transfer.args.to, BURNER);
  const [requested] = burnerLogs.filter((e) => e.eventName === 'StETHBurnRequested');
  assert.deepEqual([requested.args.isCover, requested.args.requestedBy, requested.args.amountOfShares, requested.args.amountOfStETH], [false, LIDO, shares, transfer.args.value]);
  const [burnt] = burnerLogs.filter((e) => e.eventName === 'StETHBurnt');
  assert.deepEqual([burnt.args.isCover, burnt.args.amountOfShares], [false, shares]);
  const [sharesBurnt] = lidoLogs.filter((e) => e.eventName === 'SharesBurnt');
  assert.deepEqual([sharesBurnt.args.account, sharesBurnt.args.sharesAmount], [BURNER, shares]);
  // the real order: move to the Burner, burn, then finalize the queue
  const logIndexOf = (target, name) => rr.logs.find((x) => x.address.toLowerCase() === target.address.toLowerCase()
    && events({ logs: [x] }, target, name).length > 0).logIndex;
  assert.ok(logIndexOf(steth, 'TransferShares') < logIndexOf(steth, 'SharesBurnt'));
  assert.ok(logIndexOf(steth, 'SharesBurnt') < logIndexOf(wq, 'WithdrawalsFinalized'));
  assert.equal(await ctx.read(steth, 'sharesOf', [WITHDRAWAL_QUEUE]), wqShares - shares);
  assert.equal(await ctx.read(steth, 'sharesOf', [BURNER]), 0n);
  assert.equal(await ctx.read(burner, 'getNonCoverSharesBurnt'), burntBefore + shares);
  assert.deepEqual(await ctx.read(burner, 'getSharesRequestedToBurn'), [0n, 0n]);
}));
