// Multicall3 at its canonical address on every chain.
export const MULTICALL3 = '0xcA11bde05977b3631167028862bE2a173976CA11';

export async function deploy(ctx) {
  await ctx.placeAt('common/Multicall3', MULTICALL3);
  return { Multicall3: MULTICALL3 };
}
