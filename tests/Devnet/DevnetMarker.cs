namespace LiquidStake.Devnet;

/// <summary>Marks the devnet support assembly.</summary>
public static class DevnetMarker;
