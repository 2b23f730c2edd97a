// The benchmark workloads, defined once so both sides (viem here, BenchmarkDotNet in C#) time the same bytes.
// bench/LiquidStake.Benchmarks reads bench/peer/workloads.json written by `node workloads.mjs`.
import { writeFileSync } from 'node:fs';

const strategy = (i) => `0x${(0x93c4b944d05dfe6df7645a86cd2206016c51564dn + BigInt(i)).toString(16).padStart(40, '0')}`;
export const queueWithdrawalsParams = [0, 1].map((p) => ({
  strategies: [0, 1, 2].map((i) => strategy(p * 3 + i)),
  depositShares: [0, 1, 2].map((i) => 10n ** 18n * BigInt(p * 3 + i + 1) + 123456789n),
  __deprecated_withdrawer: '0x0000000000000000000000000000000000000000',
}));
export const holder = (i) => `0x${(0x1000000000000000000000000000000000000000n + BigInt(i) * 7919n).toString(16).padStart(40, '0')}`;
export const token = '0xae7ab96520DE3A18E5e111B5EaAb095312D7fE84';
export const keccakInput = Uint8Array.from({ length: 1024 }, (_, i) => (i * 31 + 7) & 0xff);
export const privateKey = '0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318';
export const tx = {
  type: 'eip1559', chainId: 1, nonce: 42, to: '0xae7ab96520DE3A18E5e111B5EaAb095312D7fE84',
  value: 1500000000000000000n, gas: 120000n, maxFeePerGas: 30000000000n, maxPriorityFeePerGas: 1000000000n,
  data: '0xa1903eab0000000000000000000000000000000000000000000000000000000000000000',
};

if (process.argv[1] && process.argv[1].endsWith('workloads.mjs')) {
  const json = {
    queueWithdrawals: queueWithdrawalsParams.map((p) => ({ strategies: p.strategies, depositShares: p.depositShares.map(String), withdrawer: p.__deprecated_withdrawer })),
    holders: Array.from({ length: 100 }, (_, i) => holder(i)),
    token,
    keccakInputHex: Buffer.from(keccakInput).toString('hex'),
    privateKey,
    tx: { ...tx, value: String(tx.value), gas: String(tx.gas), maxFeePerGas: String(tx.maxFeePerGas), maxPriorityFeePerGas: String(tx.maxPriorityFeePerGas) },
  };
  writeFileSync(new URL('./workloads.json', import.meta.url), JSON.stringify(json, null, 1));
}
