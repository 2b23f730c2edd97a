// Builds the devnet once: compiles the replicas, starts a fresh Anvil (chain id 1), places every replica at its
// mainnet address, initialises it with mainnet-like state, and saves Anvil's state to chain/out/devnet-state.json
// plus an address manifest chain/out/devnet.json. Later starts load the state (--load-state) in well under 2 s.
import { writeFileSync, mkdirSync, existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { compileAll } from './compile.mjs';
import { startAnvil, chainDir } from './anvil.mjs';
import { createContext } from './context.mjs';

// Order matters: EigenLayer strategies and ether.fi's Liquifier hold the LSTs deployed before them (osETH too: StakeWise
// comes before EigenLayer, which places a mock token at any strategy token address still empty).
/** Blocks mined after seeding: Lido's stake limit refills 23.4375 ETH per block and seeding uses about 3,200 ETH. */
const LIMIT_REFILL_BLOCKS = 200;

export const PROTOCOLS = ['multicall', 'lido', 'rocketpool', 'etherfi', 'stakewise', 'eigenlayer'];

const started = Date.now();
compileAll({ quiet: true });
const outDir = join(chainDir, 'out');
mkdirSync(outDir, { recursive: true });
const statePath = join(outDir, 'devnet-state.json');
const tmpState = join(outDir, 'devnet-state.tmp.json');
rmSync(tmpState, { force: true });
const anvil = await startAnvil({ dumpState: tmpState, logFile: join(outDir, 'logs', 'build-devnet.log') });
const manifest = { chainId: 1, admin: null, protocols: {} };
try {
  const ctx = createContext(anvil.rpcUrl);
  manifest.admin = ctx.admin.address;
  for (const name of PROTOCOLS) {
    const file = join(chainDir, 'deploy', `${name}.mjs`);
    if (!existsSync(file)) { console.log(`(no deploy/${name}.mjs yet)`); continue; }
    const t = Date.now();
    const mod = await import(file);
    manifest.protocols[name] = (await mod.deploy(ctx)) ?? {};
    console.log(`deployed ${name} in ${Date.now() - t} ms`);
  }
  // Seeding (EigenLayer stakers submit ETH to Lido) draws on rate limits that refill per block; mine enough blocks
  // for them to refill, so the devnet starts as a quiet mainnet would: limits full.
  await ctx.mine(LIMIT_REFILL_BLOCKS);
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
