using Spectre.Console;
using Spectre.Console.Rendering;

namespace LiquidStake.Cli.Infrastructure;

/// <summary>
/// A table that fits the terminal. Cells wrap only between words; when that is still too wide, cells with a compact
/// form (addresses, hashes: head…tail) switch to it, and then the columns with the highest
/// <see cref="FittedColumn.DropOrder"/> are left out first (a line under the table names them; <c>--json</c> always has
/// every field). Columns with drop order 0 are never left out.
/// </summary>
internal sealed class FittedTable
{
    private readonly string _title;
    private readonly List<FittedColumn> _columns = [];
    private readonly List<FittedCell[]> _rows = [];

    public FittedTable(string title) => _title = title;

    /// <summary>Adds a column. <paramref name="dropOrder"/>: 0 = always shown; otherwise dropped in descending order.
    /// Cells stay on one line (amounts, addresses and names are copied, not read in pieces) unless <paramref name="wrap"/>
    /// lets a column of prose (descriptions, notes) wrap between words.</summary>
    public FittedTable Column(string header, int dropOrder = 0, bool wrap = false)
    {
        _columns.Add(new FittedColumn(header, dropOrder, !wrap));
        return this;
    }

    /// <summary>Adds a row of plain text cells (escaped here), one per column.</summary>
    public FittedTable Row(params string[] cells)
    {
        ArgumentNullException.ThrowIfNull(cells);
        return Row(cells.Select(c => new FittedCell(c)).ToArray());
    }

    /// <summary>Adds a row of cells that may have a compact form, one per column.</summary>
    public FittedTable Row(params FittedCell[] cells)
    {
        ArgumentNullException.ThrowIfNull(cells);
        if (cells.Length != _columns.Count) throw new ArgumentException($"{cells.Length} cells for {_columns.Count} columns.", nameof(cells));
        _rows.Add(cells);
        return this;
    }

    /// <summary>The columns that are shown at <paramref name="width"/>, and those left out, in drop order.</summary>
    public (Table Table, IReadOnlyList<string> Hidden) Build(int width)
    {
        var shown = new List<int>(Enumerable.Range(0, _columns.Count));
        var hidden = new List<string>();
        bool compact = false;
        if (RequiredWidth(shown, compact) > width && _rows.Any(r => r.Any(c => c.Compact is not null))) compact = true;
        while (RequiredWidth(shown, compact) > width)
        {
            int victim = shown.Where(i => _columns[i].DropOrder > 0).DefaultIfEmpty(-1).MaxBy(i => i < 0 ? int.MinValue : _columns[i].DropOrder);
            if (victim < 0) break; // Only the essential columns are left: Spectre folds what still does not fit.
            shown.Remove(victim);
            hidden.Add(_columns[victim].Header);
        }
        var table = Create(shown, compact);
        return (table, hidden);
    }

    /// <summary>Writes the table fitted to the console's width, then a line naming any column left out.</summary>
    public void Write(IAnsiConsole console)
    {
        ArgumentNullException.ThrowIfNull(console);
        var (table, hidden) = Build(console.Profile.Width);
        console.Write(table);
        if (hidden.Count > 0) console.WriteLine(HiddenNote(hidden));
    }

    /// <summary>"not shown at this width: Shares, Maximum (see --json)".</summary>
    public static string HiddenNote(IReadOnlyList<string> hidden) =>
        $"not shown at this width: {string.Join(", ", hidden)} (see --json)";

    /// <summary>
    /// The narrowest the table can be without breaking a word or a one-line cell: per column its widest one-line cell or,
    /// for wrapping columns, its longest word (header included), plus Spectre's default border and padding (3 per column + 1).
    /// </summary>
    private int RequiredWidth(List<int> shown, bool compact)
    {
        int total = 1;
        foreach (int i in shown)
        {
            var column = _columns[i];
            int widest = Cell(column.Header, column.NoWrap);
            foreach (var row in _rows) widest = Math.Max(widest, Cell(compact ? row[i].Compact ?? row[i].Full : row[i].Full, column.NoWrap));
            total += widest + 3;
        }
        return total;
    }

    private static int Cell(string text, bool oneLine) =>
        oneLine ? text.Length : text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(w => w.Length).DefaultIfEmpty(0).Max();

    private Table Create(List<int> shown, bool compact)
    {
        var table = new Table().Title(Markup.Escape(_title));
        foreach (int i in shown)
        {
            var column = new TableColumn(Markup.Escape(_columns[i].Header));
            if (_columns[i].NoWrap) column.NoWrap();
            table.AddColumn(column);
        }
        foreach (var row in _rows)
            table.AddRow(shown.Select(i => (IRenderable)new Text(compact ? row[i].Compact ?? row[i].Full : row[i].Full)).ToArray());
        return table;
    }
}

/// <summary>A column of a <see cref="FittedTable"/>.</summary>
internal sealed record FittedColumn(string Header, int DropOrder, bool NoWrap);

/// <summary>A cell's text, and optionally a shorter form used when the table does not fit otherwise.</summary>
internal readonly record struct FittedCell(string Full, string? Compact = null)
{
    /// <summary>A long identifier shown whole, or as its head and tail (<c>0xf39Fd6…2266</c>) when space is short.</summary>
    public static FittedCell Identifier(string text, int head = 8, int tail = 6) =>
        new(text, text.Length > head + tail + 1 ? string.Concat(text.AsSpan(0, head), "…", text.AsSpan(text.Length - tail)) : null);
}
