using System.Collections.Generic;
using System.Globalization;

namespace PmInterest.Valuation;

/// <summary>
/// One planned <c>GET /api/v3/klines</c>: a symbol's klines of one interval opening from
/// <see cref="StartMs"/> to <see cref="LastOpenMs"/> (at most 1,000), and the needed minutes
/// the answer settles.
/// </summary>
internal sealed class KlineRequest
{
    public KlineRequest(string symbol, KlineInterval interval, long startMs, long lastOpenMs, IReadOnlyList<long> needed)
    {
        Symbol = symbol;
        Interval = interval;
        StartMs = startMs;
        LastOpenMs = lastOpenMs;
        Needed = needed;
    }

    public string Symbol { get; }

    public KlineInterval Interval { get; }

    /// <summary>The open time of the first kline asked for (startTime).</summary>
    public long StartMs { get; }

    /// <summary>The open time of the last kline asked for.</summary>
    public long LastOpenMs { get; }

    /// <summary>endTime: the close time of the last kline, so the server includes it whether it filters by open or by close time.</summary>
    public long EndMs => Interval.CloseOf(LastOpenMs);

    /// <summary>limit: the number of klines the window holds.</summary>
    public int Limit => (int)Interval.Count(StartMs, LastOpenMs);

    /// <summary>The needed minutes in the window, ascending: the answer tells of each whether a kline opens on it.</summary>
    public IReadOnlyList<long> Needed { get; }

    public override string ToString() => string.Format(
        CultureInfo.InvariantCulture,
        "{0} {1} {2:yyyy-MM-dd HH:mm}..{3:yyyy-MM-dd HH:mm}Z",
        Symbol,
        Interval.Name,
        System.DateTimeOffset.FromUnixTimeMilliseconds(StartMs).UtcDateTime,
        System.DateTimeOffset.FromUnixTimeMilliseconds(LastOpenMs).UtcDateTime);
}
