using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace LiquidStake.Generators
{
    /// <summary>Turns Solidity names into C# names.</summary>
    /// <remarks>
    /// Rules: split into words at underscores, lower-to-upper changes and the end of an upper-case run
    /// (<c>ERC721Token</c> is ERC721 + Token); an all-capitals word ending in ETH keeps ETH as its own word
    /// (<c>EETH</c> is E + ETH, <c>WeETH</c> is We + ETH); every word is then capitalised with the rest in lower case
    /// (<c>WithdrawalQueueERC721</c> becomes <c>WithdrawalQueueErc721</c>, <c>DOMAIN_SEPARATOR</c> becomes <c>DomainSeparator</c>).
    /// </remarks>
    internal static class Naming
    {
        private static readonly HashSet<string> Keywords = new HashSet<string>(StringComparer.Ordinal)
        {
            "abstract", "as", "base", "bool", "break", "byte", "case", "catch", "char", "checked", "class", "const",
            "continue", "decimal", "default", "delegate", "do", "double", "else", "enum", "event", "explicit", "extern",
            "false", "finally", "fixed", "float", "for", "foreach", "goto", "if", "implicit", "in", "int", "interface",
            "internal", "is", "lock", "long", "namespace", "new", "null", "object", "operator", "out", "override",
            "params", "private", "protected", "public", "readonly", "ref", "return", "sbyte", "sealed", "short",
            "sizeof", "stackalloc", "static", "string", "struct", "switch", "this", "throw", "true", "try", "typeof",
            "uint", "ulong", "unchecked", "unsafe", "ushort", "using", "virtual", "void", "volatile", "while",
        };

        public static List<string> Words(string name)
        {
            var words = new List<string>();
            var current = new StringBuilder();
            void Flush()
            {
                if (current.Length > 0)
                {
                    words.Add(current.ToString());
                    current.Clear();
                }
            }

            for (int i = 0; i < name.Length; i++)
            {
                char c = name[i];
                if (!char.IsLetterOrDigit(c))
                {
                    Flush();
                    continue;
                }

                if (current.Length > 0 && char.IsUpper(c))
                {
                    char prev = name[i - 1];
                    bool nextLower = i + 1 < name.Length && char.IsLower(name[i + 1]);
                    if (char.IsLower(prev) || char.IsDigit(prev) || (char.IsUpper(prev) && nextLower))
                    {
                        Flush();
                    }
                }

                current.Append(c);
            }

            Flush();

            // An all-capitals word ending in ETH (EETH, RETH) reads as a prefix plus ETH.
            var result = new List<string>();
            foreach (var word in words)
            {
                if (word.Length > 3 && word.EndsWith("ETH", StringComparison.Ordinal) && IsAllUpperLetters(word))
                {
                    result.Add(word.Substring(0, word.Length - 3));
                    result.Add("ETH");
                }
                else
                {
                    result.Add(word);
                }
            }

            return result;
        }

        private static bool IsAllUpperLetters(string word)
        {
            foreach (char c in word)
            {
                if (!char.IsUpper(c))
                {
                    return false;
                }
            }

            return true;
        }

        public static string Pascal(string name)
        {
            var sb = new StringBuilder();
            foreach (var word in Words(name))
            {
                sb.Append(char.ToUpperInvariant(word[0]));
                sb.Append(word.Substring(1).ToLowerInvariant());
            }

            if (sb.Length == 0)
            {
                return "Item";
            }

            if (char.IsDigit(sb[0]))
            {
                sb.Insert(0, '_');
            }

            return sb.ToString();
        }

        public static string Camel(string name)
        {
            string pascal = Pascal(name);
            if (pascal[0] == '_')
            {
                return pascal;
            }

            return char.ToLowerInvariant(pascal[0]) + pascal.Substring(1);
        }

        /// <summary>Prefixes C# keywords with @.</summary>
        public static string Escape(string identifier) => Keywords.Contains(identifier) ? "@" + identifier : identifier;

        public static bool IsKeyword(string identifier) => Keywords.Contains(identifier);

        /// <summary>Returns <paramref name="name"/> or the first of name2, name3... not in <paramref name="used"/>, and marks it used.</summary>
        public static string Unique(string name, HashSet<string> used)
        {
            string candidate = name;
            for (int i = 2; !used.Add(candidate); i++)
            {
                candidate = name + i.ToString(CultureInfo.InvariantCulture);
            }

            return candidate;
        }

        /// <summary>A PascalCase tag for a type, used to tell overloads apart (uint256[] gives Uint256Array).</summary>
        public static string TypeTag(SolType type)
        {
            switch (type.Kind)
            {
                case SolKind.Array:
                    return TypeTag(type.Element!) + (type.Length.HasValue ? "Array" + type.Length.Value.ToString(CultureInfo.InvariantCulture) : "Array");
                case SolKind.Tuple:
                    return type.StructName != null ? Pascal(type.StructName) : "Tuple";
                default:
                    return Pascal(type.Canonical);
            }
        }
    }
}
