import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { encodeFunctionData, decodeFunctionResult, parseAbi } from 'viem';
import { startDevnet } from './helpers.mjs';
import { MULTICALL3 } from '../deploy/multicall.mjs';

let devnet;
before(async () => { devnet = await startDevnet(); });
after(async () => { await devnet?.stop(); });

test('multicall3 aggregate3 batches balance reads and reports a failing call without reverting', async () => {
  const { ctx } = devnet;
  const mc = { address: MULTICALL3, abi: ctx.artifact('common/Multicall3').abi };
  const [a, b] = ctx.accounts;
  await ctx.setBalance(a.address, 123n);
  await ctx.setBalance(b.address, 456n);
  const balanceAbi = parseAbi(['function getEthBalance(address) view returns (uint256)']);
  const calls = [a, b].map((acc) => ({ target: MULTICALL3, allowFailure: false, callData: encodeFunctionData({ abi: balanceAbi, functionName: 'getEthBalance', args: [acc.address] }) }));
  calls.push({ target: MULTICALL3, allowFailure: true, callData: '0xdeadbeef' });
  const results = await ctx.read(mc, 'aggregate3', [calls]);
  assert.equal(results.length, 3);
  assert.equal(decodeFunctionResult({ abi: balanceAbi, functionName: 'getEthBalance', data: results[0].returnData }), 123n);
  assert.equal(decodeFunctionResult({ abi: balanceAbi, functionName: 'getEthBalance', data: results[1].returnData }), 456n);
  assert.equal(results[2].success, false);
  assert.equal(await ctx.read(mc, 'getChainId'), 1n);
});
