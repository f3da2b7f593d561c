using System;
using System.Globalization;

namespace PmInterest.Binance;

/// <summary>
/// The errors of a request stopped before it was sent, by a 429 wait or a 418 ban the process
/// remembers: they say so, with since when and until when, and never that this request was answered.
/// </summary>
internal static class RememberedRefusal
{
    /// <summary>The IP is banned: nothing is sent until the ban ends.</summary>
    public static BinanceApiException Ban(string path, Admission admission) =>
        new(
            BinanceErrorKind.Banned,
            0,
            null,
            string.Format(CultureInfo.InvariantCulture, "No request was sent: Binance answered an earlier request with an IP ban (HTTP 418) at {0:yyyy-MM-dd HH:mm:ss} UTC, and this process sends nothing to the host until the ban ends.", ServerClock.ToUtc(admission.SinceMs)),
            path,
            bannedUntil: ServerClock.ToUtc(admission.UntilMs))
        {
            Remembered = true,
        };

    /// <summary>
    /// A 429 asks for a wait longer than the client waits: Binance's own words when the run met
    /// the refusal itself, else the remembered refusal's times.
    /// </summary>
    public static BinanceApiException TooLong(string path, Admission admission, TimeSpan wait, TimeSpan longest, RefusalBudget run)
    {
        var until = ServerClock.ToUtc(admission.UntilMs);
        if (run.Met)
        {
            var (code, message) = run.LastRefusal;
            return new BinanceApiException(
                BinanceErrorKind.RateLimited,
                429,
                code,
                message,
                path,
                note: string.Format(CultureInfo.InvariantCulture, "Binance asks to wait {0:0} s, until {1:yyyy-MM-dd HH:mm:ss} UTC, longer than the {2:0} s the client waits.", wait.TotalSeconds, until, longest.TotalSeconds));
        }

        return new BinanceApiException(
            BinanceErrorKind.RateLimited,
            0,
            null,
            string.Format(
                CultureInfo.InvariantCulture,
                "No request was sent: Binance answered an earlier request with HTTP 429 at {0:yyyy-MM-dd HH:mm:ss} UTC and asked to wait until {1:yyyy-MM-dd HH:mm:ss} UTC, longer than the {2:0} s the client waits; this process sends nothing to the host until then.",
                ServerClock.ToUtc(admission.SinceMs),
                until,
                longest.TotalSeconds),
            path)
        {
            Remembered = true,
        };
    }
}
