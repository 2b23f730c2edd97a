// Compiles every Solidity file under chain/contracts with the pinned solc-js and writes one artifact per
// contract to chain/out/artifacts/<folder>/<Contract>.json ({ abi, bytecode, deployedBytecode, source }).
// Most replicas are written without constructors or immutables, so deployedBytecode can be placed at a mainnet
// address with anvil_setCode and then initialised. A replica whose real contract has a constructor immutable
// (EigenLayer's MIN_WITHDRAWAL_DELAY_BLOCKS) is recorded with `immutables` and placed with ctx.placeBuilt, which
// runs its constructor first.
import { readFileSync, writeFileSync, mkdirSync, readdirSync, statSync, rmSync } from 'node:fs';
import { join, relative, dirname, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import solc from 'solc';

const chainDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const contractsDir = join(chainDir, 'contracts');
export const artifactsDir = join(chainDir, 'out', 'artifacts');

function listSol(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...listSol(p));
    else if (name.endsWith('.sol')) out.push(p);
  }
  return out;
}

export function compileAll({ quiet = false } = {}) {
  const files = listSol(contractsDir);
  const sources = {};
  for (const f of files) sources[relative(contractsDir, f).split(sep).join('/')] = { content: readFileSync(f, 'utf8') };
  const input = {
    language: 'Solidity',
    sources,
    settings: {
      optimizer: { enabled: true, runs: 200 },
      evmVersion: 'cancun',
      outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object', 'evm.deployedBytecode.object', 'evm.deployedBytecode.immutableReferences'] } },
    },
  };
  const started = Date.now();
  const output = JSON.parse(solc.compile(JSON.stringify(input), { import: (path) => {
    try { return { contents: readFileSync(join(contractsDir, path), 'utf8') }; } catch { return { error: `not found: ${path}` }; }
  } }));
  const errors = (output.errors ?? []).filter((e) => e.severity === 'error');
  for (const e of output.errors ?? []) if (!quiet || e.severity === 'error') console.error(e.formattedMessage);
  if (errors.length) throw new Error(`solc: ${errors.length} error(s)`);
  rmSync(artifactsDir, { recursive: true, force: true });
  let count = 0;
  for (const [source, contracts] of Object.entries(output.contracts ?? {})) {
    for (const [name, c] of Object.entries(contracts)) {
      const immutables = Object.keys(c.evm.deployedBytecode.immutableReferences ?? {}).length;
      const folder = source.includes('/') ? source.split('/')[0] : 'common';
      const dir = join(artifactsDir, folder);
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, `${name}.json`), JSON.stringify({
        contractName: name, source, abi: c.abi,
        bytecode: `0x${c.evm.bytecode.object}`, deployedBytecode: `0x${c.evm.deployedBytecode.object}`, immutables,
      }, null, 1));
      count++;
    }
  }
  if (!quiet) console.log(`compiled ${files.length} files, ${count} contracts with solc ${solc.version()} in ${Date.now() - started} ms`);
  return count;
}

/** Loads an artifact by "<folder>/<Contract>" (e.g. "lido/Lido") or by a unique contract name. */
export function loadArtifact(id) {
  const [folder, name] = id.includes('/') ? id.split('/') : [null, id];
  if (folder) return JSON.parse(readFileSync(join(artifactsDir, folder, `${name}.json`), 'utf8'));
  const hits = readdirSync(artifactsDir).filter((d) => { try { statSync(join(artifactsDir, d, `${name}.json`)); return true; } catch { return false; } });
  if (hits.length !== 1) throw new Error(`artifact ${id}: ${hits.length ? 'ambiguous, found in ' + hits.join(', ') : 'not found'}`);
  return JSON.parse(readFileSync(join(artifactsDir, hits[0], `${name}.json`), 'utf8'));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) compileAll();
