// The deploy/test context over a running Anvil: viem clients, the test accounts, the devnet admin, and small
// helpers for placing replica bytecode at mainnet addresses and sending admin calls.
import { createPublicClient, createWalletClient, createTestClient, http, getAddress, encodeFunctionData, encodeDeployData, decodeErrorResult } from 'viem';
import { mnemonicToAccount } from 'viem/accounts';
import { mainnet } from 'viem/chains';
import { TEST_MNEMONIC } from './anvil.mjs';
import { loadArtifact } from './compile.mjs';

/** Account index of the devnet admin (owner/oracle/guardian of every replica). Tests use 0..8 as users. */
export const ADMIN_INDEX = 9;

export function createContext(rpcUrl) {
  const chain = { ...mainnet, rpcUrls: { default: { http: [rpcUrl] } } };
  const transport = http(rpcUrl, { batch: false, retryCount: 0 });
  const accounts = Array.from({ length: 10 }, (_, i) => mnemonicToAccount(TEST_MNEMONIC, { addressIndex: i }));
  const publicClient = createPublicClient({ chain, transport });
  const walletClient = createWalletClient({ chain, transport });
  const testClient = createTestClient({ chain, transport, mode: 'anvil' });
  const admin = accounts[ADMIN_INDEX];

  const ctx = {
    rpcUrl, chain, publicClient, walletClient, testClient, accounts, admin,
    artifact: loadArtifact,

    /** Places a compiled replica's runtime code at `address` (its real mainnet address). */
    async placeAt(artifactId, address) {
      const { deployedBytecode, abi, immutables } = loadArtifact(artifactId);
      if (!deployedBytecode || deployedBytecode === '0x') throw new Error(`${artifactId} has no runtime code (abstract or interface?)`);
      if (immutables) throw new Error(`${artifactId} has constructor immutables; place it with placeBuilt`);
      await testClient.setCode({ address: getAddress(address), bytecode: deployedBytecode });
      return { address: getAddress(address), abi };
    },

    /**
     * Places a replica that has constructor immutables: runs its constructor with `args` in an eth_call (no contract
     * is left behind), then puts the returned runtime code, immutables filled in, at `address`.
     */
    async placeBuilt(artifactId, address, args = []) {
      const { bytecode, abi } = loadArtifact(artifactId);
      const data = encodeDeployData({ abi, bytecode, args });
      const { data: runtime } = await publicClient.call({ data, account: admin.address });
      if (!runtime || runtime === '0x') throw new Error(`${artifactId}: constructor returned no code`);
      await testClient.setCode({ address: getAddress(address), bytecode: runtime });
      return { address: getAddress(address), abi };
    },

    /** Sends a state-changing call and waits for a successful receipt (throws with the decoded reason otherwise). */
    async write(target, functionName, args = [], { account = admin, value = 0n } = {}) {
      const { address, abi } = target;
      try {
        await publicClient.simulateContract({ address, abi, functionName, args, account, value });
      } catch (e) {
        throw new Error(`${functionName} on ${address} would revert: ${e.shortMessage ?? e.message}`);
      }
      // Headroom on the estimate: a storage write's cost depends on the block it lands in (a rate-limit bucket refilled
      // by one more second turns a no-op SSTORE into a real one), so the bare estimate can run out of gas when mined.
      const estimate = await publicClient.estimateContractGas({ address, abi, functionName, args, account, value });
      const gas = estimate + estimate / 4n + 20_000n;
      const hash = await walletClient.writeContract({ address, abi, functionName, args, account, value, chain, gas });
      const receipt = await publicClient.waitForTransactionReceipt({ hash });
      if (receipt.status !== 'success') throw new Error(`${functionName} on ${address} reverted in ${hash}`);
      return receipt;
    },

    /** Reads a view function. */
    read(target, functionName, args = [], { blockNumber } = {}) {
      return publicClient.readContract({ address: target.address, abi: target.abi, functionName, args, blockNumber });
    },

    /** Calldata for a function of a placed contract. */
    encode(target, functionName, args = []) {
      return encodeFunctionData({ abi: target.abi, functionName, args });
    },

    /** Decodes revert data against a contract's ABI (for asserting named errors). */
    decodeError(target, data) {
      return decodeErrorResult({ abi: target.abi, data });
    },

    async setBalance(address, wei) { await testClient.setBalance({ address, value: wei }); },
    async mine(blocks = 1) { await testClient.mine({ blocks }); },
    async increaseTime(seconds) { await testClient.increaseTime({ seconds }); await testClient.mine({ blocks: 1 }); },
    /** Mines a block at `timestamp` or later, unless the head is already there (the history build appends empty blocks). */
    async advanceTo(timestamp) {
      const head = await publicClient.getBlock();
      if (BigInt(timestamp) <= head.timestamp) return;
      await testClient.setNextBlockTimestamp({ timestamp: BigInt(timestamp) });
      await testClient.mine({ blocks: 1 });
    },
  };
  return ctx;
}
