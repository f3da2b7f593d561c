using System;
using System.Globalization;
using System.Text;

namespace PmInterest.Binance.Json;

/// <summary>
/// A small, strict, forward-only JSON reader over a character buffer. The module reads a few
/// flat shapes (arrays of records or klines, an error object, the server time, key flags) and
/// must keep decimal strings exactly as sent; a reader this size does that without a JSON
/// library whose version could clash with the one PowerShell loads, and without allocating a
/// string for every name and value of a page.
/// <para>
/// Nesting is bounded (<see cref="MaxDepth"/>): Binance's answers are two levels deep, and an
/// unbounded reader would let a hostile answer of nested arrays overflow the stack, which no
/// catch can stop.
/// </para>
/// </summary>
internal sealed class JsonCursor
{
    /// <summary>The deepest nesting accepted; Binance's answers nest two levels.</summary>
    public const int MaxDepth = 16;

    private readonly char[] _text;
    private readonly int _end;
    private int _pos;
    private int _depth;

    public JsonCursor(string text)
        : this((text ?? throw new ArgumentNullException(nameof(text))).ToCharArray(), text.Length)
    {
    }

    /// <summary>Reads the first <paramref name="length"/> characters of <paramref name="text"/> (a pooled buffer, say).</summary>
    public JsonCursor(char[] text, int length)
    {
        _text = text ?? throw new ArgumentNullException(nameof(text));
        _end = Math.Min(length, text.Length);
    }

    public bool AtEnd
    {
        get
        {
            SkipWhitespace();
            return _pos >= _end;
        }
    }

    public char Peek()
    {
        SkipWhitespace();
        if (_pos >= _end)
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
        if (_pos < _end && _text[_pos] == c)
        {
            _pos++;
            return true;
        }

        return false;
    }

    /// <summary>Enters an object or array (<paramref name="open"/> is '{' or '['), counting the depth.</summary>
    public void Open(char open)
    {
        Expect(open);
        if (++_depth > MaxDepth)
        {
            throw Error(string.Format(CultureInfo.InvariantCulture, "nested deeper than {0} levels", MaxDepth));
        }
    }

    /// <summary>Leaves the object or array entered last (<paramref name="close"/> is '}' or ']').</summary>
    public void Close(char close)
    {
        Expect(close);
        _depth--;
    }

    /// <summary>Leaves the container at once when it is empty; true when it was.</summary>
    public bool TryClose(char close)
    {
        if (!TryConsume(close))
        {
            return false;
        }

        _depth--;
        return true;
    }

    /// <summary>Nothing but white space may follow the value read.</summary>
    public void ExpectEnd()
    {
        if (!AtEnd)
        {
            throw Error("text after the end of the value");
        }
    }

    /// <summary>Reads a property name (without allocating) and the colon after it.</summary>
    public JsonSpan ReadName()
    {
        var name = ReadStringSpan();
        Expect(':');
        return name;
    }

    /// <summary>Reads a property name as a string and the colon after it.</summary>
    public string ReadPropertyName() => Text(ReadName());

    /// <summary>True when <paramref name="span"/> holds exactly <paramref name="literal"/> (ASCII names).</summary>
    public bool Is(JsonSpan span, string literal)
    {
        if (span.Escaped)
        {
            return string.Equals(Text(span), literal, StringComparison.Ordinal);
        }

        if (span.Length != literal.Length)
        {
            return false;
        }

        for (var i = 0; i < literal.Length; i++)
        {
            if (_text[span.Start + i] != literal[i])
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>True when two spans of this text hold the same characters.</summary>
    public bool SameText(JsonSpan a, JsonSpan b)
    {
        if (a.Escaped || b.Escaped)
        {
            return string.Equals(Text(a), Text(b), StringComparison.Ordinal);
        }

        if (a.Length != b.Length)
        {
            return false;
        }

        for (var i = 0; i < a.Length; i++)
        {
            if (_text[a.Start + i] != _text[b.Start + i])
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Reads a scalar without allocating: a string's content, a number's literal text, or
    /// true, false and null. An object or array is skipped and gives <see cref="JsonKind.Container"/>.
    /// </summary>
    public JsonSpan ReadScalar()
    {
        var c = Peek();
        switch (c)
        {
            case '"':
                return ReadStringSpan();
            case '{':
            case '[':
                SkipValue();
                return new JsonSpan(_pos, 0, JsonKind.Container, false);
            case 'n':
                return ReadLiteral("null", JsonKind.Null);
            case 't':
                return ReadLiteral("true", JsonKind.True);
            case 'f':
                return ReadLiteral("false", JsonKind.False);
            default:
                return ReadNumberSpan();
        }
    }

    /// <summary>
    /// Reads a scalar value as text: strings unescaped, numbers as their literal text,
    /// <c>null</c> as null. Objects and arrays are skipped and give null.
    /// </summary>
    public string? ReadScalarText(out bool wasString)
    {
        var span = ReadScalar();
        wasString = span.Kind == JsonKind.String;
        return span.Kind switch
        {
            JsonKind.Null or JsonKind.Container => null,
            JsonKind.True => "true",
            JsonKind.False => "false",
            _ => Text(span),
        };
    }

    /// <summary>Skips one value of any kind, within <see cref="MaxDepth"/>.</summary>
    public void SkipValue()
    {
        var c = Peek();
        if (c == '{')
        {
            Open('{');
            if (TryClose('}'))
            {
                return;
            }

            do
            {
                ReadName();
                SkipValue();
            }
            while (TryConsume(','));
            Close('}');
        }
        else if (c == '[')
        {
            Open('[');
            if (TryClose(']'))
            {
                return;
            }

            do
            {
                SkipValue();
            }
            while (TryConsume(','));
            Close(']');
        }
        else
        {
            ReadScalar();
        }
    }

    /// <summary>The next value of any kind, skipped, as its raw JSON text.</summary>
    public string ReadRaw()
    {
        SkipWhitespace();
        var start = _pos;
        SkipValue();
        return new string(_text, start, _pos - start);
    }

    /// <summary>The span's characters as a string, unescaped.</summary>
    public string Text(JsonSpan span) => span.Escaped ? Unescape(span) : new string(_text, span.Start, span.Length);

    /// <summary>
    /// A plain decimal (<c>-?digits[.digits]</c>, from a string or a number) with its scale kept,
    /// and only when a decimal holds it exactly: at most 28 decimals and a 96-bit mantissa. An
    /// exponent, a plus sign, white space or more digits than that are refused, never rounded.
    /// </summary>
    public bool TryDecimal(JsonSpan span, out decimal value)
    {
        value = 0m;
        if (span.Escaped || (span.Kind != JsonKind.String && span.Kind != JsonKind.Number))
        {
            return false;
        }

        return DecimalText.TryParse(_text, span.Start, span.Length, out value);
    }

    /// <summary>A whole number of ASCII digits (from a string or a number), at most 18 of them, no sign.</summary>
    public bool TryUnsigned(JsonSpan span, out long value)
    {
        value = 0;
        if (span.Escaped || span.Length == 0 || span.Length > 18 || (span.Kind != JsonKind.String && span.Kind != JsonKind.Number))
        {
            return false;
        }

        for (var i = span.Start; i < span.Start + span.Length; i++)
        {
            var c = _text[i];
            if (c < '0' || c > '9')
            {
                return false;
            }

            value = (value * 10) + (c - '0');
        }

        return true;
    }

    /// <summary>A whole number with an optional minus sign (an error code, say), within an int.</summary>
    public bool TryInt(JsonSpan span, out int value)
    {
        value = 0;
        if (span.Kind != JsonKind.Number || span.Escaped || span.Length == 0 || span.Length > 11)
        {
            return false;
        }

        var negative = _text[span.Start] == '-';
        var first = negative ? span.Start + 1 : span.Start;
        var digits = new JsonSpan(first, span.Start + span.Length - first, JsonKind.Number, false);
        if (!TryUnsigned(digits, out var magnitude) || magnitude > int.MaxValue)
        {
            return false;
        }

        value = negative ? -(int)magnitude : (int)magnitude;
        return true;
    }

    /// <summary>The characters of <paramref name="span"/> as a key for <see cref="TextCache"/>.</summary>
    internal char[] Buffer => _text;

    public FormatException Error(string what) =>
        new(string.Format(CultureInfo.InvariantCulture, "Malformed JSON at character {0}: {1}.", _pos, what));

    private JsonSpan ReadStringSpan()
    {
        Expect('"');
        var start = _pos;
        var escaped = false;
        while (_pos < _end)
        {
            var c = _text[_pos];
            if (c == '"')
            {
                var span = new JsonSpan(start, _pos - start, JsonKind.String, escaped);
                _pos++;
                return span;
            }

            if (c < ' ')
            {
                throw Error("a control character inside a string");
            }

            if (c == '\\')
            {
                escaped = true;
                _pos++;
            }

            _pos++;
        }

        throw Error("unterminated string");
    }

    private string Unescape(JsonSpan span)
    {
        var sb = new StringBuilder(span.Length);
        var end = span.Start + span.Length;
        for (var i = span.Start; i < end; i++)
        {
            var c = _text[i];
            if (c != '\\')
            {
                sb.Append(c);
                continue;
            }

            if (++i >= end)
            {
                throw Error("bad escape");
            }

            switch (_text[i])
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
                    if (i + 4 >= end || !TryHex(i + 1, out var code))
                    {
                        throw Error("bad \\u escape");
                    }

                    sb.Append((char)code);
                    i += 4;
                    break;
                default:
                    throw Error("bad escape");
            }
        }

        return sb.ToString();
    }

    private bool TryHex(int at, out int code)
    {
        code = 0;
        for (var i = at; i < at + 4; i++)
        {
            var c = _text[i];
            var digit = c >= '0' && c <= '9' ? c - '0'
                : c >= 'a' && c <= 'f' ? c - 'a' + 10
                : c >= 'A' && c <= 'F' ? c - 'A' + 10
                : -1;
            if (digit < 0)
            {
                return false;
            }

            code = (code << 4) | digit;
        }

        return true;
    }

    // JSON's number grammar: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?
    private JsonSpan ReadNumberSpan()
    {
        var start = _pos;
        if (_pos < _end && _text[_pos] == '-')
        {
            _pos++;
        }

        if (!Digits(allowLeadingZero: false))
        {
            throw Error("unexpected character");
        }

        if (_pos < _end && _text[_pos] == '.')
        {
            _pos++;
            if (!Digits(allowLeadingZero: true))
            {
                throw Error("a number without digits after its decimal point");
            }
        }

        if (_pos < _end && (_text[_pos] == 'e' || _text[_pos] == 'E'))
        {
            _pos++;
            if (_pos < _end && (_text[_pos] == '+' || _text[_pos] == '-'))
            {
                _pos++;
            }

            if (!Digits(allowLeadingZero: true))
            {
                throw Error("a number without digits in its exponent");
            }
        }

        return new JsonSpan(start, _pos - start, JsonKind.Number, false);
    }

    private bool Digits(bool allowLeadingZero)
    {
        var start = _pos;
        while (_pos < _end && _text[_pos] >= '0' && _text[_pos] <= '9')
        {
            _pos++;
        }

        if (_pos == start)
        {
            return false;
        }

        if (!allowLeadingZero && _text[start] == '0' && _pos - start > 1)
        {
            throw Error("a number with a leading zero");
        }

        return true;
    }

    private JsonSpan ReadLiteral(string literal, JsonKind kind)
    {
        if (_end - _pos < literal.Length)
        {
            throw Error("unexpected literal");
        }

        for (var i = 0; i < literal.Length; i++)
        {
            if (_text[_pos + i] != literal[i])
            {
                throw Error("unexpected literal");
            }
        }

        var span = new JsonSpan(_pos, literal.Length, kind, false);
        _pos += literal.Length;
        return span;
    }

    private void SkipWhitespace()
    {
        while (_pos < _end && (_text[_pos] == ' ' || _text[_pos] == '\t' || _text[_pos] == '\n' || _text[_pos] == '\r'))
        {
            _pos++;
        }
    }
}
