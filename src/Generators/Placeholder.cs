namespace LiquidStake.Generators { internal static class GeneratorsMarker { } }
