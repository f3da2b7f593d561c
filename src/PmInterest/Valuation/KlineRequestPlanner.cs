using System;
using System.Collections.Generic;

namespace PmInterest.Valuation;

/// <summary>
/// Chooses, for one symbol, the interval whose klines open on every needed minute and the
/// windows (greedy, optimal for points on a line) that settle them in the fewest requests.
/// A window also holds the kline before its first needed one unless that is known: a coarse
/// kline counts only after its predecessor, since a symbol's first kline opens before trading does.
/// </summary>
internal static class KlineRequestPlanner
{
    /// <summary>The most klines one request returns (Binance: limit default 500, max 1000).</summary>
    public const int MaxKlines = 1000;

    /// <param name="needed">The minutes whose kline is needed, ascending and distinct.</param>
    /// <param name="knownToTrade">True for a minute at which a kline of the symbol is already known to open.</param>
    /// <param name="descending">Lay windows from the latest minute down, for input that runs newest first: the slack of each window then lies where the next input will be.</param>
    /// <param name="only">Plan with this interval only (1m, for minutes whose coarse kline was not trusted).</param>
    public static List<KlineRequest> Plan(string symbol, IReadOnlyList<long> needed, Func<long, bool> knownToTrade, bool descending, KlineInterval? only = null)
    {
        if (needed.Count == 0)
        {
            return new List<KlineRequest>();
        }

        List<KlineRequest>? best = null;
        foreach (var interval in only is null ? KlineInterval.Plannable : new[] { only })
        {
            if (!OpensOnAll(interval, needed))
            {
                continue;
            }

            var plan = descending ? Downward(symbol, interval, needed, knownToTrade) : Upward(symbol, interval, needed, knownToTrade);

            // Finest first: a coarser interval wins ties (fewer klines to send).
            if (best is null || plan.Count <= best.Count)
            {
                best = plan;
            }
        }

        // Every minute is a 1m open, so there is always a plan.
        return best!;
    }

    private static bool OpensOnAll(KlineInterval interval, IReadOnlyList<long> needed)
    {
        foreach (var minute in needed)
        {
            if (!interval.Opens(minute))
            {
                return false;
            }
        }

        return true;
    }

    private static bool NeedsPredecessor(KlineInterval interval) => !ReferenceEquals(interval, KlineInterval.OneMinute);

    /// <summary>Windows from the earliest needed minute up: each starts at its first needed kline, or one kline before it when that one is not told otherwise.</summary>
    private static List<KlineRequest> Upward(string symbol, KlineInterval interval, IReadOnlyList<long> needed, Func<long, bool> knownToTrade)
    {
        var requests = new List<KlineRequest>();
        long coveredFrom = long.MaxValue, coveredTo = long.MinValue;
        var i = 0;
        while (i < needed.Count)
        {
            var first = needed[i];
            var previous = interval.Previous(first);
            var told = !NeedsPredecessor(interval) || previous < interval.FirstOpenMs
                || (previous >= coveredFrom && previous <= coveredTo) || knownToTrade(previous);
            var start = told ? first : previous;
            var last = interval.Add(start, MaxKlines - 1);
            var settled = new List<long>();
            while (i < needed.Count && needed[i] <= last)
            {
                settled.Add(needed[i++]);
            }

            requests.Add(new KlineRequest(symbol, interval, start, last, settled));
            coveredFrom = start;
            coveredTo = last;
        }

        return requests;
    }

    /// <summary>Windows from the latest needed minute down: each ends at it and reaches 999 klines back; a needed minute on a window's first kline is left to the next window unless its predecessor is known.</summary>
    private static List<KlineRequest> Downward(string symbol, KlineInterval interval, IReadOnlyList<long> needed, Func<long, bool> knownToTrade)
    {
        var requests = new List<KlineRequest>();
        var i = needed.Count - 1;
        while (i >= 0)
        {
            var last = needed[i];
            var start = Math.Max(interval.FirstOpenMs, interval.Add(last, -(MaxKlines - 1)));
            var j = i;
            while (j > 0 && needed[j - 1] > start)
            {
                j--;
            }

            if (j > 0 && needed[j - 1] == start)
            {
                var previous = interval.Previous(start);
                if (!NeedsPredecessor(interval) || previous < interval.FirstOpenMs || knownToTrade(previous))
                {
                    j--;
                }
            }

            var settled = new List<long>(i - j + 1);
            for (var k = j; k <= i; k++)
            {
                settled.Add(needed[k]);
            }

            requests.Add(new KlineRequest(symbol, interval, start, last, settled));
            i = j - 1;
        }

        requests.Reverse();
        return requests;
    }
}
