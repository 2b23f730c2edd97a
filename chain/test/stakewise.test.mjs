// StakeWise V3 replica tests: raw viem calls against a fresh Anvil with deploy/stakewise.mjs, expected values
// computed independently with BigInt from the formulas in src/Abis/StakeWise/NOTES.md (vault share math, the osETH
// controller accrual, the exit queue), the oracle-signed reward path, the named reverts, and ABI conformance with the
// real ABIs in src/Abis/StakeWise.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseEventLogs, getAddress, keccak256, toBytes, decodeErrorResult } from 'viem';
import { startAnvil, chainDir } from '../scripts/anvil.mjs';
import { createContext } from '../scripts/context.mjs';
import { isolated } from './helpers.mjs';
import * as sw from '../deploy/stakewise.mjs';

const E = 10n ** 18n;
const ZERO = '0x0000000000000000000000000000000000000000';
const realAbis = join(chainDir, '..', 'src', 'Abis', 'StakeWise');

let anvil; let ctx; let c;
const target = (artifact, address) => ({ address: getAddress(address), abi: ctx.artifact(`stakewise/${artifact}`).abi });

before(async () => {
  anvil = await startAnvil({});
  ctx = createContext(anvil.rpcUrl);
  await sw.deploy(ctx);
  c = {
    registry: target('VaultsRegistry', sw.VAULTS_REGISTRY),
    keeper: target('Keeper', sw.KEEPER),
    osToken: target('OsToken', sw.OS_TOKEN),
    controller: target('OsTokenVaultController', sw.OS_TOKEN_VAULT_CONTROLLER),
    config: target('OsTokenConfig', sw.OS_TOKEN_CONFIG),
    priceFeed: target('PriceFeed', sw.PRICE_FEED),
    genesis: target('EthGenesisVault', sw.GENESIS_VAULT),
    a: target('EthVault', sw.VAULTS[1].address),
    b: target('EthVault', sw.VAULTS[2].address),
  };
});
after(async () => { await anvil?.stop(); });

const allErrors = () => ['EthVault', 'Keeper', 'OsToken', 'OsTokenVaultController', 'OsTokenConfig', 'VaultsRegistry']
  .flatMap((n) => ctx.artifact(`stakewise/${n}`).abi.filter((e) => e.type === 'error'));

/** The custom error name a call would revert with (simulated from `account`). */
async function revertName(t, functionName, args = [], { account = ctx.accounts[0], value = 0n } = {}) {
  try {
    await ctx.publicClient.simulateContract({ address: t.address, abi: t.abi, functionName, args, account, value });
  } catch (e) {
    const reverted = e.walk((err) => err.name === 'ContractFunctionRevertedError');
    if (reverted?.data?.errorName) return reverted.data.errorName;
    // Errors raised by another contract (Keeper, controller, osToken) bubble up through the vault.
    const raw = reverted?.raw ?? e.walk((err) => typeof err.data === 'string' && err.data.startsWith('0x'))?.data;
    if (raw) return decodeErrorResult({ abi: allErrors(), data: raw }).errorName;
    throw e;
  }
  assert.fail(`${functionName} did not revert`);
}
const events = (t, receipt, eventName) => parseEventLogs({ abi: t.abi, logs: receipt.logs, eventName }).filter((l) => getAddress(l.address) === t.address);
const gasCost = (r) => r.gasUsed * r.effectiveGasPrice;
const blockTime = async (receipt) => (await ctx.publicClient.getBlock({ blockNumber: receipt.blockNumber })).timestamp;
const ceilDiv = (x, d) => (x + d - 1n) / d;

/** Cumulative rewards as the Keeper last recorded them, for building the next update. */
async function currentRewards() {
  const out = {};
  for (const v of sw.VAULTS) out[v.address] = (await ctx.read(c.keeper, 'rewards', [v.address]))[0];
  return out;
}
/** A new signed reward update after rewardsDelay, adding `deltas[vault]` to the cumulative rewards. */
async function nextUpdate(deltas = {}, avgRewardPerSecond = sw.START.avgRewardPerSecond) {
  await ctx.increaseTime(Number(sw.START.rewardsDelay) + 1);
  const rewards = await currentRewards();
  for (const [v, d] of Object.entries(deltas)) rewards[getAddress(v)] += d;
  return sw.rewardsUpdate(ctx, { rewards, avgRewardPerSecond });
}

/** The controller's accrual model (NOTES: osETH): state after updateState at `t`, and share/asset conversion. */
function controllerAt(state, t, avg, feePercent) {
  const accrued = avg * state.assets * (t - state.time) / E;
  const treasuryAssets = accrued * feePercent / 10000n;
  const treasuryShares = treasuryAssets === 0n ? 0n : treasuryAssets * state.shares / (state.assets + accrued - treasuryAssets);
  return { assets: state.assets + accrued, shares: state.shares + treasuryShares, time: t, treasuryShares };
}

test('deploy: real addresses, registry, oracles, configs and vault parameters', async () => {
  for (const v of sw.VAULTS) {
    assert.equal(await ctx.read(c.registry, 'vaults', [v.address]), true, v.name);
    assert.equal(await ctx.read(c.registry, 'vaultImpls', [v.address]), true, v.name);
    const vault = target('EthVault', v.address);
    assert.equal(await ctx.read(vault, 'feePercent'), v.feePercent);
    assert.equal(await ctx.read(vault, 'capacity'), v.capacity);
    assert.equal(await ctx.read(vault, 'admin'), v.admin === null ? ctx.admin.address : sw.vaultAdminAccount(v.admin).address);
    assert.equal(await ctx.read(vault, 'totalAssets'), v.seed + sw.START.securityDeposit);
    assert.equal(await ctx.read(vault, 'getShares', [ctx.admin.address]), v.seed);
    assert.equal(await ctx.read(vault, 'getShares', [v.address]), sw.START.securityDeposit);
    assert.equal(await ctx.publicClient.getBalance({ address: v.address }), v.seed + sw.START.securityDeposit - v.staked);
    assert.equal(await ctx.read(vault, 'version'), 5);
    assert.equal(await ctx.read(c.keeper, 'isCollateralized', [v.address]), true);
    assert.equal(await ctx.read(vault, 'isStateUpdateRequired'), false);
  }
  assert.equal(await ctx.read(c.genesis, 'vaultId'), keccak256(toBytes('EthGenesisVault')));
  assert.equal(await ctx.read(c.a, 'vaultId'), keccak256(toBytes('EthVault')));
  const added = await ctx.publicClient.getContractEvents({ address: c.registry.address, abi: c.registry.abi, eventName: 'VaultAdded', fromBlock: 0n });
  assert.deepEqual(added.map((l) => l.args.vault), sw.VAULTS.map((v) => getAddress(v.address)));

  for (const o of sw.oracleAccounts()) assert.equal(await ctx.read(c.keeper, 'isOracle', [o.address]), true);
  assert.equal(await ctx.read(c.keeper, 'totalOracles'), 3n);
  assert.equal(await ctx.read(c.keeper, 'rewardsMinOracles'), 2n);
  assert.equal(await ctx.read(c.keeper, 'rewardsNonce'), 2n);
  assert.equal(await ctx.read(c.keeper, 'owner'), ctx.admin.address);
  assert.equal(await ctx.read(c.controller, 'avgRewardPerSecond'), sw.START.avgRewardPerSecond);
  assert.equal(await ctx.read(c.controller, 'totalShares'), sw.START.osTokenShares);
  assert.equal(await ctx.read(c.osToken, 'totalSupply'), sw.START.osTokenShares);
  assert.equal(await ctx.read(c.osToken, 'symbol'), 'osETH');
  const d = sw.START.defaultConfig; const g = sw.START.genesisConfig;
  assert.deepEqual(await ctx.read(c.config, 'getConfig', [c.a.address]), d);
  assert.deepEqual(await ctx.read(c.config, 'getConfig', [c.genesis.address]), g);
});

test('replica functions, events and errors match the real StakeWise ABIs', () => {
  const typeOf = (p) => (p.type.startsWith('tuple') ? `(${p.components.map(typeOf).join(',')})${p.type.slice(5)}` : p.type);
  const describe = (e) => `${e.type} ${e.name}(${(e.inputs ?? []).map((p) => typeOf(p) + (e.type === 'event' && p.indexed ? ' indexed' : '')).join(',')})`
    + (e.type === 'function' ? ` ${e.stateMutability} returns (${(e.outputs ?? []).map(typeOf).join(',')})` : '');
  const pairs = [['PriceFeed', 'PriceFeed'], ['EthVault', 'EthVault'], ['EthGenesisVault', 'EthGenesisVault'], ['VaultsRegistry', 'VaultsRegistry'], ['Keeper', 'Keeper'],
    ['OsToken', 'OsToken'], ['OsTokenVaultController', 'OsTokenVaultController'], ['OsTokenConfig', 'OsTokenConfig']];
  const problems = [];
  let checked = 0;
  const readReal = (file) => JSON.parse(readFileSync(join(realAbis, `${file}.json`), 'utf8'));
  // Errors may bubble up from another StakeWise contract or the ExitQueue library (NOTES: Gaps), so an error only
  // has to exist in one of the real ABIs (or be the library's InvalidCheckpointIndex()).
  const realErrors = new Set(pairs.flatMap(([, file]) => readReal(file)).filter((e) => e.type === 'error').map(describe));
  realErrors.add('error InvalidCheckpointIndex()');
  for (const [artifact, file] of pairs) {
    const real = readReal(file).filter((e) => ['function', 'event', 'error'].includes(e.type));
    const realSet = new Set(real.map(describe));
    for (const r of ctx.artifact(`stakewise/${artifact}`).abi.filter((e) => ['function', 'event', 'error'].includes(e.type))) {
      if (r.name.startsWith('devnet')) continue;
      const known = r.type === 'error' ? realErrors.has(describe(r)) : realSet.has(describe(r));
      if (!known) problems.push(`${artifact}: ${describe(r)} is not in the real ABI`);
      checked++;
    }
  }
  assert.deepEqual(problems, []);
  assert.ok(checked > 150, `${checked} entries checked`);
});

test('deposit mints ceil(assets * totalShares / totalAssets) shares; capacity is enforced', async () => {
  await isolated(ctx, async () => {
    const user = ctx.accounts[1];
    // Make the share price non-trivial first: a reward of 7.5 ETH on vault A, 5 % fee in shares.
    const TA0 = await ctx.read(c.a, 'totalAssets'); const TS0 = await ctx.read(c.a, 'totalShares');
    const reward = 7500000000000000001n;
    const update = await nextUpdate({ [c.a.address]: reward });
    const r = await ctx.write(c.a, 'updateState', [update.harvestParams(c.a.address)], { account: user });
    const feeAssets = reward * 500n / 10000n;
    const feeShares = feeAssets * TS0 / (TA0 + reward - feeAssets);
    assert.equal(events(c.a, r, 'FeeSharesMinted')[0].args.shares, feeShares);
    assert.equal(events(c.keeper, r, 'Harvested')[0].args.totalAssetsDelta, reward);
    const TA = TA0 + reward; const TS = TS0 + feeShares;
    assert.equal(await ctx.read(c.a, 'totalAssets'), TA);
    assert.equal(await ctx.read(c.a, 'totalShares'), TS);

    const assets = 3333333333333333333n;
    const dep = await ctx.write(c.a, 'deposit', [user.address, ZERO], { account: user, value: assets });
    const shares = ceilDiv(assets * TS, TA);
    assert.equal(events(c.a, dep, 'Deposited')[0].args.shares, shares);
    assert.equal(await ctx.read(c.a, 'getShares', [user.address]), shares);
    assert.equal(await ctx.read(c.a, 'convertToAssets', [shares]), shares * (TA + assets) / (TS + shares));

    // Vault B has 1000 ETH capacity and 990.000000001 ETH in it.
    const room = sw.VAULTS[2].capacity - (await ctx.read(c.b, 'totalAssets'));
    assert.equal(await revertName(c.b, 'deposit', [user.address, ZERO], { account: user, value: room + 1n }), 'CapacityExceeded');
    await ctx.write(c.b, 'deposit', [user.address, ZERO], { account: user, value: room });
    assert.equal(await revertName(c.b, 'deposit', [user.address, ZERO], { account: user, value: 1n }), 'CapacityExceeded');
    assert.equal(await revertName(c.a, 'deposit', [ZERO, ZERO], { account: user, value: 1n }), 'ZeroAddress');
    assert.equal(await revertName(c.a, 'deposit', [user.address, ZERO], { account: user, value: 0n }), 'InvalidAssets');
  });
});

test('reward updates need rewardsMinOracles sorted oracle signatures, the delay, and the right proof', async () => {
  await isolated(ctx, async () => {
    const rewards = await currentRewards();
    const [o1, o2] = sw.oracleAccounts();
    const signed = async (options) => [(await sw.signRewardsUpdate(ctx, { rewards, avgRewardPerSecond: 1n, ...options })).params];
    assert.equal(await revertName(c.keeper, 'updateRewards', await signed({})), 'TooEarlyUpdate');
    await ctx.increaseTime(Number(sw.START.rewardsDelay) + 1);
    assert.equal(await revertName(c.keeper, 'updateRewards', await signed({ signers: [o1] })), 'NotEnoughSignatures');
    assert.equal(await revertName(c.keeper, 'updateRewards', await signed({ signers: [o1, ctx.accounts[3]] })), 'InvalidOracle');
    const unsorted = await sw.signRewardsUpdate(ctx, { rewards, avgRewardPerSecond: 1n });
    const sig = unsorted.params.signatures.slice(2);
    const swapped = { ...unsorted.params, signatures: `0x${sig.slice(130, 260)}${sig.slice(0, 130)}` };
    assert.equal(await revertName(c.keeper, 'updateRewards', [swapped]), 'InvalidOracle');
    assert.equal(await revertName(c.keeper, 'updateRewards', await signed({ avgRewardPerSecond: sw.START.maxAvgRewardPerSecond + 1n })), 'InvalidAvgRewardPerSecond');
    assert.equal(await revertName(c.keeper, 'addOracle', [ctx.accounts[3].address], { account: ctx.accounts[3] }), 'OwnableUnauthorizedAccount');

    const nonce = await ctx.read(c.keeper, 'rewardsNonce');
    const update = await sw.rewardsUpdate(ctx, { rewards, avgRewardPerSecond: 1234567n, signers: [o2, o1] });
    const ev = events(c.keeper, update.receipt, 'RewardsUpdated')[0].args;
    assert.equal(ev.rewardsRoot, update.root);
    assert.equal(ev.nonce, nonce);
    assert.equal(ev.avgRewardPerSecond, 1234567n);
    assert.equal(await ctx.read(c.keeper, 'rewardsNonce'), nonce + 1n);
    assert.equal(await ctx.read(c.controller, 'avgRewardPerSecond'), 1234567n);
    assert.equal(await ctx.read(c.keeper, 'canHarvest', [c.a.address]), true);
    assert.equal(await ctx.read(c.keeper, 'isHarvestRequired', [c.a.address]), false);

    const good = update.harvestParams(c.a.address);
    assert.equal(await revertName(c.a, 'updateState', [{ ...good, reward: good.reward + 1n }]), 'InvalidProof');
    assert.equal(await revertName(c.a, 'updateState', [{ ...good, rewardsRoot: keccak256(toBytes('other')) }]), 'InvalidRewardsRoot');
    assert.equal(await revertName(c.keeper, 'harvest', [good]), 'AccessDenied');

    // One more update without harvesting: vault A is now two behind and must harvest before deposits.
    await nextUpdate();
    assert.equal(await ctx.read(c.a, 'isStateUpdateRequired'), true);
    assert.equal(await revertName(c.a, 'deposit', [ctx.accounts[1].address, ZERO], { account: ctx.accounts[1], value: E }), 'NotHarvested');
  });
});

test('osETH: rate accrues at avgRewardPerSecond less the treasury fee; mint up to LTV, burn', async () => {
  await isolated(ctx, async () => {
    const user = ctx.accounts[2];
    // The deploy's reward update set avgRewardPerSecond with the controller at its starting state.
    const [deployUpdate] = await ctx.publicClient.getContractEvents({ address: c.keeper.address, abi: c.keeper.abi, eventName: 'RewardsUpdated', fromBlock: 0n });
    const t0 = (await ctx.publicClient.getBlock({ blockNumber: deployUpdate.blockNumber })).timestamp;
    let state = { assets: sw.START.osTokenAssets, shares: sw.START.osTokenShares, time: t0 };
    const avg = sw.START.avgRewardPerSecond; const fee = BigInt(sw.START.controllerFeePercent);

    await ctx.increaseTime(86400);
    const now = (await ctx.publicClient.getBlock()).timestamp;
    const view = controllerAt(state, now, avg, fee);
    const accrued = avg * state.assets * (now - t0) / E;
    const expectedTotal = state.assets + accrued - accrued * fee / 10000n;
    assert.equal(await ctx.read(c.controller, 'totalAssets'), expectedTotal);
    assert.equal(await ctx.read(c.priceFeed, 'latestAnswer'), E * expectedTotal / state.shares);
    assert.equal(await ctx.read(c.priceFeed, 'getRate'), E * expectedTotal / state.shares);
    assert.ok(view.treasuryShares > 0n);

    const dep = 50n * E;
    await ctx.write(c.a, 'deposit', [user.address, ZERO], { account: user, value: dep });
    const userAssets = await ctx.read(c.a, 'convertToAssets', [await ctx.read(c.a, 'getShares', [user.address])]);
    const maxAssets = userAssets * sw.START.defaultConfig.ltvPercent / E;
    const tooMuch = await ctx.read(c.controller, 'convertToShares', [maxAssets + 10n ** 12n]);
    assert.equal(await revertName(c.a, 'mintOsToken', [user.address, tooMuch, ZERO], { account: user }), 'LowLtv');

    const minted = 20n * E + 7n;
    const r = await ctx.write(c.a, 'mintOsToken', [user.address, minted, ZERO], { account: user });
    state = controllerAt(state, await blockTime(r), avg, fee);
    const mintedAssets = minted * state.assets / state.shares;
    assert.equal(events(c.a, r, 'OsTokenMinted')[0].args.assets, mintedAssets);
    state = { ...state, assets: state.assets + mintedAssets, shares: state.shares + minted };
    assert.equal(await ctx.read(c.osToken, 'balanceOf', [user.address]), minted);
    assert.equal(await ctx.read(c.controller, 'totalShares'), state.shares);
    assert.equal(await ctx.read(c.a, 'osTokenPositions', [user.address]), minted);

    // A day later the position has grown by the treasury fee: shares * cumulativeFeePerShare / entry value.
    await ctx.increaseTime(86400);
    const entryCum = await ctx.read(c.controller, 'cumulativeFeePerShare', [], { blockNumber: r.blockNumber });
    assert.ok(entryCum > E);
    const cumNow = await ctx.read(c.controller, 'cumulativeFeePerShare');
    assert.equal(await ctx.read(c.a, 'osTokenPositions', [user.address]), minted * cumNow / entryCum);

    const burnShares = 5n * E;
    const b = await ctx.write(c.a, 'burnOsToken', [burnShares], { account: user });
    state = controllerAt(state, await blockTime(b), avg, fee);
    assert.equal(events(c.a, b, 'OsTokenBurned')[0].args.assets, burnShares * state.assets / state.shares);
    assert.equal(await ctx.read(c.osToken, 'balanceOf', [user.address]), minted - burnShares);
    assert.equal(await revertName(c.a, 'burnOsToken', [1n], { account: ctx.accounts[3] }), 'ERC20InsufficientBalance');
  });
});

test('exit queue: enter, wait for validators to exit, harvest, claim after the delay; LTV guards the exit', async () => {
  await isolated(ctx, async () => {
    const user = ctx.accounts[4];
    const vaultAdmin = sw.vaultAdminAccount(0);
    await ctx.write(c.a, 'deposit', [user.address, ZERO], { account: user, value: 40n * E });
    await ctx.write(c.a, 'mintOsToken', [user.address, 10n * E, ZERO], { account: user });
    // All free ETH goes to validators, so the queue must wait for an exit.
    await ctx.write(c.a, 'devnetStakeToValidators', [await ctx.read(c.a, 'withdrawableAssets')], { account: vaultAdmin });
    assert.equal(await ctx.read(c.a, 'withdrawableAssets'), 0n);

    const shares = await ctx.read(c.a, 'getShares', [user.address]);
    assert.equal(await revertName(c.a, 'enterExitQueue', [shares, user.address], { account: user }), 'LowLtv');
    assert.equal(await revertName(c.a, 'enterExitQueue', [0n, user.address], { account: user }), 'InvalidShares');
    const exitShares = shares / 2n; // 20 ETH of shares left against 10 osETH at 90 % LTV: allowed
    const TS = await ctx.read(c.a, 'totalShares'); const TA = await ctx.read(c.a, 'totalAssets');
    const [, , , , ticketsBefore] = await ctx.read(c.a, 'getExitQueueData');
    const enter = await ctx.write(c.a, 'enterExitQueue', [exitShares, user.address], { account: user });
    const { positionTicket } = events(c.a, enter, 'ExitQueueEntered')[0].args;
    const timestamp = await blockTime(enter);
    assert.equal(positionTicket, ticketsBefore);
    assert.equal(await ctx.read(c.a, 'getShares', [user.address]), shares - exitShares);

    // A harvest without ETH in the vault leaves the request unprocessed.
    let update = await nextUpdate();
    await ctx.write(c.a, 'updateState', [update.harvestParams(c.a.address)]);
    assert.equal(await ctx.read(c.a, 'getExitQueueIndex', [positionTicket]), -1n);

    // Validators exit: the consensus layer sweeps 32 ETH to the vault; the next harvest checkpoints the queue.
    const swept = 32n * E;
    await ctx.setBalance(c.a.address, (await ctx.publicClient.getBalance({ address: c.a.address })) + swept);
    update = await nextUpdate();
    const h = await ctx.write(c.a, 'updateState', [update.harvestParams(c.a.address)]);
    const exitedAssets = exitShares * TA / TS;
    const cp = events(c.a, h, 'CheckpointCreated')[0].args;
    assert.equal(cp.assets, exitedAssets);
    assert.equal(cp.shares, exitedAssets * TS / TA);
    const index = await ctx.read(c.a, 'getExitQueueIndex', [positionTicket]);
    assert.ok(index >= 0n);
    const [left, exitedTickets, assets] = await ctx.read(c.a, 'calculateExitedAssets', [user.address, positionTicket, timestamp, index]);
    assert.equal(exitedTickets + left, exitShares);
    assert.equal(assets, cp.assets);

    // The claim delay (15 h) passed with the two reward updates (12 h each); a fresh request shows the guard below.
    const before = await ctx.publicClient.getBalance({ address: user.address });
    const claim = await ctx.write(c.a, 'claimExitedAssets', [positionTicket, timestamp, index], { account: user });
    assert.equal(events(c.a, claim, 'ExitedAssetsClaimed')[0].args.withdrawnAssets, assets);
    assert.equal(await ctx.publicClient.getBalance({ address: user.address }), before + assets - gasCost(claim));
    assert.equal(await revertName(c.a, 'claimExitedAssets', [positionTicket, timestamp, index], { account: user }), 'ExitRequestNotProcessed');

    const second = await ctx.write(c.a, 'enterExitQueue', [10n ** 15n, user.address], { account: user });
    const t2 = await blockTime(second);
    const ticket2 = events(c.a, second, 'ExitQueueEntered')[0].args.positionTicket;
    update = await nextUpdate();
    await ctx.write(c.a, 'updateState', [update.harvestParams(c.a.address)]);
    const index2 = await ctx.read(c.a, 'getExitQueueIndex', [ticket2]);
    assert.ok(index2 >= 0n);
    assert.equal(await revertName(c.a, 'claimExitedAssets', [ticket2, t2, index2], { account: user }), 'ExitRequestNotProcessed');
    await ctx.increaseTime(Number(sw.START.exitingAssetsClaimDelay));
    await ctx.write(c.a, 'claimExitedAssets', [ticket2, t2, index2], { account: user });
  });
});

test('exit queue: a partial sweep fills the request in two checkpoints; the partial claim re-files the rest', async () => {
  await isolated(ctx, async () => {
    const user = ctx.accounts[5];
    await ctx.write(c.a, 'deposit', [user.address, ZERO], { account: user, value: 40n * E });
    await ctx.write(c.a, 'devnetStakeToValidators', [await ctx.read(c.a, 'withdrawableAssets')], { account: sw.vaultAdminAccount(0) });
    const shares = await ctx.read(c.a, 'getShares', [user.address]);
    const enter = await ctx.write(c.a, 'enterExitQueue', [shares, user.address], { account: user });
    const { positionTicket } = events(c.a, enter, 'ExitQueueEntered')[0].args;
    const timestamp = await blockTime(enter);

    const sweep = async (wei) => {
      await ctx.setBalance(c.a.address, (await ctx.publicClient.getBalance({ address: c.a.address })) + wei);
      const TS = await ctx.read(c.a, 'totalShares'); const TA = await ctx.read(c.a, 'totalAssets');
      const update = await nextUpdate();
      const r = await ctx.write(c.a, 'updateState', [update.harvestParams(c.a.address)]);
      return { TS, TA, cp: events(c.a, r, 'CheckpointCreated')[0].args };
    };

    // 15 ETH arrive: the first checkpoint holds 15 ETH for floor(15 ETH * TS / TA) tickets.
    const first = await sweep(15n * E);
    assert.equal(first.cp.assets, 15n * E);
    assert.equal(first.cp.shares, 15n * E * first.TS / first.TA);
    assert.equal(positionTicket, 0n); // the deployed vault A has never exited anything
    const index1 = await ctx.read(c.a, 'getExitQueueIndex', [positionTicket]);
    assert.equal(index1, 0n);
    const [left1, exited1, assets1] = await ctx.read(c.a, 'calculateExitedAssets', [user.address, positionTicket, timestamp, index1]);
    assert.equal(exited1, first.cp.shares);
    assert.equal(assets1, 15n * E);
    assert.equal(left1, shares - first.cp.shares);

    await ctx.increaseTime(Number(sw.START.exitingAssetsClaimDelay));
    const claim1 = await ctx.write(c.a, 'claimExitedAssets', [positionTicket, timestamp, index1], { account: user });
    const ev1 = events(c.a, claim1, 'ExitedAssetsClaimed')[0].args;
    assert.equal(ev1.withdrawnAssets, 15n * E);
    assert.equal(ev1.newPositionTicket, positionTicket + exited1);

    // The rest arrives: the second checkpoint pays the remaining tickets at the then share price.
    const second = await sweep(30n * E);
    const rest = left1;
    assert.equal(second.cp.assets, rest * second.TA / second.TS);
    const index2 = await ctx.read(c.a, 'getExitQueueIndex', [ev1.newPositionTicket]);
    assert.equal(index2, index1 + 1n);
    const [left2, exited2, assets2] = await ctx.read(c.a, 'calculateExitedAssets', [user.address, ev1.newPositionTicket, timestamp, index2]);
    assert.equal(left2, 0n);
    // The checkpoint burned floor(assets * TS / TA) tickets (rest or rest - 1); a single left-over ticket is rounded in.
    assert.ok(rest - second.cp.shares <= 1n);
    assert.equal(exited2, rest);
    assert.equal(assets2, second.cp.assets);
    const before = await ctx.publicClient.getBalance({ address: user.address });
    const claim2 = await ctx.write(c.a, 'claimExitedAssets', [ev1.newPositionTicket, timestamp, index2], { account: user });
    assert.equal(await ctx.publicClient.getBalance({ address: user.address }), before + assets2 - gasCost(claim2));
    assert.equal(events(c.a, claim2, 'ExitedAssetsClaimed')[0].args.newPositionTicket, 0n);
  });
});

test('the Keeper owner manages the oracle set: added keys can sign (the fork path), removed ones cannot', async () => {
  await isolated(ctx, async () => {
    const [k1, k2] = [ctx.accounts[6], ctx.accounts[7]];
    const [o1] = sw.oracleAccounts();
    for (const k of [k1, k2]) {
      const r = await ctx.write(c.keeper, 'addOracle', [k.address]);
      assert.equal(events(c.keeper, r, 'OracleAdded')[0].args.oracle, k.address);
    }
    assert.equal(await revertName(c.keeper, 'addOracle', [k1.address], { account: ctx.admin }), 'AlreadyAdded');
    assert.equal(await ctx.read(c.keeper, 'totalOracles'), 5n);
    await ctx.increaseTime(Number(sw.START.rewardsDelay) + 1);
    const rewards = await currentRewards();
    await sw.rewardsUpdate(ctx, { rewards, avgRewardPerSecond: 5n, signers: [k1, k2], from: ctx.accounts[8] });
    assert.equal(await ctx.read(c.controller, 'avgRewardPerSecond'), 5n);

    await ctx.write(c.keeper, 'removeOracle', [o1.address]);
    assert.equal(await ctx.read(c.keeper, 'isOracle', [o1.address]), false);
    assert.equal(await revertName(c.keeper, 'setRewardsMinOracles', [5n], { account: ctx.admin }), 'InvalidOracles');
    await ctx.increaseTime(Number(sw.START.rewardsDelay) + 1);
    const params = (await sw.signRewardsUpdate(ctx, { rewards, avgRewardPerSecond: 6n, signers: [o1, k1] })).params;
    assert.equal(await revertName(c.keeper, 'updateRewards', [params]), 'InvalidOracle');
  });
});
