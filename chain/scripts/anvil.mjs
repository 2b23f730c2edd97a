// Starts and stops Anvil from the pinned npm package, on a free loopback port, and waits until it answers.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { openSync, mkdirSync, existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

export const chainDir = join(dirname(fileURLToPath(import.meta.url)), '..');
// The platform package's native binary, not the npm wrapper: a signal to the wrapper (a node script) would end the
// wrapper while the real anvil goes on, e.g. still writing --dump-state.
const platformTag = `${process.platform === 'win32' ? 'win32' : process.platform}-${process.arch === 'x64' ? 'amd64' : process.arch}`;
const nativeAnvil = join(chainDir, 'node_modules', '@foundry-rs', `anvil-${platformTag}`, 'bin', process.platform === 'win32' ? 'anvil.exe' : 'anvil');
export const anvilBin = existsSync(nativeAnvil) ? nativeAnvil : join(chainDir, 'node_modules', '.bin', 'anvil');
export const TEST_MNEMONIC = 'test test test test test test test test test test test junk';

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => { const { port } = srv.address(); srv.close(() => resolve(port)); });
  });
}

async function rpc(url, method, params = []) {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }) });
  const body = await res.json();
  if (body.error) throw new Error(`${method}: ${body.error.message}`);
  return body.result;
}

/**
 * Starts anvil. options: port, loadState, dumpState, forkUrl, forkBlock, extraArgs, logFile, timeoutMs.
 * Returns { rpcUrl, port, process, stop() }.
 */
export async function startAnvil(options = {}) {
  const port = options.port ?? await freePort();
  const args = ['--host', '127.0.0.1', '--port', String(port), '--mnemonic', TEST_MNEMONIC, '--accounts', '10', '--balance', '10000'];
  if (options.forkUrl) {
    args.push('--fork-url', options.forkUrl);
    if (options.forkBlock) args.push('--fork-block-number', String(options.forkBlock));
  } else {
    args.push('--chain-id', '1', '--hardfork', 'prague');
  }
  if (options.loadState) args.push('--load-state', options.loadState);
  if (options.dumpState) args.push('--dump-state', options.dumpState);
  args.push(...(options.extraArgs ?? []));
  const logFile = options.logFile ?? join(chainDir, 'out', 'logs', `anvil-${port}.log`);
  mkdirSync(dirname(logFile), { recursive: true });
  const log = openSync(logFile, 'a');
  const child = spawn(anvilBin, args, { stdio: ['ignore', log, log] });
  let exited = false;
  child.on('exit', () => { exited = true; });
  const rpcUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + (options.timeoutMs ?? 30000);
  for (;;) {
    if (exited) throw new Error(`anvil exited during startup; see ${logFile}`);
    try { await rpc(rpcUrl, 'eth_chainId'); break; } catch { /* not up yet */ }
    if (Date.now() > deadline) { child.kill('SIGKILL'); throw new Error(`anvil did not answer within ${options.timeoutMs ?? 30000} ms; see ${logFile}`); }
    await new Promise((r) => setTimeout(r, 50));
  }
  // A clean stop lets anvil finish writing --dump-state, which can take a while on a loaded machine.
  const stop = ({ killAfterMs = 10000 } = {}) => new Promise((resolve) => {
    if (exited) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
    setTimeout(() => { if (!exited) child.kill('SIGKILL'); }, killAfterMs).unref();
  });
  return { rpcUrl, port, process: child, logFile, stop };
}
