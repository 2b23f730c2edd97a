// Shared by the replica tests: starts a devnet from the saved state on a free port and hands out a context.
import { join } from 'node:path';
import { existsSync } from 'node:fs';
import { startAnvil, chainDir } from '../scripts/anvil.mjs';
import { createContext } from '../scripts/context.mjs';

export const statePath = join(chainDir, 'out', 'devnet-state.json');

/** Starts a devnet (loaded state) and returns { ctx, anvil, stop }. Call stop() in an after() hook. */
export async function startDevnet() {
  if (!existsSync(statePath)) throw new Error('devnet state missing: run `node scripts/build-devnet.mjs` in chain/');
  const anvil = await startAnvil({ loadState: statePath });
  const ctx = createContext(anvil.rpcUrl);
  return { ctx, anvil, stop: () => anvil.stop() };
}

/** Runs `fn` inside an evm_snapshot/evm_revert pair so each test starts from the same state. */
export async function isolated(ctx, fn) {
  const id = await ctx.testClient.snapshot();
  try { return await fn(); } finally { await ctx.testClient.revert({ id }); }
}
