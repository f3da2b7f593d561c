using System;
using System.Globalization;

namespace PmInterest.Commands;

/// <summary>
/// What a walk costs at least, told before it starts: one request per asset (each named asset is
/// walked on its own) and window of the longest span, each of the endpoint's weight. A run whose
/// least weight exceeds one window's budget (a minute's) gets a warning with the time it takes. A
/// walk bounded by -First is not estimated: it may stop long before.
/// </summary>
internal static class WeightEstimate
{
    /// <param name="assets">The assets walked on their own; 1 for all assets together.</param>
    /// <param name="limit">The weight limit in force per window.</param>
    /// <returns>The warning, or null when the run fits in one window's budget.</returns>
    public static string? Warning(int assets, long startMs, long endMs, TimeSpan span, int weight, int limit, TimeSpan window, string pool)
    {
        var spanMs = Math.Max(1L, (long)span.TotalMilliseconds);
        var windows = Math.Max(1L, (endMs - startMs + spanMs - 1) / spanMs);
        var requests = Math.Max(1, assets) * windows;
        var total = requests * weight;
        if (limit <= 0 || total <= limit)
        {
            return null;
        }

        var minutes = (double)total / limit * window.TotalMinutes;
        var split = assets > 1
            ? string.Format(CultureInfo.InvariantCulture, "{0} assets, each walked on its own, x {1} windows of {2:0.#} days", assets, windows, span.TotalDays)
            : string.Format(CultureInfo.InvariantCulture, "{0} windows of {1:0.#} days", windows, span.TotalDays);
        var hint = assets > 1 ? " Leave -Asset out to walk all assets together, or narrow the time range." : " Narrow the time range to spend less.";
        return string.Format(
            CultureInfo.InvariantCulture,
            "This run needs at least {0} requests ({1}) of weight {2}: {3} weight, about {4:0.#} minutes of this IP's whole {5} budget ({6} {7}), which other programs on the IP lack meanwhile.{8}",
            requests,
            split,
            weight,
            total,
            minutes,
            pool,
            limit,
            window == TimeSpan.FromMinutes(1) ? "a minute" : string.Format(CultureInfo.InvariantCulture, "per {0:0.###} s", window.TotalSeconds),
            hint);
    }
}
