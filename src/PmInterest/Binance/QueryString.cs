using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace PmInterest.Binance;

/// <summary>
/// Builds a query string in the exact order parameters are added. Binance signs the
/// query text as sent, so the encoding here is the encoding that gets signed:
/// RFC 3986 unreserved characters stay, everything else becomes UTF-8 %XX with
/// upper-case hex (as Binance's own samples do). Numbers are formatted with the
/// invariant culture so a German or Turkish runbook signs the same bytes.
/// </summary>
internal sealed class QueryString
{
    private readonly StringBuilder _text = new(128);

    public QueryString Add(string name, string value)
    {
        if (_text.Length > 0)
        {
            _text.Append('&');
        }

        AppendEncoded(_text, name);
        _text.Append('=');
        AppendEncoded(_text, value);
        return this;
    }

    public QueryString Add(string name, long value) =>
        Add(name, value.ToString(CultureInfo.InvariantCulture));

    public QueryString AddRange(IEnumerable<KeyValuePair<string, string>> parameters)
    {
        foreach (var p in parameters)
        {
            Add(p.Key, p.Value);
        }

        return this;
    }

    public override string ToString() => _text.ToString();

    public static string Encode(string value)
    {
        var sb = new StringBuilder(value.Length + 8);
        AppendEncoded(sb, value);
        return sb.ToString();
    }

    private static void AppendEncoded(StringBuilder sb, string value)
    {
        const string Hex = "0123456789ABCDEF";
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            var c = (char)b;
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                c == '-' || c == '_' || c == '.' || c == '~')
            {
                sb.Append(c);
            }
            else
            {
                sb.Append('%').Append(Hex[b >> 4]).Append(Hex[b & 0xF]);
            }
        }
    }
}
