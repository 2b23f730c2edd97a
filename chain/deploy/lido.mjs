// Lido replicas at their mainnet addresses: stETH (Lido), wstETH, WithdrawalQueueERC721 (unstETH), LidoLocator,
// EIP712StETH, AccountingOracle + HashConsensus (timing views only), WstETHReferralStaker.
//
// Devnet admin entry points (admin = ctx.admin = accounts[9]; all revert for anyone else):
//   stETH 0xae7ab96520DE3A18E5e111B5EaAb095312D7fE84
//     devnetOracleReport(uint256 aprBasisPoints, uint256 elapsedSeconds, uint256 finalizeUpToRequestId)
//       rewards = internalEther * aprBasisPoints * elapsedSeconds / (10000 * 31536000)      (floor; internal ether before)
//       CL balance += rewards; fee shares (10 %) minted to the treasury:
//       feeShares = rewards * 1000 * internalShares / (internalEther * 10000 - rewards * 1000)   (post-reward ether, pre-fee shares)
//       then, if finalizeUpToRequestId > getLastFinalizedRequestId(), finalizes requests up to it at
//       maxShareRate = internalEther * 1e27 / internalShares (after fee mint): ETH locked = sum of per-request claims,
//       the queue's shares are burnt (SharesBurnt). Emits CLBalancesUpdated, ETHDistributed, TokenRebased,
//       InternalShareRateUpdated (stETH), WithdrawalsFinalized + BatchMetadataUpdate (queue), ProcessingStarted (oracle).
//       reportTimestamp = start of the current 12 s slot. Pass finalizeUpToRequestId = 0 to rebase only.
//     devnetOracleReportWithClDelta(int256 clBalanceDelta, uint256 elapsedSeconds, uint256 finalizeUpToRequestId)
//       same with an explicit CL balance change in wei; negative = slashing: no fee, bunker mode on (a later
//       non-negative report switches it off), finalization at the dropped rate discounts the claims.
//     pauseStaking() / resumeStaking() / setStakingLimit(uint256,uint256) / removeStakingLimit() / stop() / resume()
//       (the real entries, admin-gated: "APP_AUTH_FAILED" otherwise)
//   WithdrawalQueueERC721 0x889edC2eDab5f40e902b864aD4d7AdE8E412F9B1
//     pauseFor(uint256 duration) / resume()   (real entries, admin-gated)
import { getAddress, keccak256, toHex, parseEther } from 'viem';

export const LIDO = getAddress('0xae7ab96520DE3A18E5e111B5EaAb095312D7fE84');
export const WSTETH = getAddress('0x7f39C581F595B53c5cb19bD0b3f8dA6c935E2Ca0');
export const WITHDRAWAL_QUEUE = getAddress('0x889edC2eDab5f40e902b864aD4d7AdE8E412F9B1');
export const LIDO_LOCATOR = getAddress('0xC1d0b3DE6792Bf6b4b37EccdcC24e45978Cfd2Eb');
export const EIP712_STETH = getAddress('0x8F73e4C2A6D852bb4ab2A45E6a9CF5715b3228B7');
export const ACCOUNTING_ORACLE = getAddress('0x852deD011285fe67063a08005c71a85690503Cee');
export const HASH_CONSENSUS = getAddress('0xD624B08C83bAECF0807Dd2c6880C3154a5F0B288');
export const WSTETH_REFERRAL_STAKER = getAddress('0xa88f0329C2c4ce51ba3fc619BBf44efE7120Dd0d');
export const TREASURY = getAddress('0x3e40D73EB977Dc6a537aF587D48316feE66E9C8c');
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

export const LOCATOR_CONFIG = {
  accountingOracle: ACCOUNTING_ORACLE,
  depositSecurityModule: placeholder('depositSecurityModule'),
  elRewardsVault: getAddress('0x388C818CA8B9251b393131C08a736A67ccB19297'),
  lido: LIDO,
  oracleReportSanityChecker: placeholder('oracleReportSanityChecker'),
  postTokenRebaseReceiver: placeholder('postTokenRebaseReceiver'),
  burner: getAddress('0xE76c52750019b80B43E36DF30bf4060EB73F573a'),
  stakingRouter: getAddress('0xFdDf38947aFB03C621C71b06C9C70bce73f12999'),
  treasury: TREASURY,
  validatorsExitBusOracle: getAddress('0x0De4Ea0184c2ad0BacA7183356Aea5B8d5Bf5c6e'),
  withdrawalQueue: WITHDRAWAL_QUEUE,
  withdrawalVault: getAddress('0xB9D7934878B5FB9610B3fE8A5e441e8fad7E293f'),
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
  const staker = await ctx.placeAt('lido/WstETHReferralStaker', WSTETH_REFERRAL_STAKER);

  await ctx.write(locator, 'devnetInitialize', [LOCATOR_CONFIG]);
  const s = START;
  const otherShares = s.internalShares - s.stoneShares - s.treasuryShares - s.wstETHShares;
  await ctx.write(lido, 'devnetInitialize', [
    admin, LIDO_LOCATOR, EIP712_STETH, s.bufferedEther, s.internalEther - s.bufferedEther,
    [STONE_HOLDER, TREASURY, WSTETH, OTHER_HOLDERS], [s.stoneShares, s.treasuryShares, s.wstETHShares, otherShares],
  ]);
  await ctx.write(wsteth, 'devnetInitialize', [LIDO, WSTETH_OTHER_HOLDERS, s.wstETHShares]);
  await ctx.write(wq, 'devnetInitialize', [admin, LIDO, WSTETH]);
  await ctx.write(hc, 'devnetInitialize', [admin, ACCOUNTING_ORACLE, s.hashConsensusInitialEpoch, s.epochsPerFrame, s.fastLaneLengthSlots]);
  const [frameRef] = await ctx.read(hc, 'getCurrentFrame');
  await ctx.write(ao, 'devnetInitialize', [LIDO_LOCATOR, HASH_CONSENSUS, LIDO, 5n, frameRef - s.epochsPerFrame * 32n]);
  await ctx.write(staker, 'devnetInitialize', [LIDO, WSTETH]);

  // The pooled ether physically sits in the stETH contract (buffer + what the oracle may sweep from the CL side),
  // with headroom so rebased-in rewards can also be paid out to the queue.
  await ctx.setBalance(LIDO, s.internalEther + parseEther('1000000'));

  // A few existing requests by the admin: ids 1..3 finalized by a daily report (1 and 2 claimable, 3 claimed),
  // ids 4..5 pending.
  await ctx.setBalance(admin, parseEther('100000'));
  await ctx.write(lido, 'submit', ['0x0000000000000000000000000000000000000000'], { value: parseEther('4000') });
  await ctx.write(lido, 'approve', [WITHDRAWAL_QUEUE, 2n ** 256n - 1n]);
  await ctx.write(wq, 'requestWithdrawals', [[parseEther('1000'), parseEther('250'), parseEther('32')], admin]);
  await ctx.write(lido, 'devnetOracleReport', [s.seedReportAprBasisPoints, 86400n, 3n]);
  const [hint3] = await ctx.read(wq, 'findCheckpointHints', [[3n], 1n, 1n]);
  await ctx.write(wq, 'claimWithdrawals', [[3n], [hint3]]);
  await ctx.write(wq, 'requestWithdrawals', [[parseEther('1000'), parseEther('0.5')], admin]);

  // mainnet stake limit, set last so the devnet starts with the full 150 000 ETH available
  await ctx.write(lido, 'setStakingLimit', [s.maxStakeLimit, s.stakeLimitIncreasePerBlock]);

  return {
    Lido: LIDO, WstETH: WSTETH, WithdrawalQueueERC721: WITHDRAWAL_QUEUE, LidoLocator: LIDO_LOCATOR,
    EIP712StETH: EIP712_STETH, AccountingOracle: ACCOUNTING_ORACLE, HashConsensus: HASH_CONSENSUS,
    WstETHReferralStaker: WSTETH_REFERRAL_STAKER,
  };
}

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
    ],
  },
  {
    artifact: 'lido/HashConsensus', abi: 'lido/HashConsensus.json',
    required: ['getCurrentFrame', 'getFrameConfig', 'getChainConfig', 'getInitialRefSlot', 'getConsensusState', 'getReportProcessor', 'FrameConfigSet', 'FastLaneConfigSet'],
  },
  { artifact: 'lido/WstETHReferralStaker', abi: 'lido/WstETHReferralStaker.json', required: ['stakeETH', 'stETH', 'wstETH', 'EthTransferNotAllowed'] },
];
