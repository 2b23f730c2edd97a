// ether.fi replica (eETH / weETH liquid restaking) at the real mainnet addresses. Spec: shared/protocols/etherfi.md.
//
// No devnet back doors: the world moves through the real role-gated entry points, as on mainnet.
//   RoleRegistry (0x62247D29B4B9BECf4BB73E0c722cf6445cfC7cE9): hasRole / roleHolders(bytes32); the roles are held by
//     the mainnet holders (ROLE_HOLDERS below), granted here by the registry owner (the upgrade timelock).
//   Oracle: EtherFiOracle.submitReport(report) by the committee (CommitteeMemberAdded events; quorum 3 of 5) once the
//     frame's last epoch is finalized, then EtherFiAdmin.executeTasks(report) (anyone) checks and executes it:
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
  EtherFiOracle: '0x57AaF0004C716388B21795431CD7D5f9D3Bb6a41',
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
/**
 * The oracle committee: the two AVS operators that report on mainnet (script/deploys/Deployed.s.sol) and three devnet
 * members standing in for the rest of mainnet's five; quorum 3 (minQuorumSize 3, Constants.s.sol).
 */
export const ORACLE = {
  members: ['0xDd777e5158Cb11DB71B4AF93C75A96eA11A2A615', '0x2c7cB7d5dC4aF9caEE654553a144C76F10D4b320',
    getAddress('0x00000000000000000000000000000000e7f1c003'), getAddress('0x00000000000000000000000000000000e7f1c004'),
    getAddress('0x00000000000000000000000000000000e7f1c005')],
  quorum: 3, minQuorum: 3, reportPeriodSlot: 7200, slotsPerEpoch: 32, secondsPerSlot: 12,
  /** Mainnet beacon genesis. */
  genesisTime: 1606824023n,
  acceptableRebaseAprBps: 500, postReportWaitSlots: 0, maxFinalizedPerDay: parseEther('80000'), validatorTaskBatchSize: 50,
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

export async function deploy(ctx) {
  const c = {};
  for (const name of ['LiquidityPool', 'EETH', 'WeETH', 'WithdrawRequestNFT', 'EtherFiRedemptionManager', 'DepositAdapter', 'WeETHWithdrawAdapter']) {
    c[name] = await ctx.placeAt(`etherfi/${name}`, ETHERFI[name]);
  }
  c.Blacklister = await ctx.placeAt('etherfi/EtherFiBlacklister', ETHERFI.Blacklister);
  c.RateLimiter = await ctx.placeAt('etherfi/EtherFiRateLimiter', ETHERFI.EtherFiRateLimiter);
  c.RoleRegistry = await ctx.placeAt('etherfi/EtherFiRoleRegistry', ETHERFI.RoleRegistry);
  c.EtherFiOracle = await ctx.placeAt('etherfi/EtherFiOracle', ETHERFI.EtherFiOracle);
  c.EtherFiAdmin = await ctx.placeAt('etherfi/EtherFiAdmin', ETHERFI.EtherFiAdmin);
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

  // The oracle as if its frame ending an hour before now had been published and handled (frames of 7200 slots
  // start from there, so a daily history tick finds the frame just ended already finalized).
  const block = await ctx.publicClient.getBlock();
  const genesis = block.timestamp > ORACLE.genesisTime + 86400n * 365n ? ORACLE.genesisTime : block.timestamp - 86400n * 365n;
  const slot = Number((block.timestamp - genesis) / 12n);
  const startSlot = slot - 300;
  await ctx.write(c.EtherFiOracle, 'devnetInitialize', [ORACLE.minQuorum, ORACLE.reportPeriodSlot, startSlot, ORACLE.slotsPerEpoch,
    ORACLE.secondsPerSlot, Number(genesis), Number(block.number) - 1, ORACLE.members, ORACLE.quorum]);
  await ctx.write(c.EtherFiAdmin, 'devnetInitialize', [ORACLE.acceptableRebaseAprBps, ORACLE.postReportWaitSlots, startSlot - 1,
    Number(block.number) - 1, ORACLE.maxFinalizedPerDay, ORACLE.validatorTaskBatchSize]);

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
  return { ...contracts, Treasury, ExistingHolders };
}

/** The oracle reports once a day on mainnet (EtherFiOracle reportPeriodSlot = 7200 slots). */
export const historyCadenceSeconds = 86400;

/** Staker APR of the history's rebases (after the 10% protocol fee), in basis points. */
export const HISTORY_APR_BPS = 290n;
const memberAdded = parseAbiItem('event CommitteeMemberAdded(address indexed member)');

/**
 * One oracle report through the real path: the committee (found from the oracle's CommitteeMemberAdded events,
 * still registered and enabled) submits the report for the next frame once its last epoch is finalized
 * (EtherFiOracle.submitReport, to quorum), then anyone executes it (EtherFiAdmin.executeTasks). The report carries
 * `aprBps` staker rewards over the frame plus a 10% protocol fee on top, and finalizes the pending requests in id
 * order as far as the pool's liquidity and the daily cap cover their nominal amounts. When the frame's last epoch
 * is not finalized yet, time moves forward to that point (as the committee waits for it). Returns the report.
 */
export async function deliverOracleReport(ctx, aprBps = HISTORY_APR_BPS) {
  const pool = { address: getAddress(ETHERFI.LiquidityPool), abi: ctx.artifact('etherfi/LiquidityPool').abi };
  const adminAddress = getAddress(await ctx.read(pool, 'etherFiAdminContract'));
  const admin = { address: adminAddress, abi: ctx.artifact('etherfi/EtherFiAdmin').abi };
  const oracle = { address: getAddress(await ctx.read(admin, 'etherFiOracle')), abi: ctx.artifact('etherfi/EtherFiOracle').abi };
  const wrn = { address: getAddress(ETHERFI.WithdrawRequestNFT), abi: ctx.artifact('etherfi/WithdrawRequestNFT').abi };

  // Wait (advance time) until the frame the committee reports on has a finalized last epoch.
  for (;;) {
    const slotTo = Number(await ctx.read(oracle, 'slotForNextReport'));
    const now = (await ctx.publicClient.getBlock()).timestamp;
    const current = Number(await ctx.read(oracle, 'computeSlotAtTimestamp', [now]));
    const finalAt = (Math.floor(slotTo / ORACLE.slotsPerEpoch) + 3) * ORACLE.slotsPerEpoch;
    if (current >= finalAt) break;
    await ctx.increaseTime((finalAt - current) * ORACLE.secondsPerSlot);
  }
  await ctx.mine(1);

  const logs = await ctx.publicClient.getLogs({ address: oracle.address, event: memberAdded, fromBlock: 0n, toBlock: 'latest' });
  const members = [];
  for (const log of logs) {
    const member = getAddress(log.args.member);
    const [registered, enabled] = await ctx.read(oracle, 'committeeMemberStates', [member]);
    if (registered && enabled && !members.includes(member)) members.push(member);
  }
  const quorum = Number(await ctx.read(oracle, 'quorumSize'));
  if (members.length < quorum) throw new Error(`only ${members.length} active oracle members for a quorum of ${quorum}`);

  const [refSlotFrom, refSlotTo, refBlockFrom] = await ctx.read(oracle, 'blockStampForNextReport');
  const latest = (await ctx.publicClient.getBlock()).number; // not getBlockNumber(): viem caches it across snapshot reverts
  const lastExecution = BigInt(await ctx.read(admin, 'lastAdminExecutionBlock'));
  const refBlockTo = latest - 1n > lastExecution ? latest - 1n : lastExecution + 1n;
  const lastHandled = BigInt(await ctx.read(admin, 'lastHandledReportRefSlot'));
  const elapsed = (BigInt(refSlotTo) - lastHandled) * 12n;

  const pooled = await ctx.read(pool, 'getTotalPooledEther');
  let accrued = pooled * BigInt(aprBps) * elapsed / (10000n * 365n * 86400n);
  const cap = pooled * 25n / 10000n;
  if (accrued > cap) accrued = cap;
  const fees = accrued / 9n;

  // Withdrawals: id order, nominal amounts of valid requests, within liquidity, the daily cap and 3500 per report.
  const next = BigInt(await ctx.read(wrn, 'nextRequestId'));
  const lastFinalized = BigInt(await ctx.read(wrn, 'lastFinalizedRequestId'));
  const liquidity = BigInt(await ctx.read(pool, 'totalValueInLp'));
  const perDay = BigInt(await ctx.read(admin, 'maxFinalizedWithdrawalAmountPerDay'));
  const maxAmount = perDay * elapsed / 86400n < liquidity ? perDay * elapsed / 86400n : liquidity;
  let upTo = lastFinalized;
  let sum = 0n;
  for (let id = lastFinalized + 1n; id < next && id - lastFinalized <= 3500n; id++) {
    const r = await ctx.read(wrn, 'getRequest', [id]);
    const amount = r.isValid ? r.amountOfEEth : 0n;
    if (sum + amount > maxAmount) break;
    sum += amount;
    upTo = id;
  }

  const report = { consensusVersion: await ctx.read(oracle, 'consensusVersion'), refSlotFrom, refSlotTo, refBlockFrom,
    refBlockTo: Number(refBlockTo), accruedRewards: accrued, protocolFees: fees, validatorsToApprove: [],
    lastFinalizedWithdrawalRequestId: Number(upTo), finalizedWithdrawalAmount: sum };
  for (const member of members.slice(0, quorum)) await writeAs(ctx, member, oracle, 'submitReport', [report]);
  const wait = Number(await ctx.read(admin, 'postReportWaitTimeInSlots'));
  if (wait > 0) await ctx.increaseTime(wait * ORACLE.secondsPerSlot);
  await writeAs(ctx, members[0], admin, 'executeTasks', [report]);
  return report;
}

/** The devnet history's oracle: one report a day for the frame just ended, at HISTORY_APR_BPS (see deliverOracleReport). */
export const history = {
  cadenceSeconds: historyCadenceSeconds,
  async tick(ctx) {
    const report = await deliverOracleReport(ctx, HISTORY_APR_BPS);
    return { rewards: report.accruedRewards, fees: report.protocolFees, finalized: BigInt(report.lastFinalizedWithdrawalRequestId) };
  },
};

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
