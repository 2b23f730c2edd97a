using System.Text.Json;
using System.Text.RegularExpressions;

namespace LiquidStake.UnitTests.Cli;

/// <summary>
/// The shape notation of docs/cli-json.md (<c>string</c>, <c>number</c>, <c>boolean</c>, <c>T?</c>, <c>[T]</c>,
/// <c>{ name: T, … }</c>, named definitions) parsed from the doc's <c>shape</c> blocks, and a checker of real JSON against it.
/// </summary>
public sealed partial class JsonShapeBook
{
    private readonly Dictionary<string, string> _definitions;

    private JsonShapeBook(Dictionary<string, string> definitions) => _definitions = definitions;

    /// <summary>Every <c>Name = type</c> line of every <c>```shape</c> block.</summary>
    public IReadOnlyCollection<string> Names => _definitions.Keys;

    public static JsonShapeBook Load(string markdown)
    {
        var definitions = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (Match block in ShapeBlock().Matches(markdown))
        {
            foreach (var line in block.Groups[1].Value.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                int eq = line.IndexOf('=', StringComparison.Ordinal);
                if (eq <= 0) throw new FormatException($"not a definition: {line}");
                definitions.Add(line[..eq].Trim(), line[(eq + 1)..].Trim());
            }
        }
        return new JsonShapeBook(definitions);
    }

    public static JsonShapeBook LoadDoc() =>
        Load(File.ReadAllText(Path.Combine(LiquidStake.Testing.AnvilProcess.FindRepositoryRoot(), "docs", "cli-json.md")));

    /// <summary>The mismatches of <paramref name="json"/> against the shape named <paramref name="name"/> (empty when it matches).</summary>
    public IReadOnlyList<string> Check(string name, string json)
    {
        using var document = JsonDocument.Parse(json);
        var errors = new List<string>();
        var reader = new ShapeReader(Definition(name));
        var shape = reader.ReadType();
        reader.End();
        Check(shape, document.RootElement, "$", errors);
        return errors;
    }

    private string Definition(string name) =>
        _definitions.TryGetValue(name, out var text) ? text : throw new KeyNotFoundException($"docs/cli-json.md defines no shape '{name}'.");

    private void Check(Shape shape, JsonElement element, string path, List<string> errors)
    {
        if (shape.Nullable && element.ValueKind == JsonValueKind.Null) return;
        switch (shape)
        {
            case ScalarShape { Name: "string" }:
                if (element.ValueKind != JsonValueKind.String) errors.Add($"{path}: expected string, got {element.ValueKind}");
                break;
            case ScalarShape { Name: "number" }:
                if (element.ValueKind != JsonValueKind.Number) errors.Add($"{path}: expected number, got {element.ValueKind}");
                break;
            case ScalarShape { Name: "boolean" }:
                if (element.ValueKind is not (JsonValueKind.True or JsonValueKind.False)) errors.Add($"{path}: expected boolean, got {element.ValueKind}");
                break;
            case ScalarShape reference:
                var reader = new ShapeReader(Definition(reference.Name));
                var resolved = reader.ReadType();
                reader.End();
                Check(resolved, element, path, errors);
                break;
            case ArrayShape array:
                if (element.ValueKind != JsonValueKind.Array)
                {
                    errors.Add($"{path}: expected array, got {element.ValueKind}");
                    break;
                }
                int i = 0;
                foreach (var item in element.EnumerateArray()) Check(array.Element, item, $"{path}[{i++}]", errors);
                break;
            case ObjectShape obj:
                if (element.ValueKind != JsonValueKind.Object)
                {
                    errors.Add($"{path}: expected object, got {element.ValueKind}");
                    break;
                }
                var actual = element.EnumerateObject().Select(p => p.Name).ToArray();
                var expected = obj.Properties.Select(p => p.Name).ToArray();
                if (!actual.SequenceEqual(expected, StringComparer.Ordinal))
                {
                    errors.Add($"{path}: properties [{string.Join(", ", actual)}], documented [{string.Join(", ", expected)}]");
                    break;
                }
                foreach (var (name, type) in obj.Properties) Check(type, element.GetProperty(name), $"{path}.{name}", errors);
                break;
        }
    }

    private abstract record Shape(bool Nullable);

    private sealed record ScalarShape(string Name, bool Nullable) : Shape(Nullable);

    private sealed record ArrayShape(Shape Element, bool Nullable) : Shape(Nullable);

    private sealed record ObjectShape(IReadOnlyList<(string Name, Shape Type)> Properties, bool Nullable) : Shape(Nullable);

    private sealed class ShapeReader(string text)
    {
        private int _at;

        public Shape ReadType()
        {
            Skip();
            Shape shape;
            if (Peek('['))
            {
                _at++;
                var element = ReadType();
                Expect(']');
                shape = new ArrayShape(element, Nullable());
            }
            else if (Peek('{'))
            {
                _at++;
                var properties = new List<(string, Shape)>();
                Skip();
                while (!Peek('}'))
                {
                    string name = ReadName();
                    Expect(':');
                    properties.Add((name, ReadType()));
                    Skip();
                    if (Peek(',')) _at++;
                    Skip();
                }
                Expect('}');
                shape = new ObjectShape(properties, Nullable());
            }
            else
            {
                shape = new ScalarShape(ReadName(), Nullable());
            }
            return shape;
        }

        public void End()
        {
            Skip();
            if (_at != text.Length) throw new FormatException($"unexpected '{text[_at..]}' in shape '{text}'");
        }

        private bool Nullable()
        {
            Skip();
            if (!Peek('?')) return false;
            _at++;
            return true;
        }

        private string ReadName()
        {
            Skip();
            int start = _at;
            while (_at < text.Length && (char.IsLetterOrDigit(text[_at]) || text[_at] == '-')) _at++;
            if (start == _at) throw new FormatException($"expected a name at {start} in shape '{text}'");
            return text[start.._at];
        }

        private void Expect(char c)
        {
            Skip();
            if (!Peek(c)) throw new FormatException($"expected '{c}' at {_at} in shape '{text}'");
            _at++;
        }

        private bool Peek(char c) => _at < text.Length && text[_at] == c;

        private void Skip()
        {
            while (_at < text.Length && char.IsWhiteSpace(text[_at])) _at++;
        }
    }

    [GeneratedRegex(@"```shape\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex ShapeBlock();
}
