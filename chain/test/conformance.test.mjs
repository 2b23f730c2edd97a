// ABI conformance: every replica function, event and error that the SDK uses must exist with the signature,
// outputs, state mutability and indexed flags of the real mainnet ABI in ../shared/abis. Each deploy module
// exports `conformance`: [{ artifact: 'lido/Lido', abi: 'lido/Lido.json', required: ['submit', ...] }].
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { chainDir } from '../scripts/anvil.mjs';
import { loadArtifact } from '../scripts/compile.mjs';

const sharedAbis = join(chainDir, '..', '..', 'shared', 'abis');

function typeOf(p) {
  if (!p.type.startsWith('tuple')) return p.type;
  return `(${p.components.map(typeOf).join(',')})${p.type.slice(5)}`;
}
function mutability(e) {
  if (e.stateMutability) return e.stateMutability;
  if (e.constant) return 'view';
  return e.payable ? 'payable' : 'nonpayable';
}
function describe(e) {
  const inputs = (e.inputs ?? []).map((p) => typeOf(p) + (e.type === 'event' && p.indexed ? ' indexed' : '')).join(',');
  if (e.type === 'function') return `function ${e.name}(${inputs}) ${mutability(e)} returns (${(e.outputs ?? []).map(typeOf).join(',')})`;
  if (e.type === 'event') return `event ${e.name}(${inputs})${e.anonymous ? ' anonymous' : ''}`;
  return `error ${e.name}(${inputs})`;
}

const modules = readdirSync(join(chainDir, 'deploy')).filter((f) => f.endsWith('.mjs'));
for (const file of modules) {
  const mod = await import(join(chainDir, 'deploy', file));
  for (const entry of mod.conformance ?? []) {
    test(`${entry.artifact} conforms to shared/abis/${entry.abi}`, { skip: existsSync(sharedAbis) ? false : 'shared/abis not found' }, () => {
      const real = JSON.parse(readFileSync(join(sharedAbis, entry.abi), 'utf8')).filter((e) => ['function', 'event', 'error'].includes(e.type));
      const replica = loadArtifact(entry.artifact).abi.filter((e) => ['function', 'event', 'error'].includes(e.type));
      const realSet = new Set(real.map(describe));
      const replicaSet = new Set(replica.map(describe));
      const problems = [];
      for (const name of entry.required) {
        const wanted = real.filter((e) => e.name === name);
        if (wanted.length === 0) problems.push(`${name}: not in the real ABI (fix the required list)`);
        for (const w of wanted) if (!replicaSet.has(describe(w))) problems.push(`missing or different: ${describe(w)}`);
      }
      const realNames = new Set(real.map((e) => `${e.type}:${e.name}`));
      for (const r of replica) {
        if (realNames.has(`${r.type}:${r.name}`) && !realSet.has(describe(r))) problems.push(`differs from the real ABI: ${describe(r)}`);
      }
      assert.deepEqual(problems, [], problems.join('\n'));
    });
  }
}
