using System.Numerics;
using System.Text;
using LiquidStake.Ethereum;
using LiquidStake.Ethereum.Crypto;
using LiquidStake.Ethereum.Messages;
using LiquidStake.Ethereum.Signing;

namespace LiquidStake.UnitTests.Messages;

public class MessageTests
{
    [Fact]
    public async Task Personal_sign_vectors()
    {
        int count = 0;
        foreach (var v in CryptoVectors.Items("personal"))
        {
            var message = v.Bytes("message");
            Assert.Equal(v.Str("hash"), PersonalMessage.Hash(message).ToString());
            using var signer = PrivateKeySigner.FromHex(v.Str("privateKey"));
            var signature = await signer.SignMessageAsync(message);
            Assert.Equal(v.Str("signature"), signature.ToHex());
            Assert.Equal(Address.Parse(v.Str("address")), PersonalMessage.RecoverSigner(message, signature));
            count++;
        }
        Assert.Equal(16, count);
    }

    [Fact]
    public void Personal_sign_hash_of_text_uses_utf8_byte_length()
    {
        Assert.Equal(PersonalMessage.Hash(Encoding.UTF8.GetBytes("héllo")), PersonalMessage.Hash("héllo"));
        // "\x19Ethereum Signed Message:\n5hello"
        Assert.Equal(Keccak256.ComputeHash32("\u0019Ethereum Signed Message:\n5hello"u8), PersonalMessage.Hash("hello"));
    }

    [Fact]
    public async Task Typed_data_vectors_from_json()
    {
        int count = 0;
        foreach (var v in CryptoVectors.Items("typed"))
        {
            var typed = TypedData.Parse(v.Str("json"));
            Assert.Equal(v.Str("hash"), Eip712.Hash(typed).ToString());
            using var signer = PrivateKeySigner.FromHex(v.Str("privateKey"));
            Assert.Equal(v.Str("signature"), (await signer.SignTypedDataAsync(typed)).ToHex());
            count++;
        }
        Assert.Equal(9, count);
    }

    [Fact]
    public void Eip712_mail_example_built_in_code()
    {
        var types = new Dictionary<string, IReadOnlyList<TypedDataField>>
        {
            ["Person"] = [new("name", "string"), new("wallet", "address")],
            ["Mail"] = [new("from", "Person"), new("to", "Person"), new("contents", "string")],
        };
        Assert.Equal("Mail(Person from,Person to,string contents)Person(string name,address wallet)", Eip712.EncodeType("Mail", types));
        Assert.Equal("0xa0cedeb2dc280ba39b857546d74f5549c3a1d7bdc2dd96bf881f76108e23dac2", Eip712.HashType("Mail", types).ToString());
        var typed = new TypedData
        {
            Domain = new TypedDataDomain { Name = "Ether Mail", Version = "1", ChainId = 1, VerifyingContract = Address.Parse("0xCcCCccccCCCCcCCCCCCcCcCccCcCCCcCcccccccC") },
            Types = types,
            PrimaryType = "Mail",
            Message = new Dictionary<string, object?>
            {
                ["from"] = new Dictionary<string, object?> { ["name"] = "Cow", ["wallet"] = Address.Parse("0xCD2a3d9F938E13CD947Ec05AbC7FE734Df8DD826") },
                ["to"] = new Dictionary<string, object?> { ["name"] = "Bob", ["wallet"] = "0xbBbBBBBbbBBBbbbBbbBbbbbBBbBbbbbBbBbbBBbB" },
                ["contents"] = "Hello, Bob!",
            },
        };
        Assert.Equal("0xf2cee375fa42b42143804025fc449deafd50cc031ca257e0b194a650a912090f", Eip712.HashDomain(typed).ToString());
        Assert.Equal("0xc52c0ee5d84264471806290a3f2c4cecfc5490626bf912d01f240d7a274b371e", Eip712.HashStruct("Mail", typed.Message, types).ToString());
        Assert.Equal("0xbe609aee343fb3c4b28e1df9e632fca64fcfaede20f02e86244efddf30957bd2", Eip712.Hash(typed).ToString());
        using var cow = new PrivateKeySigner(Keccak256.Hash("cow"u8));
        Assert.Equal(Address.Parse("0xCD2a3d9F938E13CD947Ec05AbC7FE734Df8DD826"), cow.Address);
        var signature = cow.SignTypedData(typed);
        Assert.Equal(28, signature.V);
        Assert.Equal("0x4355c47d63924e8a72e509b65029052eb6c299d53a04e167c5775fd466751c9d", Hex.Encode(signature.GetRBytes()));
        Assert.Equal("0x07299936d304c153f6443dfa05f40ff007d72911b6f72307f996231605b91562", Hex.Encode(signature.GetSBytes()));
    }

    [Fact]
    public void Steth_permit_domain_and_vectors()
    {
        var domain = Eip2612.CreateDomain("Liquid staked Ether 2.0", "2", 1, Address.Parse("0xae7ab96520DE3A18E5e111B5EaAb095312D7fE84"));
        Assert.Equal("0x260e7e1a220ea89b9454cbcdc1fcc44087325df199a3986e560d75db18b2e253", Eip712.HashDomain(domain).ToString());
        var permitTypes = new Dictionary<string, IReadOnlyList<TypedDataField>> { ["Permit"] = Eip2612.PermitFields };
        Assert.Equal("0x6e71edae12b1b97f4d1f60370fef10105fa2faae0126114a169c64845d6126c9", Eip712.HashType("Permit", permitTypes).ToString());
        int count = 0;
        foreach (var v in CryptoVectors.Items("permits"))
        {
            var owner = Address.Parse(v.Str("owner"));
            var permit = Eip2612.CreatePermit(domain, owner, Address.Parse(v.Str("spender")), v.Big("value"), v.Big("nonce"), v.Big("deadline"));
            Assert.Equal(v.Str("hash"), Eip712.Hash(permit).ToString());
            using var signer = PrivateKeySigner.FromHex(v.Str("privateKey"));
            var signature = signer.SignTypedData(permit);
            Assert.Equal(v.Str("signature"), signature.ToHex());
            Assert.Equal(owner, Secp256k1.Recover(Eip712.Hash(permit), signature));
            count++;
        }
        Assert.Equal(6, count);
    }

    [Fact]
    public void Typed_data_errors_are_format_exceptions()
    {
        var types = new Dictionary<string, IReadOnlyList<TypedDataField>> { ["T"] = [new("a", "uint8"), new("b", "bytes2"), new("c", "Missing")] };
        var domain = new TypedDataDomain { Name = "x" };
        TypedData Make(object? a, object? b, object? c) => new()
        {
            Domain = domain, Types = types, PrimaryType = "T",
            Message = new Dictionary<string, object?> { ["a"] = a, ["b"] = b, ["c"] = c },
        };
        Assert.Contains("uint8", Assert.Throws<EthereumFormatException>(() => Eip712.Hash(Make(256, "0x0102", 1))).Message, StringComparison.Ordinal);
        Assert.Contains("2 bytes", Assert.Throws<EthereumFormatException>(() => Eip712.Hash(Make(1, "0x01", 1))).Message, StringComparison.Ordinal);
        Assert.Contains("Missing", Assert.Throws<EthereumFormatException>(() => Eip712.Hash(Make(1, "0x0102", 1))).Message, StringComparison.Ordinal);
        Assert.Contains("missing", Assert.Throws<EthereumFormatException>(() => Eip712.Hash(Make(null, "0x0102", 1))).Message, StringComparison.Ordinal);
        Assert.Throws<EthereumFormatException>(() => TypedData.Parse("{"));
        Assert.Contains("primaryType", Assert.Throws<EthereumFormatException>(() => TypedData.Parse("""{"types":{},"domain":{},"message":{}}""")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Negative_integers_are_twos_complement()
    {
        var types = new Dictionary<string, IReadOnlyList<TypedDataField>> { ["T"] = [new("v", "int256")] };
        var data = Eip712.EncodeData("T", new Dictionary<string, object?> { ["v"] = new BigInteger(-1) }, types);
        Assert.All(data[32..], b => Assert.Equal(0xff, b));
    }
}
