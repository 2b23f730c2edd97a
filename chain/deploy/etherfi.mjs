// ether.fi replica (eETH / weETH liquid restaking) at the real mainnet addresses. Spec: shared/protocols/etherfi.md.
//
// No devnet back doors: the world moves through the real role-gated entry points, as on mainnet.
//   RoleRegistry (0x62247D29B4B9BECf4BB73E0c722cf6445cfC7cE9): hasRole / roleHolders(bytes32); the roles are held by
//     the mainnet holders (ROLE_HOLDERS below), granted here by the registry owner (the upgrade timelock).
//   EtherFiAdmin (LiquidityPool.etherFiAdminContract()): LiquidityPool.rebase(int128 accruedRewards, uint128 fees)
//     (cap +25 bps of TVL; the fee is minted to feeRecipient as a deposit), WithdrawRequestNFT.finalizeRequests(id)
//     (checkpoints amountPerShareCeil() for the batch), LiquidityPool.addEthAmountLockedForWithdrawal(nominal sum).
//   Operating multisig: pause()/unpause(), unpauseUntil(), setMin/MaxWithdrawAmount, Blacklister.setBlacklistUntil /
//     blacklistUser / unblacklistUser.  Guardian: pauseUntil() (super guardian for eETH/weETH), invalidateRequest,
//     Blacklister.blacklistUserUntil (3 days).  Operating timelock: redemption-manager setters, rate-limiter setters,
//     validateRequest, setPauseUntilDuration.  Upgrade timelock: seizeInvalidRequest.
//   The instant-redemption bucket refills with time (2000 ETH/day).
// Deploy-time only (stand-ins for the real deployment and its history): devnetInitialize* on each contract, each
// callable once.
import { parseEther, getAddress, keccak256, toHex, parseAbiItem } from 'viem';

export const ETHERFI = {
  LiquidityPool: '0x308861A430be4cce5502d0A12724771Fc6DaF216',
  EETH: '0x35fA164735182de50811E8e2E824cFb9B6118ac2',
  WeETH: '0xCd5fE23C85820F7B72D0926FC9b05b43E359b7ee',
  WithdrawRequestNFT: '0x7d5706f6ef3F89B3951E23e557CDFBC3239D4E2c',
  EtherFiRedemptionManager: '0xDadEf1fFBFeaAB4f68A9fD181395F68b4e4E7Ae0',
  DepositAdapter: '0xcfC6d9Bd7411962Bfe7145451A7EF71A24b6A7A2',
  WeETHWithdrawAdapter: '0xFbfe6b9cEe0E555Bad7e2E7309EFFC75200cBE38',
  Liquifier: '0x9FFDF407cDe9a93c47611799DA23924Af3EF764F',
  Blacklister: '0x5585996E7cFE95f2D99e61168B8b35C66Ff99B18',
  EtherFiRateLimiter: '0x6C7c54cfC2225fA985cD25F04d923B93c60a02F8',
  Treasury: '0x0c83EAe1FE72c390A02E426572854931EefF93BA',
  RoleRegistry: '0x62247D29B4B9BECf4BB73E0c722cf6445cfC7cE9',
  EtherFiAdmin: '0x0EF8fa4760Db8f5Cd4d993f3e3416f30f942D705',
  /** Stand-in for the existing holder base: owns the pre-existing eETH/weETH and the pre-existing requests. */
  ExistingHolders: getAddress('0x00000000000000000000000000000000e7f1e7f1'),
};
/** RoleRegistry roles and their mainnet holders (script/upgrades/security-upgrades/Constants.s.sol). */
export const ROLES = {
  UPGRADE_TIMELOCK_ROLE: keccak256(toHex('UPGRADE_TIMELOCK_ROLE')),
  OPERATION_TIMELOCK_ROLE: keccak256(toHex('OPERATION_TIMELOCK_ROLE')),
  OPERATION_MULTISIG_ROLE: keccak256(toHex('OPERATION_MULTISIG_ROLE')),
  SUPER_GUARDIAN_ROLE: keccak256(toHex('SUPER_GUARDIAN_ROLE')),
  GUARDIAN_ROLE: keccak256(toHex('GUARDIAN_ROLE')),
};
export const ROLE_HOLDERS = {
  UpgradeTimelock: '0x9f26d4C958fD811A1F59B01B86Be7dFFc9d20761',
  OperatingTimelock: '0xcD425f44758a08BaAB3C4908f3e3dE5776e45d7a',
  OperatingMultisig: '0x2aCA71020De61bb532008049e1Bd41E451aE8AdC',
  ExecGuardianSafe: '0x427989Bb12f4A390D11e7647d467DeA02b9d2eE3',
  Guardian: '0x9AF1298993DC1f397973C62A5D47a284CF76844D',
};
export const ETH_ADDRESS = '0xEeeeeEeeeEeEeeEeEeEeeEEEeeeeEeeeeeeeEEeE';
export const EETH_MINT_LIMIT_ID = '0xcc0f998d0366c7f31f40808a6c491ccd6963d72e35b41552ee1dc291920ad683';
export const EETH_BURN_LIMIT_ID = '0x31f08af9e3989e3dfc1bd83bcdc0b63dc1946a46e598156f6fe782a61dab3ebd';

/** Starting state (etherfi.md §2, §7): P = 2.5M ETH, S = 2.284M shares -> weETH rate ~1.09457. */
export const START = {
  totalValueInLp: parseEther('40000'),
  totalValueOutOfLp: parseEther('2460000'),
  totalShares: parseEther('2284000'),
  weETHSupply: parseEther('1500000'),
  exitFeeBps: 30, exitFeeSplitToTreasuryBps: 1000, lowWatermarkBps: 100,
  redemptionCapacity: parseEther('2000'), redemptionRefillPerSecond: parseEther('2000') / 86400n,
  mintCapacityGwei: 30_000_000_000_000n, mintRefillGwei: 2_083_333_333n,
  burnCapacityGwei: 25_000_000_000_000n, burnRefillGwei: 1_736_111_111n,
  existingRequests: [parseEther('1'), parseEther('5'), parseEther('32'), parseEther('0.5')],
  finalizedUpTo: 2n,
};

/** Sends as `address` (impersonated and funded for gas), the way the real role holder would. */
async function writeAs(ctx, address, target, fn, args = [], opts = {}) {
  await ctx.testClient.impersonateAccount({ address });
  const balance = await ctx.publicClient.getBalance({ address });
  if (balance < parseEther('1')) await ctx.setBalance(address, parseEther('10'));
  try {
    return await ctx.write(target, fn, args, { ...opts, account: address });
  } finally {
    await ctx.testClient.stopImpersonatingAccount({ address });
  }
}

/**
 * What EtherFiAdmin does with an oracle report's withdrawal part: finalize requests up to `upTo` and lock their
 * nominal sum (valid requests only) from the pool.
 */
async function finalizeAsAdmin(ctx, c, admin, upTo) {
  const last = BigInt(await ctx.read(c.WithdrawRequestNFT, 'lastFinalizedRequestId'));
  let sum = 0n;
  for (let id = last + 1n; id <= upTo; id++) {
    const r = await ctx.read(c.WithdrawRequestNFT, 'getRequest', [id]);
    if (r.isValid) sum += r.amountOfEEth;
  }
  await writeAs(ctx, admin, c.WithdrawRequestNFT, 'finalizeRequests', [upTo]);
  if (sum > 0n) await writeAs(ctx, admin, c.LiquidityPool, 'addEthAmountLockedForWithdrawal', [sum]);
  return sum;
}

function contractsOf(ctx) {
  const at = (id, address) => ({ address: getAddress(address), abi: ctx.artifact(id).abi });
  return {
    LiquidityPool: at('etherfi/LiquidityPool', ETHERFI.LiquidityPool),
    WithdrawRequestNFT: at('etherfi/WithdrawRequestNFT', ETHERFI.WithdrawRequestNFT),
  };
}

export async function deploy(ctx) {
  const c = {};
  for (const name of ['LiquidityPool', 'EETH', 'WeETH', 'WithdrawRequestNFT', 'EtherFiRedemptionManager', 'DepositAdapter', 'WeETHWithdrawAdapter']) {
    c[name] = await ctx.placeAt(`etherfi/${name}`, ETHERFI[name]);
  }
  c.Blacklister = await ctx.placeAt('etherfi/EtherFiBlacklister', ETHERFI.Blacklister);
  c.RateLimiter = await ctx.placeAt('etherfi/EtherFiRateLimiter', ETHERFI.EtherFiRateLimiter);
  c.RoleRegistry = await ctx.placeAt('etherfi/EtherFiRoleRegistry', ETHERFI.RoleRegistry);
  const stEthCode = await ctx.publicClient.getCode({ address: '0xae7ab96520DE3A18E5e111B5EaAb095312D7fE84' });
  const lido = stEthCode && stEthCode !== '0x' ? '0xae7ab96520DE3A18E5e111B5EaAb095312D7fE84' : '0x0000000000000000000000000000000000000000';
  const H = ROLE_HOLDERS;

  // Roles: the registry is owned by the upgrade timelock, which grants them to the mainnet holders.
  await ctx.write(c.RoleRegistry, 'devnetInitialize', [H.UpgradeTimelock]);
  for (const [role, holder] of [['UPGRADE_TIMELOCK_ROLE', H.UpgradeTimelock], ['OPERATION_TIMELOCK_ROLE', H.OperatingTimelock],
    ['OPERATION_MULTISIG_ROLE', H.OperatingMultisig], ['SUPER_GUARDIAN_ROLE', H.OperatingMultisig], ['SUPER_GUARDIAN_ROLE', H.ExecGuardianSafe],
    ['GUARDIAN_ROLE', H.Guardian], ['GUARDIAN_ROLE', H.ExecGuardianSafe]]) {
    await writeAs(ctx, H.UpgradeTimelock, c.RoleRegistry, 'grantRole', [ROLES[role], holder]);
  }

  // eETH mint/burn buckets: unlimited while the holder base is bootstrapped, mainnet values below.
  const max64 = (1n << 64n) - 1n;
  for (const id of [EETH_MINT_LIMIT_ID, EETH_BURN_LIMIT_ID]) {
    await writeAs(ctx, H.OperatingTimelock, c.RateLimiter, 'createNewLimiter', [id, max64, 0n]);
    await writeAs(ctx, H.OperatingTimelock, c.RateLimiter, 'updateConsumers', [id, ETHERFI.EETH, true]);
  }

  await ctx.write(c.LiquidityPool, 'devnetInitialize', [ETHERFI.EETH, ETHERFI.WithdrawRequestNFT, ETHERFI.EtherFiRedemptionManager,
    ETHERFI.Liquifier, ETHERFI.Blacklister, ETHERFI.Treasury, ETHERFI.EtherFiAdmin, START.totalValueInLp, START.totalValueOutOfLp]);
  await ctx.setBalance(ETHERFI.LiquidityPool, START.totalValueInLp);
  await ctx.write(c.EETH, 'devnetInitialize', [ETHERFI.LiquidityPool, ETHERFI.EtherFiRateLimiter, ETHERFI.Blacklister, ETHERFI.WeETH]);
  await ctx.write(c.WeETH, 'devnetInitialize', [ETHERFI.EETH, ETHERFI.LiquidityPool, ETHERFI.Blacklister]);
  await ctx.write(c.WithdrawRequestNFT, 'devnetInitialize', [ETHERFI.LiquidityPool, ETHERFI.Blacklister, ETHERFI.EtherFiAdmin]);
  await ctx.write(c.EtherFiRedemptionManager, 'devnetInitialize', [ETHERFI.LiquidityPool, ETHERFI.EETH,
    ETHERFI.WeETH, ETHERFI.Blacklister, ETHERFI.Treasury, lido]);
  await ctx.write(c.DepositAdapter, 'devnetInitialize', [ETHERFI.LiquidityPool, ETHERFI.EETH, ETHERFI.WeETH, ETHERFI.Liquifier, ETHERFI.Blacklister]);
  await ctx.write(c.WeETHWithdrawAdapter, 'devnetInitialize', [ETHERFI.WeETH, ETHERFI.EETH, ETHERFI.LiquidityPool, ETHERFI.Blacklister]);

  // The existing holder base: weETH holds 1.5M shares (1 weETH = 1 share), the rest is plain eETH.
  await ctx.write(c.LiquidityPool, 'devnetInitializeHolders', [[ETHERFI.WeETH, ETHERFI.ExistingHolders],
    [START.weETHSupply, START.totalShares - START.weETHSupply]]);
  await ctx.write(c.WeETH, 'devnetInitializeHolders', [ETHERFI.ExistingHolders, START.weETHSupply]);

  // A few pre-existing withdrawal requests from the holder base; EtherFiAdmin finalised the first two.
  const holder = ETHERFI.ExistingHolders;
  await writeAs(ctx, holder, c.EETH, 'approve', [ETHERFI.LiquidityPool, (1n << 256n) - 1n]);
  for (const amount of START.existingRequests) {
    await writeAs(ctx, holder, c.LiquidityPool, 'requestWithdraw', [holder, amount]);
  }
  await finalizeAsAdmin(ctx, c, ETHERFI.EtherFiAdmin, START.finalizedUpTo);

  // Instant redemption (ETH): 30 bps fee, 10% of it to treasury, 1% TVL low watermark, 2000 ETH/day bucket.
  await writeAs(ctx, H.OperatingTimelock, c.EtherFiRedemptionManager, 'initializeTokenParameters', [[ETH_ADDRESS], [START.exitFeeSplitToTreasuryBps],
    [START.exitFeeBps], [START.lowWatermarkBps], [START.redemptionCapacity], [START.redemptionRefillPerSecond]]);
  // Mainnet eETH mint/burn buckets.
  for (const [id, capacity, refill] of [[EETH_MINT_LIMIT_ID, START.mintCapacityGwei, START.mintRefillGwei],
    [EETH_BURN_LIMIT_ID, START.burnCapacityGwei, START.burnRefillGwei]]) {
    await writeAs(ctx, H.OperatingTimelock, c.RateLimiter, 'setCapacity', [id, capacity]);
    await writeAs(ctx, H.OperatingTimelock, c.RateLimiter, 'setRefillRate', [id, refill]);
    await writeAs(ctx, H.OperatingTimelock, c.RateLimiter, 'setRemaining', [id, capacity]);
  }

  const { Treasury, ExistingHolders, ...contracts } = ETHERFI;
  delete contracts.Liquifier; // not replicated
  delete contracts.EtherFiAdmin; // an address the oracle path acts as; no replica code
  return { ...contracts, Treasury, ExistingHolders };
}

/** The oracle reports once a day on mainnet (EtherFiOracle reportPeriodSlot = 7200 slots). */
export const historyCadenceSeconds = 86400;

/** Staker APR of the history's rebases (after the 10% protocol fee), in basis points. */
export const HISTORY_APR_BPS = 290n;
const rebaseEvent = parseAbiItem('event Rebase(uint256 totalEthLocked, uint256 totalEEthShares)');

/**
 * One daily oracle report as EtherFiAdmin executes it (found from LiquidityPool.etherFiAdminContract()): rebase by
 * the rewards accrued since the last Rebase (HISTORY_APR_BPS to stakers, plus a 10% protocol fee minted to the fee
 * recipient), then finalize every pending request the pool's liquidity covers and lock their nominal sum.
 */
export async function history(ctx, tick) {
  const c = contractsOf(ctx);
  const admin = getAddress(await ctx.read(c.LiquidityPool, 'etherFiAdminContract'));
  const latest = await ctx.publicClient.getBlock();
  const logs = await ctx.publicClient.getLogs({ address: c.LiquidityPool.address, event: rebaseEvent, fromBlock: 0n, toBlock: latest.number });
  let elapsed = BigInt(historyCadenceSeconds);
  if (logs.length > 0) {
    const last = await ctx.publicClient.getBlock({ blockNumber: logs[logs.length - 1].blockNumber });
    elapsed = latest.timestamp - last.timestamp;
  }
  if (elapsed <= 0n) return { index: tick?.index ?? 0, rewards: 0n, finalized: 0n };
  const pooled = await ctx.read(c.LiquidityPool, 'getTotalPooledEther');
  const rewards = pooled * HISTORY_APR_BPS * elapsed / (10000n * 365n * 86400n);
  const cap = pooled * 25n / 10000n;
  const accrued = rewards > cap ? cap : rewards;
  const fees = accrued / 9n;
  await writeAs(ctx, admin, c.LiquidityPool, 'rebase', [accrued, fees]);

  // Finalize in id order while the pool's liquidity covers the nominal amounts (EtherFiAdmin's report checks).
  const next = BigInt(await ctx.read(c.WithdrawRequestNFT, 'nextRequestId'));
  const lastFinalized = BigInt(await ctx.read(c.WithdrawRequestNFT, 'lastFinalizedRequestId'));
  const liquidity = BigInt(await ctx.read(c.LiquidityPool, 'totalValueInLp'));
  let upTo = lastFinalized;
  let sum = 0n;
  for (let id = lastFinalized + 1n; id < next; id++) {
    const r = await ctx.read(c.WithdrawRequestNFT, 'getRequest', [id]);
    const amount = r.isValid ? r.amountOfEEth : 0n;
    if (sum + amount > liquidity) break;
    sum += amount;
    upTo = id;
  }
  if (upTo > lastFinalized) await finalizeAsAdmin(ctx, c, admin, upTo);
  return { index: tick?.index ?? 0, rewards: accrued, fees, finalized: upTo };
}

const pauseNames = ['paused', 'pausedUntil', 'pause', 'unpause', 'pauseUntil', 'unpauseUntil', 'pauseUntilDuration',
  'setPauseUntilDuration', 'lastPauseTimestamp', 'MIN_PAUSE_DURATION', 'MAX_PAUSE_DURATION', 'PAUSER_UNTIL_COOLDOWN',
  'Paused', 'Unpaused', 'PausedUntil', 'UnpausedUntil', 'PauseUntilDurationSet',
  'ContractPaused', 'ContractPausedUntil', 'AlreadyPaused', 'NotPaused', 'ContractNotPausedUntil',
  'InvalidPauseUntilDuration', 'PauserCooldownStillActive', 'Reentrancy'];

export const conformance = [
  { artifact: 'etherfi/LiquidityPool', abi: 'etherfi/LiquidityPool.json', required: [...pauseNames, 'IncorrectCaller',
    'deposit', 'depositToRecipient', 'requestWithdraw', 'requestWithdrawWithPermit', 'getTotalPooledEther', 'sharesForAmount',
    'sharesForWithdrawalAmount', 'amountForShare', 'amountPerShareCeil', 'getTotalEtherClaimOf', 'totalValueInLp',
    'totalValueOutOfLp', 'minWithdrawAmount', 'maxWithdrawAmount', 'setMinWithdrawAmount', 'setMaxWithdrawAmount',
    'eETH', 'withdrawRequestNFT', 'liquifier', 'etherFiRedemptionManager', 'priorityWithdrawalQueue', 'blacklister',
    'feeRecipient', 'setFeeRecipient', 'validatorSizeWei', 'escrowMigrationCompleted', 'SHARE_UNIT', 'MAX_POSITIVE_REBASE_BPS',
    'membershipManager', 'etherFiAdminContract', 'rebase', 'withdraw', 'addEthAmountLockedForWithdrawal', 'burnEEthShares',
    'Deposit', 'Withdraw', 'Rebase', 'ProtocolFeePaid', 'MinWithdrawAmountSet', 'MaxWithdrawAmountSet', 'UpdatedFeeRecipient',
    'InvalidAmount', 'InvalidShareAmount', 'InvalidWithdrawalAmount', 'EETHRateDeflation', 'InsufficientLiquidity',
    'RebaseExceedsPositiveCap', 'SendFail'] },
  { artifact: 'etherfi/EETH', abi: 'etherfi/EETH.json', required: [...pauseNames, 'IncorrectCaller',
    'name', 'symbol', 'decimals', 'totalSupply', 'balanceOf', 'allowance', 'allowances', 'approve', 'transfer', 'transferFrom',
    'increaseAllowance', 'decreaseAllowance', 'permit', 'nonces', 'DOMAIN_SEPARATOR', 'shares', 'totalShares', 'liquidityPool',
    'rateLimiter', 'blacklister', 'EETH_MINT_LIMIT_ID', 'EETH_BURN_LIMIT_ID', 'mintShares', 'burnShares',
    'Transfer', 'Approval', 'TransferShares', 'AddressZero', 'AllowanceBelowZero', 'BurnAmountExceedsBalance',
    'ExpiredDeadline', 'InvalidSignature', 'TransferAmountExceedsAllowance', 'TransferAmountExceedsBalance'] },
  { artifact: 'etherfi/WeETH', abi: 'etherfi/WeETH.json', required: [...pauseNames,
    'name', 'symbol', 'decimals', 'totalSupply', 'balanceOf', 'allowance', 'approve', 'transfer', 'transferFrom',
    'increaseAllowance', 'decreaseAllowance', 'permit', 'nonces', 'DOMAIN_SEPARATOR', 'wrap', 'wrapWithPermit', 'unwrap',
    'getRate', 'getWeETHByeETH', 'getEETHByWeETH', 'eETH', 'liquidityPool', 'blacklister', 'Transfer', 'Approval',
    'ZeroAmount', 'ZeroAddress', 'WeETHUnderbacked'] },
  { artifact: 'etherfi/WithdrawRequestNFT', abi: 'etherfi/WithdrawRequestNFT.json', required: [...pauseNames, 'IncorrectCaller',
    'getRequest', 'isFinalized', 'isValid', 'getClaimableAmount', 'claimWithdraw', 'batchClaimWithdraw', 'lastFinalizedRequestId',
    'nextRequestId', 'ethAmountLockedForWithdrawal', 'frozenRateFor', 'finalizationRatesLength', 'finalizeRequests',
    'invalidateRequest', 'validateRequest', 'requestWithdraw', 'liquidityPool', 'blacklister', 'etherFiAdmin',
    'BASIS_POINT_SCALE', 'SHARE_UNIT', 'ownerOf', 'balanceOf', 'transferFrom', 'safeTransferFrom', 'approve',
    'setApprovalForAll', 'getApproved', 'isApprovedForAll', 'tokenURI', 'name', 'symbol', 'supportsInterface',
    'Transfer', 'Approval', 'ApprovalForAll', 'WithdrawRequestCreated', 'WithdrawRequestClaimed', 'WithdrawRequestInvalidated',
    'WithdrawRequestValidated', 'CannotFinalizeFutureRequests', 'CannotInvalidateFinalizedRequest', 'CannotUndoFinalization',
    'EthTransferFailed', 'InsufficientEscrow', 'RequestNotFinalized', 'RequestNotFound', 'RequestNotValid', 'RequestValid'] },
  { artifact: 'etherfi/EtherFiRedemptionManager', abi: 'etherfi/EtherFiRedemptionManager.json', required: [...pauseNames,
    'redeemEEth', 'redeemWeEth', 'redeemEEthWithPermit', 'redeemWeEthWithPermit', 'canRedeem', 'totalRedeemableAmount',
    'previewRedeem', 'getInstantLiquidityAmount', 'lowWatermarkInETH', 'tokenToRedemptionInfo', 'ETH_ADDRESS', 'lido',
    'treasury', 'liquidityPool', 'eEth', 'weEth', 'blacklister', 'maxExitFeeInBps', 'maxExitFeeSplitToTreasuryInBps',
    'maxLowWatermarkInBpsOfTvl', 'initializeTokenParameters', 'setCapacity', 'setRefillRatePerSecond', 'setExitFeeBasisPoints',
    'setExitFeeSplitToTreasuryInBps', 'setLowWatermarkInBpsOfTvl', 'Redeemed', 'AmountTooLarge', 'ExceededRedeemable',
    'ExceedsMaxExitFee', 'ExceedsMaxExitFeeSplit', 'ExceedsMaxLowWatermark', 'InsufficientBalance', 'InvalidAmount',
    'InvalidNumSharesBurnt', 'InvalidOutputToken', 'InvalidRecipient', 'InvalidTotalShares', 'RateLimitExceeded', 'TransferFailed'] },
  { artifact: 'etherfi/DepositAdapter', abi: 'etherfi/DepositAdapter.json', required: [
    'depositETHForWeETH', 'liquidityPool', 'eETH', 'weETH', 'liquifier', 'blacklister', 'wETH', 'stETH', 'wstETH',
    'AdapterDeposit', 'EthTransfersNotAccepted'] },
  { artifact: 'etherfi/WeETHWithdrawAdapter', abi: 'etherfi/WeETHWithdrawAdapter.json', required: [
    ...pauseNames.filter((n) => n !== 'Reentrancy'), 'requestWithdraw', 'requestWithdrawWithPermit', 'getEETHByWeETH',
    'weETH', 'eETH', 'liquidityPool', 'blacklister', 'ZeroAmount', 'ZeroAddress'] },
];
