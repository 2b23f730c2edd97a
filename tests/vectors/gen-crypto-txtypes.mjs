// EIP-4844 (type 3) and EIP-7702 (type 4) vectors for tests/vectors/out/crypto.json, computed with viem only:
// blobTransactions, setCodeTransactions and authorizations. gen-crypto.mjs imports txTypeVectors() and writes them
// with the rest; this file has its own fixed seed, so its output does not depend on anything gen-crypto.mjs draws.
// Run alone (only viem needed; ES modules ignore NODE_PATH, so link a node_modules with the same viem 2.57.20):
//   cd tests/vectors && ln -s ../../chain/node_modules node_modules && node gen-crypto-txtypes.mjs; rm node_modules
// which replaces just these three keys in an existing out/crypto.json and leaves the rest of the file as it was.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  keccak256, serializeTransaction, parseTransaction, bytesToHex, getAddress, commitmentToVersionedHash,
} from 'viem';
import { hashAuthorization, recoverAuthorizationAddress } from 'viem/utils';
import { privateKeyToAccount, signAuthorization } from 'viem/accounts';
import { mulberry32 } from './prng.mjs';

const secp256k1N = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;
const assertEq = (a, b, what) => { if (a !== b) throw new Error(`${what}: ${a} !== ${b}`); };

export async function txTypeVectors() {
  const next = mulberry32(0x7702_4844);
  const int = (n) => Math.floor(next() * n);
  const bytes = (n) => Uint8Array.from({ length: n }, () => int(256));
  const hex = (n) => bytesToHex(bytes(n));
  const bigint = (maxBytes) => { const len = int(maxBytes + 1); return len === 0 ? 0n : BigInt(bytesToHex(bytes(len))); };
  const privateKey = () => { for (;;) { const k = hex(32); if (BigInt(k) > 0n && BigInt(k) < secp256k1N) return k; } };
  const accessList = () => Array.from({ length: int(3) }, () => ({
    address: getAddress(hex(20)), storageKeys: Array.from({ length: int(3) }, () => hex(32)),
  }));
  const chainIds = [1, 17000, 560048, 11155111, 31337];
  const common = (i) => {
    const tx = {
      chainId: chainIds[i % chainIds.length], nonce: int(4) === 0 ? 0 : int(1e6), gas: BigInt(21000 + int(3e6)),
      to: getAddress(hex(20)), value: bigint(12), data: int(3) === 0 ? '0x' : hex(int(120)),
      maxPriorityFeePerGas: bigint(6),
    };
    tx.maxFeePerGas = tx.maxPriorityFeePerGas + bigint(8);
    tx.accessList = accessList();
    return tx;
  };
  const fields = (tx) => ({
    chainId: tx.chainId, nonce: tx.nonce, gas: tx.gas.toString(), to: tx.to, value: tx.value.toString(), data: tx.data,
    maxFeePerGas: tx.maxFeePerGas.toString(), maxPriorityFeePerGas: tx.maxPriorityFeePerGas.toString(), accessList: tx.accessList,
  });

  // ---- EIP-7702 authorizations: digest keccak256(0x05 || rlp([chain_id, address, nonce])) and its signature.
  const authChainIds = [1n, 0n, 560048n, 2n ** 64n + 5n, 2n ** 256n - 1n, 31337n];
  const authorizations = [];
  for (let i = 0; i < 18; i++) {
    const key = privateKey();
    const auth = { chainId: authChainIds[i % authChainIds.length], address: getAddress(hex(20)), nonce: i % 4 === 0 ? 0 : int(1e9) };
    const signed = await signAuthorization({ ...auth, privateKey: key });
    const authority = await recoverAuthorizationAddress({ authorization: signed });
    assertEq(authority, privateKeyToAccount(key).address, 'authority');
    authorizations.push({
      privateKey: key, authority, chainId: auth.chainId.toString(), address: auth.address, nonce: auth.nonce,
      digest: hashAuthorization(auth), r: signed.r, s: signed.s, yParity: signed.yParity,
    });
  }

  // ---- EIP-4844 transactions in canonical form (no sidecar).
  const blobTransactions = [];
  for (let i = 0; i < 15; i++) {
    const key = privateKey();
    const account = privateKeyToAccount(key);
    const tx = { type: 'eip4844', ...common(i), maxFeePerBlobGas: bigint(8) + 1n, blobVersionedHashes: Array.from({ length: 1 + int(6) }, () => '0x01' + hex(31).slice(2)) };
    const unsigned = serializeTransaction(tx);
    const raw = await account.signTransaction(tx);
    const parsed = parseTransaction(raw);
    assertEq(parsed.blobVersionedHashes.length, tx.blobVersionedHashes.length, 'blob hashes');
    blobTransactions.push({
      privateKey: key, from: account.address, type: 3, ...fields(tx), maxFeePerBlobGas: tx.maxFeePerBlobGas.toString(),
      blobVersionedHashes: tx.blobVersionedHashes, unsigned, signingHash: keccak256(unsigned), raw, hash: keccak256(raw),
      r: parsed.r, s: parsed.s, yParity: parsed.yParity,
    });
  }

  // One EIP-4844 network form, 0x03 || rlp([tx, blobs, commitments, proofs]), as viem serializes it from sidecars.
  // A blob is 128 KiB, so the file keeps only how to rebuild it: blob byte j is 0 when j % 32 == 0 (a field element
  // below the BLS modulus) and (j * 7 + k) % 256 otherwise, k being the blob's index. Commitments and proofs are not
  // real KZG values (viem serializes them as given); the versioned hashes are the commitments' (0x01 || sha256[1:]).
  const networkWrapper = await (async () => {
    const key = privateKey();
    const account = privateKeyToAccount(key);
    const blobCount = 2;
    const blob = (k) => bytesToHex(Uint8Array.from({ length: 131072 }, (_, j) => (j % 32 === 0 ? 0 : (j * 7 + k) % 256)));
    const sidecars = Array.from({ length: blobCount }, (_, k) => ({ blob: blob(k), commitment: hex(48), proof: hex(48) }));
    const tx = { type: 'eip4844', ...common(3), maxFeePerBlobGas: bigint(8) + 1n, blobVersionedHashes: sidecars.map((s) => commitmentToVersionedHash({ commitment: s.commitment })) };
    const raw = await account.signTransaction(tx);
    const networkRaw = await account.signTransaction({ ...tx, sidecars });
    const parsed = parseTransaction(networkRaw);
    assertEq(parsed.sidecars.length, blobCount, 'sidecars');
    assertEq(parsed.r, parseTransaction(raw).r, 'wrapper signature');
    return {
      privateKey: key, from: account.address, raw, hash: keccak256(raw), commitments: sidecars.map((s) => s.commitment),
      proofs: sidecars.map((s) => s.proof), blobVersionedHashes: tx.blobVersionedHashes,
      networkRawLength: (networkRaw.length - 2) / 2, networkRawKeccak: keccak256(networkRaw),
    };
  })();

  // ---- EIP-7702 transactions with 1 to 3 signed authorizations (some with chain id 0 or a high y parity/s that
  // the chain would skip, which must still encode and decode unchanged).
  const setCodeTransactions = [];
  for (let i = 0; i < 15; i++) {
    const key = privateKey();
    const account = privateKeyToAccount(key);
    const authorizationList = [];
    for (let j = 1 + int(3); j > 0; j--) {
      // viem's parseTransaction reads an authorization's chain id as a JS number: keep these below 2^53.
      const auth = { chainId: [1, 0, 560048, 31337][int(4)], address: getAddress(hex(20)), nonce: int(4) === 0 ? 0 : int(1e6) };
      const signed = await signAuthorization({ ...auth, privateKey: privateKey() });
      authorizationList.push({ address: signed.address, chainId: signed.chainId, nonce: signed.nonce, r: signed.r, s: signed.s, yParity: signed.yParity });
    }
    if (i === 7) authorizationList[0].yParity = 27; // out of 0/1: the tuple is kept, the authority does not recover
    const tx = { type: 'eip7702', ...common(i), authorizationList };
    const unsigned = serializeTransaction(tx);
    const raw = await account.signTransaction(tx);
    const parsed = parseTransaction(raw);
    assertEq(parsed.authorizationList.length, authorizationList.length, 'authorizations');
    setCodeTransactions.push({
      privateKey: key, from: account.address, type: 4, ...fields(tx),
      authorizationList: authorizationList.map((a) => ({ chainId: a.chainId.toString(), address: a.address, nonce: a.nonce, yParity: a.yParity, r: a.r, s: a.s })),
      unsigned, signingHash: keccak256(unsigned), raw, hash: keccak256(raw), r: parsed.r, s: parsed.s, yParity: parsed.yParity,
    });
  }

  return { blobTransactions, blobNetworkWrapper: networkWrapper, setCodeTransactions, authorizations };
}

const isMain = process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1];
if (isMain) {
  const path = new URL('./out/crypto.json', import.meta.url);
  const out = JSON.parse(readFileSync(path, 'utf8'));
  Object.assign(out, await txTypeVectors());
  writeFileSync(path, JSON.stringify(out, (_, v) => (typeof v === 'bigint' ? v.toString() : v), 2) + '\n');
  console.log('updated out/crypto.json (blobTransactions, blobNetworkWrapper, setCodeTransactions, authorizations)');
}
