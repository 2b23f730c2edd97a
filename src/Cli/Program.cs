using LiquidStake.Cli;

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    // First Ctrl+C cancels the running command gracefully; the process then exits with the command's code.
    e.Cancel = true;
    cancellation.Cancel();
};
return await CliApp.RunAsync(args, Console.Out, Console.Error, cancellation.Token).ConfigureAwait(false);
