// Rocket Pool replica (rETH) at the mainnet addresses. Facts: shared/protocols/rocketpool.md.
//
// Address registry: RocketStorage.getAddress(keccak256(abi.encodePacked("contract.address", name))) resolves every
// network contract below by its real name; "contract.exists"/"contract.name"/"contract.abi" are set as on mainnet
// (the ABI string is base64(zlib(JSON ABI))). rETH and RocketStorage are the only fixed addresses.
//
// Off-chain actors' jobs use the real entry points (the fork kit does the same on a mainnet fork):
//   Balances: RocketNetworkBalances.submitBalances(block, slotTimestamp, totalEth, stakingEth, rethSupply) from oracle
//     DAO members (RocketDAONodeTrusted.getMemberAt/getMemberCount; ODAO_MEMBERS below, bootstrapped by the guardian)
//     until 1e18 * votes / members >= network.consensus.threshold (51 %: 3 of 5), with the v1.4 frequency and
//     max-delta guards.
//   Settings: RocketDAOProtocolSettings{Deposit,Network}.setSettingUint/Bool(path, value), accepted only from the
//     address registered as rocketDAOProtocolProposals (impersonated), with the real guard rails.
//   Collateral: plain ETH sent to rETH (its real receive()); deposit-pool ETH arrives through the real
//     rETH.depositExcessCollateral() -> RocketDepositPool.recycleExcessCollateral() path.
// Replica-only helpers that remain (no real equivalent; none is used by the fork kit):
//   RocketTokenRETH.devnetInitialize(address holder, uint256 supply)  once, here: the starting supply (four years of
//     mainnet deposits) to the admin.
//   RocketDepositPool.devnetEnqueueValidators(uint256 count, bool expressQueue) payable  queues megapool validators
//     (stands in for node operators' requestFunds, whose megapool contracts are not replicated).
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
export const ROCKET_DAO_NODE_TRUSTED = '0xb8e783882b11Ff4f6Cef3C501EA0f4b960152cc9';
/** The mainnet address was not checked (rocketpool.md lists none): a devnet address, found through RocketStorage. */
export const ROCKET_DAO_PROTOCOL_PROPOSALS = getAddress(`0x${keccak256(toBytes('liquidstake.devnet.rocketpool.rocketDAOProtocolProposals')).slice(-40)}`);

/** RocketStorage name -> [artifact, address, real ABI file (or null)]. */
export const CONTRACTS = {
  rocketTokenRETH: ['rocketpool/RocketTokenRETH', RETH, 'RocketTokenRETH.json'],
  rocketDepositPool: ['rocketpool/RocketDepositPool', ROCKET_DEPOSIT_POOL, 'RocketDepositPool.json'],
  rocketNetworkBalances: ['rocketpool/RocketNetworkBalances', ROCKET_NETWORK_BALANCES, 'RocketNetworkBalances.json'],
  rocketDAOProtocolSettingsDeposit: ['rocketpool/RocketDAOProtocolSettingsDeposit', ROCKET_SETTINGS_DEPOSIT, 'RocketDAOProtocolSettingsDeposit.json'],
  rocketDAOProtocolSettingsNetwork: ['rocketpool/RocketDAOProtocolSettingsNetwork', ROCKET_SETTINGS_NETWORK, 'RocketDAOProtocolSettingsNetwork.json'],
  rocketVault: ['rocketpool/RocketVault', ROCKET_VAULT, null],
  rocketDAONodeTrusted: ['rocketpool/RocketDAONodeTrusted', ROCKET_DAO_NODE_TRUSTED, null],
  rocketDAOProtocolProposals: ['rocketpool/RocketDAOProtocolProposals', ROCKET_DAO_PROTOCOL_PROPOSALS, null],
};

/** Oracle DAO members: deterministic addresses without keys (votes are sent by impersonation, as on a fork). */
export const ODAO_MEMBERS = ['alpha', 'bravo', 'charlie', 'delta', 'echo'].map((label) => ({
  id: `devnet-odao-${label}`,
  url: `https://odao-${label}.example.invalid`,
  address: getAddress(`0x${keccak256(toBytes(`liquidstake.devnet.rocketpool.odao.${label}`)).slice(-40)}`),
}));

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

  // Oracle DAO (bootstrap mode, as on a fresh deployment), the starting supply, then the first balances update voted
  // by the members (the first update skips the delta guard). The admin is topped up for the ETH it moves.
  for (const m of ODAO_MEMBERS) await send(placed.rocketDAONodeTrusted, 'bootstrapMember', [m.id, m.url, m.address]);
  await send(placed.rocketTokenRETH, 'devnetInitialize', [admin.address, START.rethSupply]);
  const collateral = START.totalEth * START.collateralTarget / ETHER;
  const adminBalance = await publicClient.getBalance({ address: admin.address });
  await ctx.setBalance(admin.address, adminBalance + collateral + START.depositPoolBalance + ETHER);
  await send(storage, 'setDeployedStatus');
  for (const hash of hashes.splice(0)) {
    const receipt = await publicClient.waitForTransactionReceipt({ hash, pollingInterval: 50 });
    if (receipt.status !== 'success') throw new Error(`rocketpool deploy: transaction ${hash} reverted`);
  }
  const reportBlock = (await publicClient.getBlockNumber()) - 1n;
  const slotTimestamp = (await publicClient.getBlock({ blockNumber: reportBlock })).timestamp;
  const votes = ODAO_MEMBERS.slice(0, 3);
  for (const m of votes) {
    await ctx.testClient.impersonateAccount({ address: m.address });
    await ctx.setBalance(m.address, ETHER);
    await ctx.write(placed.rocketNetworkBalances, 'submitBalances', [reportBlock, slotTimestamp, START.totalEth, START.stakingEth, START.rethSupply], { account: m.address });
    await ctx.testClient.stopImpersonatingAccount({ address: m.address });
  }
  // Collateral: ETH to rETH's receive(), exactly the target. Deposit-pool ETH: into RocketVault as the deposit pool
  // (what its deposit()/recycleExcessCollateral() do with ETH they keep). Not via depositExcessCollateral(): the real
  // formula (balance * target / current rate, the rate floored) keeps ~1.6e8 wei more than the target at these
  // magnitudes, and the notes' starting values are exact.
  hashes.push(await walletClient.sendTransaction({ account: admin, chain: ctx.chain, to: RETH, value: collateral }));
  for (const hash of hashes.splice(0)) {
    const receipt = await publicClient.waitForTransactionReceipt({ hash, pollingInterval: 50 });
    if (receipt.status !== 'success') throw new Error(`rocketpool deploy: transaction ${hash} reverted`);
  }
  await ctx.testClient.impersonateAccount({ address: ROCKET_DEPOSIT_POOL });
  await ctx.setBalance(ROCKET_DEPOSIT_POOL, START.depositPoolBalance + ETHER);
  await ctx.write(placed.rocketVault, 'depositEther', [], { account: ROCKET_DEPOSIT_POOL, value: START.depositPoolBalance });
  await ctx.testClient.stopImpersonatingAccount({ address: ROCKET_DEPOSIT_POOL });
  await ctx.setBalance(ROCKET_DEPOSIT_POOL, 0n);

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
    RocketDAONodeTrusted: getAddress(ROCKET_DAO_NODE_TRUSTED),
    RocketDAOProtocolProposals: ROCKET_DAO_PROTOCOL_PROPOSALS,
    oracleDaoMembers: ODAO_MEMBERS.map((m) => m.address),
  };
}

/** rETH APR of the history's balance updates, in basis points (the total ETH behind rETH grows by it). */
export const HISTORY_APR_BPS = 270n;

/**
 * The oracle DAO in the devnet's history: once per submit frequency (a day), enough members vote the network
 * balances of the block before, with the total ETH grown by HISTORY_APR_BPS since the last update (scaled to the
 * current rETH supply, as deposits and burns moved it) and the staking share kept.
 */
export const history = {
  cadenceSeconds: 86400,
  async due(ctx) {
    const balances = { address: ROCKET_NETWORK_BALANCES, abi: ctx.artifact('rocketpool/RocketNetworkBalances').abi };
    const settings = { address: ROCKET_SETTINGS_NETWORK, abi: ctx.artifact('rocketpool/RocketDAOProtocolSettingsNetwork').abi };
    return (await ctx.read(balances, 'getBalancesTimestamp')) + (await ctx.read(settings, 'getSubmitBalancesFrequency'));
  },
  async tick(ctx) {
    const balances = { address: ROCKET_NETWORK_BALANCES, abi: ctx.artifact('rocketpool/RocketNetworkBalances').abi };
    const reth = { address: RETH, abi: ctx.artifact('rocketpool/RocketTokenRETH').abi };
    const head = await ctx.publicClient.getBlock();
    const block = head.number - 1n;
    const slotTimestamp = (await ctx.publicClient.getBlock({ blockNumber: block })).timestamp;
    const elapsed = head.timestamp - (await ctx.read(balances, 'getBalancesTimestamp'));
    const total = await ctx.read(balances, 'getTotalETHBalance');
    const staking = await ctx.read(balances, 'getStakingETHBalance');
    const supply = await ctx.read(reth, 'totalSupply');
    const scaled = total * supply / (await ctx.read(balances, 'getTotalRETHSupply'));
    const newTotal = scaled + scaled * HISTORY_APR_BPS * elapsed / (10000n * 31536000n);
    const newStaking = staking * newTotal / total;
    for (const m of ODAO_MEMBERS.slice(0, 3)) {
      await ctx.testClient.impersonateAccount({ address: m.address });
      await ctx.setBalance(m.address, ETHER);
      await ctx.write(balances, 'submitBalances', [block, slotTimestamp, newTotal, newStaking, supply], { account: m.address });
      await ctx.testClient.stopImpersonatingAccount({ address: m.address });
    }
    return { block, totalEth: newTotal };
  },
};

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
