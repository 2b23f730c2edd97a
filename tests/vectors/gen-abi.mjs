// Generates tests/vectors/out/abi.json: ABI encodings, selectors, topics, revert data, packed encodings, keccak and
// unit conversions computed by viem, an implementation independent of ours. Fixed seed: re-running gives the same file.
// Run: cd tests/vectors && npm ci && node gen-abi.mjs
import { readdirSync, readFileSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { join, relative, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  encodeAbiParameters, decodeAbiParameters, encodePacked, toFunctionSelector, toEventSelector, toFunctionSignature,
  toEventSignature, decodeErrorResult, encodeErrorResult, encodeEventTopics, decodeEventLog, encodeFunctionData,
  decodeFunctionData, keccak256, getAddress, toHex, parseUnits, formatUnits,
} from 'viem';

const here = dirname(fileURLToPath(import.meta.url));
import { existsSync } from 'node:fs';
import { mulberry32 } from './prng.mjs';
// The shared ABIs live next to the repository (<repo>/../shared); worktrees sit one level deeper, so look upwards.
const abisDir = process.env.ABIS_DIR
  ?? [join(here, '..', '..', '..', 'shared', 'abis'), join(here, '..', '..', '..', '..', 'shared', 'abis')].find((p) => existsSync(p));
if (!abisDir) throw new Error('shared/abis not found; set ABIS_DIR');

// ---- deterministic PRNG
const rnd = mulberry32(0x5eed_ab1);
const int = (n) => Math.floor(rnd() * n);
const pick = (xs) => xs[int(xs.length)];
function randBytes(n) {
  const b = new Uint8Array(n);
  for (let i = 0; i < n; i++) b[i] = int(256);
  return b;
}
function randBig(bits) {
  let v = 0n;
  for (let i = 0; i < bits; i += 8) v = (v << 8n) | BigInt(int(256));
  return v & ((1n << BigInt(bits)) - 1n);
}

// ---- random types
const WIDTHS = Array.from({ length: 32 }, (_, i) => (i + 1) * 8);
function randElementary() {
  switch (int(8)) {
    case 0: return { k: 'uint', bits: pick(WIDTHS) };
    case 1: return { k: 'int', bits: pick(WIDTHS) };
    case 2: return { k: 'address' };
    case 3: return { k: 'bool' };
    case 4: return { k: 'bytesN', n: 1 + int(32) };
    case 5: return { k: 'bytes' };
    case 6: return { k: 'string' };
    default: return { k: 'uint', bits: 256 };
  }
}
function randType(depth) {
  const r = rnd();
  if (depth >= 3 || r < 0.55) return randElementary();
  if (r < 0.8) return { k: 'array', el: randType(depth + 1), len: rnd() < 0.5 ? null : 1 + int(3) };
  const n = 1 + int(4);
  return { k: 'tuple', comps: Array.from({ length: n }, () => randType(depth + 1)) };
}
function canonical(t) {
  switch (t.k) {
    case 'uint': case 'int': return t.k + t.bits;
    case 'bytesN': return 'bytes' + t.n;
    case 'array': return canonical(t.el) + (t.len === null ? '[]' : `[${t.len}]`);
    case 'tuple': return '(' + t.comps.map(canonical).join(',') + ')';
    default: return t.k;
  }
}
function viemParam(t) {
  if (t.k === 'array') {
    const inner = viemParam(t.el);
    return { ...inner, type: inner.type + (t.len === null ? '[]' : `[${t.len}]`) };
  }
  if (t.k === 'tuple') return { type: 'tuple', components: t.comps.map(viemParam) };
  return { type: canonical(t) };
}

// ---- random values: viem form (bigint, hex, arrays) and JSON form (numbers as strings, bytes as hex)
const CHARS = ['a', 'Z', '0', ' ', '"', '\\', 'é', 'ß', 'Ω', '中', '文', 'ж', '€', '😀', '🦄', '\u0000', '\n', 'ℕ'];
function randValue(t) {
  switch (t.k) {
    case 'uint': {
      const max = (1n << BigInt(t.bits)) - 1n;
      return pick([0n, 1n, max, max - 1n, randBig(t.bits), randBig(t.bits), randBig(1 + int(t.bits))]);
    }
    case 'int': {
      const max = (1n << BigInt(t.bits - 1)) - 1n;
      const min = -max - 1n;
      const r = randBig(t.bits - 1);
      return pick([0n, 1n, -1n, max, min, r, -r, -randBig(1 + int(t.bits - 1))]);
    }
    case 'address': return getAddress(toHex(randBytes(20)));
    case 'bool': return rnd() < 0.5;
    case 'bytesN': return toHex(randBytes(t.n));
    case 'bytes': return toHex(randBytes(pick([0, 1, 31, 32, 33, int(70)])));
    case 'string': return Array.from({ length: pick([0, 1, int(12), int(40)]) }, () => pick(CHARS)).join('');
    case 'array': return Array.from({ length: t.len ?? int(4) }, () => randValue(t.el));
    case 'tuple': return t.comps.map(randValue);
  }
}
// JSON form: bigint -> decimal string; everything else as is (hex strings, bools, strings, arrays).
const toJson = (v) => (typeof v === 'bigint' ? v.toString() : Array.isArray(v) ? v.map(toJson) : v);
// viem decodes small ints as numbers; normalise before comparing.
const norm = (v) => (typeof v === 'number' ? v.toString() : typeof v === 'bigint' ? v.toString() : Array.isArray(v) ? v.map(norm)
  : v !== null && typeof v === 'object' ? Object.values(v).map(norm)
  : typeof v === 'string' && /^0x[0-9a-fA-F]*$/.test(v) ? v.toLowerCase() : v);
const same = (a, b) => JSON.stringify(norm(a)) === JSON.stringify(norm(b));

// ---- 1. random encodings
const encodings = [];
while (encodings.length < 400) {
  const count = 1 + int(4);
  const types = Array.from({ length: count }, () => randType(0));
  const values = types.map(randValue);
  const params = types.map(viemParam);
  const encoded = encodeAbiParameters(params, values);
  const decoded = decodeAbiParameters(params, encoded);
  if (!same(decoded, values)) throw new Error('viem round trip mismatch for ' + types.map(canonical).join(','));
  encodings.push({ types: types.map(canonical), values: toJson(values), encoded });
}
// Hand-picked edge cases on top of the random ones.
const edge = [
  [['uint256'], [(1n << 256n) - 1n]],
  [['int256'], [-(1n << 255n)]],
  [['int8', 'int16', 'uint8'], [-128n, -1n, 255n]],
  [['string'], ['']],
  [['bytes'], ['0x']],
  [['bytes32[]'], [[]]],
  [['string[]'], [['', 'a', '😀']]],
  [['(uint256,string)[2]'], [[[1n, 'x'], [2n, 'y']]]],
  [['uint256[][]'], [[[1n, 2n], [], [3n]]]],
];
for (const [typeStrings, values] of edge) {
  const params = typeStrings.map((s) => viemParam(parseCanonical(s)));
  encodings.push({ types: typeStrings, values: toJson(values), encoded: encodeAbiParameters(params, values) });
}
function parseCanonical(s) {
  let i = 0;
  function type() {
    let t;
    if (s[i] === '(') {
      i++;
      const comps = [];
      for (;;) { comps.push(type()); if (s[i++] === ')') break; }
      t = { k: 'tuple', comps };
    } else {
      const m = /^[a-z0-9]+/.exec(s.slice(i));
      i += m[0].length;
      const name = m[0];
      t = /^u?int\d+$/.test(name) ? { k: name.startsWith('u') ? 'uint' : 'int', bits: +name.replace(/\D/g, '') }
        : /^bytes\d+$/.test(name) ? { k: 'bytesN', n: +name.slice(5) } : { k: name };
    }
    while (s[i] === '[') {
      const close = s.indexOf(']', i);
      const len = s.slice(i + 1, close);
      t = { k: 'array', el: t, len: len === '' ? null : +len };
      i = close + 1;
    }
    return t;
  }
  return type();
}

// ---- 2. selectors and topics of every entry in the shared ABIs, plus encoded calls with random arguments
function walk(dir) {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? walk(p) : f.endsWith('.json') ? [p] : [];
  }).sort();
}
const functions = [], events = [], errors = [], calls = [], logs = [], customReverts = [];
const paramToType = (p) => {
  const m = /^tuple((\[\d*\])*)$/.exec(p.type);
  if (!m) return parseCanonical(p.type);
  let t = { k: 'tuple', comps: p.components.map(paramToType) };
  for (const [, len] of m[1].matchAll(/\[(\d*)\]/g)) t = { k: 'array', el: t, len: len === '' ? null : +len };
  return t;
};
for (const file of walk(abisDir)) {
  const abi = JSON.parse(readFileSync(file, 'utf8'));
  const name = relative(abisDir, file);
  for (const item of abi) {
    if ((item.type ?? 'function') === 'function') {
      const signature = toFunctionSignature(item);
      functions.push({ file: name, signature, selector: toFunctionSelector(item) });
      if (calls.length < 400 && rnd() < 0.5) {
        const args = item.inputs.map((p) => randValue(paramToType(p)));
        const data = encodeFunctionData({ abi: [item], functionName: item.name, args });
        const back = decodeFunctionData({ abi: [item], data });
        if (!same(back.args ?? [], args)) throw new Error('call round trip mismatch ' + signature);
        calls.push({ file: name, signature, types: item.inputs.map((p) => canonical(paramToType(p))), args: toJson(args), data });
      }
    } else if (item.type === 'event') {
      events.push({ file: name, signature: toEventSignature(item), topic: toEventSelector(item), anonymous: !!item.anonymous });
      const hashedIndexed = item.inputs.some((p) => p.indexed && /^tuple|\[/.test(p.type));
      if (!hashedIndexed && !item.anonymous && logs.length < 120) {
        const args = item.inputs.map((p) => randValue(paramToType(p)));
        const indexedArgs = item.inputs.map((p, i) => (p.indexed ? args[i] : undefined));
        const topics = encodeEventTopics({ abi: [item], eventName: item.name, args: item.inputs.some((p) => p.name === '') ? indexedArgs
          : Object.fromEntries(item.inputs.map((p, i) => [p.name, indexedArgs[i]])) });
        const dataParams = item.inputs.filter((p) => !p.indexed);
        const data = encodeAbiParameters(dataParams, args.filter((_, i) => !item.inputs[i].indexed));
        decodeEventLog({ abi: [item], topics, data, strict: true });
        // Indexed strings and bytes come back as the keccak hash that the topic holds.
        const expected = item.inputs.map((p, i) => {
          if (!p.indexed || !/^(string|bytes)$/.test(p.type)) return toJson(args[i]);
          const topicIndex = 1 + item.inputs.slice(0, i).filter((q) => q.indexed).length;
          return { hash: topics[topicIndex] };
        });
        logs.push({ file: name, signature: toEventSignature(item), topics, data, expected });
      }
    } else if (item.type === 'error') {
      errors.push({ file: name, signature: toFunctionSignature(item), selector: toFunctionSelector(item) });
      if (customReverts.length < 80) {
        const args = item.inputs.map((p) => randValue(paramToType(p)));
        const data = encodeErrorResult({ abi: [item], errorName: item.name, args: args.length ? args : undefined });
        const back = decodeErrorResult({ abi: [item], data });
        if (back.errorName !== item.name) throw new Error('error round trip ' + item.name);
        customReverts.push({ file: name, signature: toFunctionSignature(item), name: item.name, args: toJson(args), data });
      }
    }
  }
}

// ---- 3. revert data: Error(string) and Panic(uint256)
const solidityError = { type: 'error', name: 'Error', inputs: [{ type: 'string', name: 'message' }] };
const solidityPanic = { type: 'error', name: 'Panic', inputs: [{ type: 'uint256', name: 'reason' }] };
const reverts = [];
for (const message of ['', 'ERC20: transfer amount exceeds balance', 'STAKE_LIMIT', 'ünïcødé 😀', 'x'.repeat(100)]) {
  const data = encodeErrorResult({ abi: [solidityError], errorName: 'Error', args: [message] });
  const back = decodeErrorResult({ data });
  if (back.args[0] !== message) throw new Error('Error(string) mismatch');
  reverts.push({ kind: 'ErrorString', name: 'Error', message, data });
}
for (const code of [0x00, 0x01, 0x11, 0x12, 0x21, 0x22, 0x31, 0x32, 0x41, 0x51, 0x99]) {
  const data = encodeErrorResult({ abi: [solidityPanic], errorName: 'Panic', args: [BigInt(code)] });
  const back = decodeErrorResult({ data });
  if (back.args[0] !== BigInt(code)) throw new Error('Panic mismatch');
  reverts.push({ kind: 'Panic', name: 'Panic', code: code.toString(), data });
}

// ---- 4. encodePacked
const packed = [];
function randPackedType() {
  let t;
  do t = randElementary(); while (false);
  if (rnd() < 0.25 && t.k !== 'bytes' && t.k !== 'string') return { k: 'array', el: t, len: rnd() < 0.5 ? null : 1 + int(3) };
  return t;
}
while (packed.length < 150) {
  const types = Array.from({ length: 1 + int(4) }, randPackedType);
  const values = types.map(randValue);
  packed.push({ types: types.map(canonical), values: toJson(values), encoded: encodePacked(types.map(canonical), values) });
}

// ---- 5. keccak
const kilobyte = toHex(randBytes(1024));
const keccak = [
  { input: '0x', hash: keccak256('0x') },
  { input: toHex(new TextEncoder().encode('abc')), hash: keccak256(toHex(new TextEncoder().encode('abc'))) },
  { input: kilobyte, hash: keccak256(kilobyte) },
  ...[135, 136, 137, 272].map((n) => { const x = toHex(randBytes(n)); return { input: x, hash: keccak256(x) }; }),
];

// ---- 6. units
const units = [];
for (const decimals of [0, 1, 6, 8, 9, 18, 27]) {
  for (const raw of [0n, 1n, 10n, 123456789n, 10n ** 18n, 15n * 10n ** 17n, (1n << 256n) - 1n, -1n, -(10n ** 18n) - 5n, randBig(100)]) {
    const text = formatUnits(raw, decimals);
    if (parseUnits(text, decimals) !== raw) throw new Error('units round trip');
    units.push({ raw: raw.toString(), decimals, text });
  }
}

const out = {
  generator: 'tests/vectors/gen-abi.mjs (viem)',
  encodings, functions, events, errors, calls, logs, reverts, customReverts, packed, keccak, units,
};
mkdirSync(join(here, 'out'), { recursive: true });
writeFileSync(join(here, 'out', 'abi.json'), JSON.stringify(out, null, 1) + '\n');
console.log(`encodings ${encodings.length}, functions ${functions.length}, events ${events.length}, errors ${errors.length}, calls ${calls.length}, logs ${logs.length}, reverts ${reverts.length + customReverts.length}, packed ${packed.length}, keccak ${keccak.length}, units ${units.length}`);
