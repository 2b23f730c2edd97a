// Rocket Pool replica lifecycle tests: raw viem calls against the devnet, expected values computed independently
// with BigInt from the formulas in shared/protocols/rocketpool.md (§2 registry, §8 math, §9 capacity, §10 burns).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { inflateSync } from 'node:zlib';
import { keccak256, toBytes, hexToBytes, concat, parseEventLogs, getAddress, stringToHex } from 'viem';
import { startDevnet, isolated } from './helpers.mjs';
import { ODAO_MEMBERS, ROCKET_DAO_PROTOCOL_PROPOSALS } from '../deploy/rocketpool.mjs';

const E = 10n ** 18n;
const STORAGE = '0x1d8f8f00cfa6758d7bE78336684788Fb0ee0Fa46';
const RETH = '0xae78736Cd615f374D3085123A210448E74Fc6393';
const EXPECTED = {
  rocketTokenRETH: RETH,
  rocketDepositPool: '0xCE15294273CFb9D9b628F4D61636623decDF4fdC',
  rocketNetworkBalances: '0x1D9F14C6Bfd8358b589964baD8665AdD248E9473',
  rocketDAOProtocolSettingsDeposit: '0x227BE8dD01DF8ad9BED0178e4F8cEC2996C5c365',
  rocketDAOProtocolSettingsNetwork: '0x67Fd03a5095197D1aD1F932BC55E022C420b1153',
  rocketVault: '0x3bDC69C4E5e13E52A65f5583c23EFB9636b469d6',
};
// Precomputed keys from the notes (§2, §3).
const NOTE_KEYS = {
  rocketDepositPool: '0x65dd923ddfc8d8ae6088f80077201d2403cbd565f0ba25e09841e2799ec90bb2',
  rocketTokenRETH: '0xe3744443225bff7cc22028be036b80de58057d65a3fdca0a3df329f525e31ccc',
  rocketNetworkBalances: '0x7630e125f1c009e5fc974f6dae77c6d5b1802979b36e6d7145463c21782af01e',
  rocketDAOProtocolSettingsDeposit: '0x876d8a498b5341a6b5897a8239bfb0347e2b8d81fe9401d355c1e4b0ecebedaa',
  rocketDAOProtocolSettingsNetwork: '0x282fd49dacaf2128d6f069f81013ec59ae7081a236fbad29f69dd2383662ce5c',
  rocketVault: '0x41c30d91bfaf5fa8d610263b0554366f2159a2b6807bf2fdbeb8f2b21a62f17b',
};
const T0 = 390000000000000000123456789n;
const S0 = 338000000000000000987654321n;
const FEE = 500000000000000n;
const POOL0 = 2500n * E;
const COLLATERAL0 = T0 * 10n ** 16n / E;

let devnet; let ctx; let rp;
const key = (name) => keccak256(toBytes(`contract.address${name}`)); // abi.encodePacked(string, string) = concatenation
const target = (artifact, address) => ({ address, abi: ctx.artifact(`rocketpool/${artifact}`).abi });

before(async () => {
  devnet = await startDevnet();
  ctx = devnet.ctx;
  const storage = target('RocketStorage', STORAGE);
  // The SDK path: resolve every contract except RocketStorage through the registry at run time.
  const resolve = async (name) => ctx.read(storage, 'getAddress', [key(name)]);
  rp = {
    storage,
    reth: target('RocketTokenRETH', await resolve('rocketTokenRETH')),
    pool: target('RocketDepositPool', await resolve('rocketDepositPool')),
    balances: target('RocketNetworkBalances', await resolve('rocketNetworkBalances')),
    depositSettings: target('RocketDAOProtocolSettingsDeposit', await resolve('rocketDAOProtocolSettingsDeposit')),
    networkSettings: target('RocketDAOProtocolSettingsNetwork', await resolve('rocketDAOProtocolSettingsNetwork')),
    odao: target('RocketDAONodeTrusted', await resolve('rocketDAONodeTrusted')),
    proposals: await resolve('rocketDAOProtocolProposals'),
  };
});
after(async () => { await devnet?.stop(); });

/** The Error(string) reason a call would revert with (simulated from `account`). */
async function revertReason(t, functionName, args = [], { account, value = 0n } = {}) {
  try {
    await ctx.publicClient.simulateContract({ address: t.address, abi: t.abi, functionName, args, account, value });
  } catch (e) {
    const reverted = e.walk((err) => err.name === 'ContractFunctionRevertedError');
    if (reverted) return reverted.reason;
    throw e;
  }
  assert.fail(`${functionName} did not revert`);
}
/** Sends as an impersonated address (funded with 1 ETH). */
async function as(address, fn) {
  await ctx.setBalance(address, E);
  await ctx.testClient.impersonateAccount({ address });
  try { return await fn(address); } finally { await ctx.testClient.stopImpersonatingAccount({ address }); }
}
/** A protocol DAO setting change, sent as the registered rocketDAOProtocolProposals (what an executed proposal does). */
const daoSet = (settings, fn, path, value) => as(rp.proposals, (account) => ctx.write(settings, fn, [path, value], { account }));
/** Votes from the first `count` oDAO members (read from RocketDAONodeTrusted); returns the receipts. */
async function vote(args, count = 3) {
  const receipts = [];
  for (let i = 0n; i < BigInt(count); i++) {
    const member = await ctx.read(rp.odao, 'getMemberAt', [i]);
    receipts.push(await as(member, (account) => ctx.write(rp.balances, 'submitBalances', args, { account })));
  }
  return receipts;
}
/** Burns the admin's rETH worth about `eth` (paid from rETH's own balance first); returns the ETH paid. */
async function burnWorth(eth) {
  const { T, S } = await oracle();
  const r = eth * S / T;
  await ctx.write(rp.reth, 'burn', [r], { account: ctx.admin });
  return r * T / S;
}
const gasCost = (r) => r.gasUsed * r.effectiveGasPrice;
const ethBalance = (address) => ctx.publicClient.getBalance({ address });
const events = (t, receipt, eventName) => parseEventLogs({ abi: t.abi, logs: receipt.logs, eventName }).filter((l) => getAddress(l.address) === getAddress(t.address));
const oracle = async () => ({ T: await ctx.read(rp.balances, 'getTotalETHBalance'), S: await ctx.read(rp.balances, 'getTotalRETHSupply') });
const expectedMint = (v, T, S, fee = FEE) => (v - v * fee / E) * S / T;

test('RocketStorage resolves every contract by its real name and key; guards writes', async () => {
  for (const [name, address] of Object.entries(EXPECTED)) {
    assert.equal(key(name), NOTE_KEYS[name], `key of ${name}`);
    assert.equal(await ctx.read(rp.storage, 'getAddress', [key(name)]), getAddress(address), name);
    assert.equal(await ctx.read(rp.storage, 'getBool', [keccak256(concat([toBytes('contract.exists'), hexToBytes(address)]))]), true);
    assert.equal(await ctx.read(rp.storage, 'getString', [keccak256(concat([toBytes('contract.name'), hexToBytes(address)]))]), name);
  }
  assert.equal(await ctx.read(rp.storage, 'getAddress', [key('rocketDoesNotExist')]), '0x0000000000000000000000000000000000000000');
  assert.equal(await ctx.read(rp.storage, 'getDeployedStatus'), true);
  assert.equal(await ctx.read(rp.storage, 'getGuardian'), ctx.admin.address);
  // contract.abi = base64(zlib(JSON ABI))
  const abiJson = JSON.parse(inflateSync(Buffer.from(await ctx.read(rp.storage, 'getString', [keccak256(toBytes('contract.abirocketDepositPool'))]), 'base64')).toString());
  assert.ok(abiJson.some((e) => e.type === 'function' && e.name === 'deposit' && e.stateMutability === 'payable'));
  // Raw setting / oracle keys from the notes' table.
  assert.equal(await ctx.read(rp.storage, 'getBool', ['0x4f8d6202b5e247b85e44f30a9430b6e08b34fa8e958ffcf5f1e41956cc0d7e1f']), true);
  assert.equal(await ctx.read(rp.storage, 'getUint', ['0x6f05c274ec0cb997e9edf9aaaa45bfc6d473f896318de35adc4dadb0d137d240']), 10n ** 16n);
  assert.equal(await ctx.read(rp.storage, 'getUint', ['0xd487f0c76dc5563eaba9729fb4385f066098a27197f8e13ca686d12e073885d2']), 6000000n * E);
  assert.equal(await ctx.read(rp.storage, 'getUint', ['0xee1b2d062bc9318204362e343b5925eeff06035fe194c84ee300a29b5ac8cde3']), FEE);
  assert.equal(await ctx.read(rp.storage, 'getUint', ['0x89739997cdb694c58510a43b0fcb93c215d497ce84dd4881924e31b77eef9d39']), 10n ** 16n);
  assert.equal(await ctx.read(rp.storage, 'getUint', ['0x0ffebeec6c821887d578dfaf27c0b3f03dd63cb069f39a35d4270daf9ebb531b']), 86400n);
  assert.equal(await ctx.read(rp.storage, 'getUint', ['0x25e138482eac5af7486c87073145f1f90f22b1276e41faad9742a411c6cb5f28']), 2n * 10n ** 16n);
  assert.equal(await ctx.read(rp.storage, 'getUint', ['0x9dc185b46ed0f11d151f055e45fde635375a9680c34e501b43a82eb6c09c0951']), T0);
  assert.equal(await ctx.read(rp.storage, 'getUint', ['0x5b3a7b8bdde2122fad4dc45e51ae0c5cedc887473a999474f2ead5a8faadfe3c']), S0);
  // Writes are reserved to registered network contracts once deployed.
  assert.equal(await revertReason(rp.storage, 'setUint', [key('x'), 1n], { account: ctx.accounts[1] }), 'Invalid or outdated network contract');
  assert.equal(await revertReason(rp.storage, 'setAddress', [key('rocketDepositPool'), ctx.accounts[1].address], { account: ctx.admin }), 'Invalid or outdated network contract');
  assert.equal(await revertReason(rp.storage, 'setDeployedStatus', [], { account: ctx.accounts[1] }), 'Is not guardian account');
});

test('starting state has mainnet magnitudes and the notes\' worked-example rate', async () => {
  assert.equal(await ctx.read(rp.reth, 'name'), 'Rocket Pool ETH');
  assert.equal(await ctx.read(rp.reth, 'symbol'), 'rETH');
  assert.equal(await ctx.read(rp.reth, 'decimals'), 18);
  // Cross-checked with Python; the notes' §8 worked example prints 1153846153846150839 / 8662333333333355903 /
  // 9994999999999999999, which do not follow from its own formulas and inputs.
  assert.equal(await ctx.read(rp.reth, 'getExchangeRate'), 1153846153846153843n);
  assert.equal(await ctx.read(rp.reth, 'getExchangeRate'), E * T0 / S0);
  assert.equal(await ctx.read(rp.reth, 'totalSupply'), S0);
  assert.equal(await ctx.read(rp.reth, 'balanceOf', [ctx.admin.address]), S0);
  assert.equal(await ethBalance(RETH), COLLATERAL0);
  assert.equal(await ctx.read(rp.pool, 'getBalance'), POOL0);
  assert.equal(await ctx.read(rp.pool, 'getUserBalance'), POOL0);
  assert.equal(await ctx.read(rp.pool, 'getNodeBalance'), 0n);
  assert.equal(await ctx.read(rp.pool, 'getExcessBalance'), POOL0);
  assert.equal(await ctx.read(rp.reth, 'getTotalCollateral'), COLLATERAL0 + POOL0);
  assert.equal(await ctx.read(rp.reth, 'getCollateralRate'), E * COLLATERAL0 / (S0 * T0 / S0));
  assert.equal(await ctx.read(rp.pool, 'getMaximumDepositAmount'), 6000000n * E - POOL0);
  assert.equal(await ctx.read(rp.balances, 'getStakingETHBalance'), 383600n * E);
  assert.equal(await ctx.read(rp.balances, 'getETHUtilizationRate'), E * 383600n * E / T0);
  assert.equal(await ctx.read(rp.depositSettings, 'getDepositFee'), FEE);
  assert.equal(await ctx.read(rp.depositSettings, 'getMinimumDeposit'), 10n ** 16n);
  assert.equal(await ctx.read(rp.depositSettings, 'getDepositEnabled'), true);
  assert.equal(await ctx.read(rp.networkSettings, 'getTargetRethCollateralRate'), 10n ** 16n);
  assert.equal(await ctx.read(rp.networkSettings, 'getRethCommission'), 14n * 10n ** 16n);
  assert.equal(await ctx.read(rp.pool, 'version'), 4);
});

test('deposit mints floor((v - fee) * S / T) rETH and keeps the full value in the protocol', () => isolated(ctx, async () => {
  const user = ctx.accounts[1];
  const v = 10n * E;
  const before = await ethBalance(user.address);
  const preview = await ctx.read(rp.reth, 'getRethValue', [v - v * FEE / E]);
  const receipt = await ctx.write(rp.pool, 'deposit', [], { account: user, value: v });
  const minted = expectedMint(v, T0, S0);
  assert.equal(minted, 8662333333333333355n); // notes' example inputs, value cross-checked with Python
  assert.equal(preview, minted);
  assert.equal(await ctx.read(rp.reth, 'balanceOf', [user.address]), minted);
  assert.equal(await ethBalance(user.address), before - v - gasCost(receipt));
  assert.equal(await ctx.read(rp.pool, 'getBalance'), POOL0 + v); // collateral already at target: all to the vault
  assert.equal(await ctx.read(rp.reth, 'totalSupply'), S0 + minted);
  assert.equal(await ctx.read(rp.reth, 'getExchangeRate'), E * T0 / S0); // oracle rate unchanged until the next update
  const [mintedEv] = events(rp.reth, receipt, 'TokensMinted');
  assert.equal(mintedEv.args.to, user.address);
  assert.equal(mintedEv.args.amount, minted);
  assert.equal(mintedEv.args.ethAmount, v - v * FEE / E);
  const [received] = events(rp.pool, receipt, 'DepositReceived');
  assert.equal(received.args.amount, v);
  const [transfer] = events(rp.reth, receipt, 'Transfer');
  assert.equal(transfer.args.from, '0x0000000000000000000000000000000000000000');
  assert.equal(transfer.args.value, minted);
}));

test('deposit below the minimum reverts; exactly the minimum is accepted', () => isolated(ctx, async () => {
  const user = ctx.accounts[2];
  assert.equal(await revertReason(rp.pool, 'deposit', [], { account: user, value: 10n ** 16n - 1n }), 'The deposited amount is less than the minimum deposit size');
  await ctx.write(rp.pool, 'deposit', [], { account: user, value: 10n ** 16n });
  assert.equal(await ctx.read(rp.reth, 'balanceOf', [user.address]), expectedMint(10n ** 16n, T0, S0));
}));

test('capacity: getMaximumDepositAmount is exact and one wei more reverts with the real strings', () => isolated(ctx, async () => {
  const user = ctx.accounts[3];
  await daoSet(rp.depositSettings, 'setSettingUint', 'deposit.pool.maximum', 2600n * E);
  assert.equal(await ctx.read(rp.depositSettings, 'getMaximumDepositPoolSize'), 2600n * E);
  const max = await ctx.read(rp.pool, 'getMaximumDepositAmount');
  assert.equal(max, 2600n * E - POOL0);
  assert.equal(await revertReason(rp.pool, 'deposit', [], { account: user, value: max + 1n }),
    'The deposit pool size after depositing exceeds the maximum size');
  await daoSet(rp.depositSettings, 'setSettingBool', 'deposit.assign.enabled', false);
  assert.equal(await ctx.read(rp.depositSettings, 'getAssignDepositsEnabled'), false);
  assert.equal(await revertReason(rp.pool, 'deposit', [], { account: user, value: max + 1n }),
    'The deposit pool size after depositing exceeds the maximum size');
  await ctx.write(rp.pool, 'deposit', [], { account: user, value: max });
  assert.equal(await ctx.read(rp.pool, 'getMaximumDepositAmount'), 0n);
  assert.equal(await revertReason(rp.pool, 'deposit', [], { account: user, value: 10n ** 16n }),
    'The deposit pool size after depositing exceeds the maximum size');
}));

test('deposits disabled revert and getMaximumDepositAmount is 0', () => isolated(ctx, async () => {
  await daoSet(rp.depositSettings, 'setSettingBool', 'deposit.enabled', false);
  assert.equal(await ctx.read(rp.depositSettings, 'getDepositEnabled'), false);
  assert.equal(await ctx.read(rp.pool, 'getMaximumDepositAmount'), 0n);
  assert.equal(await revertReason(rp.pool, 'deposit', [], { account: ctx.accounts[1], value: E }), 'Deposits into Rocket Pool are currently disabled');
}));

test('settings: only rocketDAOProtocolProposals (from RocketStorage) may write, with the real guard rails', () => isolated(ctx, async () => {
  assert.equal(getAddress(rp.proposals), getAddress(ROCKET_DAO_PROTOCOL_PROPOSALS));
  const only = 'Only DAO Protocol Proposals contract can update a setting';
  for (const account of [ctx.admin, ctx.accounts[1]]) {
    assert.equal(await revertReason(rp.depositSettings, 'setSettingBool', ['deposit.enabled', false], { account }), only);
    assert.equal(await revertReason(rp.networkSettings, 'setSettingUint', ['network.max.reth.balance.delta', E], { account }), only);
  }
  await as(rp.proposals, async (account) => {
    assert.equal(await revertReason(rp.depositSettings, 'setSettingUint', ['deposit.fee', E / 100n], { account }), 'Fee must be less than 1%');
    assert.equal(await revertReason(rp.networkSettings, 'setSettingUint', ['network.max.reth.balance.delta', E / 100n - 1n], { account }), 'The max rETH balance delta must be >= 1%');
    assert.equal(await revertReason(rp.networkSettings, 'setSettingUint', ['network.consensus.threshold', E / 2n], { account }), 'Consensus threshold must be 51% or higher');
    assert.equal(await revertReason(rp.networkSettings, 'setSettingUint', ['network.submit.balances.frequency', 3599n], { account }), 'Value must be >= 1 hour & <= 7 days');
  });
  await daoSet(rp.depositSettings, 'setSettingUint', 'deposit.fee', E / 100n - 1n);
  assert.equal(await ctx.read(rp.depositSettings, 'getDepositFee'), E / 100n - 1n);
  // The proposals contract itself only forwards for the (unregistered) rocketDAOProtocolProposal.
  const proposals = target('RocketDAOProtocolProposals', rp.proposals);
  assert.equal(await revertReason(proposals, 'proposalSettingUint', ['Deposit', 'deposit.fee', 1n], { account: ctx.admin }), 'Invalid or outdated contract');
}));

test('a balances update voted by the oDAO changes the rate, getEthValue and getRethValue', () => isolated(ctx, async () => {
  const T = 391234567890123456789012n; const S = 338765432109876543210987n; const staking = 385000n * E;
  await ctx.increaseTime(86400);
  const reportBlock = await ctx.publicClient.getBlockNumber({ cacheTime: 0 }) - 1n;
  const receipts = await vote([reportBlock, 5n, T, staking, S]);
  const receipt = receipts[2];
  assert.equal(events(rp.balances, receipts[1], 'BalancesUpdated').length, 0); // 2 of 5 < 51 %
  const [ev] = events(rp.balances, receipt, 'BalancesUpdated');
  assert.equal(ev.args.block, reportBlock);
  assert.equal(ev.args.totalEth, T);
  assert.equal(ev.args.rethSupply, S);
  assert.equal(await ctx.read(rp.balances, 'getBalancesBlock'), reportBlock);
  const block = await ctx.publicClient.getBlock({ blockNumber: receipt.blockNumber });
  assert.equal(await ctx.read(rp.balances, 'getBalancesTimestamp'), block.timestamp);
  assert.equal(await ctx.read(rp.reth, 'getExchangeRate'), E * T / S);
  const r = 123456789012345678901n;
  assert.equal(await ctx.read(rp.reth, 'getEthValue', [r]), r * T / S);
  assert.equal(await ctx.read(rp.reth, 'getRethValue', [r]), r * S / T);
  assert.equal(await ctx.read(rp.balances, 'getETHUtilizationRate'), E * staking / T);
  // A deposit after the update uses the new snapshot.
  const user = ctx.accounts[4];
  await ctx.write(rp.pool, 'deposit', [], { account: user, value: 3n * E });
  assert.equal(await ctx.read(rp.reth, 'balanceOf', [user.address]), expectedMint(3n * E, T, S));
}));

test('oDAO: members come from RocketStorage keys; a vote past consensus counts but changes nothing; executeUpdateBalances', () => isolated(ctx, async () => {
  assert.equal(await ctx.read(rp.odao, 'getMemberCount'), BigInt(ODAO_MEMBERS.length));
  for (const [i, m] of ODAO_MEMBERS.entries()) {
    assert.equal(await ctx.read(rp.odao, 'getMemberAt', [BigInt(i)]), m.address);
    const flag = keccak256(concat([toBytes('dao.trustednodes.'), toBytes('member'), hexToBytes(m.address)]));
    assert.equal(await ctx.read(rp.storage, 'getBool', [flag]), true);
  }
  assert.equal(await revertReason(rp.odao, 'bootstrapMember', ['abc', 'https://x.y', ctx.accounts[1].address], { account: ctx.accounts[1] }), 'Account is not a temporary guardian');
  const { T, S } = await oracle();
  const staking = await ctx.read(rp.balances, 'getStakingETHBalance');
  await ctx.increaseTime(86400);
  const reportBlock = await ctx.publicClient.getBlockNumber({ cacheTime: 0 }) - 1n;
  const args = [reportBlock, 9n, T * 1005n / 1000n, staking, S];
  await vote(args, 3);
  // A fourth member votes for the block already applied: counted (BalancesSubmitted) but no second update.
  const m4 = await ctx.read(rp.odao, 'getMemberAt', [3n]);
  const late = await as(m4, (account) => ctx.write(rp.balances, 'submitBalances', args, { account }));
  assert.equal(events(rp.balances, late, 'BalancesSubmitted').length, 1);
  assert.equal(events(rp.balances, late, 'BalancesUpdated').length, 0);
  assert.equal(await revertReason(rp.balances, 'executeUpdateBalances', args, { account: ctx.accounts[2] }), 'Network balances for an equal or higher block are set');
  // Two votes on a later block: no consensus, until a member's vote is executed by anyone after the third.
  await ctx.increaseTime(86400);
  const next = [await ctx.publicClient.getBlockNumber({ cacheTime: 0 }) - 1n, 10n, T * 1010n / 1000n, staking, S];
  await vote(next, 2);
  assert.equal(await revertReason(rp.balances, 'executeUpdateBalances', next, { account: ctx.accounts[2] }), 'Consensus has not been reached');
  assert.equal(await ctx.read(rp.balances, 'getTotalETHBalance'), T * 1005n / 1000n);
}));

test('oracle submitBalances: trusted node only, frequency and max-delta guards', () => isolated(ctx, async () => {
  const { T, S } = await oracle();
  const staking = await ctx.read(rp.balances, 'getStakingETHBalance');
  const head = await ctx.publicClient.getBlockNumber({ cacheTime: 0 }) - 1n;
  assert.equal(await revertReason(rp.balances, 'submitBalances', [head, 1n, T, staking, S], { account: ctx.accounts[1] }), 'Invalid trusted node');
  assert.equal(await revertReason(rp.balances, 'submitBalances', [head, 1n, T, staking, S], { account: ctx.admin }), 'Invalid trusted node');
  // Two votes are recorded; the third (consensus) hits the frequency guard.
  await vote([head, 1n, T, staking, S], 2);
  const m3 = await ctx.read(rp.odao, 'getMemberAt', [2n]);
  assert.equal(await as(m3, (account) => revertReason(rp.balances, 'submitBalances', [head, 1n, T, staking, S], { account })), 'Not enough time has passed');
  await ctx.increaseTime(86400);
  const block = await ctx.publicClient.getBlockNumber({ cacheTime: 0 }) - 1n;
  await vote([block, 1n, T * 1021n / 1000n, staking, S], 2);
  await as(m3, async (account) => {
    assert.equal(await revertReason(rp.balances, 'submitBalances', [block + 5n, 1n, T, staking, S], { account }), 'Balances can not be submitted for a future block');
    assert.equal(await revertReason(rp.balances, 'submitBalances', [block, 1n, staking - 1n, staking, S], { account }), 'Invalid network balances');
  const oldRatio = E * T / S;
  const tooHigh = T * 1021n / 1000n; // +2.1 % > 2 %
  assert.ok(E * tooHigh / S - oldRatio > oldRatio * 2n * 10n ** 16n / E);
    assert.equal(await revertReason(rp.balances, 'submitBalances', [block, 1n, tooHigh, staking, S], { account }), 'Change exceeds maximum');
  });
  const newT = T * 1001n / 1000n;
  const receipt = (await vote([block, 7n, newT, staking, S], 3))[2];
  assert.equal(events(rp.balances, receipt, 'BalancesSubmitted').length, 1);
  assert.equal(events(rp.balances, receipt, 'BalancesUpdated')[0].args.slotTimestamp, 7n);
  assert.equal(await ctx.read(rp.reth, 'getExchangeRate'), E * newT / S);
  assert.equal(await ctx.read(rp.balances, 'getBalancesBlock'), block);
}));

test('burn returns exactly floor(r * T / S) ETH from the rETH contract balance', () => isolated(ctx, async () => {
  const user = ctx.accounts[6];
  const v = 10n * E;
  await ctx.write(rp.pool, 'deposit', [], { account: user, value: v });
  const minted = await ctx.read(rp.reth, 'balanceOf', [user.address]);
  const before = await ethBalance(user.address);
  const receipt = await ctx.write(rp.reth, 'burn', [minted], { account: user });
  const eth = minted * T0 / S0;
  assert.equal(eth, 9994999999999999998n); // fee + 2 wei of rounding lost (cross-checked with Python)
  assert.equal(await ethBalance(user.address), before + eth - gasCost(receipt));
  assert.equal(await ctx.read(rp.reth, 'balanceOf', [user.address]), 0n);
  assert.equal(await ethBalance(RETH), COLLATERAL0 - eth);
  assert.equal(await ctx.read(rp.pool, 'getBalance'), POOL0 + v); // the pool's excess was not needed
  const [burned] = events(rp.reth, receipt, 'TokensBurned');
  assert.equal(burned.args.from, user.address);
  assert.equal(burned.args.amount, minted);
  assert.equal(burned.args.ethAmount, eth);
  assert.equal(events(rp.pool, receipt, 'ExcessWithdrawn').length, 0);
}));

test('burn pulls the shortfall from the deposit pool excess (ExcessWithdrawn)', () => isolated(ctx, async () => {
  const admin = ctx.admin;
  // A large burn (the real way ETH leaves rETH) leaves about 5 ETH held; the next burn needs the pool's excess.
  const paid = await burnWorth(COLLATERAL0 - 5n * E);
  const held = COLLATERAL0 - paid;
  assert.equal(await ethBalance(RETH), held);
  assert.equal(await ctx.read(rp.pool, 'getBalance'), POOL0);
  const r = 100n * E;
  const eth = r * T0 / S0;
  const receipt = await ctx.write(rp.reth, 'burn', [r], { account: admin });
  const [ex] = events(rp.pool, receipt, 'ExcessWithdrawn');
  assert.equal(ex.args.to, getAddress(RETH));
  assert.equal(ex.args.amount, eth - held);
  assert.equal(await ctx.read(rp.pool, 'getBalance'), POOL0 - (eth - held));
  assert.equal(await ethBalance(RETH), 0n);
}));

test('burn beyond total collateral and other burn checks revert with the real strings', () => isolated(ctx, async () => {
  const admin = ctx.admin;
  const collateral = await ctx.read(rp.reth, 'getTotalCollateral');
  assert.equal(collateral, COLLATERAL0 + POOL0);
  // Largest r whose ETH value fits, and one more rETH-wei that does not (r * T / S crosses the collateral).
  let r = (collateral * S0) / T0;
  while ((r + 1n) * T0 / S0 <= collateral) r++;
  const over = r + 1n;
  assert.ok(over * T0 / S0 > collateral);
  assert.equal(await revertReason(rp.reth, 'burn', [over], { account: admin }), 'Insufficient ETH balance for exchange');
  assert.equal(await revertReason(rp.reth, 'burn', [0n], { account: admin }), 'Invalid token burn amount');
  assert.equal(await revertReason(rp.reth, 'burn', [1n], { account: ctx.accounts[7] }), 'Insufficient rETH balance');
  // The largest fitting burn drains both sources exactly.
  await ctx.write(rp.reth, 'burn', [r], { account: admin });
  assert.equal(await ethBalance(RETH) + await ctx.read(rp.pool, 'getBalance'), collateral - r * T0 / S0);
  // More collateral: plain ETH sent to rETH (its real receive()) raises the limit one for one.
  const sent = await ctx.walletClient.sendTransaction({ account: admin, chain: ctx.chain, to: RETH, value: 50n * E });
  const rcpt = await ctx.publicClient.waitForTransactionReceipt({ hash: sent });
  assert.equal(events(rp.reth, rcpt, 'EtherDeposited')[0].args.amount, 50n * E);
  assert.equal(await ctx.read(rp.reth, 'getTotalCollateral'), collateral - r * T0 / S0 + 50n * E);
}));

test('queued validators reduce the excess, raise the capacity, and are assigned 32 ETH by deposits', () => isolated(ctx, async () => {
  const receiptQ = await ctx.write(rp.pool, 'devnetEnqueueValidators', [2n, false], { value: 8n * E });
  assert.equal(events(rp.pool, receiptQ, 'FundsRequested').length, 2);
  assert.equal(await ctx.read(rp.pool, 'getStandardQueueLength'), 2n);
  assert.equal(await ctx.read(rp.pool, 'getTotalQueueLength'), 2n);
  assert.equal(await ctx.read(rp.pool, 'getNodeBalance'), 8n * E);
  assert.equal(await ctx.read(rp.pool, 'getUserBalance'), POOL0);
  assert.equal(await ctx.read(rp.pool, 'getExcessBalance'), POOL0 + 8n * E - 64n * E);
  assert.equal(await ctx.read(rp.reth, 'getTotalCollateral'), COLLATERAL0 + POOL0 + 8n * E - 64n * E);
  assert.equal(await ctx.read(rp.pool, 'getMaximumDepositAmount'), 6000000n * E + 64n * E - (POOL0 + 8n * E));
  const [top, possible] = await ctx.read(rp.pool, 'getQueueTop');
  assert.equal(possible, true);
  // socialised maximum 2 + floor(32 / 32) = 3 assignments allowed; 2 queued.
  const receipt = await ctx.write(rp.pool, 'deposit', [], { account: ctx.accounts[8], value: 32n * E });
  const assigned = events(rp.pool, receipt, 'FundsAssigned');
  assert.equal(assigned.length, 2);
  assert.equal(assigned[0].args.receiver, top);
  assert.equal(assigned[0].args.amount, 32n * E);
  assert.equal(await ethBalance(top), 32n * E);
  assert.equal(await ctx.read(rp.pool, 'getTotalQueueLength'), 0n);
  assert.equal(await ctx.read(rp.pool, 'getNodeBalance'), 0n);
  assert.equal(await ctx.read(rp.pool, 'getBalance'), POOL0 + 8n * E + 32n * E - 64n * E);
  assert.equal(await ctx.read(rp.pool, 'getExcessBalance'), POOL0 + 8n * E + 32n * E - 64n * E);
  assert.equal(await ctx.read(rp.pool, 'getQueueIndex'), 2n);
  assert.equal(await revertReason(rp.pool, 'assignDeposits', [0n], { account: ctx.accounts[1] }), 'Must assign at least 1');
}));

test('queue order follows the real express rule: express iff queueIndex % (rate + 1) != rate (rate 2: E, E, S)', () => isolated(ctx, async () => {
  const rate = await ctx.read(rp.depositSettings, 'getExpressQueueRate');
  assert.equal(rate, 2n);
  const express = events(rp.pool, await ctx.write(rp.pool, 'devnetEnqueueValidators', [3n, true], { value: 3n * E }), 'FundsRequested').map((e) => e.args.receiver);
  const standard = events(rp.pool, await ctx.write(rp.pool, 'devnetEnqueueValidators', [3n, false], { value: 3n * E }), 'FundsRequested').map((e) => e.args.receiver);
  // The deposit pool already holds enough for every entry; one assignment per call keeps the order visible.
  const order = [];
  for (let i = 0; i < 6; i++) {
    const [top] = await ctx.read(rp.pool, 'getQueueTop');
    const receipt = await ctx.write(rp.pool, 'assignDeposits', [1n], { account: ctx.accounts[1] });
    const [assigned] = events(rp.pool, receipt, 'FundsAssigned');
    assert.equal(assigned.args.receiver, top);
    order.push(express.includes(top) ? 'E' : standard.includes(top) ? 'S' : '?');
  }
  assert.deepEqual(order, ['E', 'E', 'S', 'E', 'S', 'S']); // index 5 would be S; the express queue is empty by then
}));

test('a deposit first tops the rETH collateral back up to target', () => isolated(ctx, async () => {
  const paid = await burnWorth(E);
  const v = 10n * E;
  const receipt = await ctx.write(rp.pool, 'deposit', [], { account: ctx.accounts[1], value: v });
  assert.equal(await ethBalance(RETH), COLLATERAL0);
  assert.equal(await ctx.read(rp.pool, 'getBalance'), POOL0 + v - paid);
  const [dep] = events(rp.reth, receipt, 'EtherDeposited');
  assert.equal(dep.args.from, getAddress(EXPECTED.rocketDepositPool));
  assert.equal(dep.args.amount, paid);
}));

test('only the registered deposit pool can mint; ERC-20 keeps OpenZeppelin 3.4 reverts', () => isolated(ctx, async () => {
  const [, a, b] = ctx.accounts;
  assert.equal(await revertReason(rp.reth, 'mint', [E, a.address], { account: a }), 'Invalid or outdated contract');
  assert.equal(await revertReason(rp.reth, 'depositExcess', [], { account: a, value: 1n }), 'Invalid or outdated contract');
  assert.equal(await revertReason(rp.pool, 'withdrawExcessBalance', [1n], { account: a }), 'Invalid or outdated contract');
  await ctx.write(rp.reth, 'transfer', [a.address, 5n * E], { account: ctx.admin });
  assert.equal(await revertReason(rp.reth, 'transfer', [b.address, 5n * E + 1n], { account: a }), 'ERC20: transfer amount exceeds balance');
  await ctx.write(rp.reth, 'approve', [b.address, E], { account: a });
  assert.equal(await revertReason(rp.reth, 'transferFrom', [a.address, b.address, E + 1n], { account: b }), 'ERC20: transfer amount exceeds allowance');
  await ctx.write(rp.reth, 'transferFrom', [a.address, b.address, E], { account: b });
  assert.equal(await ctx.read(rp.reth, 'balanceOf', [b.address]), E);
  assert.equal(await ctx.read(rp.reth, 'allowance', [a.address, b.address]), 0n);
}));

test('fidelity RP5: the node balance lives under the raw bytes32 literal "deposit.pool.node.balance", not its keccak', () => isolated(ctx, async () => {
  await ctx.write(rp.pool, 'devnetEnqueueValidators', [2n, true], { value: 6n * E });
  assert.equal(await ctx.read(rp.pool, 'getNodeBalance'), 6n * E);
  const raw = stringToHex('deposit.pool.node.balance', { size: 32 });
  assert.equal(await ctx.read(rp.storage, 'getUint', [raw]), 6n * E);
  assert.equal(await ctx.read(rp.storage, 'getUint', [keccak256(toBytes('deposit.pool.node.balance'))]), 0n);
}));

test('fidelity RP6: getQueueTop is (0, false, 0) when empty, not possible while assignments are disabled, head-moved block per queue', () => isolated(ctx, async () => {
  const moved = async () => { const [receiver, possible, block] = await ctx.read(rp.pool, 'getQueueTop'); return { receiver, possible, block }; };
  const rE = await ctx.write(rp.pool, 'devnetEnqueueValidators', [2n, true], { value: 2n * E });
  const [e0, e1] = events(rp.pool, rE, 'FundsRequested').map((e) => e.args.receiver);
  await ctx.mine(3);
  const rS = await ctx.write(rp.pool, 'devnetEnqueueValidators', [1n, false], { value: E });
  const [s0] = events(rp.pool, rS, 'FundsRequested').map((e) => e.args.receiver);
  assert.deepEqual(await moved(), { receiver: e0, possible: true, block: rE.blockNumber });
  await daoSet(rp.depositSettings, 'setSettingBool', 'deposit.assign.enabled', false);
  assert.deepEqual(await moved(), { receiver: e0, possible: false, block: rE.blockNumber });
  await daoSet(rp.depositSettings, 'setSettingBool', 'deposit.assign.enabled', true);
  const a1 = await ctx.write(rp.pool, 'assignDeposits', [1n], { account: ctx.accounts[1] });
  assert.deepEqual(await moved(), { receiver: e1, possible: true, block: a1.blockNumber }); // express head moved
  const a2 = await ctx.write(rp.pool, 'assignDeposits', [1n], { account: ctx.accounts[1] });
  // rate 2: index 2 serves the standard queue, whose head has sat there since it was enqueued.
  assert.ok(a2.blockNumber > rS.blockNumber);
  assert.deepEqual(await moved(), { receiver: s0, possible: true, block: rS.blockNumber });
  await ctx.write(rp.pool, 'assignDeposits', [1n], { account: ctx.accounts[1] });
  assert.equal(await ctx.read(rp.pool, 'getTotalQueueLength'), 0n);
  assert.deepEqual(await moved(), { receiver: '0x0000000000000000000000000000000000000000', possible: false, block: 0n });
}));

test('fidelity RP7: assignDeposits(0) and maybeAssignDeposits(0) revert "Must assign at least 1" first, even with assignments disabled', () => isolated(ctx, async () => {
  const account = ctx.accounts[1];
  await daoSet(rp.depositSettings, 'setSettingBool', 'deposit.assign.enabled', false);
  assert.equal(await revertReason(rp.pool, 'maybeAssignDeposits', [0n], { account }), 'Must assign at least 1');
  assert.equal(await revertReason(rp.pool, 'assignDeposits', [0n], { account }), 'Must assign at least 1');
  assert.equal(await revertReason(rp.pool, 'assignDeposits', [1n], { account }), 'Deposit assignments are disabled');
  await ctx.write(rp.pool, 'maybeAssignDeposits', [1n], { account }); // disabled: a no-op, not a revert
}));

test('fidelity RP8: depositExcessCollateral recycles balance - floor(balance * target / collateralRate)', () => isolated(ctx, async () => {
  const extra = 7n * E + 123456789n;
  const hash = await ctx.walletClient.sendTransaction({ account: ctx.admin, to: RETH, value: extra, chain: ctx.chain });
  await ctx.publicClient.waitForTransactionReceipt({ hash });
  const balance = await ethBalance(RETH);
  const ethValue = await ctx.read(rp.reth, 'getEthValue', [await ctx.read(rp.reth, 'totalSupply')]);
  const targetRate = await ctx.read(rp.networkSettings, 'getTargetRethCollateralRate');
  const collateralRate = await ctx.read(rp.reth, 'getCollateralRate');
  assert.equal(collateralRate, E * balance / ethValue);
  assert.ok(collateralRate > targetRate);
  const expected = balance - balance * targetRate / collateralRate;
  assert.notEqual(expected, balance - ethValue * targetRate / E); // the two formulas differ here, by wei
  const receipt = await ctx.write(rp.reth, 'depositExcessCollateral', [], { account: ctx.accounts[2] });
  const [recycled] = events(rp.pool, receipt, 'DepositRecycled');
  assert.equal(recycled.args.amount, expected);
  assert.equal(await ethBalance(RETH), balance - expected);
}));
