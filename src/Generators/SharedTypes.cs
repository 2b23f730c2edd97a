using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace LiquidStake.Generators
{
    /// <summary>
    /// The record types shared by all contracts of one namespace (structs, events, errors): a type with the same name and
    /// the same shape is emitted once; a different shape under a taken name is prefixed with the contract's class name.
    /// </summary>
    internal sealed class SharedTypes
    {
        // Names the generated code uses unqualified: a struct must not hide them.
        private static readonly string[] ReservedNames =
        {
            "Address", "Hash32", "BigInteger", "AbiType", "AbiCodec", "Task", "EventFilter", "LogEntry", "TransactionRequest",
            "BlockParameter", "IContractCaller", "ContractRevertException", "ContractErrorException", "CancellationToken",
            "IReadOnlyList", "ReadOnlySpan", "Exception", "Func", "Object", "String", "Array", "ArgumentNullException",
            "EthereumFormatException", "NotNullWhenAttribute", "NotNullWhen", "ContractAbiValues", "System", "LiquidStake",
            "Math", "Span", "Keccak256",
        };

        private readonly HashSet<string> _used = new HashSet<string>(StringComparer.Ordinal);
        private readonly Dictionary<string, string> _byShape = new Dictionary<string, string>(StringComparer.Ordinal);

        public SharedTypes(string namespaceName, IEnumerable<string> classNames)
        {
            Namespace = namespaceName;
            foreach (var name in ReservedNames.Concat(classNames))
            {
                _used.Add(name);
            }
        }

        public string Namespace { get; }

        /// <summary>Type declarations, in the order first requested.</summary>
        public StringBuilder Code { get; } = new StringBuilder();

        public bool IsEmpty => Code.Length == 0;

        /// <summary>Finds or creates a name for a type of the given shape; <paramref name="isNew"/> says whether it must be emitted.</summary>
        public string Claim(string requested, string shape, string contractClass, out bool isNew)
        {
            string key = requested + "|" + shape;
            if (_byShape.TryGetValue(key, out var existing))
            {
                isNew = false;
                return existing;
            }

            string name = requested;
            if (_used.Contains(name))
            {
                name = contractClass + requested;
            }

            name = Naming.Unique(name, _used);
            _byShape[key] = name;
            isNew = true;
            return name;
        }

        public static string Shape(IReadOnlyList<AbiParam> parameters)
        {
            var sb = new StringBuilder("(");
            for (int i = 0; i < parameters.Count; i++)
            {
                if (i > 0)
                {
                    sb.Append(',');
                }

                sb.Append(Shape(parameters[i].Type)).Append(' ').Append(parameters[i].Name);
                if (parameters[i].Indexed)
                {
                    sb.Append(" indexed");
                }
            }

            return sb.Append(')').ToString();
        }

        private static string Shape(SolType type)
        {
            switch (type.Kind)
            {
                case SolKind.Array:
                    return Shape(type.Element!) + "[" + (type.Length?.ToString(CultureInfo.InvariantCulture) ?? string.Empty) + "]";
                case SolKind.Tuple:
                    return (type.StructName ?? string.Empty) + Shape(type.Components);
                default:
                    return type.Canonical;
            }
        }
    }
}
