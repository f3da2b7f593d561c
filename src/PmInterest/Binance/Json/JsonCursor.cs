using System;
using System.Globalization;
using System.Text;

namespace PmInterest.Binance.Json;

/// <summary>
/// A small forward-only JSON reader over a string. The module reads three flat shapes
/// (an array of records, an error object, the server time) and must keep decimal
/// strings exactly as sent; a reader this size does that without bringing a JSON
/// library whose version could clash with the one PowerShell itself loads.
/// </summary>
internal sealed class JsonCursor
{
    private readonly string _text;
    private int _pos;

    public JsonCursor(string text) => _text = text;

    public bool AtEnd
    {
        get
        {
            SkipWhitespace();
            return _pos >= _text.Length;
        }
    }

    public char Peek()
    {
        SkipWhitespace();
        if (_pos >= _text.Length)
        {
            throw Error("unexpected end of text");
        }

        return _text[_pos];
    }

    public void Expect(char c)
    {
        if (Peek() != c)
        {
            throw Error($"expected '{c}'");
        }

        _pos++;
    }

    public bool TryConsume(char c)
    {
        SkipWhitespace();
        if (_pos < _text.Length && _text[_pos] == c)
        {
            _pos++;
            return true;
        }

        return false;
    }

    /// <summary>Reads a property name and the colon after it.</summary>
    public string ReadPropertyName()
    {
        var name = ReadString();
        Expect(':');
        return name;
    }

    /// <summary>
    /// Reads a scalar value as text: strings unescaped, numbers as their literal text,
    /// <c>null</c> as null. Objects and arrays are skipped and give null.
    /// </summary>
    public string? ReadScalarText(out bool wasString)
    {
        wasString = false;
        var c = Peek();
        switch (c)
        {
            case '"':
                wasString = true;
                return ReadString();
            case '{':
            case '[':
                SkipValue();
                return null;
            case 'n':
                ReadLiteral("null");
                return null;
            case 't':
                ReadLiteral("true");
                return "true";
            case 'f':
                ReadLiteral("false");
                return "false";
            default:
                return ReadNumberText();
        }
    }

    public void SkipValue()
    {
        var c = Peek();
        if (c == '{')
        {
            _pos++;
            if (TryConsume('}'))
            {
                return;
            }

            do
            {
                ReadPropertyName();
                SkipValue();
            }
            while (TryConsume(','));
            Expect('}');
        }
        else if (c == '[')
        {
            _pos++;
            if (TryConsume(']'))
            {
                return;
            }

            do
            {
                SkipValue();
            }
            while (TryConsume(','));
            Expect(']');
        }
        else
        {
            ReadScalarText(out _);
        }
    }

    public FormatException Error(string what) =>
        new(string.Format(CultureInfo.InvariantCulture, "Malformed JSON at character {0}: {1}.", _pos, what));

    private string ReadString()
    {
        Expect('"');
        var start = _pos;

        // Fast path: no escapes, which is every value Binance sends for this endpoint.
        while (_pos < _text.Length)
        {
            var c = _text[_pos];
            if (c == '"')
            {
                var s = _text.Substring(start, _pos - start);
                _pos++;
                return s;
            }

            if (c == '\\')
            {
                break;
            }

            _pos++;
        }

        var sb = new StringBuilder(_text, start, _pos - start, _pos - start + 16);
        while (_pos < _text.Length)
        {
            var c = _text[_pos++];
            if (c == '"')
            {
                return sb.ToString();
            }

            if (c != '\\')
            {
                sb.Append(c);
                continue;
            }

            if (_pos >= _text.Length)
            {
                break;
            }

            var e = _text[_pos++];
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
                        !int.TryParse(_text.Substring(_pos, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var code))
                    {
                        throw Error("bad \\u escape");
                    }

                    sb.Append((char)code);
                    _pos += 4;
                    break;
                default:
                    throw Error("bad escape");
            }
        }

        throw Error("unterminated string");
    }

    private string ReadNumberText()
    {
        var start = _pos;
        while (_pos < _text.Length)
        {
            var c = _text[_pos];
            if ((c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E')
            {
                _pos++;
            }
            else
            {
                break;
            }
        }

        if (_pos == start)
        {
            throw Error("unexpected character");
        }

        return _text.Substring(start, _pos - start);
    }

    private void ReadLiteral(string literal)
    {
        if (string.CompareOrdinal(_text, _pos, literal, 0, literal.Length) != 0)
        {
            throw Error("unexpected literal");
        }

        _pos += literal.Length;
    }

    private void SkipWhitespace()
    {
        while (_pos < _text.Length && (_text[_pos] == ' ' || _text[_pos] == '\t' || _text[_pos] == '\n' || _text[_pos] == '\r'))
        {
            _pos++;
        }
    }
}
