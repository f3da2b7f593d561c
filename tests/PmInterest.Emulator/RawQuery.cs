namespace PmInterest.Emulator;

/// <summary>One <c>name=value</c> pair of the query string, raw (as sent) and decoded.</summary>
internal sealed record QueryParameter(string Name, string Value, int RawOffset);

/// <summary>
/// The query string exactly as it arrived on the wire. Signatures are verified against this
/// raw text, never against a re-encoding of the decoded values, because a client that signs
/// one encoding and sends another must fail like it does on Binance.
/// </summary>
internal sealed class RawQuery
{
    private RawQuery(string text, List<QueryParameter> parameters)
    {
        Text = text;
        Parameters = parameters;
    }

    /// <summary>The raw query, without the leading '?'.</summary>
    internal string Text { get; }

    /// <summary>Every non-empty segment in order, names and values form-decoded.</summary>
    internal IReadOnlyList<QueryParameter> Parameters { get; }

    /// <summary>Splits the raw request target (path?query) of the request line.</summary>
    internal static RawQuery FromRawTarget(string rawTarget)
    {
        int question = rawTarget.IndexOf('?', StringComparison.Ordinal);
        return Parse(question < 0 ? string.Empty : rawTarget[(question + 1)..]);
    }

    internal static RawQuery Parse(string text)
    {
        var parameters = new List<QueryParameter>();
        int offset = 0;
        foreach (string segment in text.Split('&'))
        {
            if (segment.Length > 0)
            {
                int equals = segment.IndexOf('=', StringComparison.Ordinal);
                string name = equals < 0 ? segment : segment[..equals];
                string value = equals < 0 ? string.Empty : segment[(equals + 1)..];
                parameters.Add(new QueryParameter(FormDecode(name), FormDecode(value), offset));
            }

            offset += segment.Length + 1;
        }

        return new RawQuery(text, parameters);
    }

    /// <summary>
    /// The signed payload: the raw text before <c>&amp;signature=</c>, or null unless
    /// <c>signature</c> is the last parameter (Binance requires it last).
    /// </summary>
    internal string? SignedPayload()
    {
        if (Parameters.Count == 0 || Parameters[^1].Name != "signature")
        {
            return null;
        }

        int offset = Parameters[^1].RawOffset;
        return offset == 0 ? string.Empty : Text[..(offset - 1)];
    }

    /// <summary>
    /// application/x-www-form-urlencoded decoding, as a Java servlet container does it: '+' is a
    /// space, %XX are UTF-8 bytes. So an unencoded base64 '+' in a signature breaks it, as on Binance.
    /// </summary>
    internal static string FormDecode(string raw) => Uri.UnescapeDataString(raw.Replace('+', ' '));
}
