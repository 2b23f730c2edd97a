// StakeWise V3 replica (osETH) at the mainnet addresses. Facts: src/Abis/StakeWise/NOTES.md (from stakewise/v3-core).
//
// Contracts: VaultsRegistry, Keeper, OsToken (osETH), OsTokenVaultController, OsTokenConfig, PriceFeed at their mainnet
// addresses;
// three vaults registered in the registry: the Genesis vault at its mainnet address and two operator vaults at
// devnet addresses (devnetVaultAddress, VAULTS below) with different admins, fees and capacities.
//
// Roles (the real ones): admin = accounts[9] owns the registry, Keeper, OsToken, controller and config. The Keeper's
// oracles are mnemonic accounts ORACLE_INDEXES (rewardsMinOracles = 2 of 3); reward updates go through the real
// Keeper.updateRewards with their EIP-712 signatures (see rewardsUpdate below), and vaults take them in with the
// real updateState(harvestParams) and a Merkle proof. Vault admins: Genesis = admin, the others mnemonic accounts
// VAULT_ADMIN_INDEXES.
//
// Replica-only functions (none are in the real ABIs; only this deploy uses them):
//   <all>.devnetInitialize(...)              once, sets what the real constructors/initializers set
//   Keeper.devnetCollateralize(vault)        owner-only; stands in for the oracles' first validator approval
//   EthVault.devnetStakeToValidators(assets) vault admin; sends vault ETH to the beacon deposit contract. A validator
//       exit is then the devnet setting the vault balance back up (the consensus-layer sweep), after which the next
//       harvest moves the exit queue.
//
// Order in build-devnet PROTOCOLS: before 'eigenlayer', which places a mock ERC-20 at any strategy token address that
// has no code yet (osETH is one) and leaves existing code alone.
//
// Starting state (devnet choices, not mainnet values): rewardsDelay 12 h, maxAvgRewardPerSecond 6341958397
// (20 % a year), osETH supply 200000.000000000000000123 shares backed by 210000.123456789 ETH, controller fee 5 %,
// capacity 20 M ETH; default LTV 90 % / liq. threshold 92 % / bonus 101 %, the Genesis vault LTV 99.99 % with
// liquidation disabled. One reward update (nonce 1 -> 2, avgRewardPerSecond START.avgRewardPerSecond, every vault's
// cumulative reward 0) has been signed and harvested by all three vaults, so none needs a harvest.
import { keccak256, encodeAbiParameters, getAddress, concat, toBytes } from 'viem';
import { mnemonicToAccount } from 'viem/accounts';
import { TEST_MNEMONIC } from '../scripts/anvil.mjs';

export const VAULTS_REGISTRY = '0x3a0008a588772446f6e656133C2D5029CC4FC20E';
export const KEEPER = '0x6B5815467da09DaA7DC83Db21c9239d98Bb487b5';
export const OS_TOKEN = '0xf1C9acDc66974dFB6dEcB12aA385b9cD01190E38';
export const OS_TOKEN_VAULT_CONTROLLER = '0x2A261e60FB14586B474C208b1B7AC6D0f5000306';
export const OS_TOKEN_CONFIG = '0x287d1e2A8dE183A8bf8f2b09Fa1340fBd766eb59';
export const PRICE_FEED = '0x8023518b2192FB5384DAdc596765B3dD1cdFe471';
export const GENESIS_VAULT = '0xAC0F906E433d58FA868F936E8A43230473652885';
/** Devnet-only vault addresses: the last 20 bytes of keccak256("stakewise devnet vault <name>"). */
export const devnetVaultAddress = (name) => getAddress(`0x${keccak256(toBytes(`stakewise devnet vault ${name}`)).slice(-40)}`);

export const ORACLE_INDEXES = [10, 11, 12];
export const VAULT_ADMIN_INDEXES = [13, 14];
export const oracleAccounts = () => ORACLE_INDEXES.map((i) => mnemonicToAccount(TEST_MNEMONIC, { addressIndex: i }));
export const vaultAdminAccount = (n) => mnemonicToAccount(TEST_MNEMONIC, { addressIndex: VAULT_ADMIN_INDEXES[n] });

const ETHER = 10n ** 18n;
const HOUR = 3600n;
export const START = {
  rewardsDelay: 12n * HOUR,
  maxAvgRewardPerSecond: 6341958397n,
  avgRewardPerSecond: 871917808n, // about 2.75 % a year
  osTokenShares: 200000n * ETHER + 123n,
  osTokenAssets: 210000123456789000000000n,
  controllerFeePercent: 500,
  controllerCapacity: 20000000n * ETHER,
  defaultConfig: { liqBonusPercent: 1010000000000000000n, liqThresholdPercent: 920000000000000000n, ltvPercent: 900000000000000000n },
  genesisConfig: { liqBonusPercent: 0n, liqThresholdPercent: 2n ** 64n - 1n, ltvPercent: 999900000000000000n },
  securityDeposit: 1000000000n,
  exitingAssetsClaimDelay: 15n * HOUR,
};

/** The three vaults: kind (artifact), address, admin (null = devnet admin), fee (of 10000), capacity, seed, staked. */
export const VAULTS = [
  { name: 'genesis', artifact: 'stakewise/EthGenesisVault', address: GENESIS_VAULT, admin: null, feePercent: 1500,
    capacity: 2n ** 256n - 1n, seed: 30000n * ETHER, staked: 29000n * ETHER },
  { name: 'operatorA', artifact: 'stakewise/EthVault', address: devnetVaultAddress('operatorA'), admin: 0, feePercent: 500,
    capacity: 10000n * ETHER, seed: 2000n * ETHER, staked: 1900n * ETHER },
  { name: 'operatorB', artifact: 'stakewise/EthVault', address: devnetVaultAddress('operatorB'), admin: 1, feePercent: 1000,
    capacity: 1000n * ETHER, seed: 990n * ETHER, staked: 960n * ETHER },
];

// ---- reward updates (the real oracle path) ------------------------------------------------------------------

/** keccak256(bytes.concat(keccak256(abi.encode(vault, reward, unlockedMevReward)))) — the Keeper's harvest leaf. */
export function rewardLeaf(vault, reward, unlockedMevReward = 0n) {
  return keccak256(keccak256(encodeAbiParameters([{ type: 'address' }, { type: 'int160' }, { type: 'uint160' }], [getAddress(vault), reward, unlockedMevReward])));
}

const hashPair = (a, b) => keccak256(BigInt(a) < BigInt(b) ? concat([a, b]) : concat([b, a]));

/** A sorted-pair Merkle tree (OpenZeppelin MerkleProof): { root, proof(i) }. An odd node is carried up unchanged. */
export function merkleTree(leaves) {
  const layers = [leaves.slice()];
  while (layers.at(-1).length > 1) {
    const prev = layers.at(-1);
    const next = [];
    for (let i = 0; i < prev.length; i += 2) next.push(i + 1 < prev.length ? hashPair(prev[i], prev[i + 1]) : prev[i]);
    layers.push(next);
  }
  return {
    root: layers.at(-1)[0],
    proof(index) {
      const proof = [];
      for (let l = 0, i = index; l < layers.length - 1; l++, i = Math.floor(i / 2)) {
        const sibling = i ^ 1;
        if (sibling < layers[l].length) proof.push(layers[l][sibling]);
      }
      return proof;
    },
  };
}

const REWARDS_TYPES = {
  KeeperRewards: [
    { name: 'rewardsRoot', type: 'bytes32' },
    { name: 'rewardsIpfsHash', type: 'string' },
    { name: 'avgRewardPerSecond', type: 'uint256' },
    { name: 'updateTimestamp', type: 'uint64' },
    { name: 'nonce', type: 'uint64' },
  ],
};

/**
 * Builds a Keeper.updateRewards argument as the oracles would: `rewards` maps vault address -> cumulative consensus
 * reward (wei); the Merkle root over them is signed (EIP-712, domain KeeperOracles/1) by `signers`, sorted by address.
 * Returns { params, root, harvestParams(vault) } where harvestParams is the vault's updateState argument.
 */
export async function signRewardsUpdate(ctx, { rewards, avgRewardPerSecond, rewardsIpfsHash = 'devnet', signers = oracleAccounts() }) {
  const keeper = getAddress(KEEPER);
  const vaults = Object.keys(rewards).map((v) => getAddress(v));
  const amounts = Object.values(rewards).map((r) => BigInt(r));
  const tree = merkleTree(vaults.map((v, i) => rewardLeaf(v, amounts[i])));
  const nonce = await ctx.read({ address: keeper, abi: ctx.artifact('stakewise/Keeper').abi }, 'rewardsNonce');
  const updateTimestamp = (await ctx.publicClient.getBlock()).timestamp;
  const message = { rewardsRoot: tree.root, rewardsIpfsHash, avgRewardPerSecond, updateTimestamp, nonce };
  const domain = { name: 'KeeperOracles', version: '1', chainId: ctx.chain.id, verifyingContract: keeper };
  const sorted = [...signers].sort((a, b) => (BigInt(a.address) < BigInt(b.address) ? -1 : 1));
  const signatures = [];
  for (const s of sorted) signatures.push(await s.signTypedData({ domain, types: REWARDS_TYPES, primaryType: 'KeeperRewards', message }));
  return {
    params: { rewardsRoot: tree.root, avgRewardPerSecond, updateTimestamp, rewardsIpfsHash, signatures: concat(signatures) },
    root: tree.root,
    harvestParams(vault) {
      const i = vaults.indexOf(getAddress(vault));
      if (i < 0) throw new Error(`no reward for vault ${vault} in this update`);
      return { rewardsRoot: tree.root, reward: amounts[i], unlockedMevReward: 0n, proof: tree.proof(i) };
    },
  };
}

/** signRewardsUpdate, then Keeper.updateRewards from `from` (anyone may submit). Needs canUpdateRewards(). */
export async function rewardsUpdate(ctx, { from = ctx.admin, ...options }) {
  const update = await signRewardsUpdate(ctx, options);
  const keeper = { address: getAddress(KEEPER), abi: ctx.artifact('stakewise/Keeper').abi };
  const receipt = await ctx.write(keeper, 'updateRewards', [update.params], { account: from });
  return { ...update, receipt };
}

/** Consensus-reward APR of each devnet vault in the history, in basis points of its total assets. */
export const HISTORY_VAULT_APR_BPS = { genesis: 310n, operatorA: 330n, operatorB: 290n };

/**
 * The StakeWise oracles and vault operators in the devnet's history: after each rewards delay (12 h) the oracles sign
 * a new root over every vault's cumulative consensus reward (grown by HISTORY_VAULT_APR_BPS since the last update;
 * the reward ETH reaches the vault, as the consensus-layer sweep does), anyone submits it, and each vault harvests.
 */
export const history = {
  cadenceSeconds: 43200,
  async due(ctx) {
    const keeper = { address: getAddress(KEEPER), abi: ctx.artifact('stakewise/Keeper').abi };
    return BigInt(await ctx.read(keeper, 'lastRewardsTimestamp')) + (await ctx.read(keeper, 'rewardsDelay')) + 1n;
  },
  async tick(ctx) {
    const keeper = { address: getAddress(KEEPER), abi: ctx.artifact('stakewise/Keeper').abi };
    const head = await ctx.publicClient.getBlock();
    const elapsed = head.timestamp - BigInt(await ctx.read(keeper, 'lastRewardsTimestamp'));
    const rewards = {};
    const vaults = [];
    for (const v of VAULTS) {
      const vault = { address: getAddress(v.address), abi: ctx.artifact(v.artifact).abi };
      const [cumulative] = await ctx.read(keeper, 'rewards', [vault.address]);
      const delta = (await ctx.read(vault, 'totalAssets')) * HISTORY_VAULT_APR_BPS[v.name] * elapsed / (10000n * 31536000n);
      rewards[vault.address] = BigInt(cumulative) + delta;
      await ctx.setBalance(vault.address, (await ctx.publicClient.getBalance({ address: vault.address })) + delta);
      vaults.push(vault);
    }
    const controller = { address: getAddress(OS_TOKEN_VAULT_CONTROLLER), abi: ctx.artifact('stakewise/OsTokenVaultController').abi };
    const avgRewardPerSecond = await ctx.read(controller, 'avgRewardPerSecond');
    const update = await rewardsUpdate(ctx, { rewards, avgRewardPerSecond });
    for (const vault of vaults) await ctx.write(vault, 'updateState', [update.harvestParams(vault.address)]);
    return update.root;
  },
};

// ---- deploy -------------------------------------------------------------------------------------------------

export async function deploy(ctx) {
  const { admin, publicClient } = ctx;
  const registry = await ctx.placeAt('stakewise/VaultsRegistry', VAULTS_REGISTRY);
  const keeper = await ctx.placeAt('stakewise/Keeper', KEEPER);
  const osToken = await ctx.placeAt('stakewise/OsToken', OS_TOKEN);
  const controller = await ctx.placeAt('stakewise/OsTokenVaultController', OS_TOKEN_VAULT_CONTROLLER);
  const config = await ctx.placeAt('stakewise/OsTokenConfig', OS_TOKEN_CONFIG);
  const priceFeed = await ctx.placeAt('stakewise/PriceFeed', PRICE_FEED);

  await ctx.write(registry, 'initialize', [admin.address]);
  await ctx.write(keeper, 'devnetInitialize', [admin.address, registry.address, controller.address, START.rewardsDelay, START.maxAvgRewardPerSecond]);
  await ctx.write(osToken, 'devnetInitialize', [admin.address, controller.address, admin.address, START.osTokenShares]);
  await ctx.write(controller, 'devnetInitialize', [admin.address, keeper.address, registry.address, osToken.address, admin.address,
    START.controllerFeePercent, START.controllerCapacity, START.osTokenShares, START.osTokenAssets]);
  await ctx.write(config, 'devnetInitialize', [admin.address, START.defaultConfig, '0x0000000000000000000000000000000000000000']);
  await ctx.write(priceFeed, 'devnetInitialize', [controller.address, 'osETH/ETH']);
  for (const oracle of oracleAccounts()) await ctx.write(keeper, 'addOracle', [oracle.address]);
  await ctx.write(keeper, 'setRewardsMinOracles', [2n]);

  const seedTotal = VAULTS.reduce((sum, v) => sum + v.seed + START.securityDeposit, 0n);
  const adminBalance = await publicClient.getBalance({ address: admin.address });
  await ctx.setBalance(admin.address, adminBalance + seedTotal);
  const placed = {};
  for (const v of VAULTS) {
    const vault = await ctx.placeAt(v.artifact, v.address);
    const vaultAdmin = v.admin === null ? admin : vaultAdminAccount(v.admin);
    if (vaultAdmin !== admin) await ctx.setBalance(vaultAdmin.address, 100n * ETHER);
    await ctx.write(vault, 'devnetInitialize', [vaultAdmin.address, vaultAdmin.address, v.feePercent, v.capacity, START.exitingAssetsClaimDelay,
      keeper.address, registry.address, controller.address, config.address], { value: START.securityDeposit });
    await ctx.write(registry, 'addVaultImpl', [vault.address]);
    await ctx.write(registry, 'addVault', [vault.address]);
    await ctx.write(keeper, 'devnetCollateralize', [vault.address]);
    await ctx.write(vault, 'deposit', [admin.address, '0x0000000000000000000000000000000000000000'], { value: v.seed });
    await ctx.write(vault, 'devnetStakeToValidators', [v.staked], { account: vaultAdmin });
    placed[v.name] = vault;
  }
  await ctx.write(config, 'updateConfig', [GENESIS_VAULT, START.genesisConfig]);

  const update = await rewardsUpdate(ctx, { rewards: Object.fromEntries(VAULTS.map((v) => [v.address, 0n])), avgRewardPerSecond: START.avgRewardPerSecond });
  for (const v of VAULTS) await ctx.write(placed[v.name], 'updateState', [update.harvestParams(v.address)]);

  return {
    VaultsRegistry: getAddress(VAULTS_REGISTRY),
    Keeper: getAddress(KEEPER),
    OsToken: getAddress(OS_TOKEN),
    OsTokenVaultController: getAddress(OS_TOKEN_VAULT_CONTROLLER),
    OsTokenConfig: getAddress(OS_TOKEN_CONFIG),
    PriceFeed: getAddress(PRICE_FEED),
    Vaults: Object.fromEntries(VAULTS.map((v) => [v.name, getAddress(v.address)])),
    Oracles: oracleAccounts().map((a) => a.address),
  };
}
