namespace LiquidStake.Sdk;

/// <summary>Marks the LiquidStake.Sdk assembly (for assembly scanning and tests).</summary>
public static class SdkAssemblyMarker;
