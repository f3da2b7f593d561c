using System;
using System.Globalization;
using System.Management.Automation;

namespace PmInterest.Commands;

/// <summary>
/// The inclusive range a call covers, in epoch milliseconds, from -StartTime and -EndTime
/// with the defaults of design: neither gives the last 7 days, only StartTime runs to now,
/// only EndTime covers the 7 days before it. Local and unspecified DateTimes are local time
/// (PowerShell's reading of '2025-01-01'); UTC ones are taken as they are.
/// </summary>
internal static class TimeRange
{
    public static readonly TimeSpan DefaultLength = TimeSpan.FromDays(7);

    // An end in the future is cut back to now: nothing has accrued there, and each empty
    // window would still cost a request. The margin covers a server clock that runs ahead.
    private static readonly TimeSpan FutureMargin = TimeSpan.FromMinutes(5);

    private static readonly DateTime Epoch = new(1970, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    public static (long StartMs, long EndMs) Resolve(DateTime? start, DateTime? end, DateTime utcNow) =>
        Resolve(start, end, utcNow, utcNow + FutureMargin);

    /// <summary>
    /// As <see cref="Resolve(DateTime?, DateTime?, DateTime)"/>, with the latest end allowed given;
    /// <paramref name="defaultEnd"/> names the default end in messages.
    /// </summary>
    public static (long StartMs, long EndMs) Resolve(DateTime? start, DateTime? end, DateTime utcNow, DateTime latest, string defaultEnd = "now")
    {
        var startUtc = start is DateTime s ? ToUtc(s, "StartTime") : (DateTime?)null;
        var endUtc = end is DateTime e ? ToUtc(e, "EndTime") : (DateTime?)null;

        var to = endUtc ?? utcNow;
        if (to > latest)
        {
            to = latest;
        }

        // Nothing accrued before 1970: a default start is cut there, never sent negative.
        var from = startUtc ?? (to - Epoch > DefaultLength ? to - DefaultLength : Epoch);
        if (from > to)
        {
            throw new PmInputException(ErrorIds.InvalidTimeRange,
                string.Format(
                    CultureInfo.InvariantCulture,
                    "StartTime {0:yyyy-MM-dd HH:mm:ss}Z is after EndTime {1:yyyy-MM-dd HH:mm:ss}Z{2}.",
                    from,
                    to,
                    endUtc is null ? " (" + defaultEnd + ")" : string.Empty),
                "Give a StartTime that is earlier than EndTime; times without a zone are local time.");
        }

        return (CeilingMs(from), FloorMs(to));
    }

    /// <summary>The instant in UTC; a time Binance cannot be asked for (before 1970) is refused here, before any request.</summary>
    private static DateTime ToUtc(DateTime value, string name)
    {
        var utc = value.Kind == DateTimeKind.Utc ? value : value.ToUniversalTime();
        if (utc < Epoch)
        {
            throw new PmInputException(ErrorIds.InvalidTimeRange,
                string.Format(CultureInfo.InvariantCulture, "{0} {1:yyyy-MM-dd HH:mm:ss}Z is before 1970-01-01, where Binance times start.", name, utc),
                "Give a " + name + " after 1970-01-01 (times without a zone are local time).");
        }

        return utc;
    }

    // The range is inclusive at millisecond precision: a start with sub-millisecond ticks
    // begins at the next whole millisecond, an end at the one before.
    private static long FloorMs(DateTime utc) => (utc - Epoch).Ticks / TimeSpan.TicksPerMillisecond;

    private static long CeilingMs(DateTime utc)
    {
        var ticks = (utc - Epoch).Ticks;
        return (ticks / TimeSpan.TicksPerMillisecond) + (ticks % TimeSpan.TicksPerMillisecond > 0 ? 1 : 0);
    }
}
