using LiquidStake.Ethereum;

namespace LiquidStake.UnitTests.Primitives;

public class AddressTests
{
    [Theory]
    // EIP-55's own examples.
    [InlineData("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed")]
    [InlineData("0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359")]
    [InlineData("0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB")]
    [InlineData("0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb")]
    public void Checksummed_form_round_trips(string text)
    {
        var address = Address.Parse(text.ToLowerInvariant());
        Assert.Equal(text, address.ToString());
        Assert.Equal(address, Address.Parse(text));
    }

    [Fact]
    public void Mixed_case_with_a_wrong_checksum_is_refused()
    {
        var ex = Assert.Throws<EthereumFormatException>(() => Address.Parse("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD"));
        Assert.Contains("checksum", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0x5aaeb6053f3e94c9b9a09f33669435e7ef1beae")]
    [InlineData("0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaedd")]
    [InlineData("0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaeg")]
    public void Bad_length_or_digit_is_refused(string text) =>
        Assert.False(Address.TryParse(text, out _));
}
