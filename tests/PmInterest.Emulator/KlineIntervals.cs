using System.Globalization;

namespace PmInterest.Emulator;

/// <summary>
/// Binance's documented kline intervals and where their klines open, in the time zone a
/// request gives (UTC by default): seconds, minutes, hours and days on multiples of their
/// length since the epoch; 1w on Mondays 00:00; 1M on the 1st 00:00. Binance documents no
/// anchor for 3d: the emulator opens it on multiples of three days since the epoch.
/// </summary>
internal sealed class KlineIntervals
{
    private const long Minute = 60_000;
    private const long Day = 86_400_000;
    private const long FirstMonday = 4 * Day; // 1970-01-05

    private static readonly Dictionary<string, KlineIntervals> ByName = new(StringComparer.Ordinal)
    {
        ["1s"] = new("1s", 1_000),
        ["1m"] = new("1m", Minute),
        ["3m"] = new("3m", 3 * Minute),
        ["5m"] = new("5m", 5 * Minute),
        ["15m"] = new("15m", 15 * Minute),
        ["30m"] = new("30m", 30 * Minute),
        ["1h"] = new("1h", 60 * Minute),
        ["2h"] = new("2h", 120 * Minute),
        ["4h"] = new("4h", 240 * Minute),
        ["6h"] = new("6h", 360 * Minute),
        ["8h"] = new("8h", 480 * Minute),
        ["12h"] = new("12h", 720 * Minute),
        ["1d"] = new("1d", Day),
        ["3d"] = new("3d", 3 * Day),
        ["1w"] = new("1w", 7 * Day, FirstMonday),
        ["1M"] = new("1M", 0),
    };

    private readonly long lengthMs; // 0: months
    private readonly long anchorMs;

    private KlineIntervals(string name, long lengthMs, long anchorMs = 0)
    {
        Name = name;
        this.lengthMs = lengthMs;
        this.anchorMs = anchorMs;
    }

    internal string Name { get; }

    /// <summary>Every interval name, in Binance's order.</summary>
    internal static IEnumerable<string> Names => ByName.Keys;

    /// <summary>The interval of a name, exactly as written (1m is a minute, 1M a month), or null.</summary>
    internal static KlineIntervals? Find(string name) => ByName.GetValueOrDefault(name);

    /// <summary>The open time of the kline that holds <paramref name="ms"/>, with the time zone <paramref name="zoneMs"/> ahead of UTC.</summary>
    internal long Floor(long ms, long zoneMs)
    {
        long local = ms + zoneMs;
        if (lengthMs == 0)
        {
            DateTime time = DateTimeOffset.FromUnixTimeMilliseconds(local).UtcDateTime;
            return new DateTimeOffset(time.Year, time.Month, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds() - zoneMs;
        }

        long from = local - anchorMs;
        return local - (((from % lengthMs) + lengthMs) % lengthMs) - zoneMs;
    }

    /// <summary>The first open time at or after <paramref name="ms"/>.</summary>
    internal long Ceiling(long ms, long zoneMs)
    {
        long floor = Floor(ms, zoneMs);
        return floor == ms ? ms : Next(floor, zoneMs);
    }

    /// <summary>The open time after the open time <paramref name="openMs"/>.</summary>
    internal long Next(long openMs, long zoneMs)
    {
        if (lengthMs != 0)
        {
            return openMs + lengthMs;
        }

        DateTime local = DateTimeOffset.FromUnixTimeMilliseconds(openMs + zoneMs).UtcDateTime.AddMonths(1);
        return new DateTimeOffset(local, TimeSpan.Zero).ToUnixTimeMilliseconds() - zoneMs;
    }

    /// <summary>The open time before the open time <paramref name="openMs"/>.</summary>
    internal long Previous(long openMs, long zoneMs)
    {
        if (lengthMs != 0)
        {
            return openMs - lengthMs;
        }

        DateTime local = DateTimeOffset.FromUnixTimeMilliseconds(openMs + zoneMs).UtcDateTime.AddMonths(-1);
        return new DateTimeOffset(local, TimeSpan.Zero).ToUnixTimeMilliseconds() - zoneMs;
    }

    /// <summary>
    /// Binance's timeZone parameter: hours ("8", "-1") or hours and minutes ("05:45", "-1:00"),
    /// strictly within -12:00 .. +14:00; null when malformed.
    /// </summary>
    internal static long? ParseZone(string text)
    {
        string body = text;
        int sign = 1;
        if (body.StartsWith('-') || body.StartsWith('+'))
        {
            sign = body[0] == '-' ? -1 : 1;
            body = body[1..];
        }

        string[] parts = body.Split(':');
        if (parts.Length > 2 || parts[0].Length is < 1 or > 2 || (parts.Length == 2 && parts[1].Length != 2)
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int hours))
        {
            return null;
        }

        int minutes = 0;
        if (parts.Length == 2 && (!int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out minutes) || minutes > 59))
        {
            return null;
        }

        long total = sign * ((hours * 60L) + minutes);
        return total is < -12 * 60 or > 14 * 60 ? null : total * Minute;
    }
}
