// Generates tests/vectors/out/etherfi.json: ether.fi share math (etherfi.md §4-§6) computed with plain JS BigInt, an
// implementation independent of the C# EtherFiMath. Fixed seed: re-running gives the same file.
// Run: cd tests/vectors && node gen-etherfi.mjs
import { writeFileSync, mkdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mulberry32 } from './prng.mjs';

const here = dirname(fileURLToPath(import.meta.url));

const rand = mulberry32(0xe7f1e7f1);
function randBig(maxBits) {
  const bits = 1 + Math.floor(rand() * maxBits);
  let v = 0n;
  for (let i = 0; i < bits; i += 16) v = (v << 16n) | BigInt(Math.floor(rand() * 65536));
  return v % (1n << BigInt(bits)) + 1n;
}
const E18 = 10n ** 18n;
const floor = (a, b) => a / b;
const ceil = (a, b) => (a + b - 1n) / b;

const cases = [];
for (let i = 0; i < 200; i++) {
  // P in [1e18, ~1e25], S = P * (0.8..1.0), amounts up to ~2^80 wei
  const P = E18 + randBig(83);
  const S = P - P * BigInt(Math.floor(rand() * 2000)) / 10000n;
  const amount = randBig(80);
  const feeBps = BigInt(Math.floor(rand() * 501));
  const splitBps = BigInt(Math.floor(rand() * 10001));
  const sharesForAmount = floor(amount * S, P);
  const sharesForWithdrawalAmount = ceil(amount * S, P);
  const amountForShare = floor(amount * P, S);
  const amountPerShareCeil = ceil(E18 * P, S);
  const depositShares = floor(amount * S, P);
  const depositEEth = floor(depositShares * (P + amount), S + depositShares);
  const adapterWeEth = floor(depositEEth * (S + depositShares), P + amount);
  const requestShares = sharesForAmount;
  const claimable = requestShares * amountPerShareCeil / E18 < amount ? requestShares * amountPerShareCeil / E18 : amount;
  const toReceiver = floor(floor(sharesForAmount * (10000n - feeBps), 10000n) * P, S);
  const burned = ceil(toReceiver * S, P);
  const feeShares = sharesForAmount - burned;
  const treasuryShares = floor(feeShares * splitBps, 10000n);
  cases.push({
    pooledEther: P.toString(), totalShares: S.toString(), amount: amount.toString(),
    exitFeeBps: Number(feeBps), treasurySplitBps: Number(splitBps),
    sharesForAmount: sharesForAmount.toString(), sharesForWithdrawalAmount: sharesForWithdrawalAmount.toString(),
    amountForShare: amountForShare.toString(), amountPerShareCeil: amountPerShareCeil.toString(),
    depositShares: depositShares.toString(), depositEEth: depositEEth.toString(), adapterWeEth: adapterWeEth.toString(),
    claimable: claimable.toString(),
    redeemToReceiver: toReceiver.toString(), redeemSharesBurned: burned.toString(),
    redeemFeeToTreasury: floor(treasuryShares * P, S).toString(),
    redeemFeeToStakers: floor((feeShares - treasuryShares) * P, S).toString(),
  });
}
mkdirSync(join(here, 'out'), { recursive: true });
writeFileSync(join(here, 'out', 'etherfi.json'), JSON.stringify({ cases }, null, 1) + '\n');
console.log(`wrote ${cases.length} ether.fi share-math cases`);
