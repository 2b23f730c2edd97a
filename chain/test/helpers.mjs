// Shared by the replica tests: starts a devnet from a saved state on a free port and hands out a context. The replica
// tests start from the state right after deployment (devnet-base-state.json: the notes' starting values); the history
// tests use the full devnet (devnet-state.json: days of oracle reports on top).
import { join } from 'node:path';
import { existsSync } from 'node:fs';
import { startAnvil, chainDir } from '../scripts/anvil.mjs';
import { createContext } from '../scripts/context.mjs';

export const statePath = join(chainDir, 'out', 'devnet-state.json');
export const baseStatePath = join(chainDir, 'out', 'devnet-base-state.json');

/** Starts a devnet (loaded state; `{ history: true }` for the full devnet) and returns { ctx, anvil, stop }. Call stop() in an after() hook. */
export async function startDevnet({ history = false } = {}) {
  const path = history ? statePath : baseStatePath;
  if (!existsSync(path)) throw new Error('devnet state missing: run `node scripts/build-devnet.mjs` in chain/');
  const anvil = await startAnvil({ loadState: path });
  const ctx = createContext(anvil.rpcUrl);
  return { ctx, anvil, stop: () => anvil.stop() };
}

/** Runs `fn` inside an evm_snapshot/evm_revert pair so each test starts from the same state. */
export async function isolated(ctx, fn) {
  const id = await ctx.testClient.snapshot();
  try { return await fn(); } finally { await ctx.testClient.revert({ id }); }
}
