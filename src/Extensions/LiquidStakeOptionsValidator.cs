using LiquidStake.Sdk;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Checks <see cref="LiquidStakeOptions"/> at startup; every failure names the option. The RPC URL itself is never echoed (it may hold an API key).</summary>
internal sealed class LiquidStakeOptionsValidator : IValidateOptions<LiquidStakeOptions>
{
    public ValidateOptionsResult Validate(string? name, LiquidStakeOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.RpcUrl))
        {
            failures.Add("LiquidStake option 'RpcUrl' is required: set it to the JSON-RPC endpoint, for example https://eth.example.com.");
        }
        else if (!Uri.TryCreate(options.RpcUrl, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            failures.Add("LiquidStake option 'RpcUrl' must be an absolute http:// or https:// URL.");
        }

        foreach (var (header, value) in options.RpcHeaders)
        {
            // Names are echoed (they are not secret), values never.
            if (string.IsNullOrWhiteSpace(header) || header.Any(c => c <= ' ' || c >= 127 || c == ':'))
                failures.Add("LiquidStake option 'RpcHeaders' has a header name that is not a valid HTTP token.");
            else if (value is null || value.Any(c => c is '\r' or '\n'))
                failures.Add($"LiquidStake option 'RpcHeaders' header '{header}' has a missing or multi-line value.");
        }
        if (options.RpcHeaders.ContainsKey("Authorization") && Uri.TryCreate(options.RpcUrl, UriKind.Absolute, out var withCredentials) && withCredentials.UserInfo.Length > 0)
            failures.Add("LiquidStake options 'RpcUrl' (user:password@) and 'RpcHeaders' (Authorization) both set credentials: use one.");

        if (string.IsNullOrWhiteSpace(options.Network))
        {
            failures.Add("LiquidStake option 'Network' is required: use mainnet, devnet or hoodi.");
        }
        else
        {
            try
            {
                NetworkProfile.FromName(options.Network);
            }
            catch (LiquidStake.LiquidStakeArgumentException)
            {
                failures.Add($"LiquidStake option 'Network' is '{options.Network}', which is not a known network: use mainnet, devnet or hoodi (and 'Overrides' for a custom deployment).");
            }
        }

        if (options.Overrides.ChainId == 0)
            failures.Add("LiquidStake option 'Overrides.ChainId' cannot be 0.");
        if (options.RpcMaxBatchSize < 1)
            failures.Add($"LiquidStake option 'RpcMaxBatchSize' must be at least 1, got {options.RpcMaxBatchSize}.");
        if (options.Service.MaxConcurrentAccountReads < 1)
            failures.Add($"LiquidStake option 'Service.MaxConcurrentAccountReads' must be at least 1, got {options.Service.MaxConcurrentAccountReads}.");
        if (options.Service.ProviderTimeout is { } timeout && timeout <= TimeSpan.Zero)
            failures.Add("LiquidStake option 'Service.ProviderTimeout' must be positive when set.");
        if (options.Service.RebasingTransferMargin.Sign < 0)
            failures.Add("LiquidStake option 'Service.RebasingTransferMargin' cannot be negative.");

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
