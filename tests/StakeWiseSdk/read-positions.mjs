// Independent check of LiquidStake's StakeWise reads: asks @stakewise/v3-sdk 2.0.2 (the npm package, not our code)
// what it reads from the chain for some vaults and accounts, and prints one JSON document on stdout.
//
//   node read-positions.mjs --rpc http://127.0.0.1:8545 --vault 0x… [--vault 0x…] --account 0x… [--account 0x…]
//
// Only reads that go to the chain are used (no StakeWise backend or subgraph is reachable from a devnet). Three SDK
// reads ask the subgraph first for data it indexes from the chain; those queries are answered here from the chain's
// own logs, the way the subgraph indexes them, so the SDK's code still does the reads and the arithmetic:
//   - HarvestParams(vault): null. The SDK adds updateState only when Keeper.canHarvest(vault) is true; this script
//     refuses such a vault (harvest it first: the kit's driver harvests every vault after a reward update).
//   - exitQueue(receiver, vault): the receiver's ExitQueueEntered requests not yet claimed (ExitedAssetsClaimed moves a
//     partly claimed request to its new ticket with the shares left), with the block timestamp of each request.
//   - OsTokenPositions(address, vault): OsTokenMinted minus OsTokenBurned shares of the account in the vault.
// Amounts are printed as decimal strings (wei, shares, 1e18-scaled percents).
import { StakeWiseSDK, Network } from '@stakewise/v3-sdk';
import { JsonRpcProvider, Contract, Interface, getAddress } from 'ethers';

const SUBGRAPH = 'http://subgraph.liquidstake.invalid/graphql';
const API = 'http://api.liquidstake.invalid/graphql';

function parseArgs(argv) {
  const args = { vaults: [], accounts: [] };
  for (let i = 0; i < argv.length; i += 2) {
    const [name, value] = [argv[i], argv[i + 1]];
    if (value === undefined) throw new Error(`${name} needs a value`);
    if (name === '--rpc') args.rpc = value;
    else if (name === '--vault') args.vaults.push(getAddress(value));
    else if (name === '--account') args.accounts.push(getAddress(value));
    else throw new Error(`unknown argument ${name}`);
  }
  if (!args.rpc || !args.vaults.length || !args.accounts.length) throw new Error('usage: --rpc URL --vault ADDRESS... --account ADDRESS...');
  return args;
}

const vaultEvents = new Interface([
  'event ExitQueueEntered(address indexed owner, address indexed receiver, uint256 positionTicket, uint256 shares)',
  'event ExitedAssetsClaimed(address indexed receiver, uint256 prevPositionTicket, uint256 newPositionTicket, uint256 withdrawnAssets)',
  'event OsTokenMinted(address indexed caller, address receiver, uint256 assets, uint256 shares, address referrer)',
  'event OsTokenBurned(address indexed caller, uint256 assets, uint256 shares)',
]);

async function logs(provider, vault, name, topics) {
  const event = vaultEvents.getEvent(name);
  const found = await provider.getLogs({ address: vault, fromBlock: 0, toBlock: 'latest', topics: [event.topicHash, ...topics] });
  return found.map((log) => ({ log, args: vaultEvents.parseLog(log).args }));
}

const topicOf = (address) => '0x' + address.slice(2).toLowerCase().padStart(64, '0');

/** The exit requests the subgraph would list for (receiver, vault): open tickets with their shares and timestamps. */
async function exitRequests(provider, vault, receiver) {
  const open = new Map();
  const entered = await logs(provider, vault, 'ExitQueueEntered', [null, topicOf(receiver)]);
  const claimed = await logs(provider, vault, 'ExitedAssetsClaimed', [topicOf(receiver)]);
  const timestamps = new Map();
  const timestampOf = async (blockNumber) => {
    if (!timestamps.has(blockNumber)) timestamps.set(blockNumber, (await provider.getBlock(blockNumber)).timestamp);
    return timestamps.get(blockNumber);
  };
  const events = [...entered.map((e) => ({ ...e, kind: 'entered' })), ...claimed.map((e) => ({ ...e, kind: 'claimed' }))]
    .sort((a, b) => a.log.blockNumber - b.log.blockNumber || a.log.index - b.log.index);
  for (const { log, args, kind } of events) {
    if (kind === 'entered') {
      open.set(args.positionTicket.toString(), { positionTicket: args.positionTicket.toString(), timestamp: String(await timestampOf(log.blockNumber)), totalShares: args.shares.toString(), totalAssets: '0', withdrawalTimestamp: null });
      continue;
    }
    const previous = open.get(args.prevPositionTicket.toString());
    open.delete(args.prevPositionTicket.toString());
    if (previous && args.newPositionTicket !== 0n) {
      const left = BigInt(previous.totalShares) - (args.newPositionTicket - args.prevPositionTicket);
      open.set(args.newPositionTicket.toString(), { ...previous, positionTicket: args.newPositionTicket.toString(), totalShares: left.toString() });
    }
  }
  return [...open.values()];
}

async function mintedOsTokenShares(provider, vault, account) {
  let shares = 0n;
  for (const { args } of await logs(provider, vault, 'OsTokenMinted', [topicOf(account)])) shares += args.shares;
  for (const { args } of await logs(provider, vault, 'OsTokenBurned', [topicOf(account)])) shares -= args.shares;
  return shares;
}

/** Answers the SDK's subgraph queries from the chain (see the header); any other query is refused. */
function installSubgraph(provider) {
  const realFetch = globalThis.fetch;
  globalThis.fetch = async (url, init) => {
    const text = String(url);
    if (!text.startsWith(SUBGRAPH) && !text.startsWith(API)) return realFetch(url, init);
    const { operationName, variables } = JSON.parse(init.body);
    let data;
    if (operationName === 'HarvestParams') data = { harvestParams: null };
    else if (operationName === 'exitQueue') data = { exitRequests: await exitRequests(provider, getAddress(variables.vault), getAddress(variables.receiver)) };
    else if (operationName === 'OsTokenPositions') {
      const shares = await mintedOsTokenShares(provider, getAddress(variables.vaultAddress), getAddress(variables.address));
      data = { osTokenPositions: [{ shares: shares.toString() }] };
    } else return new Response(JSON.stringify({ errors: [{ message: `no ${operationName} from a devnet` }] }), { status: 200 });
    return new Response(JSON.stringify({ data }), { status: 200, headers: { 'content-type': 'application/json' } });
  };
}

const str = (value) => (typeof value === 'bigint' ? value.toString() : value);

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const provider = new JsonRpcProvider(args.rpc, 1, { staticNetwork: true, batchMaxCount: 1 });
  installSubgraph(provider);
  const sdk = new StakeWiseSDK({ network: Network.Mainnet, endpoints: { web3: args.rpc, subgraph: SUBGRAPH, api: API } });

  const keeper = sdk.contracts.base.keeper;
  const result = {
    sdk: '@stakewise/v3-sdk@2.0.2',
    block: await provider.getBlockNumber(),
    osToken: {
      rate: await sdk.osToken.getRate(),
      oneEthInShares: str(await sdk.osToken.getSharesFromAssets({ amount: 10n ** 18n })),
      oneShareInAssets: str(await sdk.osToken.getAssetsFromShares({ amount: 10n ** 18n })),
      avgRewardPerSecond: str(await sdk.contracts.base.mintTokenController.avgRewardPerSecond()),
    },
    vaults: [],
  };
  for (const vaultAddress of args.vaults) {
    if (await keeper.canHarvest(vaultAddress)) throw new Error(`vault ${vaultAddress} can harvest; harvest it first (no subgraph serves its harvest params here)`);
    const vault = sdk.contracts.helpers.createVault(vaultAddress);
    const config = await sdk.osToken.getConfig({ vaultAddress });
    const data = {
      address: vaultAddress,
      version: str(await vault.version()),
      admin: await vault.admin(),
      vaultId: await vault.vaultId(),
      // The SDK's vault ABI has no totalAssets/totalShares/capacity/fee (it reads those from its backend); the share
      // price comes through its vault multicall, as getStakeBalance does.
      oneShareInAssets: str((await sdk.vaultMulticall({ userAddress: args.accounts[0], vaultAddress, request: { params: [{ method: 'convertToAssets', args: [10n ** 18n] }], callStatic: true } }))[0][0]),
      ltvPercent: str(config.ltvPercent),
      thresholdPercent: str(config.thresholdPercent),
      accounts: [],
    };
    for (const userAddress of args.accounts) {
      const stake = await sdk.vault.getStakeBalance({ vaultAddress, userAddress });
      const position = await sdk.osToken.getPosition({ vaultAddress, userAddress, stakedAssets: stake.assets, thresholdPercent: config.thresholdPercent });
      const maxMint = await sdk.osToken.getMaxMint({ vaultAddress, ltvPercent: config.ltvPercent, mintedAssets: position.minted.assets, stakedAssets: stake.assets });
      const queue = await sdk.vault.getExitQueuePositions({ vaultAddress, userAddress });
      data.accounts.push({
        address: userAddress,
        stakedShares: str(stake.shares),
        stakedAssets: str(stake.assets),
        mintedShares: str(position.minted.shares),
        mintedAssets: str(position.minted.assets),
        healthFactor: position.healthFactor.value,
        health: position.healthFactor.health,
        maxMintShares: str(maxMint),
        exitQueue: {
          total: str(queue.total),
          withdrawable: str(queue.withdrawable),
          positions: queue.positions.map((p) => ({ positionTicket: str(p.positionTicket), timestamp: str(p.timestamp), exitQueueIndex: str(p.exitQueueIndex) })),
        },
      });
    }
    result.vaults.push(data);
  }
  process.stdout.write(JSON.stringify(result, null, 2) + '\n');
}

main().then(() => process.exit(0), (error) => {
  process.stderr.write(`${error?.stack || error}\n`);
  process.exit(1);
});
