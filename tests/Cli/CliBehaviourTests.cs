using System.Text.Json;
using LiquidStake.Cli;
using LiquidStake.Cli.Infrastructure;
using LiquidStake.Ethereum;
using LiquidStake.Ethereum.Contracts;
using LiquidStake.Ethereum.Keystore;
using LiquidStake.Ethereum.Sending;
using LiquidStake.Ethereum.Signing;

namespace LiquidStake.UnitTests.Cli;

/// <summary>Parsing, exit codes, error lines, key sources and JSON shapes, all in-process.</summary>
public sealed class CliBehaviourTests
{
    private const string Key = CliHarness.AnvilKey0;

    [Fact]
    public async Task Keccak_of_text_prints_the_hash_and_exits_zero()
    {
        var run = await CliHarness.RunAsync("keccak", "hello");
        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Equal("0x1c8aff950685c2ed4bc3174f3472287b56d9517b9c948127319a09a7a36deac8\n", run.Stdout);
        Assert.Equal(string.Empty, run.Stderr);
    }

    [Fact]
    public async Task Keccak_without_argument_reads_standard_input_without_the_trailing_newline()
    {
        var run = await CliHarness.RunAsync(new Dictionary<string, string>(), "hello\n", null, "keccak");
        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Equal("0x1c8aff950685c2ed4bc3174f3472287b56d9517b9c948127319a09a7a36deac8\n", run.Stdout);
    }

    [Theory]
    [InlineData("no-such-command")]
    [InlineData("sig")]
    [InlineData("keccak", "a", "b")]
    [InlineData("decode-abi", "f()(uint256)")]
    [InlineData("wallet", "sign", "--bogus-flag", "x")]
    [InlineData("--network", "ropsten", "keccak", "x")]
    [InlineData("to-check-sum-address", "0xd8da6bf26964af9d7eed9e03e53415d37aa96045", "notanumber")]
    public async Task Usage_errors_exit_two_with_a_hint_and_no_stdout(params string[] args)
    {
        var run = await CliHarness.RunAsync(args);
        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Equal(string.Empty, run.Stdout);
        Assert.StartsWith("error: ", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("--help' for usage.", run.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("invalid character 'z' at position 0", "keccak", "0xzz")]
    [InlineData("odd number of digits", "keccak", "0x123")]
    [InlineData("256", "abi-encode", "f(uint8)", "256")]
    [InlineData("invalid boolean", "abi-encode", "f(bool)", "1")]
    [InlineData("expected 2 types, got 1", "abi-encode", "f(uint256,uint256)", "1")]
    [InlineData("could not parse signature 'foo'", "sig", "foo")]
    [InlineData("no data was decoded", "decode-abi", "f(uint256)", "0x00")]
    [InlineData("20 bytes", "to-check-sum-address", "0x1234")]
    public async Task Bad_values_fail_with_one_readable_line(string reason, params string[] args)
    {
        var run = await CliHarness.RunAsync(args);
        Assert.NotEqual(ExitCodes.Success, run.ExitCode);
        Assert.Equal(string.Empty, run.Stdout);
        Assert.Single(run.Stderr.TrimEnd('\n').Split('\n'));
        Assert.StartsWith("error: ", run.Stderr, StringComparison.Ordinal);
        Assert.Contains(reason, run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Malformed_data_is_a_failure_and_unparseable_values_a_usage_error()
    {
        Assert.Equal(ExitCodes.Failure, (await CliHarness.RunAsync("keccak", "0xzz")).ExitCode);
        Assert.Equal(ExitCodes.Failure, (await CliHarness.RunAsync("decode-abi", "f()(uint256,uint256)", "0x01")).ExitCode);
        Assert.Equal(ExitCodes.Usage, (await CliHarness.RunAsync("abi-encode", "f(bool)", "1")).ExitCode);
    }

    [Fact]
    public async Task Verbose_adds_the_stack_trace()
    {
        var run = await CliHarness.RunAsync("--verbose", "keccak", "0xzz");
        Assert.Equal(ExitCodes.Failure, run.ExitCode);
        Assert.StartsWith("error: invalid character 'z' at position 0\n", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("   at ", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Reverts_and_preflight_refusals_map_to_exit_code_three()
    {
        Assert.Equal(ExitCodes.Refused, CliApp.ExitCodeFor(new ContractRevertException("execution reverted: STAKE_LIMIT", [], "Error", ["STAKE_LIMIT"]), default));
        Assert.Equal(ExitCodes.Refused, CliApp.ExitCodeFor(new ChainIdMismatchException(1, 5), default));
        Assert.Equal(ExitCodes.Refused, CliApp.ExitCodeFor(new CliRefusedException("paused"), default));
        Assert.Equal(ExitCodes.Usage, CliApp.ExitCodeFor(new CliUsageException("bad"), default));
        Assert.Equal(ExitCodes.Failure, CliApp.ExitCodeFor(new EthereumFormatException("bad"), default));
        Assert.Equal(ExitCodes.Failure, CliApp.ExitCodeFor(new InvalidOperationException("bug"), default));
    }

    [Fact]
    public void Error_lines_carry_the_decoded_revert_on_one_line()
    {
        var revert = new ContractRevertException("execution reverted: STAKE_LIMIT\nmore", [], "Error", ["STAKE_LIMIT"]);
        Assert.Equal("execution reverted: STAKE_LIMIT more", CliApp.OneLine(revert));
        Assert.Equal("InvalidOperationException: boom", CliApp.OneLine(new InvalidOperationException("boom")));
    }

    [Fact]
    public async Task Private_key_comes_from_the_environment_when_no_option_is_given()
    {
        var env = new Dictionary<string, string> { ["LIQUIDSTAKE_PRIVATE_KEY"] = Key };
        var run = await CliHarness.RunAsync(env, null, null, "wallet", "address");
        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Equal(CliHarness.AnvilAddress0 + "\n", run.Stdout);
    }

    [Fact]
    public async Task Missing_key_source_is_a_usage_error()
    {
        var run = await CliHarness.RunAsync("wallet", "sign", "hello");
        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("--private-key, --keystore or --mnemonic", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_key_sources_are_refused()
    {
        var run = await CliHarness.RunAsync("wallet", "address", "--private-key", Key, "--mnemonic", CliHarness.TestMnemonic);
        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("only one key source", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_private_key_is_never_echoed()
    {
        const string bad = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ffzz";
        var run = await CliHarness.RunAsync("--verbose", "wallet", "address", "--private-key", bad);
        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.DoesNotContain("ac0974bec39a17e36ba4a6b4d238ff944bacb478", run.Stderr, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("private key is not valid", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_invalid_mnemonic_is_a_usage_error()
    {
        var run = await CliHarness.RunAsync("wallet", "address", "--mnemonic", "test test test test test test test test test test test test");
        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("not a valid BIP39", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Keystore_is_unlocked_with_a_password_file_and_with_the_prompt()
    {
        using var signer = PrivateKeySigner.FromHex(Key);
        string dir = Directory.CreateTempSubdirectory("ls-cli-").FullName;
        try
        {
            string keystore = Path.Combine(dir, "key.json");
            await File.WriteAllTextAsync(keystore, KeystoreV3.Encrypt(Hex.Decode(Key), "s3cret", new KeystoreEncryptOptions { ScryptN = 1024 }));
            string passwordFile = Path.Combine(dir, "password.txt");
            await File.WriteAllTextAsync(passwordFile, "s3cret\n");

            var fromFile = await CliHarness.RunAsync("wallet", "address", "--keystore", keystore, "--password-file", passwordFile);
            Assert.Equal(ExitCodes.Success, fromFile.ExitCode);
            Assert.Equal(CliHarness.AnvilAddress0 + "\n", fromFile.Stdout);

            string? asked = null;
            var prompted = await CliHarness.RunAsync(new Dictionary<string, string>(), null, (prompt, _) =>
            {
                asked = prompt;
                return Task.FromResult("s3cret");
            }, "wallet", "address", "--keystore", keystore);
            Assert.Equal(ExitCodes.Success, prompted.ExitCode);
            Assert.Equal(CliHarness.AnvilAddress0 + "\n", prompted.Stdout);
            Assert.Equal("Password for key.json:", asked);
            Assert.DoesNotContain("s3cret", prompted.Stdout + prompted.Stderr, StringComparison.Ordinal);

            var wrong = await CliHarness.RunAsync(new Dictionary<string, string>(), null, (_, _) => Task.FromResult("nope"), "wallet", "address", "--keystore", keystore);
            Assert.Equal(ExitCodes.Failure, wrong.ExitCode);
            Assert.Equal(string.Empty, wrong.Stdout);
            Assert.StartsWith("error: ", wrong.Stderr, StringComparison.Ordinal);

            var missing = await CliHarness.RunAsync("wallet", "address", "--keystore", Path.Combine(dir, "absent.json"), "--password-file", passwordFile);
            Assert.Equal(ExitCodes.Usage, missing.ExitCode);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task Decode_json_is_an_array_with_numbers_strings_and_nested_arrays()
    {
        string data = "0x" +
            "000000000000000000000000000000000000000000000000000000000000002a" +
            "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff" +
            "00000000000000000000000000000000000000000000000000000000000000aa";
        var run = await CliHarness.RunAsync("decode-abi", "--json", "f()(uint256,uint256,address)", data);
        Assert.Equal(ExitCodes.Success, run.ExitCode);
        using var json = JsonDocument.Parse(run.Stdout);
        var items = json.RootElement.EnumerateArray().ToArray();
        Assert.Equal(3, items.Length);
        Assert.Equal(JsonValueKind.Number, items[0].ValueKind);
        Assert.Equal(42, items[0].GetInt32());
        Assert.Equal(JsonValueKind.String, items[1].ValueKind);
        Assert.Equal("115792089237316195423570985008687907853269984665640564039457584007913129639935", items[1].GetString());
        Assert.Equal("0x00000000000000000000000000000000000000AA", items[2].GetString());
    }

    [Fact]
    public async Task Json_flag_is_accepted_before_the_command_too()
    {
        var run = await CliHarness.RunAsync("--json", "decode-abi", "f()(bool)", "0x0000000000000000000000000000000000000000000000000000000000000001");
        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Equal("[\n  true\n]\n", run.Stdout);
    }

    [Fact]
    public async Task Wallet_new_json_gives_addresses_that_match_their_keys()
    {
        var run = await CliHarness.RunAsync("wallet", "new", "--json", "--number", "3");
        Assert.Equal(ExitCodes.Success, run.ExitCode);
        using var json = JsonDocument.Parse(run.Stdout);
        var wallets = json.RootElement.EnumerateArray().ToArray();
        Assert.Equal(3, wallets.Length);
        foreach (var wallet in wallets)
        {
            using var signer = PrivateKeySigner.FromHex(wallet.GetProperty("private_key").GetString()!);
            Assert.Equal(signer.Address.ToString(), wallet.GetProperty("address").GetString());
        }
        Assert.Equal(3, wallets.Select(w => w.GetProperty("private_key").GetString()).Distinct().Count());
    }

    [Fact]
    public async Task Mktx_offline_without_all_fields_and_without_rpc_explains_what_is_missing()
    {
        var run = await CliHarness.RunAsync("mktx", "--private-key", Key, "--chain", "1", "--gas-price", "1gwei", "0x70997970C51812dc3A010C7d01b50e0d17dc79C8");
        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("--nonce, --gas-limit, --priority-gas-price", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Mktx_output_decodes_to_the_requested_transaction()
    {
        var run = await CliHarness.RunAsync("mktx", "--private-key", Key, "--network", "hoodi", "--nonce", "9", "--gas-limit", "21000",
            "--gas-price", "2gwei", "--priority-gas-price", "1gwei", "--value", "0.25ether", "0x70997970C51812dc3A010C7d01b50e0d17dc79C8");
        Assert.Equal(ExitCodes.Success, run.ExitCode);
        var decoded = LiquidStake.Ethereum.Transactions.TransactionCodec.Decode(run.Stdout.Trim());
        Assert.Equal(560048UL, decoded.Transaction.ChainId);
        Assert.Equal(9UL, decoded.Transaction.Nonce);
        Assert.Equal(250_000_000_000_000_000, (long)decoded.Transaction.Value);
        Assert.Equal(CliHarness.AnvilAddress0, decoded.From.ToString());
    }

    [Fact]
    public async Task Rpc_url_must_be_http()
    {
        var run = await CliHarness.RunAsync("mktx", "--rpc-url", "ftp://x", "--private-key", Key, "0x70997970C51812dc3A010C7d01b50e0d17dc79C8");
        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("not an http(s) URL", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_lists_the_commands_and_exits_zero()
    {
        var run = await CliHarness.RunAsync("--help");
        Assert.Equal(ExitCodes.Success, run.ExitCode);
        foreach (var name in new[] { "keccak", "sig", "sig-event", "abi-encode", "calldata", "decode-abi", "decode-calldata", "to-check-sum-address", "wallet", "mktx", "--rpc-url", "--network", "--json", "--verbose" })
            Assert.Contains(name, run.Stdout, StringComparison.Ordinal);
    }
}
