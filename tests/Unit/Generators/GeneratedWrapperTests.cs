using System.Numerics;
using LiquidStake.Ethereum;
using LiquidStake.Ethereum.Abi;
using LiquidStake.Ethereum.Contracts;
using LiquidStake.Ethereum.Rpc;
using LiquidStake.Sdk.Contracts.Common;
using LiquidStake.Sdk.Contracts.EigenLayer;
using LiquidStake.Sdk.Contracts.Lido;

namespace LiquidStake.UnitTests.Generators;

/// <summary>The wrappers generated into LiquidStake.Sdk, driven through a fake caller with data made by the codec.</summary>
public sealed class GeneratedWrapperTests
{
    private static readonly Address Token = Address.Parse("0xae7ab96520DE3A18E5e111B5EaAb095312D7fE84");
    private static readonly Address Holder = Address.Parse("0x1111111111111111111111111111111111111111");
    private static readonly Address Other = Address.Parse("0x2222222222222222222222222222222222222222");

    private sealed class FakeCaller(Func<byte[], byte[]> respond) : IContractCaller
    {
        public List<(Address To, byte[] Data, BlockParameter Block)> Calls { get; } = [];

        public Task<byte[]> CallAsync(Address to, ReadOnlyMemory<byte> data, BlockParameter block, CancellationToken cancellationToken = default)
        {
            Calls.Add((to, data.ToArray(), block));
            return Task.FromResult(respond(data.ToArray()));
        }
    }

    private static AbiType T(string type) => AbiType.Parse(type);

    [Fact]
    public async Task View_call_encodes_arguments_and_decodes_the_result()
    {
        var caller = new FakeCaller(_ => AbiCodec.Encode([T("uint256")], [BigInteger.Parse("1234567890123456789012", System.Globalization.CultureInfo.InvariantCulture)]));
        var erc20 = new Erc20(Token, caller);

        BigInteger balance = await erc20.BalanceOfAsync(Holder, BlockParameter.AtNumber(19_000_000));

        Assert.Equal(BigInteger.Parse("1234567890123456789012", System.Globalization.CultureInfo.InvariantCulture), balance);
        var call = Assert.Single(caller.Calls);
        Assert.Equal(Token, call.To);
        Assert.Equal(BlockParameter.AtNumber(19_000_000), call.Block);
        Assert.Equal(Hex.Decode("0x70a08231" + "000000000000000000000000" + "1111111111111111111111111111111111111111"), call.Data);
    }

    [Fact]
    public async Task Read_defaults_to_latest_and_decodes_strings()
    {
        var caller = new FakeCaller(_ => AbiCodec.Encode([T("string")], ["Liquid staked Ether 2.0"]));
        string name = await new StEth(Token, caller).NameAsync();
        Assert.Equal("Liquid staked Ether 2.0", name);
        Assert.Equal(BlockParameter.Latest, caller.Calls.Single().Block);
        Assert.Equal(Hex.Decode("0x06fdde03"), caller.Calls.Single().Data);
    }

    [Fact]
    public void Prepare_builds_the_transaction_request_with_calldata_and_value()
    {
        var steth = new StEth(Token, new FakeCaller(_ => []));

        var submit = steth.PrepareSubmit(Other, 5_000_000_000_000_000_000);
        Assert.Equal(Token, submit.To);
        Assert.Equal(new BigInteger(5_000_000_000_000_000_000), submit.Value);
        Assert.Equal(AbiCodec.EncodeCall(Hex.Decode("0xa1903eab"), [T("address")], [Other]), submit.Data.ToArray());

        var transfer = new Erc20(Token, new FakeCaller(_ => [])).PrepareTransfer(Other, 42);
        Assert.Equal(BigInteger.Zero, transfer.Value);
        Assert.Equal(Hex.Decode("0xa9059cbb" + "000000000000000000000000" + "2222222222222222222222222222222222222222" + new string('0', 62) + "2a"), transfer.Data.ToArray());
        Assert.Null(transfer.From);
        Assert.Null(transfer.Nonce);
    }

    [Fact]
    public void Struct_arrays_round_trip_through_the_codec()
    {
        Call3[] calls =
        [
            new(Token, true, Hex.Decode("0x18160ddd")),
            new(Other, false, []),
        ];
        byte[] calldata = Multicall3.EncodeAggregate3(calls);
        var expected = AbiCodec.EncodeCall(
            Hex.Decode("0x82ad56cb"),
            [T("(address,bool,bytes)[]")],
            [new object?[] { new object?[] { Token, true, Hex.Decode("0x18160ddd") }, new object?[] { Other, false, Array.Empty<byte>() } }]);
        Assert.Equal(expected, calldata);

        var decoded = ((object?[])AbiCodec.DecodeCall(Hex.Decode("0x82ad56cb"), [T("(address,bool,bytes)[]")], calldata)[0]!).Select(Call3.FromAbiValues).ToList();
        Assert.Equal(2, decoded.Count);
        Assert.Equal(Token, decoded[0].Target);
        Assert.True(decoded[0].AllowFailure);
        Assert.Equal(Hex.Decode("0x18160ddd"), decoded[0].CallData);
        Assert.Equal(Other, decoded[1].Target);
        Assert.False(decoded[1].AllowFailure);
        Assert.Empty(decoded[1].CallData);
    }

    [Fact]
    public async Task Revert_with_a_custom_error_becomes_the_typed_exception()
    {
        byte[] revert = Hex.Decode("0x5dfb2ca2");
        var caller = new FakeCaller(_ => throw new ContractRevertException("execution reverted", revert, null, null));
        var manager = new StrategyManager(Token, caller);

        var ex = await Assert.ThrowsAsync<ContractErrorException<StrategyNotWhitelistedError>>(() => manager.StakerDepositSharesAsync(Holder, Other));
        Assert.Equal("StrategyNotWhitelisted", ex.ErrorName);
        Assert.Equal(revert, ex.RevertData);
        Assert.IsType<ContractRevertException>(ex.InnerException);
    }

    [Fact]
    public async Task Revert_that_is_not_one_of_the_contracts_errors_is_left_alone()
    {
        byte[] revert = AbiCodec.EncodeCall(Hex.Decode("0x08c379a0"), [T("string")], ["nope"]);
        var original = new ContractRevertException("execution reverted: nope", revert, "Error", ["nope"]);
        var manager = new StrategyManager(Token, new FakeCaller(_ => throw original));

        var ex = await Assert.ThrowsAsync<ContractRevertException>(() => manager.StakerDepositSharesAsync(Holder, Other));
        Assert.Same(original, ex);
    }

    [Fact]
    public void Transfer_event_decodes_and_filters_by_indexed_arguments()
    {
        var log = new LogEntry
        {
            Address = Token,
            Topics =
            [
                Erc20.TransferEventTopic,
                new Hash32(AbiCodec.Encode([T("address")], [Holder])),
                new Hash32(AbiCodec.Encode([T("address")], [Other])),
            ],
            Data = AbiCodec.Encode([T("uint256")], [new BigInteger(77)]),
        };

        Assert.True(Erc20.TryDecodeTransferEvent(log, out var transfer, Token));
        Assert.Equal(new LiquidStake.Sdk.Contracts.Common.TransferEvent(Holder, Other, 77), transfer);
        Assert.False(Erc20.TryDecodeTransferEvent(log, out _, Other));
        Assert.False(Erc20.TryDecodeApprovalEvent(log, out _));
        Assert.Equal(Hash32.Parse("0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef"), Erc20.TransferEventTopic);

        var filter = new Erc20(Token, new FakeCaller(_ => [])).CreateTransferFilter(to: Other);
        Assert.Equal([Token], filter.Addresses);
        Assert.Equal(3, filter.Topics.Count);
        Assert.Equal([Erc20.TransferEventTopic], filter.Topics[0]);
        Assert.Null(filter.Topics[1]);
        Assert.Equal([new Hash32(AbiCodec.Encode([T("address")], [Other]))], filter.Topics[2]);
    }

    [Fact]
    public void Selectors_and_signatures_are_exposed_as_constants()
    {
        Assert.Equal("transfer(address,uint256)", Erc20.TransferSignature);
        Assert.Equal(Hex.Decode("0xa9059cbb"), Erc20.TransferSelector.ToArray());
        Assert.Equal(Hex.Decode("0x5dfb2ca2"), StrategyNotWhitelistedError.Selector.ToArray());
        Assert.Equal("StrategyNotWhitelisted()", StrategyNotWhitelistedError.Signature);
    }
}
