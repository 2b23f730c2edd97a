// Rocket Pool replica (rETH) at the mainnet addresses. Facts: shared/protocols/rocketpool.md.
//
// Address registry: RocketStorage.getAddress(keccak256(abi.encodePacked("contract.address", name))) resolves every
// network contract below by its real name; "contract.exists"/"contract.name"/"contract.abi" are set as on mainnet
// (the ABI string is base64(zlib(JSON ABI))). rETH and RocketStorage are the only fixed addresses.
//
// Devnet admin helpers (admin = accounts[9] = RocketStorage guardian = sole oracle DAO member). None of these names
// exist in the real ABIs:
//   RocketNetworkBalances
//     devnetSetBalances(uint256 block, uint256 totalEth, uint256 stakingEth, uint256 rethSupply)
//         Sets the oracle snapshot without the v1.4 guards (block 0 = previous block); the rETH rate becomes
//         floor(1e18 * totalEth / rethSupply). Emits BalancesUpdated.
//     devnetAccrueRewards(uint256 aprBasisPoints, uint256 elapsedSeconds)
//         Daily-report style update: S' = rETH.totalSupply(); T1 = floor(T * S' / S); T' = T1 + floor(T1 * apr *
//         elapsed / (10000 * 31536000)); staking' = floor(staking * T' / T); block = previous block.
//     (the real submitBalances(...) also works from the admin and applies the frequency and 2 % delta guards)
//   RocketDAOProtocolSettingsDeposit
//     devnetSetDepositSettings(bool enabled, uint256 minimumDeposit, uint256 maximumDepositPoolSize, uint256 depositFee)
//     devnetSetDepositSettingUint(string path, uint256 value) / devnetSetDepositSettingBool(string path, bool value)
//         e.g. "deposit.assign.enabled", "deposit.assign.maximum", "deposit.assign.socialised.maximum", "express.queue.rate".
//   RocketDAOProtocolSettingsNetwork
//     devnetSetNetworkSettingUint(string path, uint256 value) / devnetSetNetworkSettingBool(string path, bool value)
//         e.g. "network.reth.collateral.target", "network.max.reth.balance.delta", "network.submit.balances.frequency".
//   RocketTokenRETH
//     devnetAddCollateral() payable            ETH collateral held by rETH (also: plain ETH transfers are accepted)
//     devnetRemoveCollateral(uint256 amount)   sends rETH-held ETH to the admin (to test burn limits)
//     devnetInitialize(address holder, uint256 supply)  once, used by this deploy (starting supply to the admin)
//   RocketDepositPool
//     devnetAddPoolBalance() payable           msg.value into the vault as deposit-pool ETH (no rETH minted)
//     devnetRemovePoolBalance(uint256 amount)  deposit-pool ETH out of the vault to the admin
//     devnetEnqueueValidators(uint256 count, bool expressQueue) payable
//         queues `count` megapool validators requesting 32 ETH each; msg.value = their bonds (counted in
//         getNodeBalance()); raises the queue capacity used by getExcessBalance()/getMaximumDepositAmount().
//
// Starting state (mainnet magnitudes, shared/protocols/rocketpool.md §8 and §13):
//   T = 390000000000000000123456789 wei, S = 338000000000000000987654321 (rate 1153846153846150839),
//   staking ETH 383600 ETH; rETH totalSupply = S, all held by the admin; rETH collateral = floor(T / 100)
//   (target 1 %); deposit pool (vault) 2500 ETH, no node balance, queues empty; deposit fee 5e14 (0.05 %),
//   minimum 0.01 ETH, maximum pool size 6 000 000 ETH, deposits and assignments enabled.
import { keccak256, encodePacked, toBytes, getAddress } from 'viem';
import { readFileSync, existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

export const ROCKET_STORAGE = '0x1d8f8f00cfa6758d7bE78336684788Fb0ee0Fa46';
export const RETH = '0xae78736Cd615f374D3085123A210448E74Fc6393';
export const ROCKET_DEPOSIT_POOL = '0xCE15294273CFb9D9b628F4D61636623decDF4fdC';
export const ROCKET_NETWORK_BALANCES = '0x1D9F14C6Bfd8358b589964baD8665AdD248E9473';
export const ROCKET_SETTINGS_DEPOSIT = '0x227BE8dD01DF8ad9BED0178e4F8cEC2996C5c365';
export const ROCKET_SETTINGS_NETWORK = '0x67Fd03a5095197D1aD1F932BC55E022C420b1153';
export const ROCKET_VAULT = '0x3bDC69C4E5e13E52A65f5583c23EFB9636b469d6';

/** RocketStorage name -> [artifact, address, real ABI file (or null)]. */
export const CONTRACTS = {
  rocketTokenRETH: ['rocketpool/RocketTokenRETH', RETH, 'RocketTokenRETH.json'],
  rocketDepositPool: ['rocketpool/RocketDepositPool', ROCKET_DEPOSIT_POOL, 'RocketDepositPool.json'],
  rocketNetworkBalances: ['rocketpool/RocketNetworkBalances', ROCKET_NETWORK_BALANCES, 'RocketNetworkBalances.json'],
  rocketDAOProtocolSettingsDeposit: ['rocketpool/RocketDAOProtocolSettingsDeposit', ROCKET_SETTINGS_DEPOSIT, 'RocketDAOProtocolSettingsDeposit.json'],
  rocketDAOProtocolSettingsNetwork: ['rocketpool/RocketDAOProtocolSettingsNetwork', ROCKET_SETTINGS_NETWORK, 'RocketDAOProtocolSettingsNetwork.json'],
  rocketVault: ['rocketpool/RocketVault', ROCKET_VAULT, null],
};

const ETHER = 10n ** 18n;
export const START = {
  totalEth: 390000000000000000123456789n,
  rethSupply: 338000000000000000987654321n,
  stakingEth: 383600n * ETHER,
  depositPoolBalance: 2500n * ETHER,
  depositFee: 500000000000000n,
  minimumDeposit: 10n ** 16n,
  maximumDepositPoolSize: 6000000n * ETHER,
  collateralTarget: 10n ** 16n,
};

/** keccak256(abi.encodePacked("contract.address", name)) — the registry key. */
export const contractAddressKey = (name) => keccak256(encodePacked(['string', 'string'], ['contract.address', name]));
/** keccak256(abi.encodePacked(keccak256("dao.protocol.setting." + area), path)). */
export const settingKey = (area, path) => keccak256(encodePacked(['bytes32', 'string'], [keccak256(toBytes(`dao.protocol.setting.${area}`)), path]));

const DEPOSIT_SETTINGS = {
  uint: {
    'deposit.minimum': START.minimumDeposit,
    'deposit.pool.maximum': START.maximumDepositPoolSize,
    'deposit.fee': START.depositFee,
    'deposit.assign.maximum': 90n,
    'deposit.assign.socialised.maximum': 2n,
    'express.queue.rate': 2n,
    'express.queue.tickets.base.provision': 2n,
  },
  bool: { 'deposit.enabled': true, 'deposit.assign.enabled': true, deployed: true },
};
const NETWORK_SETTINGS = {
  uint: {
    'network.consensus.threshold': 51n * 10n ** 16n,
    'network.penalty.threshold': 51n * 10n ** 16n,
    'network.penalty.per.rate': 10n ** 17n,
    'network.submit.balances.frequency': 86400n,
    'network.submit.prices.frequency': 86400n,
    'network.node.fee.minimum': 14n * 10n ** 16n,
    'network.node.fee.target': 14n * 10n ** 16n,
    'network.node.fee.maximum': 14n * 10n ** 16n,
    'network.node.fee.demand.range': 160n * ETHER,
    'network.reth.collateral.target': START.collateralTarget,
    'network.reth.deposit.delay': 5760n,
    'network.max.reth.balance.delta': 2n * 10n ** 16n,
    'network.node.commission.share': 5n * 10n ** 16n,
    'network.node.commission.share.security.council.adder': 0n,
    'network.max.node.commission.share.council.adder': 10n ** 16n,
    'network.voter.share': 9n * 10n ** 16n,
    'network.pdao.share': 0n,
  },
  bool: {
    'network.submit.balances.enabled': true,
    'network.submit.prices.enabled': true,
    'network.submit.rewards.enabled': true,
    deployed: true,
  },
};

const sharedAbiDirs = (() => {
  const chainDir = join(dirname(fileURLToPath(import.meta.url)), '..');
  return [join(chainDir, '..', '..', 'shared', 'abis', 'rocketpool')];
})();

/** The ABI string RocketStorage holds under "contract.abi"+name: base64(zlib(JSON)) of the real ABI when available. */
function abiString(ctx, artifactId, realFile) {
  let abi = null;
  for (const dir of sharedAbiDirs) {
    if (realFile && existsSync(join(dir, realFile))) { abi = JSON.parse(readFileSync(join(dir, realFile), 'utf8')); break; }
  }
  abi ??= ctx.artifact(artifactId).abi.filter((e) => !(e.name ?? '').startsWith('devnet'));
  return deflateSync(Buffer.from(JSON.stringify(abi))).toString('base64');
}

export async function deploy(ctx) {
  const { admin, publicClient, walletClient } = ctx;
  const storage = await ctx.placeAt('rocketpool/RocketStorage', ROCKET_STORAGE);
  const placed = {};
  for (const [name, [artifactId, address]] of Object.entries(CONTRACTS)) placed[name] = await ctx.placeAt(artifactId, address);

  // Fast path for the many setup transactions: Anvil automines, so send without waiting and check receipts at the end.
  const hashes = [];
  const send = async (target, functionName, args = [], value = 0n) => {
    hashes.push(await walletClient.writeContract({ address: target.address, abi: target.abi, functionName, args, value, account: admin, chain: ctx.chain }));
  };

  await ctx.write(storage, 'initialize', [admin.address]);
  // Deployment phase (deployed status false): the guardian writes RocketStorage directly.
  for (const [name, [artifactId, address, realFile]] of Object.entries(CONTRACTS)) {
    await send(storage, 'setAddress', [contractAddressKey(name), address]);
    await send(storage, 'setBool', [keccak256(encodePacked(['string', 'address'], ['contract.exists', address])), true]);
    await send(storage, 'setString', [keccak256(encodePacked(['string', 'address'], ['contract.name', address])), name]);
    await send(storage, 'setString', [keccak256(encodePacked(['string', 'string'], ['contract.abi', name])), abiString(ctx, artifactId, realFile)]);
  }
  for (const [area, settings] of [['deposit', DEPOSIT_SETTINGS], ['network', NETWORK_SETTINGS]]) {
    for (const [path, v] of Object.entries(settings.uint)) await send(storage, 'setUint', [settingKey(area, path), v]);
    for (const [path, v] of Object.entries(settings.bool)) await send(storage, 'setBool', [settingKey(area, path), v]);
  }

  // Oracle snapshot, starting supply, collateral and deposit pool ETH (the admin is topped up for the ETH it moves).
  const collateral = START.totalEth * START.collateralTarget / ETHER;
  const adminBalance = await publicClient.getBalance({ address: admin.address });
  await ctx.setBalance(admin.address, adminBalance + collateral + START.depositPoolBalance);
  await send(placed.rocketNetworkBalances, 'devnetSetBalances', [0n, START.totalEth, START.stakingEth, START.rethSupply]);
  await send(placed.rocketTokenRETH, 'devnetInitialize', [admin.address, START.rethSupply]);
  await send(placed.rocketTokenRETH, 'devnetAddCollateral', [], collateral);
  await send(placed.rocketDepositPool, 'devnetAddPoolBalance', [], START.depositPoolBalance);
  await send(storage, 'setDeployedStatus');

  for (const hash of hashes) {
    const receipt = await publicClient.waitForTransactionReceipt({ hash, pollingInterval: 50 });
    if (receipt.status !== 'success') throw new Error(`rocketpool deploy: transaction ${hash} reverted`);
  }

  return {
    RocketStorage: getAddress(ROCKET_STORAGE),
    RocketTokenRETH: getAddress(RETH),
    RocketDepositPool: getAddress(ROCKET_DEPOSIT_POOL),
    RocketNetworkBalances: getAddress(ROCKET_NETWORK_BALANCES),
    RocketDAOProtocolSettingsDeposit: getAddress(ROCKET_SETTINGS_DEPOSIT),
    RocketDAOProtocolSettingsNetwork: getAddress(ROCKET_SETTINGS_NETWORK),
    RocketVault: getAddress(ROCKET_VAULT),
  };
}

export const conformance = [
  {
    artifact: 'rocketpool/RocketStorage', abi: 'rocketpool/RocketStorage.json',
    required: ['getAddress', 'getUint', 'getBool', 'getString', 'getBytes', 'getBytes32', 'getInt', 'getDeployedStatus',
      'getGuardian', 'getNodeWithdrawalAddress', 'getNodePendingWithdrawalAddress', 'setAddress', 'setUint', 'setString',
      'setBytes', 'setBool', 'setInt', 'setBytes32', 'deleteAddress', 'deleteUint', 'deleteString', 'deleteBytes',
      'deleteBool', 'deleteInt', 'deleteBytes32', 'addUint', 'subUint', 'setDeployedStatus', 'setGuardian', 'confirmGuardian',
      'setWithdrawalAddress', 'confirmWithdrawalAddress', 'NodeWithdrawalAddressSet', 'GuardianChanged'],
  },
  {
    artifact: 'rocketpool/RocketTokenRETH', abi: 'rocketpool/RocketTokenRETH.json',
    required: ['name', 'symbol', 'decimals', 'totalSupply', 'balanceOf', 'allowance', 'transfer', 'transferFrom', 'approve',
      'increaseAllowance', 'decreaseAllowance', 'getExchangeRate', 'getEthValue', 'getRethValue', 'getTotalCollateral',
      'getCollateralRate', 'burn', 'mint', 'depositExcess', 'depositExcessCollateral', 'version',
      'Transfer', 'Approval', 'EtherDeposited', 'TokensMinted', 'TokensBurned'],
  },
  {
    artifact: 'rocketpool/RocketDepositPool', abi: 'rocketpool/RocketDepositPool.json',
    required: ['deposit', 'getBalance', 'getUserBalance', 'getNodeBalance', 'getMaximumDepositAmount', 'getExcessBalance',
      'getMinipoolQueueLength', 'getExpressQueueLength', 'getStandardQueueLength', 'getTotalQueueLength', 'getQueueTop',
      'getQueueIndex', 'getNodeCreditBalance', 'assignDeposits', 'maybeAssignDeposits', 'withdrawExcessBalance',
      'receiveVaultWithdrawalETH', 'recycleExcessCollateral', 'version',
      'DepositReceived', 'DepositRecycled', 'DepositAssigned', 'FundsAssigned', 'FundsRequested', 'ExcessWithdrawn',
      'QueueExited', 'CreditWithdrawn'],
  },
  {
    artifact: 'rocketpool/RocketNetworkBalances', abi: 'rocketpool/RocketNetworkBalances.json',
    required: ['getTotalETHBalance', 'getStakingETHBalance', 'getTotalRETHSupply', 'getETHUtilizationRate', 'getBalancesBlock',
      'getBalancesTimestamp', 'submitBalances', 'executeUpdateBalances', 'version', 'BalancesUpdated', 'BalancesSubmitted'],
  },
  {
    artifact: 'rocketpool/RocketDAOProtocolSettingsDeposit', abi: 'rocketpool/RocketDAOProtocolSettingsDeposit.json',
    required: ['getDepositEnabled', 'getAssignDepositsEnabled', 'getMinimumDeposit', 'getMaximumDepositPoolSize', 'getDepositFee',
      'getMaximumDepositAssignments', 'getMaximumDepositSocialisedAssignments', 'getExpressQueueRate',
      'getExpressQueueTicketsBaseProvision', 'getSettingUint', 'getSettingBool', 'getSettingAddress', 'setSettingUint',
      'setSettingBool', 'setSettingAddress', 'version'],
  },
  {
    artifact: 'rocketpool/RocketDAOProtocolSettingsNetwork', abi: 'rocketpool/RocketDAOProtocolSettingsNetwork.json',
    required: ['getNodeConsensusThreshold', 'getNodePenaltyThreshold', 'getPerPenaltyRate', 'getSubmitBalancesEnabled',
      'getSubmitBalancesFrequency', 'getSubmitPricesEnabled', 'getSubmitPricesFrequency', 'getSubmitRewardsEnabled',
      'getMinimumNodeFee', 'getTargetNodeFee', 'getMaximumNodeFee', 'getNodeFeeDemandRange', 'getTargetRethCollateralRate',
      'getRethDepositDelay', 'getMaxRethDelta', 'getNodeShare', 'getNodeShareSecurityCouncilAdder',
      'getMaxNodeShareSecurityCouncilAdder', 'getVoterShare', 'getProtocolDAOShare', 'getEffectiveNodeShare',
      'getEffectiveVoterShare', 'getRethCommission', 'getSettingUint', 'getSettingBool', 'getSettingAddress',
      'setSettingUint', 'setSettingBool', 'setSettingAddress', 'version'],
  },
];
