using System;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Text.RegularExpressions;

namespace PmInterest.Binance;

/// <summary>
/// Reads how long a 429 or 418 asks the client to stay away, whatever the server wrote:
/// nothing here can overflow or throw. A Retry-After that is negative or unreadable counts as
/// absent; one longer than Binance's longest ban (3 days) is cut to it.
/// <para>
/// A ban's end is taken from the message ("IP banned until 1700000000000") when it lies in the
/// future, else from Retry-After, else it is Binance's shortest ban (2 minutes) from now; and
/// whatever it is, it is cut to at most 3 days from now, Binance's longest ban. So a server
/// that says "banned until the year 3 million" stops the client for 3 days, not forever and not
/// with an exception.
/// </para>
/// </summary>
internal static class RateLimitAnswer
{
    public static readonly TimeSpan LongestBan = TimeSpan.FromDays(3);
    public static readonly TimeSpan ShortestBan = TimeSpan.FromMinutes(2);

    private static readonly Regex BannedUntilPattern = new(@"banned until (\d+)", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

    /// <summary>The Retry-After header as a wait from now, or null when absent, negative or unreadable.</summary>
    public static TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        if (!response.Headers.TryGetValues("Retry-After", out var values))
        {
            return null;
        }

        var text = values.FirstOrDefault()?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        var sign = text![0] is '-' or '+' ? 1 : 0;
        if (text.Length > sign && text.Skip(sign).All(c => c is >= '0' and <= '9'))
        {
            // Seconds. A negative wait means nothing; more digits than a long holds are a
            // wait longer than any ban.
            if (text[0] == '-')
            {
                return null;
            }

            return long.TryParse(text.Substring(sign), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds <= LongestBan.TotalSeconds
                ? TimeSpan.FromSeconds(seconds)
                : LongestBan;
        }

        if (DateTimeOffset.TryParseExact(text, "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date))
        {
            var wait = date - DateTimeOffset.UtcNow;
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait > LongestBan ? LongestBan : wait;
        }

        return null;
    }

    /// <summary>The end of a ban in server ms, from the message, Retry-After or the shortest ban, never more than 3 days away.</summary>
    public static long BanEndMs(long nowMs, string? message, TimeSpan? retryAfter)
    {
        var longest = nowMs + (long)LongestBan.TotalMilliseconds;
        var stated = StatedBanEndMs(message);
        if (stated is long end && end > nowMs)
        {
            return Math.Min(end, longest);
        }

        if (retryAfter is TimeSpan wait && wait > TimeSpan.Zero)
        {
            return Math.Min(nowMs + (long)wait.TotalMilliseconds, longest);
        }

        return nowMs + (long)ShortestBan.TotalMilliseconds;
    }

    /// <summary>The "banned until" time of a 418 message; long.MaxValue when it has more digits than a long holds.</summary>
    private static long? StatedBanEndMs(string? message)
    {
        if (message is null)
        {
            return null;
        }

        var match = BannedUntilPattern.Match(message);
        if (!match.Success)
        {
            return null;
        }

        return long.TryParse(match.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var ms) ? ms : long.MaxValue;
    }
}
