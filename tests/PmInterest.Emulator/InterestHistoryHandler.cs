using System.Globalization;

namespace PmInterest.Emulator;

/// <summary>The outcome of one interest-history request: a refusal, or the query and its page.</summary>
internal sealed record InterestHistoryResult(BinanceError? Error, EmulatorQuery? Query, IReadOnlyList<EmulatorRecord> Page)
{
    internal static InterestHistoryResult Refused(BinanceError error) => new(error, null, []);
}

/// <summary>
/// One of the two interest-history endpoints (<see cref="InterestEndpoint"/>): validates like
/// Binance (the signed-request checks of <see cref="SignedRequestCheck"/>, the kind of account,
/// then size and window) and cuts the page. Pure apart from the shuffle generator, so the rules
/// can be read top to bottom in <see cref="Evaluate"/>.
/// </summary>
internal sealed class InterestHistoryHandler(EmulatorOptions options, RecordStore store, SignatureVerifier verifier, SharedRandom shuffle, InterestEndpoint endpoint)
{
    private const int DefaultSize = 10;
    private const int MaxSize = 100;
    private static readonly long SevenDaysMs = (long)TimeSpan.FromDays(7).TotalMilliseconds;

    private static readonly HashSet<string> KnownParameters = new(StringComparer.Ordinal)
    {
        "asset", "startTime", "endTime", "size", "recvWindow", "timestamp", "signature",
    };

    private static readonly HashSet<string> LongParameters = new(StringComparer.Ordinal)
    {
        "startTime", "endTime", "size", "recvWindow", "timestamp",
    };

    private readonly SignedRequestCheck check = new(verifier, options);

    internal InterestEndpoint Endpoint => endpoint;

    /// <param name="apiKey">The <c>X-MBX-APIKEY</c> header, or null when absent.</param>
    /// <param name="query">The raw query string of the request.</param>
    /// <param name="nowMs">Server time (real clock plus skew) when the request is processed.</param>
    internal InterestHistoryResult Evaluate(string? apiKey, RawQuery query, long nowMs)
    {
        (SignedRequest? request, BinanceError? refusal) = check.Check(apiKey, query, nowMs, KnownParameters, LongParameters, needsReading: true);
        if (refusal is not null)
        {
            return InterestHistoryResult.Refused(refusal);
        }

        if (options.Account != EmulatorAccount.Both && options.Account != endpoint.Account)
        {
            return InterestHistoryResult.Refused(endpoint.WrongAccount);
        }

        IReadOnlyDictionary<string, long> longs = request!.Longs;
        IReadOnlyDictionary<string, string> values = request.Values;
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

    private static long SaturatingAdd(long a, long b) => a > long.MaxValue - b ? long.MaxValue : a + b;
}
