// Lido replicas at their mainnet addresses: stETH (Lido), wstETH, WithdrawalQueueERC721 (unstETH), LidoLocator,
// EIP712StETH, AccountingOracle + HashConsensus (the real report path), WithdrawalVault, EL rewards vault,
// WstETHReferralStaker.
//
// Roles (found on-chain the way a mainnet fork driver finds them):
//   stETH app roles (Aragon "APP_AUTH_FAILED"): PAUSE_ROLE, RESUME_ROLE, STAKING_PAUSE_ROLE, STAKING_CONTROL_ROLE,
//     BUFFER_RESERVE_MANAGER_ROLE held by the Aragon Agent = LidoLocator.treasury(); check with canPerform.
//   WithdrawalQueue (AccessControl): FINALIZE_ROLE = stETH, ORACLE_ROLE = AccountingOracle, PAUSE_ROLE/RESUME_ROLE =
//     the Agent (getRoleMember); DEFAULT_ADMIN_ROLE = the devnet admin.
//   HashConsensus: ORACLE_MEMBERS (no keys: impersonated), quorum ORACLE_QUORUM, frame 225 epochs (mainnet), fast lane
//     100 slots; MANAGE_MEMBERS_AND_QUORUM_ROLE and DEFAULT_ADMIN_ROLE = the devnet admin.
// Oracle report (what chain/deploy does here and LidoDevnet does in C#): warp past the next frame's ref slot (and its
// fast lane), quorum members submitReport(refSlot, keccak256(abi.encode(ReportData)), consensusVersion), then a
// member submitReportData(ReportData, 5) and submitReportExtraDataEmpty(). TokenRebased.reportTimestamp = the ref
// slot's time, timeElapsed = 12 s x the slots since the previous report.
import { getAddress, keccak256, toHex, parseEther, encodeAbiParameters } from 'viem';

export const LIDO = getAddress('0xae7ab96520DE3A18E5e111B5EaAb095312D7fE84');
export const WSTETH = getAddress('0x7f39C581F595B53c5cb19bD0b3f8dA6c935E2Ca0');
export const WITHDRAWAL_QUEUE = getAddress('0x889edC2eDab5f40e902b864aD4d7AdE8E412F9B1');
export const LIDO_LOCATOR = getAddress('0xC1d0b3DE6792Bf6b4b37EccdcC24e45978Cfd2Eb');
export const EIP712_STETH = getAddress('0x8F73e4C2A6D852bb4ab2A45E6a9CF5715b3228B7');
export const ACCOUNTING_ORACLE = getAddress('0x852deD011285fe67063a08005c71a85690503Cee');
export const HASH_CONSENSUS = getAddress('0xD624B08C83bAECF0807Dd2c6880C3154a5F0B288');
export const WSTETH_REFERRAL_STAKER = getAddress('0xa88f0329C2c4ce51ba3fc619BBf44efE7120Dd0d');
export const TREASURY = getAddress('0x3e40D73EB977Dc6a537aF587D48316feE66E9C8c');
/** Aragon Agent: the treasury, and the holder of the stETH app roles. */
export const AGENT = TREASURY;
/** Curated staking module (NodeOperatorsRegistry): receives the module half of the protocol fee. */
export const NODE_OPERATORS_REGISTRY = getAddress('0x55032650b14df07b85bF18A3a3eC8E0Af2e028d5');
export const WITHDRAWAL_VAULT = getAddress('0xB9D7934878B5FB9610B3fE8A5e441e8fad7E293f');
export const EL_REWARDS_VAULT = getAddress('0x388C818CA8B9251b393131C08a736A67ccB19297');
export const GENESIS_TIME = 1606824023n;
export const CONSENSUS_VERSION = 5n;
export const CONTRACT_VERSION = 5n;
export const STONE_HOLDER = getAddress('0x000000000000000000000000000000000000dEaD');
/** Curve stETH/ETH pool: stands in for "all other stETH holders". */
export const OTHER_HOLDERS = getAddress('0xDC24316b9AE028F1497c275EB9192a3Ea0f67022');
/** Aave v3 aWstETH: stands in for "all other wstETH holders". */
export const WSTETH_OTHER_HOLDERS = getAddress('0x0B925eD163218f6662a35e0f0371Ac234f9E9371');

// Starting state: the internally consistent seed of lido.md §3.4 (rate ~1.2288), before the seeded requests below.
export const START = {
  internalEther: 9400000123456789012345678n,
  internalShares: 7650000987654321098765432n,
  bufferedEther: parseEther('20000'),
  stoneShares: parseEther('1'),
  treasuryShares: parseEther('3000'),
  wstETHShares: parseEther('3100000'),
  maxStakeLimit: parseEther('150000'),
  stakeLimitIncreasePerBlock: parseEther('23.4375'), // 150000 * 13.5 / 86400 -> 6400 blocks to refill
  seedReportAprBasisPoints: 280n,
  hashConsensusInitialEpoch: 201600n,
  epochsPerFrame: 225n,
  fastLaneLengthSlots: 100n,
};

// Placeholders for locator entries whose mainnet address is not in lido.md (deterministic, clearly synthetic).
const placeholder = (name) => getAddress(`0x${keccak256(toHex(`liquidstake.devnet.lido.${name}`)).slice(26)}`);

/** The oracle committee (mainnet: 9 members, quorum 5). No keys: the report path impersonates them. */
export const ORACLE_MEMBERS = [0, 1, 2, 3, 4].map((i) => placeholder(`oracleMember${i}`));
export const ORACLE_QUORUM = 3n;

export const LOCATOR_CONFIG = {
  accountingOracle: ACCOUNTING_ORACLE,
  depositSecurityModule: placeholder('depositSecurityModule'),
  elRewardsVault: EL_REWARDS_VAULT,
  lido: LIDO,
  oracleReportSanityChecker: placeholder('oracleReportSanityChecker'),
  postTokenRebaseReceiver: placeholder('postTokenRebaseReceiver'),
  burner: getAddress('0xE76c52750019b80B43E36DF30bf4060EB73F573a'),
  stakingRouter: getAddress('0xFdDf38947aFB03C621C71b06C9C70bce73f12999'),
  treasury: TREASURY,
  validatorsExitBusOracle: getAddress('0x0De4Ea0184c2ad0BacA7183356Aea5B8d5Bf5c6e'),
  withdrawalQueue: WITHDRAWAL_QUEUE,
  withdrawalVault: WITHDRAWAL_VAULT,
  oracleDaemonConfig: placeholder('oracleDaemonConfig'),
  validatorExitDelayVerifier: placeholder('validatorExitDelayVerifier'),
  triggerableWithdrawalsGateway: placeholder('triggerableWithdrawalsGateway'),
  consolidationGateway: placeholder('consolidationGateway'),
  topUpGateway: placeholder('topUpGateway'),
  accounting: getAddress('0x23ED611be0e1a820978875C0122F92260804cdDf'),
  predepositGuarantee: placeholder('predepositGuarantee'),
  wstETH: WSTETH,
  vaultHub: getAddress('0x1d201BE093d847f6446530Efb0E8Fb426d176709'),
  vaultFactory: placeholder('vaultFactory'),
  lazyOracle: placeholder('lazyOracle'),
  operatorGrid: placeholder('operatorGrid'),
};

export async function deploy(ctx) {
  const admin = ctx.admin.address;
  const lido = await ctx.placeAt('lido/Lido', LIDO);
  const wsteth = await ctx.placeAt('lido/WstETH', WSTETH);
  const wq = await ctx.placeAt('lido/WithdrawalQueueERC721', WITHDRAWAL_QUEUE);
  const locator = await ctx.placeAt('lido/LidoLocator', LIDO_LOCATOR);
  await ctx.placeAt('lido/EIP712StETH', EIP712_STETH);
  const ao = await ctx.placeAt('lido/AccountingOracle', ACCOUNTING_ORACLE);
  const hc = await ctx.placeAt('lido/HashConsensus', HASH_CONSENSUS);
  await ctx.placeAt('lido/WithdrawalVault', WITHDRAWAL_VAULT);
  await ctx.placeAt('lido/LidoExecutionLayerRewardsVault', EL_REWARDS_VAULT);
  const staker = await ctx.placeAt('lido/WstETHReferralStaker', WSTETH_REFERRAL_STAKER);
  const burner = await ctx.placeAt('lido/Burner', LOCATOR_CONFIG.burner);

  await ctx.write(locator, 'devnetInitialize', [LOCATOR_CONFIG]);
  const s = START;
  const otherShares = s.internalShares - s.stoneShares - s.treasuryShares - s.wstETHShares;
  await ctx.write(lido, 'devnetInitialize', [
    AGENT, LIDO_LOCATOR, EIP712_STETH, NODE_OPERATORS_REGISTRY, s.bufferedEther, s.internalEther - s.bufferedEther,
    [STONE_HOLDER, TREASURY, WSTETH, OTHER_HOLDERS], [s.stoneShares, s.treasuryShares, s.wstETHShares, otherShares],
  ]);
  await ctx.write(wsteth, 'devnetInitialize', [LIDO, WSTETH_OTHER_HOLDERS, s.wstETHShares]);
  await ctx.write(wq, 'devnetInitialize', [admin, LIDO, WSTETH]);
  // The Burner: Lido plays Accounting on the devnet, so it holds REQUEST_BURN_SHARES_ROLE.
  await ctx.write(burner, 'devnetInitialize', [admin, LIDO]);
  await ctx.write(burner, 'grantRole', [await ctx.read(burner, 'REQUEST_BURN_SHARES_ROLE'), LIDO]);
  for (const [role, holder] of [['FINALIZE_ROLE', LIDO], ['ORACLE_ROLE', ACCOUNTING_ORACLE], ['PAUSE_ROLE', AGENT], ['RESUME_ROLE', AGENT]]) {
    await ctx.write(wq, 'grantRole', [await ctx.read(wq, role), holder]);
  }
  await ctx.write(hc, 'devnetInitialize', [admin, ACCOUNTING_ORACLE, s.hashConsensusInitialEpoch, s.epochsPerFrame, s.fastLaneLengthSlots]);
  await ctx.write(hc, 'grantRole', [await ctx.read(hc, 'MANAGE_MEMBERS_AND_QUORUM_ROLE'), admin]);
  for (const member of ORACLE_MEMBERS) await ctx.write(hc, 'addMember', [member, ORACLE_QUORUM]);
  const [frameRef] = await ctx.read(hc, 'getCurrentFrame');
  // the last report landed one frame before the current one
  await ctx.write(ao, 'devnetInitialize', [admin, LIDO_LOCATOR, HASH_CONSENSUS, CONSENSUS_VERSION, frameRef - s.epochsPerFrame * 32n]);
  await ctx.write(staker, 'devnetInitialize', [LIDO, WSTETH]);

  // The pooled ether physically sits in the stETH contract (buffer + the CL side), with headroom.
  await ctx.setBalance(LIDO, s.internalEther + parseEther('1000000'));

  // A few existing requests by the admin: ids 1..3 finalized by a daily report (1 and 2 claimable, 3 claimed),
  // ids 4..5 pending.
  await ctx.setBalance(admin, parseEther('100000'));
  await ctx.write(lido, 'submit', ['0x0000000000000000000000000000000000000000'], { value: parseEther('4000') });
  await ctx.write(lido, 'approve', [WITHDRAWAL_QUEUE, 2n ** 256n - 1n]);
  await ctx.write(wq, 'requestWithdrawals', [[parseEther('1000'), parseEther('250'), parseEther('32')], admin]);
  await deliverReport(ctx, { aprBasisPoints: s.seedReportAprBasisPoints, finalizeUpTo: 3n });
  const [hint3] = await ctx.read(wq, 'findCheckpointHints', [[3n], 1n, 1n]);
  await ctx.write(wq, 'claimWithdrawals', [[3n], [hint3]]);
  await ctx.write(wq, 'requestWithdrawals', [[parseEther('1000'), parseEther('0.5')], admin]);

  // mainnet stake limit, set last (by the Agent) so the devnet starts with the full 150 000 ETH available
  await asAgent(ctx, () => ctx.write(lido, 'setStakingLimit', [s.maxStakeLimit, s.stakeLimitIncreasePerBlock], { account: AGENT }));

  return {
    Lido: LIDO, WstETH: WSTETH, WithdrawalQueueERC721: WITHDRAWAL_QUEUE, LidoLocator: LIDO_LOCATOR,
    EIP712StETH: EIP712_STETH, AccountingOracle: ACCOUNTING_ORACLE, HashConsensus: HASH_CONSENSUS,
    WithdrawalVault: WITHDRAWAL_VAULT, ELRewardsVault: EL_REWARDS_VAULT, WstETHReferralStaker: WSTETH_REFERRAL_STAKER,
  };
}

/** Runs `fn` with `address` impersonated (and funded for gas). */
export async function impersonated(ctx, address, fn) {
  await ctx.testClient.impersonateAccount({ address });
  const balance = await ctx.publicClient.getBalance({ address });
  if (balance < parseEther('1')) await ctx.setBalance(address, balance + parseEther('1'));
  try { return await fn(); } finally { await ctx.testClient.stopImpersonatingAccount({ address }); }
}
const asAgent = (ctx, fn) => impersonated(ctx, AGENT, fn);

const REPORT_DATA = {
  type: 'tuple',
  components: [
    'uint256 consensusVersion', 'uint256 refSlot', 'uint256 clValidatorsBalanceGwei', 'uint256 clPendingBalanceGwei',
    'uint256[] stakingModuleIdsWithNewlyExitedValidators', 'uint256[] numExitedValidatorsByStakingModule',
    'uint256[] stakingModuleIdsWithUpdatedBalance', 'uint256[] validatorBalancesGweiByStakingModule',
    'uint256 withdrawalVaultBalance', 'uint256 elRewardsVaultBalance', 'uint256 sharesRequestedToBurn',
    'uint256[] withdrawalFinalizationBatches', 'uint256 simulatedShareRate', 'bool isBunkerMode', 'bytes32 vaultsDataTreeRoot',
    'string vaultsDataTreeCid', 'uint256 extraDataFormat', 'bytes32 extraDataHash', 'uint256 extraDataItemsCount',
  ].map((p) => { const [type, name] = p.split(' '); return { type, name }; }),
};

/** keccak256(abi.encode(data)): the hash the committee agrees on. */
export const reportHash = (data) => keccak256(encodeAbiParameters([REPORT_DATA], [data]));

/**
 * Delivers one oracle report through the real path: warps to one slot past the next frame's ref slot + fast lane,
 * quorum members submitReport, a member submitReportData + submitReportExtraDataEmpty. The CL balance moves by
 * `clDelta` (wei, default: internalEther x apr x timeElapsed / (10000 x 365 days)); requests up to `finalizeUpTo` are
 * finalized at the post-report share rate. Returns the submitReportData receipt.
 */
export async function deliverReport(ctx, { aprBasisPoints = 0n, clDelta, finalizeUpTo = 0n } = {}) {
  const hc = { address: HASH_CONSENSUS, abi: ctx.artifact('lido/HashConsensus').abi };
  const ao = { address: ACCOUNTING_ORACLE, abi: ctx.artifact('lido/AccountingOracle').abi };
  const lido = { address: LIDO, abi: ctx.artifact('lido/Lido').abi };
  const wq = { address: WITHDRAWAL_QUEUE, abi: ctx.artifact('lido/WithdrawalQueueERC721').abi };
  const [, epochsPerFrame, fastLane] = await ctx.read(hc, 'getFrameConfig');
  const last = await ctx.read(ao, 'getLastProcessingRefSlot');
  const refSlot = last + epochsPerFrame * 32n;
  const now = (await ctx.publicClient.getBlock()).timestamp;
  const target = GENESIS_TIME + (refSlot + fastLane + 1n) * 12n;
  if (target > now) await ctx.advanceTo(target);
  const [currentRef] = await ctx.read(hc, 'getCurrentFrame');
  const timeElapsed = (currentRef - last) * 12n;
  const [clValidators, clPending, deposited] = await ctx.read(lido, 'getBalanceStats');
  const internalEther = (await ctx.read(lido, 'getTotalPooledEther')) - (await ctx.read(lido, 'getExternalEther'));
  const wanted = clDelta ?? internalEther * aprBasisPoints * timeElapsed / (10000n * 31536000n);
  // the CL balance is reported in gwei
  const preCl = clValidators + clPending + deposited;
  const postCl = (preCl + wanted) / 10n ** 9n * 10n ** 9n;
  const delta = postCl - preCl;
  // finalization at the rate the report produces (fee shares included): simulate with the fee formula
  let batches = [], shareRate = 0n;
  if (finalizeUpTo > (await ctx.read(wq, 'getLastFinalizedRequestId'))) {
    const shares = (await ctx.read(lido, 'getTotalShares')) - (await ctx.read(lido, 'getExternalShares'));
    const postEther = internalEther + delta;
    const fee = delta > 0n ? delta * 1000n / 10000n : 0n;
    const feeShares = fee * shares / (postEther - fee);
    shareRate = postEther * 10n ** 27n / (shares + feeShares);
    batches = await finalizationBatches(ctx, wq, lido, shareRate, finalizeUpTo);
  }
  const data = {
    consensusVersion: await ctx.read(ao, 'getConsensusVersion'), refSlot: currentRef,
    clValidatorsBalanceGwei: postCl / 10n ** 9n, clPendingBalanceGwei: 0n,
    stakingModuleIdsWithNewlyExitedValidators: [], numExitedValidatorsByStakingModule: [],
    stakingModuleIdsWithUpdatedBalance: [], validatorBalancesGweiByStakingModule: [],
    withdrawalVaultBalance: 0n, elRewardsVaultBalance: 0n, sharesRequestedToBurn: 0n,
    withdrawalFinalizationBatches: batches, simulatedShareRate: shareRate, isBunkerMode: delta < 0n,
    vaultsDataTreeRoot: `0x${'00'.repeat(32)}`, vaultsDataTreeCid: '', extraDataFormat: 0n,
    extraDataHash: `0x${'00'.repeat(32)}`, extraDataItemsCount: 0n,
  };
  const hash = reportHash(data);
  const version = data.consensusVersion;
  let support = 0n;
  for (const member of ORACLE_MEMBERS) {
    if (support >= ORACLE_QUORUM) break;
    if (!(await ctx.read(hc, 'getIsFastLaneMember', [member])) && (await ctx.publicClient.getBlock()).timestamp <= GENESIS_TIME + (currentRef + fastLane) * 12n) continue;
    await impersonated(ctx, member, () => ctx.write(hc, 'submitReport', [currentRef, hash, version], { account: member }));
    support += 1n;
  }
  const submitter = ORACLE_MEMBERS[0];
  return impersonated(ctx, submitter, async () => {
    const receipt = await ctx.write(ao, 'submitReportData', [data, CONTRACT_VERSION], { account: submitter });
    await ctx.write(ao, 'submitReportExtraDataEmpty', [], { account: submitter });
    return receipt;
  });
}

/**
 * The batches the real oracle daemon reports: calculateFinalizationBatches over the requests up to `finalizeUpTo`
 * (budget: the buffer; requests up to now), each batch all nominal or all discounted at `shareRate`.
 */
async function finalizationBatches(ctx, wq, lido, shareRate, finalizeUpTo) {
  const lastFinalized = await ctx.read(wq, 'getLastFinalizedRequestId');
  const now = (await ctx.publicClient.getBlock()).timestamp;
  let state = { remainingEthBudget: await ctx.read(lido, 'getBufferedEther'), finished: false, batches: Array(36).fill(0n), batchesLength: 0n };
  state = await ctx.read(wq, 'calculateFinalizationBatches', [shareRate, now, finalizeUpTo - lastFinalized, state]);
  return state.batches.slice(0, Number(state.batchesLength));
}

/** Consensus-layer APR of the history's reports, in basis points, before Lido's 10 % fee. */
export const HISTORY_APR_BPS = 310n;

/**
 * The accounting oracle in the devnet's history: one report per frame (225 epochs, a day), right after the frame's
 * ref slot, finalizing every pending withdrawal request, as on mainnet.
 */
export const history = {
  cadenceSeconds: 86400,
  async due(ctx) {
    const hc = { address: HASH_CONSENSUS, abi: ctx.artifact('lido/HashConsensus').abi };
    const ao = { address: ACCOUNTING_ORACLE, abi: ctx.artifact('lido/AccountingOracle').abi };
    const [, epochsPerFrame, fastLane] = await ctx.read(hc, 'getFrameConfig');
    const last = await ctx.read(ao, 'getLastProcessingRefSlot');
    return GENESIS_TIME + (last + epochsPerFrame * 32n + fastLane + 1n) * 12n;
  },
  async tick(ctx) {
    const wq = { address: WITHDRAWAL_QUEUE, abi: ctx.artifact('lido/WithdrawalQueueERC721').abi };
    return deliverReport(ctx, { aprBasisPoints: HISTORY_APR_BPS, finalizeUpTo: await ctx.read(wq, 'getLastRequestId') });
  },
};

export const conformance = [
  {
    artifact: 'lido/Lido', abi: 'lido/Lido.json',
    required: [
      'submit', 'balanceOf', 'sharesOf', 'totalSupply', 'getTotalPooledEther', 'getTotalShares', 'getSharesByPooledEth',
      'getPooledEthByShares', 'getPooledEthBySharesRoundUp', 'transfer', 'transferFrom', 'approve', 'allowance',
      'increaseAllowance', 'decreaseAllowance', 'transferShares', 'transferSharesFrom', 'name', 'symbol', 'decimals',
      'permit', 'nonces', 'DOMAIN_SEPARATOR', 'eip712Domain', 'getEIP712StETH', 'isStakingPaused', 'getCurrentStakeLimit',
      'getStakeLimitFullInfo', 'isStopped', 'getBufferedEther', 'getDepositableEther', 'getBeaconStat', 'getBalanceStats',
      'getDepositsReserve', 'getWithdrawalsReserve', 'getDepositsReserveTarget', 'getExternalShares', 'getExternalEther',
      'getMaxExternalRatioBP', 'getTotalELRewardsCollected', 'getLidoLocator', 'getContractVersion', 'canDeposit', 'getFee',
      'getFeeDistribution', 'getTreasury', 'getWithdrawalCredentials', 'pauseStaking', 'resumeStaking', 'setStakingLimit',
      'removeStakingLimit', 'stop', 'resume', 'setMaxExternalRatioBP', 'hasInitialized', 'getInitializationBlock', 'isPetrified',
      'transferToVault',
      'Submitted', 'Transfer', 'TransferShares', 'Approval', 'TokenRebased', 'InternalShareRateUpdated', 'ETHDistributed',
      'SharesBurnt', 'StakingPaused', 'StakingResumed', 'StakingLimitSet', 'StakingLimitRemoved', 'Stopped', 'Resumed',
      'CLBalancesUpdated', 'LidoLocatorSet', 'EIP712StETHInitialized', 'ContractVersionSet', 'MaxExternalRatioBPSet',
      'canPerform', 'PAUSE_ROLE', 'RESUME_ROLE', 'STAKING_PAUSE_ROLE', 'STAKING_CONTROL_ROLE', 'BUFFER_RESERVE_MANAGER_ROLE',
      'receiveWithdrawals', 'receiveELRewards', 'WithdrawalsReceived', 'ELRewardsReceived',
    ],
  },
  {
    artifact: 'lido/WstETH', abi: 'lido/WstETH.json',
    required: [
      'wrap', 'unwrap', 'getWstETHByStETH', 'getStETHByWstETH', 'stEthPerToken', 'tokensPerStEth', 'stETH', 'balanceOf',
      'totalSupply', 'transfer', 'transferFrom', 'approve', 'allowance', 'increaseAllowance', 'decreaseAllowance', 'permit',
      'nonces', 'DOMAIN_SEPARATOR', 'name', 'symbol', 'decimals', 'Transfer', 'Approval',
    ],
  },
  {
    artifact: 'lido/WithdrawalQueueERC721', abi: 'lido/WithdrawalQueueERC721.json',
    required: [
      'requestWithdrawals', 'requestWithdrawalsWstETH', 'requestWithdrawalsWithPermit', 'requestWithdrawalsWstETHWithPermit',
      'getWithdrawalRequests', 'getWithdrawalStatus', 'getClaimableEther', 'findCheckpointHints', 'getLastCheckpointIndex',
      'claimWithdrawals', 'claimWithdrawalsTo', 'claimWithdrawal', 'getLastRequestId', 'getLastFinalizedRequestId',
      'unfinalizedStETH', 'unfinalizedRequestNumber', 'getLockedEtherAmount', 'MIN_STETH_WITHDRAWAL_AMOUNT',
      'MAX_STETH_WITHDRAWAL_AMOUNT', 'isPaused', 'getResumeSinceTimestamp', 'isBunkerModeActive', 'bunkerModeSinceTimestamp',
      'BUNKER_MODE_DISABLED_TIMESTAMP', 'PAUSE_INFINITELY', 'STETH', 'WSTETH', 'balanceOf', 'ownerOf', 'transferFrom',
      'safeTransferFrom', 'approve', 'getApproved', 'setApprovalForAll', 'isApprovedForAll', 'name', 'symbol', 'tokenURI',
      'getBaseURI', 'supportsInterface', 'getContractVersion', 'finalize', 'onOracleReport', 'pauseFor', 'resume',
      'WithdrawalRequested', 'WithdrawalsFinalized', 'WithdrawalClaimed', 'Transfer', 'Approval', 'ApprovalForAll',
      'BatchMetadataUpdate', 'BunkerModeEnabled', 'BunkerModeDisabled', 'Paused', 'Resumed',
      'RequestAmountTooSmall', 'RequestAmountTooLarge', 'ResumedExpected', 'PausedExpected', 'InvalidRequestId',
      'InvalidRequestIdRange', 'InvalidHint', 'RequestNotFoundOrNotFinalized', 'RequestAlreadyClaimed', 'NotOwner',
      'RequestIdsNotSorted', 'ArraysLengthMismatch', 'ZeroRecipient', 'NotEnoughEther', 'CantSendValueRecipientMayHaveReverted',
      'InvalidOwnerAddress', 'NotOwnerOrApproved', 'NotOwnerOrApprovedForAll', 'TransferFromIncorrectOwner',
      'TransferToZeroAddress', 'TransferToThemselves', 'TransferToNonIERC721Receiver', 'ApprovalToOwner', 'ApproveToCaller',
      'TooMuchEtherToFinalize', 'ZeroPauseDuration', 'ZeroShareRate',
      'prefinalize', 'FINALIZE_ROLE', 'ORACLE_ROLE', 'PAUSE_ROLE', 'RESUME_ROLE', 'MANAGE_TOKEN_URI_ROLE', 'DEFAULT_ADMIN_ROLE',
      'hasRole', 'getRoleAdmin', 'getRoleMember', 'getRoleMemberCount', 'grantRole', 'revokeRole', 'renounceRole',
      'RoleGranted', 'RoleRevoked', 'InvalidReportTimestamp', 'EmptyBatches', 'BatchesAreNotSorted',
      'calculateFinalizationBatches', 'MAX_BATCHES_LENGTH', 'InvalidState', 'pauseUntil', 'PauseUntilMustBeInFuture',
    ],
  },
  {
    artifact: 'lido/LidoLocator', abi: 'lido/LidoLocator.json',
    required: [
      'lido', 'wstETH', 'withdrawalQueue', 'accountingOracle', 'accounting', 'burner', 'stakingRouter', 'treasury',
      'elRewardsVault', 'withdrawalVault', 'oracleReportSanityChecker', 'validatorsExitBusOracle', 'depositSecurityModule',
      'postTokenRebaseReceiver', 'oracleDaemonConfig', 'vaultHub', 'lazyOracle', 'operatorGrid', 'predepositGuarantee',
      'vaultFactory', 'triggerableWithdrawalsGateway', 'validatorExitDelayVerifier', 'topUpGateway', 'consolidationGateway',
      'coreComponents', 'oracleReportComponents',
    ],
  },
  { artifact: 'lido/EIP712StETH', abi: 'lido/EIP712StETH.json', required: ['domainSeparatorV4', 'eip712Domain', 'hashTypedDataV4'] },
  {
    artifact: 'lido/AccountingOracle', abi: 'lido/AccountingOracle.json',
    required: [
      'getLastProcessingRefSlot', 'getProcessingState', 'getConsensusReport', 'getCurrentFrame', 'GENESIS_TIME',
      'SECONDS_PER_SLOT', 'getConsensusContract', 'getConsensusVersion', 'getContractVersion', 'LOCATOR', 'ProcessingStarted',
      'submitConsensusReport', 'submitReportData', 'submitReportExtraDataEmpty', 'SUBMIT_DATA_ROLE', 'DEFAULT_ADMIN_ROLE',
      'MANAGE_CONSENSUS_CONTRACT_ROLE', 'MANAGE_CONSENSUS_VERSION_ROLE', 'EXTRA_DATA_FORMAT_EMPTY', 'EXTRA_DATA_FORMAT_LIST',
      'hasRole', 'getRoleMember', 'getRoleMemberCount', 'grantRole', 'RoleGranted', 'ReportSubmitted', 'ExtraDataSubmitted',
      'WarnProcessingMissed', 'ConsensusHashContractSet', 'ConsensusVersionSet', 'ContractVersionSet',
      'SenderIsNotTheConsensusContract', 'SenderNotAllowed', 'RefSlotCannotDecrease', 'RefSlotMustBeGreaterThanProcessingOne',
      'RefSlotAlreadyProcessing', 'ProcessingDeadlineMissed', 'HashCannotBeZero', 'NoConsensusReportToProcess',
      'UnexpectedContractVersion', 'UnexpectedRefSlot', 'UnexpectedConsensusVersion', 'UnexpectedDataHash',
      'UnexpectedExtraDataHash', 'UnexpectedExtraDataItemsCount', 'UnexpectedExtraDataFormat', 'UnsupportedExtraDataFormat',
      'ExtraDataAlreadyProcessed', 'CannotSubmitExtraDataBeforeMainData', 'InvalidExitedValidatorsData',
    ],
  },
  {
    artifact: 'lido/HashConsensus', abi: 'lido/HashConsensus.json',
    required: [
      'getCurrentFrame', 'getFrameConfig', 'getChainConfig', 'getInitialRefSlot', 'getConsensusState', 'getReportProcessor',
      'FrameConfigSet', 'FastLaneConfigSet', 'submitReport', 'getMembers', 'getQuorum', 'getIsMember', 'getIsFastLaneMember',
      'getReportVariants', 'addMember', 'setQuorum', 'MANAGE_MEMBERS_AND_QUORUM_ROLE', 'DISABLE_CONSENSUS_ROLE',
      'MANAGE_FRAME_CONFIG_ROLE', 'MANAGE_FAST_LANE_CONFIG_ROLE', 'MANAGE_REPORT_PROCESSOR_ROLE', 'DEFAULT_ADMIN_ROLE', 'hasRole',
      'getRoleMember', 'getRoleMemberCount', 'grantRole', 'MemberAdded', 'QuorumSet', 'ReportProcessorSet', 'ReportReceived',
      'ConsensusReached', 'ConsensusLost', 'RoleGranted', 'AddressCannotBeZero', 'DuplicateMember', 'NonMember', 'InvalidSlot',
      'NumericOverflow', 'EmptyReport', 'StaleReport', 'DuplicateReport', 'ConsensusReportAlreadyProcessing',
      'NonFastLaneMemberCannotReportWithinFastLaneInterval', 'UnexpectedConsensusVersion', 'QuorumTooSmall',
      'InitialEpochIsYetToArrive',
    ],
  },
  { artifact: 'lido/WstETHReferralStaker', abi: 'lido/WstETHReferralStaker.json', required: ['stakeETH', 'stETH', 'wstETH', 'EthTransferNotAllowed'] },
];
