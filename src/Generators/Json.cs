using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace LiquidStake.Generators
{
    /// <summary>A parsed JSON value. The generator carries its own reader so that it loads no extra assemblies into the compiler.</summary>
    internal abstract class JsonNode
    {
        /// <summary>Offset of the value's first character in the source text (for diagnostics).</summary>
        public int Position { get; set; }
    }

    internal sealed class JsonObject : JsonNode
    {
        public List<KeyValuePair<string, JsonNode>> Members { get; } = new List<KeyValuePair<string, JsonNode>>();

        public JsonNode? Get(string name)
        {
            foreach (var member in Members)
            {
                if (member.Key == name)
                {
                    return member.Value;
                }
            }

            return null;
        }
    }

    internal sealed class JsonArray : JsonNode
    {
        public List<JsonNode> Items { get; } = new List<JsonNode>();
    }

    internal sealed class JsonString : JsonNode
    {
        public JsonString(string value) => Value = value;

        public string Value { get; }
    }

    internal sealed class JsonNumber : JsonNode
    {
        public JsonNumber(string text) => Text = text;

        public string Text { get; }
    }

    internal sealed class JsonBool : JsonNode
    {
        public JsonBool(bool value) => Value = value;

        public bool Value { get; }
    }

    internal sealed class JsonNull : JsonNode
    {
    }

    internal sealed class JsonException : Exception
    {
        public JsonException(string message, int position) : base(message) => Position = position;

        public JsonException() { }

        public JsonException(string message) : base(message) { }

        public JsonException(string message, Exception innerException) : base(message, innerException) { }

        public int Position { get; }
    }

    /// <summary>A small, strict RFC 8259 reader: no comments, no trailing commas, one value per document, bounded depth.</summary>
    internal sealed class JsonReader
    {
        private const int MaxDepth = 64;
        private readonly string _text;
        private int _pos;

        private JsonReader(string text) => _text = text;

        public static JsonNode Parse(string text)
        {
            var reader = new JsonReader(text);
            if (reader._pos < text.Length && text[reader._pos] == '\uFEFF')
            {
                reader._pos++;
            }

            reader.SkipWhitespace();
            var value = reader.ReadValue(0);
            reader.SkipWhitespace();
            if (reader._pos != text.Length)
            {
                throw new JsonException("unexpected text after the JSON value", reader._pos);
            }

            return value;
        }

        private void SkipWhitespace()
        {
            while (_pos < _text.Length)
            {
                char c = _text[_pos];
                if (c == ' ' || c == '\t' || c == '\r' || c == '\n')
                {
                    _pos++;
                }
                else
                {
                    break;
                }
            }
        }

        private JsonNode ReadValue(int depth)
        {
            if (depth > MaxDepth)
            {
                throw new JsonException("JSON nested too deeply", _pos);
            }

            if (_pos >= _text.Length)
            {
                throw new JsonException("unexpected end of JSON", _pos);
            }

            int start = _pos;
            char c = _text[_pos];
            JsonNode node;
            switch (c)
            {
                case '{':
                    node = ReadObject(depth);
                    break;
                case '[':
                    node = ReadArray(depth);
                    break;
                case '"':
                    node = new JsonString(ReadString());
                    break;
                case 't':
                    ExpectLiteral("true");
                    node = new JsonBool(true);
                    break;
                case 'f':
                    ExpectLiteral("false");
                    node = new JsonBool(false);
                    break;
                case 'n':
                    ExpectLiteral("null");
                    node = new JsonNull();
                    break;
                default:
                    if (c == '-' || (c >= '0' && c <= '9'))
                    {
                        node = new JsonNumber(ReadNumber());
                        break;
                    }

                    throw new JsonException("unexpected character '" + c + "'", _pos);
            }

            node.Position = start;
            return node;
        }

        private void ExpectLiteral(string literal)
        {
            if (string.CompareOrdinal(_text, _pos, literal, 0, literal.Length) != 0)
            {
                throw new JsonException("invalid literal", _pos);
            }

            _pos += literal.Length;
        }

        private JsonObject ReadObject(int depth)
        {
            var obj = new JsonObject();
            _pos++;
            SkipWhitespace();
            if (Peek() == '}')
            {
                _pos++;
                return obj;
            }

            while (true)
            {
                SkipWhitespace();
                if (Peek() != '"')
                {
                    throw new JsonException("expected a property name", _pos);
                }

                string key = ReadString();
                SkipWhitespace();
                if (Peek() != ':')
                {
                    throw new JsonException("expected ':'", _pos);
                }

                _pos++;
                SkipWhitespace();
                if (obj.Get(key) != null)
                {
                    throw new JsonException("duplicate property '" + key + "'", _pos);
                }

                obj.Members.Add(new KeyValuePair<string, JsonNode>(key, ReadValue(depth + 1)));
                SkipWhitespace();
                char c = Peek();
                _pos++;
                if (c == '}')
                {
                    return obj;
                }

                if (c != ',')
                {
                    throw new JsonException("expected ',' or '}'", _pos - 1);
                }
            }
        }

        private JsonArray ReadArray(int depth)
        {
            var array = new JsonArray();
            _pos++;
            SkipWhitespace();
            if (Peek() == ']')
            {
                _pos++;
                return array;
            }

            while (true)
            {
                SkipWhitespace();
                array.Items.Add(ReadValue(depth + 1));
                SkipWhitespace();
                char c = Peek();
                _pos++;
                if (c == ']')
                {
                    return array;
                }

                if (c != ',')
                {
                    throw new JsonException("expected ',' or ']'", _pos - 1);
                }
            }
        }

        private char Peek()
        {
            if (_pos >= _text.Length)
            {
                throw new JsonException("unexpected end of JSON", _pos);
            }

            return _text[_pos];
        }

        private string ReadString()
        {
            _pos++;
            var sb = new StringBuilder();
            while (true)
            {
                char c = Peek();
                _pos++;
                if (c == '"')
                {
                    return sb.ToString();
                }

                if (c < ' ')
                {
                    throw new JsonException("control character in string", _pos - 1);
                }

                if (c != '\\')
                {
                    sb.Append(c);
                    continue;
                }

                char e = Peek();
                _pos++;
                switch (e)
                {
                    case '"': sb.Append('"'); break;
                    case '\\': sb.Append('\\'); break;
                    case '/': sb.Append('/'); break;
                    case 'b': sb.Append('\b'); break;
                    case 'f': sb.Append('\f'); break;
                    case 'n': sb.Append('\n'); break;
                    case 'r': sb.Append('\r'); break;
                    case 't': sb.Append('\t'); break;
                    case 'u':
                        if (_pos + 4 > _text.Length ||
                            !int.TryParse(_text.Substring(_pos, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out int code))
                        {
                            throw new JsonException("invalid \\u escape", _pos);
                        }

                        sb.Append((char)code);
                        _pos += 4;
                        break;
                    default:
                        throw new JsonException("invalid escape '\\" + e + "'", _pos - 1);
                }
            }
        }

        private string ReadNumber()
        {
            int start = _pos;
            if (Peek() == '-')
            {
                _pos++;
            }

            if (Peek() == '0')
            {
                _pos++;
            }
            else
            {
                ReadDigits();
            }

            if (_pos < _text.Length && _text[_pos] == '.')
            {
                _pos++;
                ReadDigits();
            }

            if (_pos < _text.Length && (_text[_pos] == 'e' || _text[_pos] == 'E'))
            {
                _pos++;
                if (Peek() == '+' || Peek() == '-')
                {
                    _pos++;
                }

                ReadDigits();
            }

            return _text.Substring(start, _pos - start);
        }

        private void ReadDigits()
        {
            int start = _pos;
            while (_pos < _text.Length && _text[_pos] >= '0' && _text[_pos] <= '9')
            {
                _pos++;
            }

            if (_pos == start)
            {
                throw new JsonException("invalid number", _pos);
            }
        }
    }
}
