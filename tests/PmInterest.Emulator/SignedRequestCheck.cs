using System.Globalization;

namespace PmInterest.Emulator;

/// <summary>A signed request that passed <see cref="SignedRequestCheck"/>: its key's scheme and its parameters, decoded.</summary>
internal sealed record SignedRequest(KeyKind Kind, IReadOnlyDictionary<string, string> Values, IReadOnlyDictionary<string, long> Longs);

/// <summary>
/// The checks every signed (USER_DATA) endpoint makes, in Binance's order: API key (-2014,
/// -2015; also -2015 when the caller's IP is not allowed or the key may not read and the
/// endpoint needs reading), duplicates (-1101), timestamp and signature present (-1102), empty
/// (-1105) and non-integer (-1100) values, recvWindow (-1131), the timestamp window (-1021),
/// the signature (-1022) and unknown parameters (-1104).
/// </summary>
internal sealed class SignedRequestCheck(SignatureVerifier verifier, EmulatorOptions options)
{
    internal const long DefaultRecvWindow = 5000;
    internal const long MaxRecvWindow = 60000;

    /// <param name="known">The endpoint's parameters, <c>recvWindow</c>, <c>timestamp</c> and <c>signature</c> included.</param>
    /// <param name="longs">Those of <paramref name="known"/> that must be integers.</param>
    internal (SignedRequest? Request, BinanceError? Error) Check(
        string? apiKey, RawQuery query, long nowMs, IReadOnlySet<string> known, IReadOnlySet<string> longs, bool needsReading)
    {
        if (string.IsNullOrEmpty(apiKey))
        {
            return (null, BinanceError.ApiKeyMissing);
        }

        if (!verifier.TryGetKind(apiKey, out KeyKind kind) || options.IpNotAllowed || (needsReading && options.KeyCannotRead))
        {
            return (null, BinanceError.ApiKeyUnknown);
        }

        IReadOnlyList<QueryParameter> parameters = query.Parameters;
        if (parameters.GroupBy(p => p.Name, StringComparer.Ordinal).Any(g => g.Count() > 1))
        {
            return (null, BinanceError.Duplicate);
        }

        var values = parameters.ToDictionary(p => p.Name, p => p.Value, StringComparer.Ordinal);
        foreach (string mandatory in (string[])["timestamp", "signature"])
        {
            if (string.IsNullOrEmpty(values.GetValueOrDefault(mandatory)))
            {
                return (null, BinanceError.Mandatory(mandatory));
            }
        }

        var numbers = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (QueryParameter p in parameters.Where(p => known.Contains(p.Name)))
        {
            if (p.Value.Length == 0)
            {
                return (null, BinanceError.Empty(p.Name));
            }

            if (longs.Contains(p.Name))
            {
                if (!TryParseLong(p.Value, out long number))
                {
                    return (null, BinanceError.IllegalLong(p.Name));
                }

                numbers[p.Name] = number;
            }
        }

        BinanceError? error = CheckTimeAndSignature(kind, query, values, numbers, nowMs);
        if (error is not null)
        {
            return (null, error);
        }

        int read = parameters.Count(p => known.Contains(p.Name));
        return read != parameters.Count
            ? (null, BinanceError.NotAllRead(read, parameters.Count))
            : (new SignedRequest(kind, values, numbers), null);
    }

    private BinanceError? CheckTimeAndSignature(KeyKind kind, RawQuery query, Dictionary<string, string> values, Dictionary<string, long> numbers, long nowMs)
    {
        long recvWindow = numbers.GetValueOrDefault("recvWindow", DefaultRecvWindow);
        if (recvWindow > MaxRecvWindow)
        {
            return BinanceError.RecvWindowTooLarge;
        }

        long timestamp = numbers["timestamp"];
        if (!(timestamp < nowMs + 1000 && nowMs - timestamp <= recvWindow))
        {
            return BinanceError.OutsideRecvWindow;
        }

        string? payload = query.SignedPayload();
        return payload is null || !verifier.Verify(kind, payload, values["signature"]) ? BinanceError.InvalidSignature : null;
    }

    /// <summary>Binance's LONG rule, <c>^[0-9]{1,20}$</c>; a value past long.MaxValue is refused the same way.</summary>
    private static bool TryParseLong(string text, out long value)
    {
        value = 0;
        return text.Length is >= 1 and <= 20
            && text.All(char.IsAsciiDigit)
            && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }
}
