// Generates tests/vectors/out/crypto.json: independent vectors for RLP, transactions, signatures, EIP-191/712,
// BIP39/32/44 and keystores, computed with the pinned viem / ethers / @noble / @scure. Fixed seed: stable output.
// EIP-4844 / EIP-7702 transactions and EIP-7702 authorizations come from gen-crypto-txtypes.mjs (viem only, its own
// seed), which can also refresh just those keys of out/crypto.json on its own (see its header).
import { writeFileSync, mkdirSync } from 'node:fs';
import { createCipheriv, pbkdf2Sync, randomFillSync } from 'node:crypto';
import {
  toRlp, keccak256, hashMessage, hashTypedData, serializeTransaction, parseTransaction, recoverAddress,
  bytesToHex, hexToBytes, toHex, getAddress, hashDomain,
} from 'viem';
import { privateKeyToAccount, sign, publicKeyToAddress } from 'viem/accounts';
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { HDKey } from '@scure/bip32';
import { entropyToMnemonic, mnemonicToSeedSync } from '@scure/bip39';
import { wordlist } from '@scure/bip39/wordlists/english.js';
import { Wallet, encryptKeystoreJsonSync } from 'ethers';
import { txTypeVectors } from './gen-crypto-txtypes.mjs';
import { mulberry32 } from './prng.mjs';

const next = mulberry32(0x5eed1234);
const int = (n) => Math.floor(next() * n);
const bytes = (n) => Uint8Array.from({ length: n }, () => int(256));
const hex = (n) => bytesToHex(bytes(n));
function bigint(maxBytes) {
  const len = int(maxBytes + 1);
  return len === 0 ? 0n : BigInt(bytesToHex(bytes(len)));
}
function privateKey() {
  for (;;) {
    const k = bytes(32);
    if (secp256k1.utils.isValidSecretKey(k)) return bytesToHex(k);
  }
}
const assertEq = (a, b, what) => { if (a !== b) throw new Error(`${what}: ${a} !== ${b}`); };

// ---- RLP
function rlpTree(depth) {
  if (depth > 3 || next() < 0.5) {
    const r = next();
    const len = r < 0.3 ? int(2) : r < 0.8 ? int(60) : 55 + int(300);
    const b = bytes(len);
    if (len === 1 && next() < 0.5) b[0] = int(0x80);
    return bytesToHex(b);
  }
  return Array.from({ length: int(6) }, () => rlpTree(depth + 1));
}
const rlp = [];
for (let i = 0; i < 60; i++) { const tree = rlpTree(0); rlp.push({ tree, encoded: toRlp(tree) }); }
rlp.push({ tree: Array.from({ length: 30 }, () => hex(3)), encoded: null });
rlp[rlp.length - 1].encoded = toRlp(rlp[rlp.length - 1].tree);

// ---- Transactions
function accessList() {
  return Array.from({ length: int(3) }, () => ({
    address: getAddress(hex(20)),
    storageKeys: Array.from({ length: int(3) }, () => hex(32)),
  }));
}
const chainIds = [1, 5, 17000, 560048, 11155111, 137, 42161, 31337];
const transactions = [];
for (let i = 0; i < 48; i++) {
  const key = privateKey();
  const account = privateKeyToAccount(key);
  const type = ['legacy', 'eip2930', 'eip1559'][i % 3];
  const chainId = chainIds[i % chainIds.length];
  const tx = {
    type, chainId, nonce: int(4) === 0 ? 0 : int(1e6),
    gas: BigInt(21000 + int(3e6)),
    to: int(8) === 0 ? null : getAddress(hex(20)),
    value: bigint(12),
    data: int(3) === 0 ? '0x' : hex(int(200)),
  };
  if (type === 'eip1559') { tx.maxPriorityFeePerGas = bigint(6); tx.maxFeePerGas = tx.maxPriorityFeePerGas + bigint(8); } else tx.gasPrice = bigint(8);
  if (type !== 'legacy') tx.accessList = accessList();
  if (tx.to === null) delete tx.to;
  const raw = await account.signTransaction(tx);
  const parsed = parseTransaction(raw);
  transactions.push({
    privateKey: key, from: account.address, type: { legacy: 0, eip2930: 1, eip1559: 2 }[type], chainId,
    nonce: tx.nonce, gas: tx.gas.toString(), to: tx.to ?? null, value: tx.value.toString(), data: tx.data,
    gasPrice: tx.gasPrice?.toString() ?? null, maxFeePerGas: tx.maxFeePerGas?.toString() ?? null,
    maxPriorityFeePerGas: tx.maxPriorityFeePerGas?.toString() ?? null, accessList: tx.accessList ?? [],
    signingHash: keccak256(serializeTransaction(tx)), raw, hash: keccak256(raw),
    r: parsed.r, s: parsed.s, yParity: parsed.yParity ?? (Number(parsed.v) - 35 - 2 * chainId),
  });
}
// Pre-EIP-155 legacy (v = 27/28), signed with ethers (chainId 0 means no replay protection there).
const preEip155 = [];
for (let i = 0; i < 4; i++) {
  const wallet = new Wallet(privateKey());
  const raw = await wallet.signTransaction({ type: 0, chainId: 0, nonce: int(100), gasPrice: bigint(6), gasLimit: 21000n + BigInt(int(1e5)), to: getAddress(hex(20)), value: bigint(10), data: hex(int(40)) });
  preEip155.push({ raw, hash: keccak256(raw), from: wallet.address });
}

// EIP-155 example from the EIP text.
const eip155Key = '0x' + '46'.repeat(32);
const eip155Tx = { type: 'legacy', chainId: 1, nonce: 9, gasPrice: 20000000000n, gas: 21000n, to: '0x' + '35'.repeat(20), value: 10n ** 18n, data: '0x' };
const eip155Raw = await privateKeyToAccount(eip155Key).signTransaction(eip155Tx);
assertEq(keccak256(serializeTransaction(eip155Tx)), '0xdaf5a779ae972f972197303d7b574746c7ef83eadac0f2791ad23db92e4c8e53', 'EIP-155 signing hash');
assertEq(eip155Raw, '0xf86c098504a817c800825208943535353535353535353535353535353535353535880de0b6b3a76400008025a028ef61340bd939bc2195fe537567866003e1a15d3c71ff63e1590620aa636276a067cbe9d8997f761aecb703304b3800ccf555c9f3dc64214b297fb1966a3b6d83', 'EIP-155 raw');

// ---- secp256k1 sign / recover of raw hashes
const signatures = [];
for (let i = 0; i < 40; i++) {
  const key = privateKey();
  const hash = hex(32);
  const sig = await sign({ hash, privateKey: key });
  const publicKey = bytesToHex(secp256k1.getPublicKey(hexToBytes(key), false));
  signatures.push({ privateKey: key, hash, r: sig.r, s: sig.s, yParity: sig.yParity, publicKey, address: publicKeyToAddress(publicKey) });
  assertEq(await recoverAddress({ hash, signature: sig }), publicKeyToAddress(publicKey), 'recover');
}

// ---- personal_sign
const personal = [];
const texts = ['hello', '', 'Hello, LiquidStake! ✓ ünïcödé', 'x'.repeat(1000)];
for (let i = 0; i < 16; i++) {
  const key = privateKey();
  const account = privateKeyToAccount(key);
  const message = i < texts.length ? toHex(new TextEncoder().encode(texts[i])) : hex(int(100));
  personal.push({ privateKey: key, address: account.address, message, hash: hashMessage({ raw: message }), signature: await account.signMessage({ message: { raw: message } }) });
}

// ---- EIP-712
const mail = {
  types: {
    EIP712Domain: [
      { name: 'name', type: 'string' }, { name: 'version', type: 'string' },
      { name: 'chainId', type: 'uint256' }, { name: 'verifyingContract', type: 'address' },
    ],
    Person: [{ name: 'name', type: 'string' }, { name: 'wallet', type: 'address' }],
    Mail: [{ name: 'from', type: 'Person' }, { name: 'to', type: 'Person' }, { name: 'contents', type: 'string' }],
  },
  primaryType: 'Mail',
  domain: { name: 'Ether Mail', version: '1', chainId: 1, verifyingContract: '0xCcCCccccCCCCcCCCCCCcCcCccCcCCCcCcccccccC' },
  message: {
    from: { name: 'Cow', wallet: '0xCD2a3d9F938E13CD947Ec05AbC7FE734Df8DD826' },
    to: { name: 'Bob', wallet: '0xbBbBBBBbbBBBbbbBbbBbbbbBBbBbbbbBbBbbBBbB' },
    contents: 'Hello, Bob!',
  },
};
const cowKey = keccak256(new TextEncoder().encode('cow'));
const mailHash = hashTypedData(mail);
assertEq(mailHash, '0xbe609aee343fb3c4b28e1df9e632fca64fcfaede20f02e86244efddf30957bd2', 'EIP-712 Mail hash');
const typed = [{ name: 'mail', json: JSON.stringify(mail), hash: mailHash, privateKey: cowKey, signature: await privateKeyToAccount(cowKey).signTypedData(mail) }];

// Nested structs, arrays, dynamic bytes and signed integers.
for (let i = 0; i < 8; i++) {
  const data = {
    types: {
      EIP712Domain: [{ name: 'name', type: 'string' }, { name: 'chainId', type: 'uint256' }, { name: 'salt', type: 'bytes32' }],
      Asset: [{ name: 'token', type: 'address' }, { name: 'amount', type: 'uint256' }, { name: 'tag', type: 'bytes4' }],
      Order: [
        { name: 'maker', type: 'address' }, { name: 'assets', type: 'Asset[]' }, { name: 'ids', type: 'uint64[3]' },
        { name: 'payload', type: 'bytes' }, { name: 'note', type: 'string' }, { name: 'delta', type: 'int128' },
        { name: 'flags', type: 'bool[]' }, { name: 'names', type: 'string[]' }, { name: 'grid', type: 'uint8[][]' },
      ],
    },
    primaryType: 'Order',
    domain: { name: 'Order Book ' + i, chainId: chainIds[i], salt: hex(32) },
    message: {
      maker: getAddress(hex(20)),
      assets: Array.from({ length: int(4) }, () => ({ token: getAddress(hex(20)), amount: bigint(32).toString(), tag: hex(4) })),
      ids: [int(1e9), int(1e9), int(1e9)],
      payload: hex(int(80)),
      note: ['', 'hi', 'Ünïcode ✓', 'a'.repeat(70)][i % 4],
      delta: (next() < 0.5 ? -1n : 1n) * bigint(15),
      flags: Array.from({ length: int(4) }, () => next() < 0.5),
      names: Array.from({ length: int(3) }, (_, j) => 'n' + j),
      grid: Array.from({ length: int(3) }, () => Array.from({ length: int(3) }, () => int(256))),
    },
  };
  const key = privateKey();
  const hash = hashTypedData(data);
  const json = JSON.stringify(data, (_, v) => (typeof v === 'bigint' ? v.toString() : v));
  typed.push({ name: 'order' + i, json, hash, privateKey: key, signature: await privateKeyToAccount(key).signTypedData(data) });
}

// EIP-2612 permit on stETH's mainnet domain (lido.md §9: DOMAIN_SEPARATOR 0x260e7e1a…).
const stEthDomain = { name: 'Liquid staked Ether 2.0', version: '2', chainId: 1, verifyingContract: '0xae7ab96520DE3A18E5e111B5EaAb095312D7fE84' };
const stEthSeparator = hashDomain({ domain: stEthDomain, types: { EIP712Domain: mail.types.EIP712Domain } });
assertEq(stEthSeparator, '0x260e7e1a220ea89b9454cbcdc1fcc44087325df199a3986e560d75db18b2e253', 'stETH domain separator');
const permits = [];
for (let i = 0; i < 6; i++) {
  const key = privateKey();
  const account = privateKeyToAccount(key);
  const message = { owner: account.address, spender: getAddress(hex(20)), value: bigint(20), nonce: BigInt(int(10)), deadline: BigInt(1.7e9 + int(1e8)) };
  const data = {
    domain: stEthDomain,
    types: { Permit: [{ name: 'owner', type: 'address' }, { name: 'spender', type: 'address' }, { name: 'value', type: 'uint256' }, { name: 'nonce', type: 'uint256' }, { name: 'deadline', type: 'uint256' }] },
    primaryType: 'Permit', message,
  };
  permits.push({
    privateKey: key, owner: account.address, spender: message.spender, value: message.value.toString(), nonce: message.nonce.toString(),
    deadline: message.deadline.toString(), hash: hashTypedData(data), signature: await account.signTypedData(data),
  });
}

// ---- BIP39 / BIP44
const trezorSeed = bytesToHex(mnemonicToSeedSync('abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about', 'TREZOR'));
assertEq(trezorSeed, '0xc55257c360c07c72029aebc1b53c05ed0362ada38ead3e3e9efa3708e53495531f09a6987599d18264c1e1c92f2cf141630c7a3c4ab7c81b2f001698e7463b04', 'TREZOR seed');
const passphrases = ['', 'TREZOR', 'correct horse', 'pässwörd', '日本語のパスフレーズ', 'e\u0301 (decomposed) é (composed)'];
const bip39 = [];
for (let i = 0; i < 15; i++) {
  const entropy = bytes([16, 20, 24, 28, 32][i % 5]);
  const mnemonic = entropyToMnemonic(entropy, wordlist);
  const passphrase = passphrases[i % passphrases.length];
  const seed = mnemonicToSeedSync(mnemonic, passphrase);
  const root = HDKey.fromMasterSeed(seed);
  const accounts = [0, 1, 7].map((index) => {
    const child = root.derive(`m/44'/60'/0'/0/${index}`);
    const key = bytesToHex(child.privateKey);
    return { index, privateKey: key, address: privateKeyToAccount(key).address };
  });
  bip39.push({ entropy: bytesToHex(entropy), mnemonic, passphrase, seed: bytesToHex(seed), accounts });
}

// BIP32 test vector 1.
const bip32Root = HDKey.fromMasterSeed(hexToBytes('0x000102030405060708090a0b0c0d0e0f'));
assertEq(bip32Root.privateExtendedKey, 'xprv9s21ZrQH143K3QTDL4LXw2F7HEK3wJUD2nW2nRk4stbPy6cq3jPPqjiChkVvvNKmPGJxWUtg6LnF5kejMRNNU3TGtRBeJgk33yuGBxrMPHi', 'BIP32 vector 1 master');
const bip32 = ['m', "m/0'", "m/0'/1", "m/0'/1/2'", "m/0'/1/2'/2", "m/0'/1/2'/2/1000000000"].map((path) => {
  const key = path === 'm' ? bip32Root : bip32Root.derive(path);
  return { path, privateKey: bytesToHex(key.privateKey), chainCode: bytesToHex(key.chainCode), xprv: key.privateExtendedKey, xpub: key.publicExtendedKey };
});

// ---- Keystores: ethers (scrypt, small n) and a pbkdf2 one built from the spec with node:crypto.
const keystores = [];
for (let i = 0; i < 3; i++) {
  const key = privateKey();
  const password = ['password', 'pässwörd ✓', ''][i];
  const json = encryptKeystoreJsonSync({ address: privateKeyToAccount(key).address, privateKey: key }, password, {
    scrypt: { N: 1024, r: 8, p: 1 }, salt: bytes(32), iv: bytes(16), uuid: bytes(16),
  });
  keystores.push({ json, password, privateKey: key, address: privateKeyToAccount(key).address });
}
{
  const key = privateKey();
  const password = 'pbkdf2 password';
  const salt = bytes(32), iv = bytes(16);
  const derived = pbkdf2Sync(Buffer.from(password, 'utf8'), salt, 1000, 32, 'sha256');
  const cipher = createCipheriv('aes-128-ctr', derived.subarray(0, 16), iv);
  const ciphertext = Buffer.concat([cipher.update(hexToBytes(key)), cipher.final()]);
  const mac = keccak256(Buffer.concat([derived.subarray(16, 32), ciphertext]));
  const json = JSON.stringify({
    address: privateKeyToAccount(key).address.slice(2).toLowerCase(),
    crypto: {
      cipher: 'aes-128-ctr', cipherparams: { iv: bytesToHex(iv).slice(2) }, ciphertext: ciphertext.toString('hex'),
      kdf: 'pbkdf2', kdfparams: { c: 1000, dklen: 32, prf: 'hmac-sha256', salt: bytesToHex(salt).slice(2) }, mac: mac.slice(2),
    },
    id: '3198bc9c-6672-5ab3-d995-4942343ae5b6', version: 3,
  });
  keystores.push({ json, password, privateKey: key, address: privateKeyToAccount(key).address });
}
void randomFillSync;

const out = {
  generator: 'tests/vectors/gen-crypto.mjs (viem 2.57.20, ethers 6.17.0, @noble/curves 2.4.0, @scure/bip32 2.4.0, @scure/bip39 2.4.0)',
  rlp, transactions, preEip155,
  eip155Example: { privateKey: eip155Key, raw: eip155Raw, signingHash: '0xdaf5a779ae972f972197303d7b574746c7ef83eadac0f2791ad23db92e4c8e53' },
  signatures, personal, typed, permits,
  stEthDomainSeparator: stEthSeparator,
  bip39, trezor: { seed: trezorSeed }, bip32, keystores,
  ...(await txTypeVectors()),
};
mkdirSync(new URL('./out/', import.meta.url), { recursive: true });
writeFileSync(new URL('./out/crypto.json', import.meta.url), JSON.stringify(out, (_, v) => (typeof v === 'bigint' ? v.toString() : v), 2) + '\n');
console.log('wrote out/crypto.json');
