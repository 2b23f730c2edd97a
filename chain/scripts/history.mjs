// Mainnet-like chain history for the devnet build: 12-second blocks from a mainnet-like block number and timestamp,
// with the protocols' off-chain actors (oracle reports, balance updates, reward updates) acting at their real
// cadence over several days.
//
// Mining tens of thousands of empty blocks one by one takes Anvil many minutes (it computes a state root per block),
// so the quiet stretches between two actions are appended as ready-made empty blocks instead: headers with the same
// state root as the block before, chained by hash, loaded with anvil_loadState (which appends blocks and moves the
// best block without touching accounts). Anvil then mines the next real block on top of them, so the chain is one
// consistent hash chain, every block number from genesis to head exists, and each block's timestamp is genesis +
// 12 s x its height, as on mainnet. Transactions run at the block number and time they would have on mainnet.
import { gzipSync } from 'node:zlib';
import { keccak256, toRlp, toHex } from 'viem';

export const SECONDS_PER_BLOCK = 12n;
/** Mainnet block 23,000,000, placed as if no slot since the Merge had been missed (the real one came a little later). */
const MAINNET_ANCHOR = { number: 23_000_000n, timestamp: 1752775451n };
const EMPTY_ROOT = '0x56e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421';
const EMPTY_BLOOM = `0x${'00'.repeat(256)}`;

/**
 * A genesis (number, timestamp) on mainnet's slot grid: `timestamp` at or before `notAfter`, number as mainnet's would
 * be at that time (at least 23,000,000).
 */
export function mainnetLikeGenesis(notAfter) {
  const slots = (BigInt(notAfter) - MAINNET_ANCHOR.timestamp) / SECONDS_PER_BLOCK;
  if (slots < 0n) throw new Error('the history would start before mainnet block 23,000,000');
  return { number: MAINNET_ANCHOR.number + slots, timestamp: MAINNET_ANCHOR.timestamp + slots * SECONDS_PER_BLOCK };
}

// RLP integer: minimal big-endian bytes, zero as the empty string.
function rlpInt(v) {
  const hex = BigInt(v).toString(16);
  if (hex === '0') return '0x';
  return `0x${hex.length % 2 ? '0' : ''}${hex}`;
}

/** keccak256 of the RLP header (Prague field order) — the hash Anvil gives the block. */
export function headerHash(h) {
  return keccak256(toRlp([h.parentHash, h.sha3Uncles, h.miner, h.stateRoot, h.transactionsRoot, h.receiptsRoot, h.logsBloom,
    rlpInt(h.difficulty), rlpInt(h.number), rlpInt(h.gasLimit), rlpInt(h.gasUsed), rlpInt(h.timestamp), h.extraData, h.mixHash,
    h.nonce, rlpInt(h.baseFeePerGas), h.withdrawalsRoot, rlpInt(h.blobGasUsed), rlpInt(h.excessBlobGas), h.parentBeaconBlockRoot,
    h.requestsHash]));
}

const HEADER_FIELDS = ['parentHash', 'sha3Uncles', 'miner', 'stateRoot', 'transactionsRoot', 'receiptsRoot', 'logsBloom', 'difficulty',
  'number', 'gasLimit', 'gasUsed', 'timestamp', 'extraData', 'mixHash', 'nonce', 'baseFeePerGas', 'withdrawalsRoot', 'blobGasUsed',
  'excessBlobGas', 'parentBeaconBlockRoot', 'requestsHash'];

// EIP-1559 base fee of the block after `parent` (empty blocks lower it by an eighth, never below what rounding keeps).
function nextBaseFee(parent) {
  const base = BigInt(parent.baseFeePerGas);
  const target = BigInt(parent.gasLimit) / 2n;
  const used = BigInt(parent.gasUsed);
  if (used === target) return base;
  if (used > target) return base + (base * (used - target) / target / 8n > 0n ? base * (used - target) / target / 8n : 1n);
  return base - base * (target - used) / target / 8n;
}

/**
 * Appends empty blocks after the head until the head is block `lastNumber`, `SECONDS_PER_BLOCK` apart, then makes the
 * next block Anvil mines come `SECONDS_PER_BLOCK` after it. Returns the new head's timestamp.
 */
export async function appendEmptyBlocks(ctx, lastNumber) {
  const head = await ctx.publicClient.request({ method: 'eth_getBlockByNumber', params: ['latest', false] });
  let parent = Object.fromEntries(HEADER_FIELDS.map((f) => [f, head[f]]));
  let parentHash = head.hash;
  if (headerHash(parent) !== parentHash) throw new Error('history: the header hash of the head does not match Anvil\'s; the header layout changed');
  const blocks = [];
  for (let n = BigInt(head.number) + 1n; n <= lastNumber; n++) {
    const header = {
      ...parent, parentHash, number: toHex(n), timestamp: toHex(BigInt(parent.timestamp) + SECONDS_PER_BLOCK),
      transactionsRoot: EMPTY_ROOT, receiptsRoot: EMPTY_ROOT, withdrawalsRoot: EMPTY_ROOT, logsBloom: EMPTY_BLOOM, gasUsed: '0x0',
      baseFeePerGas: toHex(nextBaseFee(parent)), mixHash: keccak256(toHex(`liquidstake devnet randao ${n}`)),
    };
    parentHash = headerHash(header);
    blocks.push({ header, transactions: [], ommers: [], withdrawals: [] });
    parent = header;
  }
  if (blocks.length === 0) return BigInt(head.timestamp);
  const state = {
    block: {
      number: parent.number, beneficiary: parent.miner, timestamp: parent.timestamp, gas_limit: Number(BigInt(parent.gasLimit)),
      basefee: Number(BigInt(parent.baseFeePerGas)), difficulty: '0x0', prevrandao: parent.mixHash,
      blob_excess_gas_and_price: { excess_blob_gas: 0, blob_gasprice: 1 },
    },
    accounts: {}, best_block_number: parent.number, blocks, transactions: [],
  };
  const payload = `0x${gzipSync(Buffer.from(JSON.stringify(state))).toString('hex')}`;
  await ctx.publicClient.request({ method: 'anvil_loadState', params: [payload] });
  const after = await ctx.publicClient.request({ method: 'eth_getBlockByNumber', params: ['latest', false] });
  if (after.hash !== parentHash) throw new Error(`history: Anvil's head after appending is ${after.hash}, expected ${parentHash}`);
  const last = BigInt(parent.timestamp);
  await ctx.publicClient.request({ method: 'evm_setNextBlockTimestamp', params: [toHex(last + SECONDS_PER_BLOCK)] });
  return last;
}

/**
 * Switches a build context to mainnet-like time: every mined block comes 12 s after the one before, and moving time
 * forward (`advanceTo`, `increaseTime`) appends the empty blocks in between instead of jumping.
 */
export async function useMainnetTime(ctx, genesis) {
  await ctx.publicClient.request({ method: 'anvil_setBlockTimestampInterval', params: [Number(SECONDS_PER_BLOCK)] });
  const heightAt = (timestamp) => genesis.number + (BigInt(timestamp) - genesis.timestamp + SECONDS_PER_BLOCK - 1n) / SECONDS_PER_BLOCK;
  ctx.advanceTo = async (timestamp) => {
    const head = await ctx.publicClient.getBlock();
    if (BigInt(timestamp) <= head.timestamp) return;
    const target = heightAt(timestamp);
    if (target - 1n > head.number) await appendEmptyBlocks(ctx, target - 1n);
    await ctx.mine(1);
  };
  ctx.increaseTime = async (seconds) => {
    const head = await ctx.publicClient.getBlock();
    await ctx.advanceTo(head.timestamp + BigInt(seconds));
  };
}

/**
 * Runs each protocol's off-chain actors until the chain reaches `end`: every module with a `history` export
 * ({ cadenceSeconds, due?(ctx), tick(ctx) }) acts when it is due, earliest first, with empty blocks in between.
 * Returns how many times each acted.
 */
export async function runHistory(ctx, modules, end, log = () => {}) {
  const actors = [];
  const start = (await ctx.publicClient.getBlock()).timestamp;
  for (const [name, mod] of modules) {
    if (!mod.history) continue;
    const first = mod.history.due ? await mod.history.due(ctx) : start + BigInt(mod.history.cadenceSeconds);
    actors.push({ name, history: mod.history, due: BigInt(first), ticks: 0 });
  }
  for (;;) {
    actors.sort((a, b) => (a.due < b.due ? -1 : a.due > b.due ? 1 : 0));
    const next = actors[0];
    if (!next || next.due > end) break;
    await ctx.advanceTo(next.due);
    await next.history.tick(ctx);
    next.ticks += 1;
    const now = (await ctx.publicClient.getBlock()).timestamp;
    next.due = next.history.due ? BigInt(await next.history.due(ctx)) : now + BigInt(next.history.cadenceSeconds);
    log(`${next.name} #${next.ticks} at ${new Date(Number(now) * 1000).toISOString()}`);
  }
  await ctx.advanceTo(end);
  return Object.fromEntries(actors.map((a) => [a.name, a.ticks]));
}
