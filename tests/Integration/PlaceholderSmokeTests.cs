namespace LiquidStake.IntegrationTests;

public class BuildSmokeTests
{
    [Fact]
    public void Sdk_assembly_loads() => Assert.Equal("LiquidStake.Sdk", typeof(LiquidStake.Sdk.SdkAssemblyMarker).Assembly.GetName().Name);
}
