// The devnet's history (chain/scripts/history.mjs): a mainnet-like chain of 12-second blocks with the protocols'
// off-chain actors at their real cadence, so look-backs by block count and APRs from events work as on mainnet.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getAddress } from 'viem';
import { chainDir } from '../scripts/anvil.mjs';
import { headerHash } from '../scripts/history.mjs';
import { startDevnet } from './helpers.mjs';
import { LIDO, GENESIS_TIME } from '../deploy/lido.mjs';
import { ROCKET_NETWORK_BALANCES } from '../deploy/rocketpool.mjs';
import { ETHERFI } from '../deploy/etherfi.mjs';
import { KEEPER, VAULTS } from '../deploy/stakewise.mjs';

const DAY = 86400n;
const manifest = JSON.parse(readFileSync(join(chainDir, 'out', 'devnet.json'), 'utf8'));
let devnet, ctx, head;
before(async () => {
  devnet = await startDevnet({ history: true });
  ctx = devnet.ctx;
  head = await ctx.publicClient.getBlock({ blockNumber: BigInt(manifest.head.number) });
});
after(() => devnet?.stop());

const events = (artifact, address, eventName) => ctx.publicClient.getContractEvents({
  address: getAddress(address), abi: ctx.artifact(artifact).abi, eventName, fromBlock: BigInt(manifest.genesis.number), toBlock: head.number,
});

test('the chain starts at a mainnet-like block and time and has 12-second blocks for more than 8 days', async () => {
  const genesis = { number: BigInt(manifest.genesis.number), timestamp: BigInt(manifest.genesis.timestamp) };
  assert.ok(genesis.number >= 23_000_000n);
  assert.equal((genesis.timestamp - GENESIS_TIME) % 12n, 0n, 'timestamps sit on the beacon chain slot grid');
  assert.ok(head.timestamp - genesis.timestamp >= 8n * DAY);
  assert.equal(head.timestamp - genesis.timestamp, 12n * (head.number - genesis.number));
  // every block exists, chained by hash, 12 s after its parent: sample across the whole range
  const span = head.number - genesis.number;
  for (let i = 1n; i <= 40n; i++) {
    const n = genesis.number + span * i / 41n;
    const [parent, block] = await Promise.all([ctx.publicClient.getBlock({ blockNumber: n }), ctx.publicClient.getBlock({ blockNumber: n + 1n })]);
    assert.equal(block.timestamp - parent.timestamp, 12n, `block ${n + 1n}`);
    assert.equal(block.parentHash, parent.hash, `block ${n + 1n}`);
    const raw = await ctx.publicClient.request({ method: 'eth_getBlockByNumber', params: [`0x${n.toString(16)}`, false] });
    assert.equal(headerHash(raw), parent.hash, `our header hash of block ${n}`);
  }
});

test('Lido: one oracle report per 225-epoch frame, timeElapsed counted from the ref slots', async () => {
  const rebases = await events('lido/Lido', LIDO, 'TokenRebased');
  assert.ok(rebases.length >= 8, `${rebases.length} reports`);
  for (let i = 1; i < rebases.length; i++) {
    const [prev, cur] = [rebases[i - 1].args, rebases[i].args];
    assert.equal(cur.reportTimestamp - prev.reportTimestamp, 225n * 32n * 12n);
    assert.equal(cur.timeElapsed, cur.reportTimestamp - prev.reportTimestamp);
    assert.equal((cur.reportTimestamp - GENESIS_TIME) % (32n * 12n), 12n * 31n, 'a ref slot is the last slot of an epoch');
    assert.ok(cur.postTotalEther * prev.postTotalShares > prev.postTotalEther * cur.postTotalShares, 'the share rate grows');
  }
});

test('Rocket Pool: the oracle DAO updates network balances once a day', async () => {
  const updates = await events('rocketpool/RocketNetworkBalances', ROCKET_NETWORK_BALANCES, 'BalancesUpdated');
  assert.ok(updates.length >= 8, `${updates.length} updates`);
  for (let i = 1; i < updates.length; i++) {
    const [prev, cur] = [updates[i - 1].args, updates[i].args];
    assert.ok(cur.blockTimestamp - prev.blockTimestamp >= DAY * 95n / 100n);
    assert.ok(cur.block > prev.block);
    assert.ok(cur.totalEth * prev.rethSupply > prev.totalEth * cur.rethSupply, 'the rETH rate grows');
  }
});

test('ether.fi: the oracle rebases eETH once a day', async () => {
  const rebases = await events('etherfi/LiquidityPool', ETHERFI.LiquidityPool, 'Rebase');
  assert.ok(rebases.length >= 8, `${rebases.length} rebases`);
  const blocks = await Promise.all(rebases.map((r) => ctx.publicClient.getBlock({ blockNumber: r.blockNumber })));
  for (let i = 1; i < blocks.length; i++) assert.ok(blocks[i].timestamp - blocks[i - 1].timestamp >= DAY - 3600n);
});

test('StakeWise: a rewards update every 12 hours, each vault harvested', async () => {
  const updates = await events('stakewise/Keeper', KEEPER, 'RewardsUpdated');
  assert.ok(updates.length >= 16, `${updates.length} updates`);
  for (let i = 1; i < updates.length; i++) assert.ok(updates[i].args.updateTimestamp - updates[i - 1].args.updateTimestamp > 12n * 3600n);
  const harvests = await events('stakewise/Keeper', KEEPER, 'Harvested');
  for (const v of VAULTS) {
    const mine = harvests.filter((h) => getAddress(h.args.vault) === getAddress(v.address));
    assert.ok(mine.length >= updates.length - 1, `${v.name}: ${mine.length} harvests`);
    assert.ok(mine.slice(1).every((h) => h.args.totalAssetsDelta > 0n), `${v.name}: rewards every time`);
  }
});
