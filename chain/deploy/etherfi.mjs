// ether.fi replica (eETH / weETH liquid restaking) at the real mainnet addresses. Spec: shared/protocols/etherfi.md.
//
// Devnet admin helpers (admin = accounts[9]; every call below reverts IncorrectCaller() for anyone else):
//   LiquidityPool
//     devnetRebase(uint256 aprBasisPoints, uint256 elapsedSeconds) returns (uint256 rewards)
//         P += floor(P * aprBasisPoints * elapsedSeconds / (10000 * 31536000)) booked to totalValueOutOfLp; emits
//         the real Rebase(totalEthLocked, totalEEthShares). Not subject to the 0.25% cap of the real rebase().
//     rebase(int128 accruedRewards, uint128 protocolFees)           real oracle entry (cap 25 bps, may be negative)
//     devnetSetPoolValues(uint128 totalValueInLp, uint128 totalValueOutOfLp)   book-keeping only (fund ETH yourself)
//     devnetMintShares(address to, uint256 shares)                  mints eETH shares without ETH
//     setMinWithdrawAmount(uint256) / setMaxWithdrawAmount(uint256)  real admin setters
//   WithdrawRequestNFT
//     finalizeRequests(uint256 upToRequestId)   real entry: freezes rate = amountPerShareCeil() for the batch and
//         escrows sum(min(amountOfEEth, shareOfEEth*rate/1e18)) ETH from the pool (totalValueInLp -> escrow)
//     invalidateRequest(uint256) / validateRequest(uint256)          real guardian entries
//   EtherFiRedemptionManager
//     devnetRefillBucket(address token)           refills the instant-redemption bucket (token = ETH_ADDRESS)
//     setCapacity / setRefillRatePerSecond / setExitFeeBasisPoints / setExitFeeSplitToTreasuryInBps /
//     setLowWatermarkInBpsOfTvl (real setters, wei and bps as on mainnet)
//   Blacklister (0x5585996E7cFE95f2D99e61168B8b35C66Ff99B18)
//     devnetSetBlacklistedUntil(address user, uint256 untilUnixSeconds)   (0 clears) -> BlacklistedUser(address)
//   EtherFiRateLimiter (0x6C7c54cfC2225fA985cD25F04d923B93c60a02F8)
//     devnetSetLimit(bytes32 id, address consumer, uint64 capacityGwei, uint64 remainingGwei, uint64 refillGweiPerSecond)
//   Every pausable replica (LiquidityPool, EETH, WeETH, WithdrawRequestNFT, EtherFiRedemptionManager):
//     pause() / unpause() (ContractPaused()), pauseUntil() / unpauseUntil() (ContractPausedUntil(uint256)) — real entries.
import { parseEther, getAddress } from 'viem';

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
  /** Stand-in for the existing holder base: owns the pre-existing eETH/weETH and the pre-existing requests. */
  ExistingHolders: getAddress('0x00000000000000000000000000000000e7f1e7f1'),
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

export async function deploy(ctx) {
  const admin = ctx.admin;
  const c = {};
  for (const name of ['LiquidityPool', 'EETH', 'WeETH', 'WithdrawRequestNFT', 'EtherFiRedemptionManager', 'DepositAdapter', 'WeETHWithdrawAdapter']) {
    c[name] = await ctx.placeAt(`etherfi/${name}`, ETHERFI[name]);
  }
  c.Blacklister = await ctx.placeAt('etherfi/EtherFiBlacklister', ETHERFI.Blacklister);
  c.RateLimiter = await ctx.placeAt('etherfi/EtherFiRateLimiter', ETHERFI.EtherFiRateLimiter);
  const stEthCode = await ctx.publicClient.getCode({ address: '0xae7ab96520DE3A18E5e111B5EaAb095312D7fE84' });
  const lido = stEthCode && stEthCode !== '0x' ? '0xae7ab96520DE3A18E5e111B5EaAb095312D7fE84' : '0x0000000000000000000000000000000000000000';

  await ctx.write(c.Blacklister, 'devnetInitialize', [admin.address]);
  await ctx.write(c.RateLimiter, 'devnetInitialize', [admin.address]);
  const max64 = (1n << 64n) - 1n;
  // Bootstrap with unlimited buckets, then set the mainnet limits below.
  await ctx.write(c.RateLimiter, 'devnetSetLimit', [EETH_MINT_LIMIT_ID, ETHERFI.EETH, max64, max64, 0n]);
  await ctx.write(c.RateLimiter, 'devnetSetLimit', [EETH_BURN_LIMIT_ID, ETHERFI.EETH, max64, max64, 0n]);
  await ctx.write(c.LiquidityPool, 'devnetInitialize', [admin.address, ETHERFI.EETH, ETHERFI.WithdrawRequestNFT,
    ETHERFI.EtherFiRedemptionManager, ETHERFI.Liquifier, ETHERFI.Blacklister, ETHERFI.Treasury]);
  await ctx.write(c.EETH, 'devnetInitialize', [admin.address, ETHERFI.LiquidityPool, ETHERFI.EtherFiRateLimiter, ETHERFI.Blacklister, ETHERFI.WeETH]);
  await ctx.write(c.WeETH, 'devnetInitialize', [admin.address, ETHERFI.EETH, ETHERFI.LiquidityPool, ETHERFI.Blacklister]);
  await ctx.write(c.WithdrawRequestNFT, 'devnetInitialize', [admin.address, ETHERFI.LiquidityPool, ETHERFI.Blacklister]);
  await ctx.write(c.EtherFiRedemptionManager, 'devnetInitialize', [admin.address, ETHERFI.LiquidityPool, ETHERFI.EETH,
    ETHERFI.WeETH, ETHERFI.Blacklister, ETHERFI.Treasury, lido]);
  await ctx.write(c.DepositAdapter, 'devnetInitialize', [ETHERFI.LiquidityPool, ETHERFI.EETH, ETHERFI.WeETH, ETHERFI.Liquifier, ETHERFI.Blacklister]);
  await ctx.write(c.WeETHWithdrawAdapter, 'devnetInitialize', [admin.address, ETHERFI.WeETH, ETHERFI.EETH, ETHERFI.LiquidityPool, ETHERFI.Blacklister]);

  // Pool value and the existing holder base: weETH holds 1.5M shares (1 weETH = 1 share), the rest is plain eETH.
  await ctx.write(c.LiquidityPool, 'devnetSetPoolValues', [START.totalValueInLp, START.totalValueOutOfLp]);
  await ctx.write(c.LiquidityPool, 'devnetMintShares', [ETHERFI.WeETH, START.weETHSupply]);
  await ctx.write(c.WeETH, 'devnetMintBacked', [ETHERFI.ExistingHolders, START.weETHSupply]);
  await ctx.write(c.LiquidityPool, 'devnetMintShares', [ETHERFI.ExistingHolders, START.totalShares - START.weETHSupply]);
  await ctx.setBalance(ETHERFI.LiquidityPool, START.totalValueInLp);

  // A few pre-existing withdrawal requests from the holder base; the first two are finalised (escrowed).
  const holder = ETHERFI.ExistingHolders;
  await ctx.testClient.impersonateAccount({ address: holder });
  await ctx.setBalance(holder, parseEther('10'));
  await ctx.write(c.EETH, 'approve', [ETHERFI.LiquidityPool, (1n << 256n) - 1n], { account: holder });
  for (const amount of START.existingRequests) {
    await ctx.write(c.LiquidityPool, 'requestWithdraw', [holder, amount], { account: holder });
  }
  await ctx.testClient.stopImpersonatingAccount({ address: holder });
  await ctx.write(c.WithdrawRequestNFT, 'finalizeRequests', [START.finalizedUpTo]);

  // Instant redemption (ETH): 30 bps fee, 10% of it to treasury, 1% TVL low watermark, 2000 ETH/day bucket.
  await ctx.write(c.EtherFiRedemptionManager, 'initializeTokenParameters', [[ETH_ADDRESS], [START.exitFeeSplitToTreasuryBps],
    [START.exitFeeBps], [START.lowWatermarkBps], [START.redemptionCapacity], [START.redemptionRefillPerSecond]]);
  // Mainnet eETH mint/burn buckets.
  await ctx.write(c.RateLimiter, 'devnetSetLimit', [EETH_MINT_LIMIT_ID, ETHERFI.EETH, START.mintCapacityGwei, START.mintCapacityGwei, START.mintRefillGwei]);
  await ctx.write(c.RateLimiter, 'devnetSetLimit', [EETH_BURN_LIMIT_ID, ETHERFI.EETH, START.burnCapacityGwei, START.burnCapacityGwei, START.burnRefillGwei]);

  const { Treasury, ExistingHolders, ...contracts } = ETHERFI;
  delete contracts.Liquifier; // not replicated
  return { ...contracts, Treasury, ExistingHolders };
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
