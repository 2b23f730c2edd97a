using LiquidStake;
using System.CommandLine;
using LiquidStake.Cli.Infrastructure;

namespace LiquidStake.Cli.Commands;

/// <summary>A group of related commands (<c>wallet ...</c>, the ABI utilities, later <c>stake</c>, <c>demo</c>).
/// The composition root (<see cref="CliApp"/>) asks every group for its commands and adds them to the root.</summary>
/// <remarks>To add commands, write a class implementing this interface under <c>Commands/</c> and list it in
/// <see cref="CliApp.CreateCommandGroups"/>. Actions return an exit code from <see cref="ExitCodes"/> and throw
/// <see cref="LiquidStakeException"/>s for failures; <see cref="CliApp"/> turns those into one readable line.</remarks>
public interface ICommandGroup
{
    /// <summary>Creates the group's top-level commands, wired to <paramref name="context"/>.</summary>
    IEnumerable<Command> CreateCommands(CliContext context);
}
