using System.Globalization;

namespace PmInterest.Emulator;

/// <summary>The outcome of one interest-history request: a refusal, or the query and its page.</summary>
internal sealed record InterestHistoryResult(BinanceError? Error, EmulatorQuery? Query, IReadOnlyList<EmulatorRecord> Page)
{
    internal static InterestHistoryResult Refused(BinanceError error) => new(error, null, []);
}

/// <summary>
/// <c>GET /sapi/v1/portfolio/interest-history</c>: validates like Binance (API key, parameters,
/// recvWindow, timestamp, signature, size, window) and cuts the page. Pure apart from the
/// shuffle generator, so the rules can be read top to bottom in <see cref="Evaluate"/>.
/// </summary>
internal sealed class InterestHistoryHandler(EmulatorOptions options, RecordStore store, SignatureVerifier verifier, SharedRandom shuffle)
{
    internal const string Path = "/sapi/v1/portfolio/interest-history";
    internal const int Weight = 50;
    private const int DefaultSize = 10;
    private const int MaxSize = 100;
    private const long DefaultRecvWindow = 5000;
    private const long MaxRecvWindow = 60000;
    private static readonly long SevenDaysMs = (long)TimeSpan.FromDays(7).TotalMilliseconds;

    private static readonly HashSet<string> KnownParameters = new(StringComparer.Ordinal)
    {
        "asset", "startTime", "endTime", "size", "recvWindow", "timestamp", "signature",
    };

    private static readonly HashSet<string> LongParameters = new(StringComparer.Ordinal)
    {
        "startTime", "endTime", "size", "recvWindow", "timestamp",
    };

    /// <param name="apiKey">The <c>X-MBX-APIKEY</c> header, or null when absent.</param>
    /// <param name="query">The raw query string of the request.</param>
    /// <param name="nowMs">Server time (real clock plus skew) when the request is processed.</param>
    internal InterestHistoryResult Evaluate(string? apiKey, RawQuery query, long nowMs)
    {
        if (string.IsNullOrEmpty(apiKey))
        {
            return InterestHistoryResult.Refused(BinanceError.ApiKeyMissing);
        }

        if (!verifier.TryGetKind(apiKey, out KeyKind kind))
        {
            return InterestHistoryResult.Refused(BinanceError.ApiKeyUnknown);
        }

        IReadOnlyList<QueryParameter> parameters = query.Parameters;
        if (parameters.GroupBy(p => p.Name, StringComparer.Ordinal).Any(g => g.Count() > 1))
        {
            return InterestHistoryResult.Refused(BinanceError.Duplicate);
        }

        var values = parameters.ToDictionary(p => p.Name, p => p.Value, StringComparer.Ordinal);
        foreach (string mandatory in (string[])["timestamp", "signature"])
        {
            if (string.IsNullOrEmpty(values.GetValueOrDefault(mandatory)))
            {
                return InterestHistoryResult.Refused(BinanceError.Mandatory(mandatory));
            }
        }

        var longs = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (QueryParameter p in parameters.Where(p => KnownParameters.Contains(p.Name)))
        {
            if (p.Value.Length == 0)
            {
                return InterestHistoryResult.Refused(BinanceError.Empty(p.Name));
            }

            if (LongParameters.Contains(p.Name))
            {
                if (!TryParseLong(p.Value, out long number))
                {
                    return InterestHistoryResult.Refused(BinanceError.IllegalLong(p.Name));
                }

                longs[p.Name] = number;
            }
        }

        long recvWindow = longs.GetValueOrDefault("recvWindow", DefaultRecvWindow);
        if (recvWindow > MaxRecvWindow)
        {
            return InterestHistoryResult.Refused(BinanceError.RecvWindowTooLarge);
        }

        long timestamp = longs["timestamp"];
        if (!(timestamp < nowMs + 1000 && nowMs - timestamp <= recvWindow))
        {
            return InterestHistoryResult.Refused(BinanceError.OutsideRecvWindow);
        }

        string? payload = query.SignedPayload();
        if (payload is null || !verifier.Verify(kind, payload, values["signature"]))
        {
            return InterestHistoryResult.Refused(BinanceError.InvalidSignature);
        }

        int read = parameters.Count(p => KnownParameters.Contains(p.Name));
        if (read != parameters.Count)
        {
            return InterestHistoryResult.Refused(BinanceError.NotAllRead(read, parameters.Count));
        }

        long size = longs.GetValueOrDefault("size", DefaultSize);
        if (size is < 1 or > MaxSize)
        {
            return InterestHistoryResult.Refused(BinanceError.InvalidSize);
        }

        long spanMs = (long)options.SpanLimit.TotalMilliseconds;
        (long start, long end, BinanceError? windowError) = ResolveWindow(
            longs.TryGetValue("startTime", out long s) ? s : null,
            longs.TryGetValue("endTime", out long e) ? e : null,
            spanMs,
            nowMs);
        if (windowError is not null)
        {
            return InterestHistoryResult.Refused(windowError);
        }

        string? asset = values.GetValueOrDefault("asset");
        long publishedEnd = Math.Min(end, Publication.LatestPublished(options.PublishDelay, nowMs)); // records not yet published are not served
        List<EmulatorRecord> page = PageSelector.Select(
            store.Window(asset, start, publishedEnd), (int)size, options.Order, options.TieOrder, shuffle.Next);
        return new InterestHistoryResult(null, new EmulatorQuery(asset, start, end), page);
    }

    /// <summary>
    /// Explicit windows are checked (start after end: -1128; longer than the span limit: -1127,
    /// strictly more than). Missing bounds get the defaults Binance documents for the sibling
    /// endpoints: neither, the last 7 days; only start, up to start + span but not past now;
    /// only end, the 7 days before it.
    /// </summary>
    internal static (long Start, long End, BinanceError? Error) ResolveWindow(long? startTime, long? endTime, long spanMs, long nowMs)
    {
        switch (startTime, endTime)
        {
            case (long start, long end):
                if (start > end)
                {
                    return (start, end, BinanceError.StartAfterEnd);
                }

                return end - start > spanMs
                    ? (start, end, BinanceError.SpanTooLong(TimeSpan.FromMilliseconds(spanMs)))
                    : (start, end, null);
            case (long start, null):
                return (start, Math.Min(SaturatingAdd(start, spanMs), nowMs), null);
            case (null, long end):
                return (end - SevenDaysMs, end, null);
            default:
                return (nowMs - SevenDaysMs, nowMs, null);
        }
    }

    /// <summary>Binance's LONG rule, <c>^[0-9]{1,20}$</c>; a value past long.MaxValue is refused the same way.</summary>
    private static bool TryParseLong(string text, out long value)
    {
        value = 0;
        return text.Length is >= 1 and <= 20
            && text.All(char.IsAsciiDigit)
            && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }

    private static long SaturatingAdd(long a, long b) => a > long.MaxValue - b ? long.MaxValue : a + b;
}
