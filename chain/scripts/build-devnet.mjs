// Builds the devnet once: compiles the replicas, starts a fresh Anvil (chain id 1) at a mainnet-like block number and
// time, places every replica at its mainnet address, initialises it with mainnet-like state, lets the protocols'
// off-chain actors run for HISTORY_DAYS at their real cadence (12-second blocks; see history.mjs), and saves Anvil's
// state to chain/out/devnet-state.json plus an address manifest chain/out/devnet.json. Later starts load the state
// (--load-state) in a second or two.
import { writeFileSync, mkdirSync, existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { compileAll } from './compile.mjs';
import { startAnvil, chainDir } from './anvil.mjs';
import { createContext } from './context.mjs';
import { mainnetLikeGenesis, useMainnetTime, runHistory } from './history.mjs';

// Order matters: EigenLayer strategies and ether.fi's Liquifier hold the LSTs deployed before them (osETH too: StakeWise
// comes before EigenLayer, which places a mock token at any strategy token address still empty).
/** Blocks mined after seeding: Lido's stake limit refills 23.4375 ETH per block and seeding uses about 3,200 ETH. */
const LIMIT_REFILL_BLOCKS = 200;

export const PROTOCOLS = ['multicall', 'lido', 'rocketpool', 'etherfi', 'stakewise', 'eigenlayer'];
/** Days of history before the state is saved: more than a week of daily oracle reports, as APR look-backs expect. */
const HISTORY_DAYS = Number(process.env.LIQUIDSTAKE_DEVNET_HISTORY_DAYS ?? 9);
/** Room for the deployment's own blocks (a few hundred, 12 s apart) before the history starts. */
const DEPLOY_SPAN_SECONDS = 4 * 3600;

const started = Date.now();
compileAll({ quiet: true });
const outDir = join(chainDir, 'out');
mkdirSync(outDir, { recursive: true });
const statePath = join(outDir, 'devnet-state.json');
const tmpState = join(outDir, 'devnet-state.tmp.json');
const baseStatePath = join(outDir, 'devnet-base-state.json');
rmSync(tmpState, { force: true });
const genesis = mainnetLikeGenesis(Math.floor(Date.now() / 1000) - HISTORY_DAYS * 86400 - DEPLOY_SPAN_SECONDS);
// No states persisted to disk: the build mines thousands of blocks and needs only the head's state.
const anvil = await startAnvil({
  dumpState: tmpState, logFile: join(outDir, 'logs', 'build-devnet.log'),
  extraArgs: ['--number', String(genesis.number), '--timestamp', String(genesis.timestamp), '--max-persisted-states', '0'],
});
const manifest = { chainId: 1, admin: null, genesis: { number: Number(genesis.number), timestamp: Number(genesis.timestamp) }, protocols: {} };
try {
  const ctx = createContext(anvil.rpcUrl);
  await useMainnetTime(ctx, genesis);
  manifest.admin = ctx.admin.address;
  const modules = [];
  for (const name of PROTOCOLS) {
    const file = join(chainDir, 'deploy', `${name}.mjs`);
    if (!existsSync(file)) { console.log(`(no deploy/${name}.mjs yet)`); continue; }
    const t = Date.now();
    const mod = await import(file);
    manifest.protocols[name] = (await mod.deploy(ctx)) ?? {};
    modules.push([name, mod]);
    console.log(`deployed ${name} in ${Date.now() - t} ms`);
  }
  // Seeding (EigenLayer stakers submit ETH to Lido) draws on rate limits that refill per block; mine enough blocks
  // for them to refill, so the devnet starts as a quiet mainnet would: limits full.
  await ctx.mine(LIMIT_REFILL_BLOCKS);
  // The state right after deployment, before any history: the replica tests check the replicas against the notes'
  // worked examples from these starting values.
  const base = await ctx.publicClient.request({ method: 'anvil_dumpState' });
  writeFileSync(baseStatePath, gunzipSync(Buffer.from(base.slice(2), 'hex')));
  const t = Date.now();
  const end = BigInt(Math.floor(Date.now() / 1000));
  manifest.history = { days: HISTORY_DAYS, actions: await runHistory(ctx, modules, end) };
  const head = await ctx.publicClient.getBlock();
  manifest.head = { number: Number(head.number), timestamp: Number(head.timestamp) };
  console.log(`history to block ${head.number} in ${Date.now() - t} ms: ${JSON.stringify(manifest.history.actions)}`);
} finally {
  await anvil.stop({ killAfterMs: 300000 });
}
if (!existsSync(tmpState)) throw new Error('anvil did not write its state on exit');
JSON.parse((await import('node:fs')).readFileSync(tmpState, 'utf8')); // refuse a truncated dump rather than save it
rmSync(statePath, { force: true });
writeFileSync(statePath, (await import('node:fs')).readFileSync(tmpState));
rmSync(tmpState, { force: true });
writeFileSync(join(outDir, 'devnet.json'), JSON.stringify(manifest, null, 2));
console.log(`devnet state written to ${statePath} in ${Date.now() - started} ms`);
