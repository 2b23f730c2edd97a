// EigenLayer (EigenCloud) replica at the mainnet addresses (shared/protocols/eigenlayer.md, ABIs in shared/abis/eigenlayer).
//
// Off-chain actors' jobs go through the real entry points (the fork kit does the same on a mainnet fork):
//   Slashing: AllocationManager.slashOperator(avs, params) sent as getSlasher(operatorSet) (the AVS itself here),
//     with the real order of checks (pause flag 1, lengths, set, slashable, caller -> InvalidCaller()).
//   Withdrawal delay: DelegationManager.MIN_WITHDRAWAL_DELAY_BLOCKS is a constructor immutable as on mainnet
//     (100800 there, 50 on testnets); the devnet is built with the testnet value MIN_WITHDRAWAL_DELAY_BLOCKS below,
//     and a withdrawal becomes completable by mining minWithdrawalDelayBlocks() + 1 blocks.
//   AVSs: each AVS address holds the AVSRegistrar replica (IAVSRegistrar), which registerForOperatorSets calls last.
// Devnet admin helpers (caller: ctx.admin = accounts[9]):
//   EigenMockERC20.mint(address to, uint256 amount) — only for the mock tokens this module places (cbETH, ETHx, ...,
//     and stETH/rETH when the Lido / Rocket Pool replicas are absent; see manifest.tokens[*].mock).
//   StrategyBaseTVLLimits.setTVLLimits(maxPerDeposit, maxTotalDeposits) — real function, unpauser = devnet admin.
//   The admin may also act for any AVS / operator on the AllocationManager (createOperatorSets,
//   registerForOperatorSets, modifyAllocations, slashOperator) and pauses every contract (pause/unpause).
//
// Cross-protocol: stETH (Lido) and rETH (Rocket Pool) are used as-is when their replicas already have code at the
// token address; otherwise a mock ERC-20 is placed there so this module works standalone. Existing code is never
// overwritten.
import { keccak256, toHex, getAddress, parseEther, maxUint256, parseAbi } from 'viem';

/** Testnet-like withdrawal delay (Holesky/Hoodi deployments use 50 blocks; mainnet 100800). */
export const MIN_WITHDRAWAL_DELAY_BLOCKS = 50;

export const ADDRESSES = {
  StrategyManager: '0x858646372CC42E1A627fcE94aa7A7033e7CF075A',
  DelegationManager: '0x39053D51B77DC0d36036Fc1fCc8Cb819df8Ef37A',
  AllocationManager: '0x948a420b8CC1d6BFd0B6087C2E7c344a2CD0bc39',
  StrategyFactory: '0x5e4C39Ad7A3E881585e383dB9827EB4811f6F647',
};

/** The 12 StrategyBaseTVLLimits LST strategies of §1.2 with their underlying tokens. */
export const STRATEGIES = [
  { key: 'stETH', strategy: '0x93c4b944D05dfe6df7645A86cd2206016c51564D', token: '0xae7ab96520DE3A18E5e111B5EaAb095312D7fE84', name: 'Liquid staked Ether 2.0' },
  { key: 'rETH', strategy: '0x1BeE69b7dFFfA4E2d53C2a2Df135C388AD25dCD2', token: '0xae78736Cd615f374D3085123A210448E74Fc6393', name: 'Rocket Pool ETH' },
  { key: 'cbETH', strategy: '0x54945180dB7943c0ed0FEE7EdaB2Bd24620256bc', token: '0xBe9895146f7AF43049ca1c1AE358B0541Ea49704', name: 'Coinbase Wrapped Staked ETH' },
  { key: 'ETHx', strategy: '0x9d7eD45EE2E8FC5482fa2428f15C971e6369011d', token: '0xA35b1B31Ce002FBF2058D22F30f95D405200A15b', name: 'ETHx' },
  { key: 'ankrETH', strategy: '0x13760F50a9d7377e4F20CB8CF9e4c26586c658ff', token: '0xE95A203B1a91a908F9B9CE46459d101078c2c3cb', name: 'Ankr Staked ETH' },
  { key: 'OETH', strategy: '0xa4C637e0F704745D182e4D38cAb7E7485321d059', token: '0x856c4Efb76C1D1AE02e20CEB03A2A6a08b0b8dC3', name: 'Origin Ether' },
  { key: 'osETH', strategy: '0x57ba429517c3473B6d34CA9aCd56c0e735b94c02', token: '0xf1C9acDc66974dFB6dEcB12aA385b9cD01190E38', name: 'Staked ETH' },
  { key: 'swETH', strategy: '0x0Fe4F44beE93503346A3Ac9EE5A26b130a5796d6', token: '0xf951E335afb289353dc249e82926178EaC7DEd78', name: 'swETH' },
  { key: 'wBETH', strategy: '0x7CA911E83dabf90C90dD3De5411a10F1A6112184', token: '0xa2E3356610840701BDf5611a53974510Ae27E2e1', name: 'Wrapped Binance Beacon ETH' },
  { key: 'sfrxETH', strategy: '0x8CA7A5d6f3acd3A7A8bC468a8CD0FB14B6BD28b6', token: '0xac3E018457B222d93114458476f3E3416Abbe38F', name: 'Staked Frax Ether' },
  { key: 'lsETH', strategy: '0xAe60d8180437b5C34bB956822ac2710972584473', token: '0x8c1BEd5b9a0928467c9B1341Da1D7BD5e10b6549', name: 'Liquid Staked ETH' },
  { key: 'mETH', strategy: '0x298aFB19A105D59E74658C4C334Ff360BadE6dd2', token: '0xd5F7838F5C461fefF7FE49ea5ebaF7728bB0ADfa', name: 'mETH' },
].map((s) => ({ ...s, strategy: getAddress(s.strategy), token: getAddress(s.token) }));

/** Deterministic devnet-only addresses (no private key; driven by impersonation). */
export function devnetAddress(label) {
  return getAddress(`0x${keccak256(toHex(`liquidstake.devnet.eigenlayer.${label}`)).slice(-40)}`);
}

const dataUri = (obj) => `data:application/json,${encodeURIComponent(JSON.stringify(obj))}`;

export const AVS = {
  EigenDA: devnetAddress('avs.eigenda'),
  AltLayer: devnetAddress('avs.altlayer'),
  RedStone: devnetAddress('avs.redstone'),
};

/** Operators: A and B are open; C has the devnet admin (accounts[9]) as delegation approver. */
export const OPERATORS = {
  A: { address: devnetAddress('operator.a'), name: 'Northstar Restaking (devnet)', approver: null },
  B: { address: devnetAddress('operator.b'), name: 'Blockhouse Validators (devnet)', approver: null },
  C: { address: devnetAddress('operator.c'), name: 'Gated Capital Operator (devnet)', approver: 'admin' },
};

export const STAKERS = {
  s1: devnetAddress('staker.1'),
  s2: devnetAddress('staker.2'),
  s3: devnetAddress('staker.3'),
};

const lidoSubmitAbi = parseAbi(['function submit(address _referral) payable returns (uint256)']);

async function impersonated(ctx, address, fn) {
  await ctx.setBalance(address, parseEther('1000'));
  await ctx.testClient.impersonateAccount({ address });
  try { return await fn(address); } finally { await ctx.testClient.stopImpersonatingAccount({ address }); }
}

export async function deploy(ctx) {
  const admin = ctx.admin.address;
  const sm = await ctx.placeAt('eigenlayer/StrategyManager', ADDRESSES.StrategyManager);
  const dm = await ctx.placeBuilt('eigenlayer/DelegationManager', ADDRESSES.DelegationManager, [MIN_WITHDRAWAL_DELAY_BLOCKS]);
  const am = await ctx.placeAt('eigenlayer/AllocationManager', ADDRESSES.AllocationManager);
  const sf = await ctx.placeAt('eigenlayer/StrategyFactory', ADDRESSES.StrategyFactory);
  // The StrategyFactory is the StrategyManager's strategy whitelister, as on mainnet.
  await ctx.write(sm, 'initialize', [admin, sf.address, 0n]);
  await ctx.write(dm, 'initialize', [0n]);
  await ctx.write(am, 'initialize', [0n]);
  await ctx.write(sf, 'initialize', [admin, 0n]);

  const mockAbi = ctx.artifact('eigenlayer/EigenMockERC20').abi;
  const tokens = {};
  const strategies = {};
  for (const s of STRATEGIES) {
    const code = await ctx.publicClient.getCode({ address: s.token });
    const mock = !code || code === '0x';
    if (mock) {
      const t = await ctx.placeAt('eigenlayer/EigenMockERC20', s.token);
      await ctx.write(t, 'initialize', [s.name, s.key, admin]);
    }
    tokens[s.key] = { address: s.token, mock };
    const st = await ctx.placeAt('eigenlayer/StrategyBaseTVLLimits', s.strategy);
    // Caps were lifted on mainnet in 2024; the devnet defaults to unlimited (both checks stay implemented).
    await ctx.write(st, 'initialize', [maxUint256, maxUint256, s.token]);
    strategies[s.key] = s.strategy;
  }
  await ctx.write(sf, 'whitelistStrategies', [STRATEGIES.map((s) => s.strategy)]);
  // Legacy LST tokens already have their TVL-limited strategies; the factory refuses to deploy duplicates.
  await ctx.write(sf, 'blacklistTokens', [[...STRATEGIES.map((s) => s.token), '0xec53bF9167f50cDEB3Ae105f56099aaaB9061F83', '0x83E9115d334D248Ce39a6f36144aEaB5b3456e75']]);

  // ---- operators
  for (const op of Object.values(OPERATORS)) {
    const approver = op.approver === 'admin' ? admin : '0x0000000000000000000000000000000000000000';
    await impersonated(ctx, op.address, (account) => ctx.write(dm, 'registerAsOperator',
      [approver, 0, dataUri({ name: op.name, website: 'https://example.invalid', description: `${op.name} - LiquidStake devnet operator` })], { account }));
  }

  // ---- AVSs and operator sets
  const S = strategies;
  const sets = [
    { avs: AVS.EigenDA, name: 'EigenDA', id: 0, strategies: [S.stETH, S.rETH, S.cbETH, S.ETHx] },
    { avs: AVS.AltLayer, name: 'AltLayer MACH', id: 0, strategies: [S.stETH, S.rETH] },
    { avs: AVS.RedStone, name: 'RedStone Oracles', id: 0, strategies: [S.stETH, S.cbETH] },
    { avs: AVS.RedStone, name: 'RedStone Oracles', id: 1, strategies: [S.ETHx] },
  ];
  for (const avs of Object.entries(AVS)) {
    // Each AVS is a contract implementing IAVSRegistrar, as on mainnet (registration calls it).
    await ctx.placeAt('eigenlayer/AVSRegistrar', avs[1]);
    const name = sets.find((x) => x.avs === avs[1]).name;
    await ctx.write(am, 'updateAVSMetadataURI', [avs[1], dataUri({ name, description: `${name} (devnet AVS)` })]);
    await ctx.write(am, 'createOperatorSets', [avs[1], sets.filter((x) => x.avs === avs[1]).map((x) => ({ operatorSetId: x.id, strategies: x.strategies }))]);
  }
  const WAD = 10n ** 18n;
  // [operator, set index, magnitude per strategy (wad)]
  const allocations = [
    ['A', 0, (3n * WAD) / 10n], ['A', 1, (2n * WAD) / 10n], ['A', 2, WAD / 10n],
    ['B', 0, (5n * WAD) / 10n], ['B', 3, (25n * WAD) / 100n],
    ['C', 1, (4n * WAD) / 10n], ['C', 2, (4n * WAD) / 10n],
  ];
  for (const [opKey, setIdx, mag] of allocations) {
    const op = OPERATORS[opKey].address;
    const set = sets[setIdx];
    const member = await ctx.read(am, 'isMemberOfOperatorSet', [op, { avs: set.avs, id: set.id }]);
    if (!member) await ctx.write(am, 'registerForOperatorSets', [op, { avs: set.avs, operatorSetIds: [set.id], data: '0x' }]);
    await ctx.write(am, 'modifyAllocations', [op, [{ operatorSet: { avs: set.avs, id: set.id }, strategies: set.strategies, newMagnitudes: set.strategies.map(() => mag) }]]);
  }

  // ---- seeded stakers with delegated stake
  const seeded = [];
  async function fund(key, to, amount) {
    const t = tokens[key];
    if (t.mock) { await ctx.write({ address: t.address, abi: mockAbi }, 'mint', [to, amount]); return true; }
    if (key === 'stETH') {
      try {
        await ctx.setBalance(to, amount * 2n + parseEther('10'));
        await ctx.testClient.impersonateAccount({ address: to });
        await ctx.write({ address: t.address, abi: lidoSubmitAbi }, 'submit', ['0x0000000000000000000000000000000000000000'], { account: to, value: amount + 10n });
        return true;
      } catch (e) { console.log(`eigenlayer: could not obtain stETH from the Lido replica (${e.message.split('\n')[0]}); skipping`); return false; }
    }
    return false; // rETH from the Rocket Pool replica: not seeded (deposit-pool rules belong to that replica)
  }
  const stakes = [
    ['s1', 'A', [['stETH', parseEther('1200')], ['cbETH', parseEther('800')]]],
    ['s2', 'B', [['rETH', parseEther('500')], ['ETHx', parseEther('300')], ['cbETH', parseEther('150')]]],
    ['s3', 'C', [['stETH', parseEther('2000')]]],
  ];
  for (const [sKey, opKey, deposits] of stakes) {
    const staker = STAKERS[sKey];
    await ctx.setBalance(staker, parseEther('10000'));
    for (const [tKey, amount] of deposits) {
      if (!(await fund(tKey, staker, amount))) continue;
      const token = { address: tokens[tKey].address, abi: mockAbi };
      const bal = await ctx.read(token, 'balanceOf', [staker]);
      const amt = bal < amount ? bal : amount;
      await impersonated(ctx, staker, async (account) => {
        await ctx.write(token, 'approve', [sm.address, amt], { account });
        await ctx.write(sm, 'depositIntoStrategy', [strategies[tKey], token.address, amt], { account });
      });
      seeded.push({ staker, token: tKey, amount: amt.toString() });
    }
    const operator = OPERATORS[opKey];
    let sig = { signature: '0x', expiry: 0n };
    const salt = keccak256(toHex(`seed-${sKey}`));
    if (operator.approver === 'admin') {
      const expiry = 4102444800n; // 2100-01-01
      const digest = await ctx.read(dm, 'calculateDelegationApprovalDigestHash', [staker, operator.address, admin, salt, expiry]);
      sig = { signature: await ctx.admin.sign({ hash: digest }), expiry };
    }
    await impersonated(ctx, staker, (account) => ctx.write(dm, 'delegateTo', [operator.address, sig, salt], { account }));
  }

  // Long-running stETH strategy: tokens per share > 1 from accumulated rebases (only with the mock stETH; a real
  // Lido replica rebases by itself).
  if (tokens.stETH.mock) await ctx.write({ address: tokens.stETH.address, abi: mockAbi }, 'mint', [strategies.stETH, parseEther('96')]);

  return {
    ...ADDRESSES,
    strategies,
    tokens,
    avs: AVS,
    operatorSets: sets.map((s) => ({ avs: s.avs, id: s.id, name: s.name, strategies: s.strategies })),
    operators: Object.fromEntries(Object.entries(OPERATORS).map(([k, o]) => [k, { address: o.address, name: o.name, delegationApprover: o.approver === 'admin' ? admin : null }])),
    stakers: STAKERS,
    seededDeposits: seeded,
    minWithdrawalDelayBlocks: MIN_WITHDRAWAL_DELAY_BLOCKS,
  };
}

const common = ['paused', 'pause', 'unpause', 'pauseAll', 'pauserRegistry', 'Paused', 'Unpaused', 'Initialized', 'CurrentlyPaused', 'InvalidNewPausedStatus', 'OnlyPauser', 'OnlyUnpauser', 'InputAddressZero'];
const strategyNames = ['deposit', 'withdraw', 'beforeAddShares', 'beforeRemoveShares', 'explanation', 'initialize', 'shares', 'sharesToUnderlying', 'sharesToUnderlyingView',
  'strategyManager', 'totalShares', 'underlyingToken', 'underlyingToShares', 'underlyingToSharesView', 'userUnderlying', 'userUnderlyingView',
  'ExchangeRateEmitted', 'StrategyTokenSet', 'BalanceExceedsMaxTotalDeposits', 'MaxPerDepositExceedsMax', 'NewSharesZero', 'OnlyStrategyManager', 'OnlyUnderlyingToken',
  'TotalSharesExceedsMax', 'WithdrawalAmountExceedsTotalDeposits', ...common];

export const conformance = [
  { artifact: 'eigenlayer/StrategyManager', abi: 'eigenlayer/StrategyManager.json', required: [
    'depositIntoStrategy', 'depositIntoStrategyWithSignature', 'calculateStrategyDepositDigestHash', 'nonces', 'stakerDepositShares', 'getDeposits',
    'getStakerStrategyList', 'stakerStrategyList', 'stakerStrategyListLength', 'strategyIsWhitelistedForDeposit', 'delegation', 'allocationManager',
    'domainSeparator', 'version', 'DEPOSIT_TYPEHASH', 'DEFAULT_BURN_ADDRESS', 'SLASH_RESOLUTION_DELAY_BLOCKS', 'owner', 'strategyWhitelister', 'initialize',
    'addShares', 'removeDepositShares', 'withdrawSharesAsTokens', 'addStrategiesToDepositWhitelist', 'removeStrategiesFromDepositWhitelist',
    'setStrategyWhitelister', 'transferOwnership', 'renounceOwnership',
    'Deposit', 'StrategyAddedToDepositWhitelist', 'StrategyRemovedFromDepositWhitelist', 'StrategyWhitelisterChanged', 'OwnershipTransferred',
    'StrategyNotWhitelisted', 'MaxStrategiesExceeded', 'SharesAmountZero', 'SharesAmountTooHigh', 'StakerAddressZero', 'StrategyNotFound',
    'OnlyDelegationManager', 'OnlyStrategyWhitelister', 'SignatureExpired', 'InvalidSignature', ...common] },
  { artifact: 'eigenlayer/DelegationManager', abi: 'eigenlayer/DelegationManager.json', required: [
    'registerAsOperator', 'modifyOperatorDetails', 'updateOperatorMetadataURI', 'delegateTo', 'undelegate', 'redelegate', 'queueWithdrawals',
    'completeQueuedWithdrawal', 'completeQueuedWithdrawals', 'increaseDelegatedShares', 'slashOperatorShares', 'initialize',
    'isDelegated', 'isOperator', 'delegatedTo', 'delegationApprover', 'delegationApproverSaltIsSpent', 'operatorShares', 'getOperatorShares', 'getOperatorsShares',
    'cumulativeWithdrawalsQueued', 'pendingWithdrawals', 'queuedWithdrawals', 'getQueuedWithdrawal', 'getQueuedWithdrawals', 'getQueuedWithdrawalRoots',
    'calculateWithdrawalRoot', 'calculateDelegationApprovalDigestHash', 'minWithdrawalDelayBlocks', 'getWithdrawableShares', 'getDepositedShares',
    'convertToDepositShares', 'depositScalingFactor', 'beaconChainETHStrategy', 'strategyManager', 'eigenPodManager', 'allocationManager',
    'permissionController', 'domainSeparator', 'version', 'DELEGATION_APPROVAL_TYPEHASH',
    'DelegationApproverUpdated', 'DepositScalingFactorUpdated', 'OperatorMetadataURIUpdated', 'OperatorRegistered', 'OperatorSharesDecreased',
    'OperatorSharesIncreased', 'OperatorSharesSlashed', 'SlashingWithdrawalCompleted', 'SlashingWithdrawalQueued', 'StakerDelegated',
    'StakerForceUndelegated', 'StakerUndelegated',
    'ActivelyDelegated', 'CallerCannotUndelegate', 'FullySlashed', 'InputArrayLengthMismatch', 'InputArrayLengthZero', 'InvalidDepositScalingFactor',
    'InvalidPermissions', 'InvalidSignature', 'NotActivelyDelegated', 'OnlyAllocationManager', 'OnlyStrategyManagerOrEigenPodManager',
    'OperatorNotRegistered', 'OperatorsCannotUndelegate', 'SaltSpent', 'SignatureExpired', 'WithdrawalDelayNotElapsed', 'WithdrawalNotQueued',
    'WithdrawerNotCaller', ...common] },
  { artifact: 'eigenlayer/StrategyBaseTVLLimits', abi: 'eigenlayer/StrategyBaseTVLLimits.json', required: [
    ...strategyNames, 'getTVLLimits', 'maxPerDeposit', 'maxTotalDeposits', 'setTVLLimits', 'MaxPerDepositUpdated', 'MaxTotalDepositsUpdated'] },
  { artifact: 'eigenlayer/StrategyBase', abi: 'eigenlayer/StrategyBase.json', required: strategyNames },
  { artifact: 'eigenlayer/AllocationManager', abi: 'eigenlayer/AllocationManager.json', required: [
    'getOperatorSetCount', 'getMembers', 'getMemberCount', 'getRegisteredSets', 'getAllocatedSets', 'isMemberOfOperatorSet', 'isOperatorSet',
    'isOperatorSlashable', 'getStrategiesInOperatorSet', 'getAllocatedStrategies', 'getAllocation', 'getAllocations', 'getStrategyAllocations',
    'getMaxMagnitude', 'getMaxMagnitudes', 'getMaxMagnitudesAtBlock', 'getEncumberedMagnitude', 'getAllocatableMagnitude', 'getAllocatedStake',
    'getMinimumSlashableStake', 'getSlashCount', 'isOperatorRedistributable', 'isRedistributingOperatorSet', 'getRedistributionRecipient',
    'getAVSRegistrar', 'getSlasher', 'getAllocationDelay', 'delegation', 'eigenStrategy', 'permissionController', 'viewImplementation',
    'DEALLOCATION_DELAY', 'ALLOCATION_CONFIGURATION_DELAY', 'initialize', 'updateAVSMetadataURI', 'addStrategiesToOperatorSet',
    'registerForOperatorSets', 'setAllocationDelay', 'modifyAllocations', 'slashOperator',
    'AVSMetadataURIUpdated', 'OperatorSetCreated', 'StrategyAddedToOperatorSet', 'OperatorAddedToOperatorSet', 'AllocationDelaySet',
    'AllocationUpdated', 'EncumberedMagnitudeUpdated', 'MaxMagnitudeUpdated', 'OperatorSlashed',
    'AlreadyMemberOfSet', 'NotMemberOfSet', 'InputArrayLengthMismatch', 'InsufficientMagnitude', 'InvalidOperator', 'InvalidOperatorSet',
    'InvalidPermissions', 'InvalidStrategy', 'InvalidWadToSlash', 'NonexistentAVSMetadata', 'OperatorNotSlashable', 'SameMagnitude',
    'StrategiesMustBeInAscendingOrder', 'StrategyAlreadyInOperatorSet', 'StrategyNotInOperatorSet', 'UninitializedAllocationDelay', ...common] },
  { artifact: 'eigenlayer/StrategyFactory', abi: 'eigenlayer/StrategyFactory.json', required: [
    'deployedStrategies', 'isBlacklisted', 'deployNewStrategy', 'blacklistTokens', 'whitelistStrategies', 'removeStrategiesFromWhitelist',
    'getDurationVaults', 'durationVaultsByToken', 'strategyBeacon', 'durationVaultBeacon', 'strategyManager', 'EIGEN', 'bEIGEN', 'owner',
    'initialize', 'transferOwnership', 'renounceOwnership', 'StrategySetForToken', 'TokenBlacklisted', 'OwnershipTransferred',
    'BlacklistedToken', 'StrategyAlreadyExists', 'AlreadyBlacklisted', ...common] },
];
