// Times the benchmark workloads with viem and prints JSON: { name: { opsPerSec, nsPerOp } }.
// Each row: warm up, then run batches until ~1 s has passed; report the median of 5 such runs.
import { encodeAbiParameters, decodeAbiParameters, encodeFunctionData, keccak256, parseAbiParameters, parseAbi, recoverAddress, serializeTransaction, parseSignature } from 'viem';
import { privateKeyToAccount, sign } from 'viem/accounts';
import { queueWithdrawalsParams, holder, token, keccakInput, privateKey, tx } from './workloads.mjs';

const qwType = parseAbiParameters('(address[] strategies, uint256[] depositShares, address __deprecated_withdrawer)[]');
const agg3Abi = parseAbi(['function aggregate3((address target, bool allowFailure, bytes callData)[] calls) payable returns ((bool success, bytes returnData)[])']);
const resultType = parseAbiParameters('(bool success, bytes returnData)[]');
const erc20 = parseAbi(['function balanceOf(address) view returns (uint256)']);
const calls = Array.from({ length: 100 }, (_, i) => ({ target: token, allowFailure: true, callData: encodeFunctionData({ abi: erc20, functionName: 'balanceOf', args: [holder(i)] }) }));
const results = Array.from({ length: 100 }, (_, i) => ({ success: true, returnData: encodeAbiParameters([{ type: 'uint256' }], [10n ** 18n + BigInt(i)]) }));
const qwEncoded = encodeAbiParameters(qwType, [queueWithdrawalsParams]);
const resultsEncoded = encodeAbiParameters(resultType, [results]);
const account = privateKeyToAccount(privateKey);
const unsigned = serializeTransaction(tx);
const txHash = keccak256(unsigned);
const signature = await sign({ hash: txHash, privateKey });

const workloads = {
  'abi-encode queueWithdrawals': () => encodeAbiParameters(qwType, [queueWithdrawalsParams]),
  'abi-decode queueWithdrawals': () => decodeAbiParameters(qwType, qwEncoded),
  'abi-encode aggregate3 (100 calls)': () => encodeFunctionData({ abi: agg3Abi, functionName: 'aggregate3', args: [calls] }),
  'abi-decode aggregate3 results (100)': () => decodeAbiParameters(resultType, resultsEncoded),
  'keccak256 1 KiB': () => keccak256(keccakInput, 'bytes'),
  'sign EIP-1559 tx': () => account.signTransaction(tx),
  'recover signer': () => recoverAddress({ hash: txHash, signature }),
};

async function timeOne(fn) {
  const isAsync = fn() instanceof Promise;
  const run = async (n) => { const t = process.hrtime.bigint(); for (let i = 0; i < n; i++) { if (isAsync) await fn(); else fn(); } return Number(process.hrtime.bigint() - t); };
  let n = 1;
  while ((await run(n)) < 50e6) n *= 2; // warm-up and calibrate to ~50 ms per batch
  const samples = [];
  for (let r = 0; r < 5; r++) {
    let ns = 0, ops = 0;
    while (ns < 200e6) { ns += await run(n); ops += n; }
    samples.push(ns / ops);
  }
  samples.sort((a, b) => a - b);
  const nsPerOp = samples[2];
  return { nsPerOp: Math.round(nsPerOp), opsPerSec: Math.round(1e9 / nsPerOp) };
}

const out = {};
for (const [name, fn] of Object.entries(workloads)) out[name] = await timeOne(fn);
console.log(JSON.stringify({ runtime: `node ${process.version}`, viem: (await import('viem/package.json', { with: { type: 'json' } })).default.version, results: out }, null, 1));
