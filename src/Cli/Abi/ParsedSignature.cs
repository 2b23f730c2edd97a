using LiquidStake;
using LiquidStake.Cli.Infrastructure;
using LiquidStake.Ethereum.Abi;

namespace LiquidStake.Cli.Abi;

/// <summary>A human-written function, event or error signature as cast accepts it:
/// <c>transfer(address,uint256)</c>, <c>balanceOf(address)(uint256)</c>,
/// <c>function transfer(address to, uint256 amount) returns (bool)</c>, <c>event Transfer(address indexed from, ...)</c>.</summary>
internal sealed record ParsedSignature(string Name, IReadOnlyList<AbiType> Inputs, IReadOnlyList<AbiType> Outputs)
{
    private static readonly HashSet<string> IgnoredWords = new(StringComparer.Ordinal)
    {
        "external", "public", "internal", "private", "view", "pure", "payable", "nonpayable", "anonymous", "virtual", "override",
    };

    private static readonly HashSet<string> LeadingKeywords = new(StringComparer.Ordinal) { "function", "event", "error", "constructor" };

    /// <summary>The canonical form <c>name(type1,type2)</c> that selectors and topics hash.</summary>
    public string Canonical => AbiSignature.Canonical(Name, Inputs);

    /// <summary>Parses <paramref name="text"/>; a name is required unless <paramref name="allowEmptyName"/>.</summary>
    /// <exception cref="CliUsageException">The text is not a signature.</exception>
    public static ParsedSignature Parse(string text, bool allowEmptyName = false)
    {
        ArgumentNullException.ThrowIfNull(text);
        try
        {
            return ParseCore(text.Trim(), allowEmptyName);
        }
        catch (EthereumFormatException e)
        {
            throw new CliUsageException($"could not parse signature '{text}': {e.Message}", e);
        }
    }

    private static ParsedSignature ParseCore(string text, bool allowEmptyName)
    {
        int pos = 0;
        string first = ReadWord(text, ref pos);
        string name = first;
        if (LeadingKeywords.Contains(first))
        {
            SkipSpace(text, ref pos);
            name = first == "constructor" && pos < text.Length && text[pos] == '(' ? "constructor" : ReadWord(text, ref pos);
        }
        SkipSpace(text, ref pos);
        if (pos >= text.Length || text[pos] != '(') throw Bad(text, $"expected '(' at position {pos}");
        if (name.Length == 0 && !allowEmptyName) throw Bad(text, "a function name is missing");
        var inputs = ParseList(text, ref pos);
        IReadOnlyList<AbiType> outputs = [];
        while (true)
        {
            SkipSpace(text, ref pos);
            if (pos >= text.Length) break;
            if (text[pos] == '(')
            {
                outputs = ParseList(text, ref pos);
                continue;
            }
            string word = ReadWord(text, ref pos);
            if (word == "returns" || IgnoredWords.Contains(word)) continue;
            throw Bad(text, $"unexpected '{(word.Length > 0 ? word : text[pos].ToString())}' at position {pos}");
        }
        return new ParsedSignature(name, inputs, outputs);
    }

    private static AbiType[] ParseList(string text, ref int pos)
    {
        var types = new List<string>();
        ParseListInto(text, ref pos, types, 0);
        var result = new AbiType[types.Count];
        for (int i = 0; i < result.Length; i++) result[i] = AbiType.Parse(types[i]);
        return result;
    }

    // Reads "( param, param, ... )" where a param is "type [modifiers] [name]"; returns the canonical type strings.
    private static void ParseListInto(string text, ref int pos, List<string> types, int depth)
    {
        if (depth > 32) throw Bad(text, "nested too deeply");
        pos++; // '('
        SkipSpace(text, ref pos);
        if (pos < text.Length && text[pos] == ')')
        {
            pos++;
            return;
        }
        while (true)
        {
            SkipSpace(text, ref pos);
            types.Add(ReadType(text, ref pos, depth));
            // Skip "indexed", "memory", a parameter name...
            while (true)
            {
                SkipSpace(text, ref pos);
                if (pos >= text.Length) throw Bad(text, "missing ')'");
                if (text[pos] is ',' or ')') break;
                if (ReadWord(text, ref pos).Length == 0) throw Bad(text, $"unexpected '{text[pos]}' at position {pos}");
            }
            if (text[pos++] == ')') return;
        }
    }

    private static string ReadType(string text, ref int pos, int depth)
    {
        string baseType;
        if (pos < text.Length && (text[pos] == '(' || string.CompareOrdinal(text, pos, "tuple(", 0, 6) == 0))
        {
            if (text[pos] == 't') pos += 5;
            var components = new List<string>();
            ParseListInto(text, ref pos, components, depth + 1);
            baseType = "(" + string.Join(',', components) + ")";
        }
        else
        {
            baseType = ReadWord(text, ref pos);
            if (baseType.Length == 0) throw Bad(text, pos < text.Length ? $"unexpected '{text[pos]}' at position {pos}" : "a type is missing");
        }
        int start = pos;
        while (pos < text.Length && text[pos] == '[')
        {
            int close = text.IndexOf(']', pos);
            if (close < 0) throw Bad(text, "missing ']'");
            pos = close + 1;
        }
        return baseType + text[start..pos];
    }

    private static string ReadWord(string text, ref int pos)
    {
        int start = pos;
        while (pos < text.Length && (char.IsAsciiLetterOrDigit(text[pos]) || text[pos] is '_' or '$')) pos++;
        return text[start..pos];
    }

    private static void SkipSpace(string text, ref int pos)
    {
        while (pos < text.Length && char.IsWhiteSpace(text[pos])) pos++;
    }

    private static CliUsageException Bad(string text, string reason) => new($"could not parse signature '{text}': {reason}");
}
