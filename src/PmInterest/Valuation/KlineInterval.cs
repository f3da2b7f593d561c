using System;
using System.Collections.Generic;

namespace PmInterest.Valuation;

/// <summary>
/// A spot kline interval as the planner uses it: the text <c>GET /api/v3/klines</c> takes and
/// where its klines open in UTC. Fixed intervals open on multiples of their length since the
/// epoch (every one divides a day), weeks on Mondays 00:00 and months on the 1st 00:00.
/// </summary>
internal sealed class KlineInterval
{
    public const long MinuteMs = 60_000;
    public const long DayMs = 86_400_000;

    /// <summary>1970-01-05, the first Monday after the epoch: weekly klines open on Mondays.</summary>
    private const long FirstMondayMs = 4 * DayMs;

    private static readonly long UnixEpochTicks = new DateTime(1970, 1, 1, 0, 0, 0, DateTimeKind.Utc).Ticks;

    private readonly long _lengthMs; // 0: calendar months
    private readonly long _offsetMs;

    private KlineInterval(string name, long lengthMs, long offsetMs = 0)
    {
        Name = name;
        _lengthMs = lengthMs;
        _offsetMs = offsetMs;
    }

    public static KlineInterval OneMinute { get; } = new("1m", MinuteMs);

    public static KlineInterval OneHour { get; } = new("1h", 60 * MinuteMs);

    public static KlineInterval OneDay { get; } = new("1d", DayMs);

    public static KlineInterval OneWeek { get; } = new("1w", 7 * DayMs, FirstMondayMs);

    public static KlineInterval OneMonth { get; } = new("1M", 0);

    /// <summary>
    /// The intervals the planner chooses from, finest first. 1s is never fewer requests than 1m,
    /// and Binance documents no alignment for 3d klines, so neither is planned with.
    /// </summary>
    public static IReadOnlyList<KlineInterval> Plannable { get; } = new[]
    {
        OneMinute,
        new KlineInterval("3m", 3 * MinuteMs),
        new KlineInterval("5m", 5 * MinuteMs),
        new KlineInterval("15m", 15 * MinuteMs),
        new KlineInterval("30m", 30 * MinuteMs),
        OneHour,
        new KlineInterval("2h", 120 * MinuteMs),
        new KlineInterval("4h", 240 * MinuteMs),
        new KlineInterval("6h", 360 * MinuteMs),
        new KlineInterval("8h", 480 * MinuteMs),
        new KlineInterval("12h", 720 * MinuteMs),
        OneDay,
        OneWeek,
        OneMonth,
    };

    /// <summary>The interval parameter's value, such as <c>1h</c> (case matters: 1m is a minute, 1M a month).</summary>
    public string Name { get; }

    /// <summary>The first open time at or after the epoch.</summary>
    public long FirstOpenMs => _offsetMs;

    /// <summary>True when a kline of this interval opens at <paramref name="ms"/>.</summary>
    public bool Opens(long ms)
    {
        if (ms < FirstOpenMs)
        {
            return false;
        }

        if (_lengthMs != 0)
        {
            return (ms - _offsetMs) % _lengthMs == 0;
        }

        var time = Utc(ms);
        return time.Day == 1 && time.TimeOfDay == TimeSpan.Zero;
    }

    /// <summary>The open time <paramref name="count"/> klines after (or, negative, before) the open time <paramref name="openMs"/>.</summary>
    public long Add(long openMs, long count)
    {
        if (_lengthMs != 0)
        {
            return openMs + (count * _lengthMs);
        }

        var time = Utc(openMs);
        // Kept within 1970-01 .. 9999-12: further than a DateTime reaches is no open time.
        var months = Math.Min(Math.Max((time.Year * 12L) + time.Month - 1 + count, 1970 * 12L), (9999 * 12L) + 11);
        return Ms(new DateTime((int)(months / 12), (int)(months % 12) + 1, 1, 0, 0, 0, DateTimeKind.Utc));
    }

    /// <summary>The open time of the kline before the one that opens at <paramref name="openMs"/>.</summary>
    public long Previous(long openMs) => Add(openMs, -1);

    /// <summary>The close time Binance gives the kline that opens at <paramref name="openMs"/>: the next open minus 1 ms.</summary>
    public long CloseOf(long openMs) => Add(openMs, 1) - 1;

    /// <summary>How many klines open in [<paramref name="firstOpenMs"/>, <paramref name="lastOpenMs"/>], both open times.</summary>
    public long Count(long firstOpenMs, long lastOpenMs)
    {
        if (lastOpenMs < firstOpenMs)
        {
            return 0;
        }

        if (_lengthMs != 0)
        {
            return ((lastOpenMs - firstOpenMs) / _lengthMs) + 1;
        }

        var first = Utc(firstOpenMs);
        var last = Utc(lastOpenMs);
        return ((last.Year - first.Year) * 12L) + last.Month - first.Month + 1;
    }

    public override string ToString() => Name;

    private static DateTime Utc(long ms) => new(UnixEpochTicks + (ms * TimeSpan.TicksPerMillisecond), DateTimeKind.Utc);

    private static long Ms(DateTime utc) => (utc.Ticks - UnixEpochTicks) / TimeSpan.TicksPerMillisecond;
}
