// Generates tests/vectors/out/eigenlayer.json with viem, independently of the C# EigenLayerClient:
//  - withdrawal roots: keccak256(abi.encode(Withdrawal)) for the slashing-release struct
//    (address staker, address delegatedTo, address withdrawer, uint256 nonce, uint32 startBlock, address[] strategies, uint256[] scaledShares);
//  - EIP-712 digests of Deposit (StrategyManager) and DelegationApproval (DelegationManager), domain ("EigenLayer", version, chainId, verifyingContract).
// The first deposit/approval cases are eigenlayer.md §7's vectors. Fixed seed: re-running gives the same file.
// Run: cd tests/vectors && npm ci && node gen-eigenlayer.mjs
import { writeFileSync, mkdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { encodeAbiParameters, keccak256, hashTypedData, getAddress, toHex } from 'viem';
import { mulberry32 } from './prng.mjs';

const here = dirname(fileURLToPath(import.meta.url));

const rand = mulberry32(0x3e16e7a1);
const randBytes = (n) => Uint8Array.from({ length: n }, () => Math.floor(rand() * 256));
const randAddress = () => getAddress(toHex(randBytes(20)));
function randUint(maxBits) {
  const bits = Math.floor(rand() * (maxBits + 1));
  let v = 0n;
  for (let i = 0; i < bits; i += 16) v = (v << 16n) | BigInt(Math.floor(rand() * 65536));
  return bits === 0 ? 0n : v % (1n << BigInt(bits));
}

const withdrawalType = [{
  type: 'tuple',
  components: [
    { name: 'staker', type: 'address' }, { name: 'delegatedTo', type: 'address' }, { name: 'withdrawer', type: 'address' },
    { name: 'nonce', type: 'uint256' }, { name: 'startBlock', type: 'uint32' },
    { name: 'strategies', type: 'address[]' }, { name: 'scaledShares', type: 'uint256[]' },
  ],
}];

const withdrawals = [];
for (let i = 0; i < 40; i++) {
  const n = Math.floor(rand() * 4); // 0..3 strategies
  const w = {
    staker: randAddress(),
    delegatedTo: i % 5 === 0 ? '0x0000000000000000000000000000000000000000' : randAddress(),
    withdrawer: randAddress(),
    nonce: randUint(64),
    startBlock: Number(randUint(32)),
    strategies: Array.from({ length: n }, randAddress),
    scaledShares: Array.from({ length: n }, () => randUint(200)),
  };
  const root = keccak256(encodeAbiParameters(withdrawalType, [w]));
  withdrawals.push({ ...w, nonce: w.nonce.toString(), scaledShares: w.scaledShares.map(String), root });
}

const mainnet = {
  strategyManager: '0x858646372CC42E1A627fcE94aa7A7033e7CF075A',
  delegationManager: '0x39053D51B77DC0d36036Fc1fCc8Cb819df8Ef37A',
};
const repeat = (hex2) => getAddress('0x' + hex2.repeat(20));

const depositTypes = {
  Deposit: [
    { name: 'staker', type: 'address' }, { name: 'strategy', type: 'address' }, { name: 'token', type: 'address' },
    { name: 'amount', type: 'uint256' }, { name: 'nonce', type: 'uint256' }, { name: 'expiry', type: 'uint256' },
  ],
};
const approvalTypes = {
  DelegationApproval: [
    { name: 'delegationApprover', type: 'address' }, { name: 'staker', type: 'address' }, { name: 'operator', type: 'address' },
    { name: 'salt', type: 'bytes32' }, { name: 'expiry', type: 'uint256' },
  ],
};

const deposits = [];
const approvals = [];
for (let i = 0; i < 20; i++) {
  const spec = i === 0;
  const chainId = spec ? 1 : [1, 17000, 560048, 31337][Math.floor(rand() * 4)];
  const version = spec ? '1' : ['1', '2', 'v1'][Math.floor(rand() * 3)];
  const d = spec
    ? { staker: repeat('11'), strategy: '0x93c4b944D05dfe6df7645A86cd2206016c51564D', token: '0xae7ab96520DE3A18E5e111B5EaAb095312D7fE84', amount: 10n ** 18n, nonce: 0n, expiry: 1900000000n }
    : { staker: randAddress(), strategy: randAddress(), token: randAddress(), amount: randUint(128), nonce: randUint(16), expiry: randUint(40) };
  const verifyingContract = spec ? mainnet.strategyManager : randAddress();
  const digest = hashTypedData({ domain: { name: 'EigenLayer', version, chainId, verifyingContract }, types: depositTypes, primaryType: 'Deposit', message: d });
  deposits.push({ chainId, version, verifyingContract, ...d, amount: d.amount.toString(), nonce: d.nonce.toString(), expiry: d.expiry.toString(), digest });

  const a = spec
    ? { delegationApprover: repeat('33'), staker: repeat('11'), operator: repeat('22'), salt: '0x' + '00'.repeat(31) + '01', expiry: 1900000000n }
    : { delegationApprover: randAddress(), staker: randAddress(), operator: randAddress(), salt: toHex(randBytes(32)), expiry: randUint(40) };
  const approvalContract = spec ? mainnet.delegationManager : randAddress();
  const approvalDigest = hashTypedData({ domain: { name: 'EigenLayer', version, chainId, verifyingContract: approvalContract }, types: approvalTypes, primaryType: 'DelegationApproval', message: a });
  approvals.push({ chainId, version, verifyingContract: approvalContract, ...a, expiry: a.expiry.toString(), digest: approvalDigest });
}

mkdirSync(join(here, 'out'), { recursive: true });
writeFileSync(join(here, 'out', 'eigenlayer.json'), JSON.stringify({ generator: 'viem ' + (await import('viem/package.json', { with: { type: 'json' } }).catch(() => ({ default: { version: '?' } }))).default.version, withdrawals, deposits, approvals }, null, 1) + '\n');
console.log(`wrote ${withdrawals.length} withdrawals, ${deposits.length} deposits, ${approvals.length} approvals`);
