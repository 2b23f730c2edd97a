using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace LiquidStake.Generators
{
    internal enum SolKind
    {
        UInt,
        Int,
        Address,
        Bool,
        FixedBytes,
        Bytes,
        String,
        Array,
        Tuple,
    }

    /// <summary>A Solidity ABI type, parsed and validated.</summary>
    internal sealed class SolType
    {
        public SolKind Kind { get; private set; }

        /// <summary>Bits for integers, bytes for bytesN.</summary>
        public int Size { get; private set; }

        /// <summary>The element type of an array.</summary>
        public SolType? Element { get; private set; }

        /// <summary>The fixed length of a T[k] array; null for T[].</summary>
        public int? Length { get; private set; }

        /// <summary>Components of a tuple.</summary>
        public IReadOnlyList<AbiParam> Components { get; private set; } = Array.Empty<AbiParam>();

        /// <summary>The struct name from internalType ("struct X.Withdrawal" gives "Withdrawal"), if any.</summary>
        public string? StructName { get; private set; }

        public string Canonical { get; private set; } = string.Empty;

        public bool IsDynamic =>
            Kind == SolKind.Bytes || Kind == SolKind.String ||
            (Kind == SolKind.Array && (Length == null || Element!.IsDynamic)) ||
            (Kind == SolKind.Tuple && Components.Any(c => c.Type.IsDynamic));

        public static SolType Elementary(SolKind kind, int size, string canonical) => new SolType { Kind = kind, Size = size, Canonical = canonical };

        public static SolType ArrayOf(SolType element, int? length) => new SolType
        {
            Kind = SolKind.Array,
            Element = element,
            Length = length,
            Canonical = element.Canonical + "[" + (length?.ToString(CultureInfo.InvariantCulture) ?? string.Empty) + "]",
        };

        public static SolType TupleOf(IReadOnlyList<AbiParam> components, string? structName) => new SolType
        {
            Kind = SolKind.Tuple,
            Components = components,
            StructName = structName,
            Canonical = "(" + string.Join(",", components.Select(c => c.Type.Canonical)) + ")",
        };

        /// <summary>The innermost non-array type.</summary>
        public SolType Innermost => Kind == SolKind.Array ? Element!.Innermost : this;
    }

    internal sealed class AbiParam
    {
        public AbiParam(string name, SolType type, bool indexed)
        {
            Name = name;
            Type = type;
            Indexed = indexed;
        }

        public string Name { get; }

        public SolType Type { get; }

        public bool Indexed { get; }
    }

    internal enum EntryKind
    {
        Function,
        Event,
        Error,
    }

    internal sealed class AbiEntry
    {
        public AbiEntry(EntryKind kind, string name, List<AbiParam> inputs, List<AbiParam> outputs, string mutability, bool anonymous)
        {
            Kind = kind;
            Name = name;
            Inputs = inputs;
            Outputs = outputs;
            Mutability = mutability;
            Anonymous = anonymous;
            Signature = name + "(" + string.Join(",", inputs.Select(i => i.Type.Canonical)) + ")";
        }

        public EntryKind Kind { get; }

        public string Name { get; }

        public List<AbiParam> Inputs { get; }

        public List<AbiParam> Outputs { get; }

        /// <summary>pure, view, nonpayable or payable.</summary>
        public string Mutability { get; }

        public bool Anonymous { get; }

        /// <summary>The canonical signature, e.g. <c>transfer(address,uint256)</c>.</summary>
        public string Signature { get; }

        public bool IsReadOnly => Mutability == "view" || Mutability == "pure";

        public bool IsPayable => Mutability == "payable";

        public byte[] Hash => Keccak.Hash(System.Text.Encoding.UTF8.GetBytes(Signature));
    }

    /// <summary>A problem in an ABI file, with the offset in the text where it was found.</summary>
    internal sealed class AbiProblem : Exception
    {
        public AbiProblem(string id, string message, int position) : base(message)
        {
            Id = id;
            Position = position;
        }

        public AbiProblem() { }

        public AbiProblem(string message) : base(message) { }

        public AbiProblem(string message, Exception innerException) : base(message, innerException) { }

        public string Id { get; } = DiagnosticIds.InvalidAbi;

        public int Position { get; }
    }

    internal static class DiagnosticIds
    {
        public const string InvalidJson = "LSGEN001";
        public const string UnknownType = "LSGEN002";
        public const string TupleWithoutComponents = "LSGEN003";
        public const string MissingName = "LSGEN004";
        public const string InvalidAbi = "LSGEN005";
        public const string InternalError = "LSGEN006";
    }

    /// <summary>Turns ABI JSON text into validated entries; throws <see cref="AbiProblem"/> on the first problem.</summary>
    internal static class AbiParser
    {
        public static List<AbiEntry> Parse(string text)
        {
            JsonNode root;
            try
            {
                root = JsonReader.Parse(text);
            }
            catch (JsonException ex)
            {
                throw new AbiProblem(DiagnosticIds.InvalidJson, "invalid JSON: " + ex.Message, ex.Position);
            }

            if (!(root is JsonArray array))
            {
                throw new AbiProblem(DiagnosticIds.InvalidAbi, "an ABI must be a JSON array of entries", root.Position);
            }

            var entries = new List<AbiEntry>();
            foreach (var item in array.Items)
            {
                var entry = ParseEntry(item);
                if (entry != null)
                {
                    entries.Add(entry);
                }
            }

            return entries;
        }

        private static AbiEntry? ParseEntry(JsonNode node)
        {
            if (!(node is JsonObject obj))
            {
                throw new AbiProblem(DiagnosticIds.InvalidAbi, "an ABI entry must be a JSON object", node.Position);
            }

            // Solidity < 0.5 omits "type" for functions.
            string type = OptionalString(obj, "type") ?? "function";
            EntryKind kind;
            switch (type)
            {
                case "function": kind = EntryKind.Function; break;
                case "event": kind = EntryKind.Event; break;
                case "error": kind = EntryKind.Error; break;
                case "constructor":
                case "fallback":
                case "receive":
                    return null;
                default:
                    throw new AbiProblem(DiagnosticIds.InvalidAbi, "unknown ABI entry type '" + type + "'", obj.Position);
            }

            string? name = OptionalString(obj, "name");
            if (string.IsNullOrEmpty(name))
            {
                throw new AbiProblem(DiagnosticIds.MissingName, "a " + type + " entry has no name", obj.Position);
            }

            if (!IsIdentifier(name!))
            {
                throw new AbiProblem(DiagnosticIds.InvalidAbi, "'" + name + "' is not a valid Solidity identifier", obj.Position);
            }

            var inputs = ParseParams(obj, "inputs", kind == EntryKind.Event, name!);
            var outputs = kind == EntryKind.Function ? ParseParams(obj, "outputs", false, name!) : new List<AbiParam>();

            string mutability = OptionalString(obj, "stateMutability") ?? LegacyMutability(obj);
            if (mutability != "view" && mutability != "pure" && mutability != "nonpayable" && mutability != "payable")
            {
                throw new AbiProblem(DiagnosticIds.InvalidAbi, "unknown stateMutability '" + mutability + "' on '" + name + "'", obj.Position);
            }

            bool anonymous = obj.Get("anonymous") is JsonBool anon && anon.Value;
            return new AbiEntry(kind, name!, inputs, outputs, mutability, anonymous);
        }

        private static string LegacyMutability(JsonObject obj)
        {
            if (obj.Get("constant") is JsonBool constant && constant.Value)
            {
                return "view";
            }

            return obj.Get("payable") is JsonBool payable && payable.Value ? "payable" : "nonpayable";
        }

        private static List<AbiParam> ParseParams(JsonObject obj, string property, bool allowIndexed, string owner)
        {
            var list = new List<AbiParam>();
            var node = obj.Get(property);
            if (node == null || node is JsonNull)
            {
                return list;
            }

            if (!(node is JsonArray array))
            {
                throw new AbiProblem(DiagnosticIds.InvalidAbi, "'" + property + "' of '" + owner + "' must be an array", node.Position);
            }

            foreach (var item in array.Items)
            {
                list.Add(ParseParam(item, allowIndexed, owner));
            }

            return list;
        }

        private static AbiParam ParseParam(JsonNode node, bool allowIndexed, string owner)
        {
            if (!(node is JsonObject obj))
            {
                throw new AbiProblem(DiagnosticIds.InvalidAbi, "a parameter of '" + owner + "' must be a JSON object", node.Position);
            }

            string name = OptionalString(obj, "name") ?? string.Empty;
            if (name.Length > 0 && !IsIdentifier(name))
            {
                throw new AbiProblem(DiagnosticIds.InvalidAbi, "parameter name '" + name + "' of '" + owner + "' is not a valid identifier", obj.Position);
            }

            string? type = OptionalString(obj, "type");
            if (string.IsNullOrEmpty(type))
            {
                throw new AbiProblem(DiagnosticIds.InvalidAbi, "a parameter of '" + owner + "' has no type", obj.Position);
            }

            bool indexed = obj.Get("indexed") is JsonBool ix && ix.Value;
            if (indexed && !allowIndexed)
            {
                throw new AbiProblem(DiagnosticIds.InvalidAbi, "only event parameters can be indexed ('" + owner + "')", obj.Position);
            }

            string? internalType = OptionalString(obj, "internalType");
            var solType = ParseType(type!, obj, internalType, owner);
            return new AbiParam(name, solType, indexed);
        }

        private static SolType ParseType(string type, JsonObject obj, string? internalType, string owner)
        {
            // Peel array suffixes from the right: "tuple[2][]" is an array of tuple[2].
            if (type.EndsWith("]", StringComparison.Ordinal))
            {
                int open = type.LastIndexOf('[');
                if (open <= 0)
                {
                    throw new AbiProblem(DiagnosticIds.UnknownType, "unknown type '" + type + "' in '" + owner + "'", obj.Position);
                }

                string inner = type.Substring(open + 1, type.Length - open - 2);
                int? length = null;
                if (inner.Length > 0)
                {
                    if (!int.TryParse(inner, NumberStyles.None, CultureInfo.InvariantCulture, out int k) || k <= 0 || inner[0] == '0')
                    {
                        throw new AbiProblem(DiagnosticIds.UnknownType, "invalid array length in type '" + type + "' in '" + owner + "'", obj.Position);
                    }

                    length = k;
                }

                return SolType.ArrayOf(ParseType(type.Substring(0, open), obj, internalType, owner), length);
            }

            switch (type)
            {
                case "address": return SolType.Elementary(SolKind.Address, 160, "address");
                case "bool": return SolType.Elementary(SolKind.Bool, 8, "bool");
                case "string": return SolType.Elementary(SolKind.String, 0, "string");
                case "bytes": return SolType.Elementary(SolKind.Bytes, 0, "bytes");
                case "tuple":
                    var node = obj.Get("components");
                    if (!(node is JsonArray components))
                    {
                        throw new AbiProblem(DiagnosticIds.TupleWithoutComponents, "tuple parameter of '" + owner + "' has no components", obj.Position);
                    }

                    var list = new List<AbiParam>();
                    foreach (var component in components.Items)
                    {
                        list.Add(ParseParam(component, false, owner));
                    }

                    return SolType.TupleOf(list, StructNameFrom(internalType));
            }

            if (TrySuffix(type, "uint", out int bits) && bits % 8 == 0 && bits >= 8 && bits <= 256)
            {
                return SolType.Elementary(SolKind.UInt, bits, type);
            }

            if (TrySuffix(type, "int", out bits) && bits % 8 == 0 && bits >= 8 && bits <= 256)
            {
                return SolType.Elementary(SolKind.Int, bits, type);
            }

            if (TrySuffix(type, "bytes", out int size) && size >= 1 && size <= 32)
            {
                return SolType.Elementary(SolKind.FixedBytes, size, type);
            }

            throw new AbiProblem(DiagnosticIds.UnknownType, "unknown type '" + type + "' in '" + owner + "'", obj.Position);
        }

        private static bool TrySuffix(string type, string prefix, out int value)
        {
            value = 0;
            if (!type.StartsWith(prefix, StringComparison.Ordinal) || type.Length == prefix.Length || type.Length > prefix.Length + 3)
            {
                return false;
            }

            string digits = type.Substring(prefix.Length);
            return digits[0] != '0' && int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out value);
        }

        private static string? StructNameFrom(string? internalType)
        {
            if (internalType == null || !internalType.StartsWith("struct ", StringComparison.Ordinal))
            {
                return null;
            }

            string name = internalType.Substring("struct ".Length);
            int bracket = name.IndexOf('[');
            if (bracket >= 0)
            {
                name = name.Substring(0, bracket);
            }

            int dot = name.LastIndexOf('.');
            if (dot >= 0)
            {
                name = name.Substring(dot + 1);
            }

            return IsIdentifier(name) ? name : null;
        }

        private static string? OptionalString(JsonObject obj, string name)
        {
            var node = obj.Get(name);
            if (node == null || node is JsonNull)
            {
                return null;
            }

            if (node is JsonString s)
            {
                return s.Value;
            }

            throw new AbiProblem(DiagnosticIds.InvalidAbi, "'" + name + "' must be a string", node.Position);
        }

        internal static bool IsIdentifier(string name)
        {
            if (name.Length == 0 || char.IsDigit(name[0]))
            {
                return false;
            }

            foreach (char c in name)
            {
                bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '$';
                if (!ok)
                {
                    return false;
                }
            }

            return true;
        }
    }
}
