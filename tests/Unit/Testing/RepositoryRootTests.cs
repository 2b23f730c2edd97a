using LiquidStake.Testing;

namespace LiquidStake.UnitTests.Testing;

public sealed class RepositoryRootTests
{
    [Fact]
    public void The_checkout_is_found_from_a_folder_inside_it()
    {
        string root = AnvilProcess.FindRepositoryRoot();
        Assert.Equal(root, AnvilProcess.FindRepositoryRoot(Path.Combine(root, "src", "Testing")));
        Assert.True(File.Exists(Path.Combine(root, "LiquidStake.Sdk.sln")));
    }

    [Fact]
    public void Outside_a_checkout_the_error_says_how_to_point_at_one()
    {
        string outside = Directory.CreateTempSubdirectory("liquidstake-no-checkout-").FullName;
        try
        {
            var ex = Assert.Throws<InvalidOperationException>(() => AnvilProcess.FindRepositoryRoot(outside));
            Assert.Contains("LIQUIDSTAKE_ROOT", ex.Message, StringComparison.Ordinal);
            Assert.Contains(outside, ex.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(outside);
        }
    }
}
