// EigenLayer replica lifecycle tests: raw calls via viem, expected values computed independently with BigInt from
// the formulas in shared/protocols/eigenlayer.md (§4.2 share math, §5.2 withdrawal root, §5.3 slashing).
// Exact-wei assertions use cbETH, which always is this module's plain mock token (stETH may be the rebasing Lido
// replica in the integrated devnet).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { parseEther, parseEventLogs, keccak256, encodeAbiParameters, decodeErrorResult, zeroAddress, zeroHash, getAddress } from 'viem';
import { startDevnet, isolated } from './helpers.mjs';
import { ADDRESSES, STRATEGIES, OPERATORS, AVS, STAKERS, MIN_WITHDRAWAL_DELAY_BLOCKS } from '../deploy/eigenlayer.mjs';

const WAD = 10n ** 18n;
const OFFSET = 1000n;
const mulWad = (x, y) => (x * y) / WAD;
const divWad = (x, y) => (x * WAD) / y;
const ceilDiv = (x, d) => (x + d - 1n) / d;
const S = Object.fromEntries(STRATEGIES.map((s) => [s.key, s]));
const WITHDRAWAL_TUPLE = [{ type: 'tuple', components: [
  { name: 'staker', type: 'address' }, { name: 'delegatedTo', type: 'address' }, { name: 'withdrawer', type: 'address' },
  { name: 'nonce', type: 'uint256' }, { name: 'startBlock', type: 'uint32' }, { name: 'strategies', type: 'address[]' },
  { name: 'scaledShares', type: 'uint256[]' }] }];

let devnet, ctx, sm, dm, am, sf, cbStrategy, cbToken, ethxStrategy, ethxToken, allErrors;
before(async () => {
  devnet = await startDevnet();
  ctx = devnet.ctx;
  const c = (id, address) => ({ address, abi: ctx.artifact(id).abi });
  sm = c('eigenlayer/StrategyManager', ADDRESSES.StrategyManager);
  dm = c('eigenlayer/DelegationManager', ADDRESSES.DelegationManager);
  am = c('eigenlayer/AllocationManager', ADDRESSES.AllocationManager);
  sf = c('eigenlayer/StrategyFactory', ADDRESSES.StrategyFactory);
  cbStrategy = c('eigenlayer/StrategyBaseTVLLimits', S.cbETH.strategy);
  cbToken = c('eigenlayer/EigenMockERC20', S.cbETH.token);
  ethxStrategy = c('eigenlayer/StrategyBaseTVLLimits', S.ETHx.strategy);
  ethxToken = c('eigenlayer/EigenMockERC20', S.ETHx.token);
  allErrors = [sm, dm, am, sf, cbStrategy].flatMap((x) => x.abi.filter((e) => e.type === 'error'));
});
after(async () => { await devnet?.stop(); });

/** Simulates a call and returns the decoded custom error name it reverts with. */
async function revertName(target, functionName, args, account) {
  try {
    await ctx.publicClient.simulateContract({ address: target.address, abi: [...target.abi, ...allErrors], functionName, args, account });
  } catch (e) {
    const withData = e.walk((x) => x && typeof x.data === 'object' && x.data?.errorName);
    if (withData) return withData.data.errorName;
    const raw = e.walk((x) => typeof x?.raw === 'string')?.raw;
    if (raw) return decodeErrorResult({ abi: allErrors, data: raw }).errorName;
    throw e;
  }
  throw new Error(`${functionName} did not revert`);
}

async function mintAndDeposit(token, strategy, account, amount) {
  await ctx.write(token, 'mint', [account.address, amount]);
  await ctx.write(token, 'approve', [sm.address, amount], { account });
  return ctx.write(sm, 'depositIntoStrategy', [strategy.address, token.address, amount], { account });
}

async function asImpersonated(address, fn) {
  await ctx.setBalance(address, parseEther('10'));
  await ctx.testClient.impersonateAccount({ address });
  try { return await fn(address); } finally { await ctx.testClient.stopImpersonatingAccount({ address }); }
}

const logsOf = (receipt, target, eventName) => parseEventLogs({ abi: target.abi, logs: receipt.logs, eventName });
const noSig = { signature: '0x', expiry: 0n };

test('EIP-712 domains and typehashes match the mainnet values of the notes', async () => {
  assert.equal(await ctx.read(sm, 'domainSeparator'), '0x7c2f5724769520ee7544a4791200f9aa455f6f21afc2d346341bbce85843ac90');
  assert.equal(await ctx.read(dm, 'domainSeparator'), '0x97aaae396c09a3be5493f06d25136bb99c8076172fccf4d7be0faa3a6f370b81');
  assert.equal(await ctx.read(sm, 'DEPOSIT_TYPEHASH'), '0x4337f82d142e41f2a8c10547cd8c859bddb92262a61058e77842e24d9dea9224');
  assert.equal(await ctx.read(dm, 'DELEGATION_APPROVAL_TYPEHASH'), '0x14bde674c9f64b2ad00eaaee4a8bed1fabef35c7507e3c5b9cfc9436909a2dad');
  assert.equal(await ctx.read(dm, 'minWithdrawalDelayBlocks'), MIN_WITHDRAWAL_DELAY_BLOCKS);
  const w = { staker: '0x1111111111111111111111111111111111111111', delegatedTo: '0x2222222222222222222222222222222222222222',
    withdrawer: '0x1111111111111111111111111111111111111111', nonce: 7n, startBlock: 21000000,
    strategies: [S.stETH.strategy], scaledShares: [WAD] };
  assert.equal(await ctx.read(dm, 'calculateWithdrawalRoot', [w]), '0x2f7dd6a6134272a0bbc3b109bfed1f15cd629b0c4c7464e982ea5347e30746bb');
  // Deposit-with-signature digest vector of §7.
  assert.equal(await ctx.read(sm, 'calculateStrategyDepositDigestHash', ['0x1111111111111111111111111111111111111111', S.stETH.strategy, S.stETH.token, WAD, 0n, 1900000000n]),
    '0xa0cd237415c4657243faabca175b6c8d559eec619bf9879ab816e955f6a4e760');
});

test('starting state: operators, operator sets, allocations and delegated stake', async () => {
  for (const op of Object.values(OPERATORS)) assert.equal(await ctx.read(dm, 'isOperator', [op.address]), true);
  assert.equal(await ctx.read(dm, 'delegationApprover', [OPERATORS.C.address]), ctx.admin.address);
  assert.equal(await ctx.read(am, 'getOperatorSetCount', [AVS.RedStone]), 2n);
  const eigenDA = { avs: AVS.EigenDA, id: 0 };
  assert.deepEqual(await ctx.read(am, 'getMembers', [eigenDA]), [OPERATORS.A.address, OPERATORS.B.address]);
  assert.deepEqual(await ctx.read(am, 'getStrategiesInOperatorSet', [eigenDA]), [S.stETH.strategy, S.rETH.strategy, S.cbETH.strategy, S.ETHx.strategy]);
  assert.equal((await ctx.read(am, 'getAllocation', [OPERATORS.A.address, eigenDA, S.cbETH.strategy])).currentMagnitude, 3n * WAD / 10n);
  // A: EigenDA 0.3 + RedStone 0.1 on cbETH
  assert.equal(await ctx.read(am, 'getEncumberedMagnitude', [OPERATORS.A.address, S.cbETH.strategy]), 4n * WAD / 10n);
  assert.equal(await ctx.read(am, 'getAllocatableMagnitude', [OPERATORS.A.address, S.cbETH.strategy]), 6n * WAD / 10n);
  assert.equal(await ctx.read(am, 'getMaxMagnitude', [OPERATORS.A.address, S.cbETH.strategy]), WAD);
  assert.equal((await ctx.read(am, 'getRegisteredSets', [OPERATORS.A.address])).length, 3);
  assert.equal(await ctx.read(dm, 'delegatedTo', [STAKERS.s1]), OPERATORS.A.address);
  // First deposit into the empty cbETH strategy by s1 (800) mints 1:1; s2's 150 follows at the same rate.
  assert.equal(await ctx.read(dm, 'operatorShares', [OPERATORS.A.address, S.cbETH.strategy]), parseEther('800'));
  assert.equal(await ctx.read(dm, 'operatorShares', [OPERATORS.B.address, S.ETHx.strategy]), parseEther('300'));
  assert.equal(await ctx.read(dm, 'delegatedTo', [STAKERS.s3]), OPERATORS.C.address);
});

test('approve + depositIntoStrategy credits exact shares with the 1e3 virtual offsets', () => isolated(ctx, async () => {
  const user = ctx.accounts[1];
  const amount = parseEther('3.141592653589793238');
  const T = await ctx.read(cbStrategy, 'totalShares');
  const B = await ctx.read(cbToken, 'balanceOf', [cbStrategy.address]);
  const expected = (amount * (T + OFFSET)) / (B + OFFSET);
  assert.equal(await ctx.read(cbStrategy, 'underlyingToSharesView', [amount]), expected);
  const receipt = await mintAndDeposit(cbToken, cbStrategy, user, amount);
  assert.equal(await ctx.read(sm, 'stakerDepositShares', [user.address, cbStrategy.address]), expected);
  assert.equal(await ctx.read(cbStrategy, 'totalShares'), T + expected);
  assert.equal(await ctx.read(cbStrategy, 'shares', [user.address]), expected);
  assert.deepEqual(await ctx.read(sm, 'getDeposits', [user.address]), [[cbStrategy.address], [expected]]);
  assert.equal(await ctx.read(sm, 'stakerStrategyListLength', [user.address]), 1n);
  assert.equal(await ctx.read(sm, 'stakerStrategyList', [user.address, 0n]), cbStrategy.address);
  const [dep] = logsOf(receipt, sm, 'Deposit');
  assert.deepEqual(dep.args, { staker: user.address, strategy: cbStrategy.address, shares: expected });
  const [rate] = logsOf(receipt, cbStrategy, 'ExchangeRateEmitted');
  assert.equal(rate.args.rate, (WAD * (B + amount + OFFSET)) / (T + expected + OFFSET));
  const B2 = B + amount, T2 = T + expected;
  assert.equal(await ctx.read(cbStrategy, 'userUnderlyingView', [user.address]), ((B2 + OFFSET) * expected) / (T2 + OFFSET));
}));

test('deposit guards: caps, whitelist and token revert with the real custom errors', () => isolated(ctx, async () => {
  const user = ctx.accounts[2];
  await ctx.write(cbToken, 'mint', [user.address, parseEther('100000')]);
  await ctx.write(cbToken, 'approve', [sm.address, parseEther('100000')], { account: user });
  const B = await ctx.read(cbToken, 'balanceOf', [cbStrategy.address]);
  await ctx.write(cbStrategy, 'setTVLLimits', [parseEther('10'), B + parseEther('15')]);
  assert.deepEqual(await ctx.read(cbStrategy, 'getTVLLimits'), [parseEther('10'), B + parseEther('15')]);
  assert.equal(await revertName(sm, 'depositIntoStrategy', [cbStrategy.address, cbToken.address, parseEther('10') + 1n], user), 'MaxPerDepositExceedsMax');
  await ctx.write(sm, 'depositIntoStrategy', [cbStrategy.address, cbToken.address, parseEther('10')], { account: user });
  // Balance after the transfer would be B + 20 > B + 15.
  assert.equal(await revertName(sm, 'depositIntoStrategy', [cbStrategy.address, cbToken.address, parseEther('10')], user), 'BalanceExceedsMaxTotalDeposits');
  assert.equal(await revertName(sm, 'depositIntoStrategy', [getAddress('0x000000000000000000000000000000000000dEaD'), cbToken.address, 1n], user), 'StrategyNotWhitelisted');
  assert.equal(await revertName(sm, 'depositIntoStrategy', [ethxStrategy.address, cbToken.address, 1n], user), 'OnlyUnderlyingToken');
  assert.equal(await revertName(cbStrategy, 'deposit', [cbToken.address, 1n], user), 'OnlyStrategyManager');
}));

test('delegateTo raises operator shares by the withdrawable amount; queue, delay, complete as tokens pays exact underlying', () => isolated(ctx, async () => {
  const user = ctx.accounts[3];
  const op = OPERATORS.B.address;
  await mintAndDeposit(ethxToken, ethxStrategy, user, parseEther('40'));
  const dep = await ctx.read(sm, 'stakerDepositShares', [user.address, ethxStrategy.address]);
  const opBefore = await ctx.read(dm, 'operatorShares', [op, ethxStrategy.address]);
  const dRcpt = await ctx.write(dm, 'delegateTo', [op, noSig, zeroHash], { account: user });
  const [ev] = logsOf(dRcpt, dm, 'StakerDelegated');
  assert.deepEqual(ev.args, { staker: user.address, operator: op });
  assert.equal(await ctx.read(dm, 'isDelegated', [user.address]), true);
  assert.equal(await ctx.read(dm, 'operatorShares', [op, ethxStrategy.address]), opBefore + mulWad(mulWad(dep, WAD), WAD));
  assert.equal(await revertName(dm, 'delegateTo', [OPERATORS.A.address, noSig, zeroHash], user), 'ActivelyDelegated');

  const part = dep / 3n;
  const nonce = await ctx.read(dm, 'cumulativeWithdrawalsQueued', [user.address]);
  const qRcpt = await ctx.write(dm, 'queueWithdrawals', [[{ strategies: [ethxStrategy.address], depositShares: [part], __deprecated_withdrawer: zeroAddress }]], { account: user });
  const [q] = logsOf(qRcpt, dm, 'SlashingWithdrawalQueued');
  const w = q.args.withdrawal;
  assert.deepEqual({ ...w }, { staker: user.address, delegatedTo: op, withdrawer: user.address, nonce, startBlock: Number(qRcpt.blockNumber),
    strategies: [ethxStrategy.address], scaledShares: [part] });
  assert.deepEqual(q.args.sharesToWithdraw, [part]);
  const root = keccak256(encodeAbiParameters(WITHDRAWAL_TUPLE, [w]));
  assert.equal(q.args.withdrawalRoot, root);
  assert.equal(await ctx.read(dm, 'calculateWithdrawalRoot', [w]), root);
  assert.equal(await ctx.read(dm, 'pendingWithdrawals', [root]), true);
  assert.equal(await ctx.read(dm, 'cumulativeWithdrawalsQueued', [user.address]), nonce + 1n);
  assert.equal(await ctx.read(sm, 'stakerDepositShares', [user.address, ethxStrategy.address]), dep - part);
  assert.equal(await ctx.read(dm, 'operatorShares', [op, ethxStrategy.address]), opBefore + dep - part);
  const [ws, shares] = await ctx.read(dm, 'getQueuedWithdrawals', [user.address]);
  assert.equal(ws.length, 1);
  assert.equal(ws[0].nonce, nonce);
  assert.deepEqual(shares, [[part]]);
  assert.deepEqual(await ctx.read(dm, 'getQueuedWithdrawalRoots', [user.address]), [root]);
  const [single, singleShares] = await ctx.read(dm, 'getQueuedWithdrawal', [root]);
  assert.equal(single.staker, user.address);
  assert.deepEqual(singleShares, [part]);

  assert.equal(await revertName(dm, 'completeQueuedWithdrawal', [w, [ethxToken.address], true], user), 'WithdrawalDelayNotElapsed');
  assert.equal(await revertName(dm, 'completeQueuedWithdrawal', [w, [ethxToken.address], true], ctx.accounts[4]), 'WithdrawerNotCaller');
  // The delay is the constructor immutable (testnet-like on the devnet): one block short still reverts.
  const delay = await ctx.read(dm, 'minWithdrawalDelayBlocks');
  await ctx.mine(delay);
  assert.equal(await revertName(dm, 'completeQueuedWithdrawal', [w, [ethxToken.address], true], user), 'WithdrawalDelayNotElapsed');
  await ctx.mine(1); // completable once block.number > startBlock + delay
  const T = await ctx.read(ethxStrategy, 'totalShares');
  const B = await ctx.read(ethxToken, 'balanceOf', [ethxStrategy.address]);
  const expectedOut = ((B + OFFSET) * part) / (T + OFFSET);
  const balBefore = await ctx.read(ethxToken, 'balanceOf', [user.address]);
  const cRcpt = await ctx.write(dm, 'completeQueuedWithdrawal', [w, [ethxToken.address], true], { account: user });
  assert.equal(await ctx.read(ethxToken, 'balanceOf', [user.address]), balBefore + expectedOut);
  assert.equal(await ctx.read(ethxStrategy, 'totalShares'), T - part);
  assert.equal(logsOf(cRcpt, dm, 'SlashingWithdrawalCompleted')[0].args.withdrawalRoot, root);
  assert.equal(await ctx.read(dm, 'pendingWithdrawals', [root]), false);
  assert.equal(await revertName(dm, 'completeQueuedWithdrawal', [w, [ethxToken.address], true], user), 'WithdrawalNotQueued');
}));

test('slashOperator as the operator set slasher: max magnitude, operator shares and withdrawable shares follow the notes math', () => isolated(ctx, async () => {
  const user = ctx.accounts[5];
  const opA = OPERATORS.A.address;
  await mintAndDeposit(cbToken, cbStrategy, user, parseEther('12.5'));
  await ctx.write(dm, 'delegateTo', [opA, noSig, zeroHash], { account: user });
  const dep = await ctx.read(sm, 'stakerDepositShares', [user.address, cbStrategy.address]);
  const opShares = await ctx.read(dm, 'operatorShares', [opA, cbStrategy.address]);
  const set = { avs: AVS.EigenDA, id: 0 };
  const allocated = (await ctx.read(am, 'getAllocation', [opA, set, cbStrategy.address])).currentMagnitude;
  const prevMax = await ctx.read(am, 'getMaxMagnitude', [opA, cbStrategy.address]);
  const wad = 25n * WAD / 100n + 7n;
  const params = { operator: opA, operatorSetId: set.id, strategies: [cbStrategy.address], wadsToSlash: [wad], description: 'double signing' };
  const slasher = await ctx.read(am, 'getSlasher', [set]);
  assert.equal(slasher, set.avs);
  assert.equal(await revertName(am, 'slashOperator', [set.avs, params], ctx.accounts[4]), 'InvalidCaller');
  assert.equal(await revertName(am, 'slashOperator', [set.avs, params], ctx.admin), 'InvalidCaller');
  const rcpt = await asImpersonated(slasher, (account) => ctx.write(am, 'slashOperator', [set.avs, params], { account }));
  const slashedMag = ceilDiv(allocated * wad, WAD);
  const newMax = prevMax - slashedMag;
  const slashed = logsOf(rcpt, am, 'OperatorSlashed')[0].args;
  assert.deepEqual(slashed.wadSlashed, [(slashedMag * WAD) / prevMax]);
  assert.equal(slashed.description, 'double signing');
  assert.equal(await ctx.read(am, 'getMaxMagnitude', [opA, cbStrategy.address]), newMax);
  assert.equal((await ctx.read(am, 'getAllocation', [opA, set, cbStrategy.address])).currentMagnitude, allocated - slashedMag);
  const slashedShares = opShares - ceilDiv(opShares * newMax, prevMax);
  assert.equal(await ctx.read(dm, 'operatorShares', [opA, cbStrategy.address]), opShares - slashedShares);
  assert.equal(logsOf(rcpt, dm, 'OperatorSharesSlashed')[0].args.totalSlashedShares, slashedShares);
  assert.equal(logsOf(rcpt, am, 'MaxMagnitudeUpdated')[0].args.maxMagnitude, newMax);
  const dsf = await ctx.read(dm, 'depositScalingFactor', [user.address, cbStrategy.address]);
  assert.equal(dsf, WAD);
  const [[withdrawable], [deposit]] = await ctx.read(dm, 'getWithdrawableShares', [user.address, [cbStrategy.address]]);
  assert.equal(deposit, dep);
  assert.equal(withdrawable, mulWad(mulWad(dep, dsf), newMax));
  assert.ok(withdrawable < dep);

  // A new depositor delegating to the slashed operator is not penalised: dsf = 1e18 / maxMagnitude.
  const late = ctx.accounts[6];
  await mintAndDeposit(cbToken, cbStrategy, late, parseEther('2'));
  const lateDep = await ctx.read(sm, 'stakerDepositShares', [late.address, cbStrategy.address]);
  await ctx.write(dm, 'delegateTo', [opA, noSig, zeroHash], { account: late });
  const lateDsf = divWad(WAD, newMax);
  assert.equal(await ctx.read(dm, 'depositScalingFactor', [late.address, cbStrategy.address]), lateDsf);
  const [[lateW]] = await ctx.read(dm, 'getWithdrawableShares', [late.address, [cbStrategy.address]]);
  assert.equal(lateW, mulWad(mulWad(lateDep, lateDsf), newMax));

  // Queue after the slash: completion pays mulWad(scaledShares, maxMagnitude at startBlock + delay).
  const qRcpt = await ctx.write(dm, 'queueWithdrawals', [[{ strategies: [cbStrategy.address], depositShares: [dep], __deprecated_withdrawer: zeroAddress }]], { account: user });
  const w = logsOf(qRcpt, dm, 'SlashingWithdrawalQueued')[0].args.withdrawal;
  assert.deepEqual(w.scaledShares, [mulWad(dep, dsf)]);
  await ctx.mine(await ctx.read(dm, 'minWithdrawalDelayBlocks') + 1);
  const shares = mulWad(mulWad(dep, dsf), newMax);
  const T = await ctx.read(cbStrategy, 'totalShares');
  const B = await ctx.read(cbToken, 'balanceOf', [cbStrategy.address]);
  const before = await ctx.read(cbToken, 'balanceOf', [user.address]);
  await ctx.write(dm, 'completeQueuedWithdrawal', [w, [cbToken.address], true], { account: user });
  assert.equal(await ctx.read(cbToken, 'balanceOf', [user.address]), before + ((B + OFFSET) * shares) / (T + OFFSET));
}));

test('slashOperator checks, in the real order: pause flag, lengths, operator set, slashable, caller', () => isolated(ctx, async () => {
  const set = { avs: AVS.EigenDA, id: 0 };
  const opA = OPERATORS.A.address;
  const ok = { operator: opA, operatorSetId: 0, strategies: [cbStrategy.address], wadsToSlash: [WAD / 10n], description: '' };
  const stranger = ctx.accounts[3];
  // The caller check comes last: a stranger sees the earlier errors first.
  assert.equal(await revertName(am, 'slashOperator', [set.avs, { ...ok, wadsToSlash: [] }], stranger), 'InputArrayLengthMismatch');
  assert.equal(await revertName(am, 'slashOperator', [set.avs, { ...ok, operatorSetId: 9 }], stranger), 'InvalidOperatorSet');
  assert.equal(await revertName(am, 'slashOperator', [set.avs, { ...ok, operator: stranger.address }], stranger), 'OperatorNotSlashable');
  assert.equal(await revertName(am, 'slashOperator', [set.avs, ok], stranger), 'InvalidCaller');
  await ctx.write(am, 'pause', [2n]);
  assert.equal(await revertName(am, 'slashOperator', [set.avs, { ...ok, wadsToSlash: [] }], stranger), 'CurrentlyPaused');
  await ctx.write(am, 'unpause', [0n]);
  // wadSlashed is the share of the max magnitude actually slashed (allocation 0.25 at wad 0.5 -> 0.125e18), not the input.
  const unallocated = { avs: AVS.RedStone, id: 1 };
  const members = await ctx.read(am, 'getMembers', [unallocated]);
  const member = members[0];
  const strategy = (await ctx.read(am, 'getStrategiesInOperatorSet', [unallocated]))[0];
  const prevMax = await ctx.read(am, 'getMaxMagnitude', [member, strategy]);
  const mag = (await ctx.read(am, 'getAllocation', [member, unallocated, strategy])).currentMagnitude;
  const rcpt = await asImpersonated(unallocated.avs, (account) => ctx.write(am, 'slashOperator',
    [unallocated.avs, { operator: member, operatorSetId: 1, strategies: [strategy], wadsToSlash: [WAD / 2n], description: 'half' }], { account }));
  const expected = mag === 0n ? 0n : (ceilDiv(mag * WAD / 2n, WAD) * WAD) / prevMax;
  assert.deepEqual(logsOf(rcpt, am, 'OperatorSlashed')[0].args.wadSlashed, [expected]);
}));

test('operator set registration calls the AVS registrar: recorded by the AVS contract, reverts for an AVS without code', () => isolated(ctx, async () => {
  const registrar = { address: AVS.EigenDA, abi: ctx.artifact('eigenlayer/AVSRegistrar').abi };
  assert.equal(await ctx.read(am, 'getAVSRegistrar', [AVS.EigenDA]), AVS.EigenDA);
  assert.equal(await ctx.read(registrar, 'isRegistered', [OPERATORS.A.address, 0]), true);
  assert.equal(await ctx.read(registrar, 'supportsAVS', [AVS.EigenDA]), true);
  assert.equal(await revertName({ ...registrar, abi: [...registrar.abi, ...allErrors] }, 'registerOperator', [OPERATORS.A.address, AVS.EigenDA, [0], '0x'], ctx.accounts[2]), 'OnlyAllocationManager');
  // An AVS address without code: the sets can be created, but registering an operator reverts at the registrar call.
  const codeless = getAddress('0x00000000000000000000000000000000000a5001');
  await ctx.write(am, 'updateAVSMetadataURI', [codeless, 'data:,codeless']);
  await ctx.write(am, 'createOperatorSets', [codeless, [{ operatorSetId: 0, strategies: [cbStrategy.address] }]]);
  await assert.rejects(ctx.publicClient.simulateContract({ address: am.address, abi: am.abi, functionName: 'registerForOperatorSets',
    args: [OPERATORS.B.address, { avs: codeless, operatorSetIds: [0], data: '0x' }], account: ctx.admin }));
  assert.equal(await ctx.read(am, 'isMemberOfOperatorSet', [OPERATORS.B.address, { avs: codeless, id: 0 }]), false);
}));

test('undelegate queues one withdrawal per strategy; completing as shares re-deposits', () => isolated(ctx, async () => {
  const user = ctx.accounts[7];
  await mintAndDeposit(cbToken, cbStrategy, user, parseEther('5'));
  await mintAndDeposit(ethxToken, ethxStrategy, user, parseEther('7'));
  await ctx.write(dm, 'delegateTo', [OPERATORS.B.address, noSig, zeroHash], { account: user });
  const [strats, deps] = await ctx.read(sm, 'getDeposits', [user.address]);
  assert.equal(await revertName(dm, 'undelegate', [user.address], ctx.accounts[8]), 'CallerCannotUndelegate');
  assert.equal(await revertName(dm, 'undelegate', [OPERATORS.B.address], OPERATORS.B.address), 'OperatorsCannotUndelegate');
  const rcpt = await ctx.write(dm, 'undelegate', [user.address], { account: user });
  const queued = logsOf(rcpt, dm, 'SlashingWithdrawalQueued');
  assert.equal(queued.length, 2);
  assert.deepEqual(logsOf(rcpt, dm, 'StakerUndelegated')[0].args, { staker: user.address, operator: OPERATORS.B.address });
  assert.deepEqual(queued.map((q) => q.args.withdrawal.nonce), [0n, 1n]);
  assert.deepEqual(queued.map((q) => q.args.withdrawal.strategies[0]), strats);
  assert.deepEqual(queued.map((q) => q.args.withdrawal.scaledShares[0]), deps);
  assert.equal(await ctx.read(dm, 'isDelegated', [user.address]), false);
  assert.equal(await ctx.read(sm, 'stakerStrategyListLength', [user.address]), 0n);
  assert.equal((await ctx.read(dm, 'getQueuedWithdrawalRoots', [user.address])).length, 2);
  await ctx.mine(await ctx.read(dm, 'minWithdrawalDelayBlocks') + 1);
  const w = queued[0].args.withdrawal;
  await ctx.write(dm, 'completeQueuedWithdrawal', [w, [zeroAddress], false], { account: user });
  assert.equal(await ctx.read(sm, 'stakerDepositShares', [user.address, w.strategies[0]]), w.scaledShares[0]);
  assert.equal((await ctx.read(dm, 'getQueuedWithdrawalRoots', [user.address])).length, 1);
}));

test('depositIntoStrategyWithSignature accepts a viem-signed EIP-712 Deposit and bumps the nonce', () => isolated(ctx, async () => {
  const staker = ctx.accounts[2];
  const relayer = ctx.accounts[3];
  const amount = parseEther('1.5');
  await ctx.write(cbToken, 'mint', [relayer.address, amount * 2n]);
  await ctx.write(cbToken, 'approve', [sm.address, amount * 2n], { account: relayer });
  const nonce = await ctx.read(sm, 'nonces', [staker.address]);
  const expiry = 4102444800n;
  const signature = await staker.signTypedData({
    domain: { name: 'EigenLayer', version: '1', chainId: 1, verifyingContract: sm.address },
    types: { Deposit: [{ name: 'staker', type: 'address' }, { name: 'strategy', type: 'address' }, { name: 'token', type: 'address' },
      { name: 'amount', type: 'uint256' }, { name: 'nonce', type: 'uint256' }, { name: 'expiry', type: 'uint256' }] },
    primaryType: 'Deposit',
    message: { staker: staker.address, strategy: cbStrategy.address, token: cbToken.address, amount, nonce, expiry },
  });
  const T = await ctx.read(cbStrategy, 'totalShares');
  const B = await ctx.read(cbToken, 'balanceOf', [cbStrategy.address]);
  const args = [cbStrategy.address, cbToken.address, amount, staker.address, expiry, signature];
  await ctx.write(sm, 'depositIntoStrategyWithSignature', args, { account: relayer });
  assert.equal(await ctx.read(sm, 'stakerDepositShares', [staker.address, cbStrategy.address]), (amount * (T + OFFSET)) / (B + OFFSET));
  assert.equal(await ctx.read(sm, 'stakerDepositShares', [relayer.address, cbStrategy.address]), 0n);
  assert.equal(await ctx.read(sm, 'nonces', [staker.address]), nonce + 1n);
  assert.equal(await revertName(sm, 'depositIntoStrategyWithSignature', args, relayer), 'InvalidSignature');
  assert.equal(await revertName(sm, 'depositIntoStrategyWithSignature', [cbStrategy.address, cbToken.address, amount, staker.address, 1n, signature], relayer), 'SignatureExpired');
}));

test('delegation to an operator with an approver needs its signature; the salt is then spent', () => isolated(ctx, async () => {
  const user = ctx.accounts[4];
  const op = OPERATORS.C.address;
  const salt = keccak256('0x01');
  const expiry = 4102444800n;
  assert.equal(await revertName(dm, 'delegateTo', [op, noSig, salt], user), 'SignatureExpired');
  const digest = await ctx.read(dm, 'calculateDelegationApprovalDigestHash', [user.address, op, ctx.admin.address, salt, expiry]);
  const bad = await ctx.accounts[8].sign({ hash: digest });
  assert.equal(await revertName(dm, 'delegateTo', [op, { signature: bad, expiry }, salt], user), 'InvalidSignature');
  const good = await ctx.admin.sign({ hash: digest });
  await ctx.write(dm, 'delegateTo', [op, { signature: good, expiry }, salt], { account: user });
  assert.equal(await ctx.read(dm, 'delegatedTo', [user.address]), op);
  assert.equal(await ctx.read(dm, 'delegationApproverSaltIsSpent', [ctx.admin.address, salt]), true);
}));

test('StrategyFactory deploys a whitelisted StrategyBase for a new token and refuses legacy LST tokens', () => isolated(ctx, async () => {
  assert.equal(await ctx.read(sf, 'isBlacklisted', [S.stETH.token]), true);
  assert.equal(await revertName(sf, 'deployNewStrategy', [S.cbETH.token], ctx.accounts[1]), 'BlacklistedToken');
  const tokenAddr = getAddress('0x00000000000000000000000000000000000a11ce');
  const token = await ctx.placeAt('eigenlayer/EigenMockERC20', tokenAddr);
  await ctx.write(token, 'initialize', ['Devnet Token', 'DVT', ctx.admin.address]);
  assert.equal(await ctx.read(sf, 'deployedStrategies', [tokenAddr]), zeroAddress);
  const rcpt = await ctx.write(sf, 'deployNewStrategy', [tokenAddr], { account: ctx.accounts[1] });
  const strategy = logsOf(rcpt, sf, 'StrategySetForToken')[0].args.strategy;
  assert.equal(await ctx.read(sf, 'deployedStrategies', [tokenAddr]), strategy);
  assert.equal(await ctx.read(sm, 'strategyIsWhitelistedForDeposit', [strategy]), true);
  assert.equal(await revertName(sf, 'deployNewStrategy', [tokenAddr], ctx.accounts[1]), 'StrategyAlreadyExists');
  const st = { address: strategy, abi: ctx.artifact('eigenlayer/StrategyBase').abi };
  assert.equal(await ctx.read(st, 'underlyingToken'), tokenAddr);
  await ctx.write(token, 'mint', [ctx.accounts[1].address, 1000n]);
  await ctx.write(token, 'approve', [sm.address, 1000n], { account: ctx.accounts[1] });
  await ctx.write(sm, 'depositIntoStrategy', [strategy, tokenAddr, 1000n], { account: ctx.accounts[1] });
  assert.equal(await ctx.read(st, 'totalShares'), 1000n);
}));

/** Slashes operator A's EigenDA cbETH allocation by `wad` as the set's slasher; returns the new max magnitude. */
async function slashA(wad) {
  const set = { avs: AVS.EigenDA, id: 0 };
  const params = { operator: OPERATORS.A.address, operatorSetId: 0, strategies: [cbStrategy.address], wadsToSlash: [wad], description: 'fidelity' };
  await asImpersonated(await ctx.read(am, 'getSlasher', [set]), (account) => ctx.write(am, 'slashOperator', [set.avs, params], { account }));
  return ctx.read(am, 'getMaxMagnitude', [OPERATORS.A.address, cbStrategy.address]);
}

test('fidelity EL3: after a slash, a deposit raises operator shares by exactly the added deposit shares', () => isolated(ctx, async () => {
  const opA = OPERATORS.A.address;
  const newMax = await slashA(WAD); // the whole 0.3 EigenDA allocation: max magnitude 0.7e18
  assert.equal(newMax, 7n * WAD / 10n);
  const user = ctx.accounts[6];
  await ctx.write(dm, 'delegateTo', [opA, noSig, zeroHash], { account: user }); // no shares yet: nothing to move
  const before = await ctx.read(dm, 'operatorShares', [opA, cbStrategy.address]);
  const rcpt = await mintAndDeposit(cbToken, cbStrategy, user, parseEther('100'));
  const added = await ctx.read(sm, 'stakerDepositShares', [user.address, cbStrategy.address]);
  const dsf = await ctx.read(dm, 'depositScalingFactor', [user.address, cbStrategy.address]);
  assert.equal(dsf, divWad(WAD, newMax));
  assert.notEqual(mulWad(mulWad(added, dsf), newMax), added); // the old replica's amount: 30 wei less here
  assert.equal(await ctx.read(dm, 'operatorShares', [opA, cbStrategy.address]), before + added);
  const [inc] = logsOf(rcpt, dm, 'OperatorSharesIncreased');
  assert.deepEqual(inc.args, { operator: opA, staker: user.address, strategy: cbStrategy.address, shares: added });
}));

test('fidelity EL5: getAllocatedStake = delegated.mulWad(magnitude.divWad(maxMagnitude)), two floors', () => isolated(ctx, async () => {
  const opA = OPERATORS.A.address;
  const newMax = await slashA(WAD / 3n);
  const set = { avs: AVS.EigenDA, id: 0 };
  const mag = (await ctx.read(am, 'getAllocation', [opA, set, cbStrategy.address])).currentMagnitude;
  const delegated = await ctx.read(dm, 'operatorShares', [opA, cbStrategy.address]);
  const [[stake]] = await ctx.read(am, 'getAllocatedStake', [set, [opA], [cbStrategy.address]]);
  assert.notEqual(mulWad(delegated, divWad(mag, newMax)), delegated * mag / newMax); // the old one-floor formula differs
  assert.equal(stake, mulWad(delegated, divWad(mag, newMax)));
  const [[minimum]] = await ctx.read(am, 'getMinimumSlashableStake', [set, [opA], [cbStrategy.address], 0]);
  assert.equal(minimum, stake);
}));

test('fidelity EL9: registerAsOperator is gated by the new-delegation pause and logs OperatorRegistered after StakerDelegated', () => isolated(ctx, async () => {
  const op = ctx.accounts[8];
  await ctx.write(dm, 'pause', [1n]); // PAUSED_NEW_DELEGATION
  assert.equal(await revertName(dm, 'registerAsOperator', [zeroAddress, 0, 'data:,op'], op), 'CurrentlyPaused');
  await ctx.write(dm, 'unpause', [0n]);
  const rcpt = await ctx.write(dm, 'registerAsOperator', [zeroAddress, 0, 'data:,op'], { account: op });
  const names = parseEventLogs({ abi: dm.abi, logs: rcpt.logs }).filter((l) => getAddress(l.address) === getAddress(dm.address)).map((l) => l.eventName);
  assert.deepEqual(names.filter((n) => ['StakerDelegated', 'OperatorRegistered', 'OperatorMetadataURIUpdated'].includes(n)),
    ['StakerDelegated', 'OperatorRegistered', 'OperatorMetadataURIUpdated']);
}));

test('fidelity EL9: completing a withdrawal logs SlashingWithdrawalCompleted before the token payout', () => isolated(ctx, async () => {
  const user = ctx.accounts[4];
  await mintAndDeposit(cbToken, cbStrategy, user, parseEther('3'));
  const dep = await ctx.read(sm, 'stakerDepositShares', [user.address, cbStrategy.address]);
  const q = await ctx.write(dm, 'queueWithdrawals', [[{ strategies: [cbStrategy.address], depositShares: [dep], __deprecated_withdrawer: zeroAddress }]], { account: user });
  const w = logsOf(q, dm, 'SlashingWithdrawalQueued')[0].args.withdrawal;
  await ctx.mine(await ctx.read(dm, 'minWithdrawalDelayBlocks') + 1);
  const rcpt = await ctx.write(dm, 'completeQueuedWithdrawal', [w, [cbToken.address], true], { account: user });
  const completed = logsOf(rcpt, dm, 'SlashingWithdrawalCompleted')[0];
  const payout = logsOf(rcpt, cbToken, 'Transfer').find((l) => l.args.to === user.address);
  assert.ok(completed && payout);
  assert.ok(completed.logIndex < payout.logIndex);
}));

test('fidelity EL8: approver signatures follow OZ 4.9 SignatureChecker (v as given, ECDSA before ERC-1271, no skip for the approver)', () => isolated(ctx, async () => {
  const user = ctx.accounts[4];
  const op = OPERATORS.C.address;
  const approver = ctx.admin.address;
  const expiry = 4102444800n;
  const digestFor = (staker, salt) => ctx.read(dm, 'calculateDelegationApprovalDigestHash', [staker, op, approver, salt, expiry]);
  // v in {0, 1}: ecrecover fails; OZ does not add 27.
  const salt1 = keccak256('0x0801');
  const good = await ctx.admin.sign({ hash: await digestFor(user.address, salt1) });
  const v = parseInt(good.slice(130, 132), 16);
  const lowV = `${good.slice(0, 130)}${(v - 27).toString(16).padStart(2, '0')}`;
  assert.equal(await revertName(dm, 'delegateTo', [op, { signature: lowV, expiry }, salt1], user), 'InvalidSignature');
  // The approver delegating itself is not exempt: without a signature its empty one has expired.
  assert.equal(await revertName(dm, 'delegateTo', [op, noSig, salt1], ctx.admin), 'SignatureExpired');
  // An approver account with code (an EIP-7702 delegate that rejects ERC-1271) still passes with its key's signature.
  await ctx.testClient.setCode({ address: approver, bytecode: '0x5f5ffd' });
  await ctx.write(dm, 'delegateTo', [op, { signature: good, expiry }, salt1], { account: user });
  assert.equal(await ctx.read(dm, 'delegatedTo', [user.address]), op);
}));
