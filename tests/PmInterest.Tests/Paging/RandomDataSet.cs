using System;
using System.Collections.Generic;
using System.Linq;

namespace PmInterest.Tests.Paging;

/// <summary>
/// Random records for property tests: instants drawn from a small set so ties are common,
/// tie sizes from one to <c>maxTie</c>, each asset at most once per instant (as Binance
/// accrues), amounts with varying scale.
/// </summary>
internal static class RandomDataSet
{
    public static List<NegativeBalanceInterest> Create(Random random, long fromMs, long toMs, int instants, int maxTie, int assetPool)
    {
        var assets = Enumerable.Range(0, assetPool).Select(i => "A" + i.ToString("D3", System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        var records = new List<NegativeBalanceInterest>();
        var used = new HashSet<long>();
        for (var i = 0; i < instants; i++)
        {
            var t = fromMs + (long)(random.NextDouble() * (toMs - fromMs + 1));
            if (!used.Add(t))
            {
                continue;
            }

            var tie = 1 + random.Next(Math.Min(maxTie, assetPool));
            foreach (var asset in assets.OrderBy(_ => random.Next()).Take(tie))
            {
                records.Add(Record(random, asset, t));
            }
        }

        return records;
    }

    /// <summary>
    /// Data with instants that more assets share than a page holds, where every asset of such an
    /// instant also accrues at another instant of the range: a client that learns every asset of
    /// the range can fetch each overflowing instant completely, by asset.
    /// </summary>
    public static List<NegativeBalanceInterest> WithResolvableOverflows(Random random, long fromMs, long toMs, int pageSize, int overflowInstants)
    {
        var records = Create(random, fromMs, toMs, instants: random.Next(20, 200), maxTie: pageSize - 1, assetPool: 12);
        var taken = new HashSet<long>(records.Select(r => r.AccruedMs));
        for (var i = 0; i < overflowInstants; i++)
        {
            var t = fromMs + (long)(random.NextDouble() * (toMs - fromMs + 1));
            if (!taken.Add(t))
            {
                continue;
            }

            var count = pageSize + 1 + random.Next(2 * pageSize);
            for (var a = 0; a < count; a++)
            {
                var asset = "T" + a.ToString("D3", System.Globalization.CultureInfo.InvariantCulture);
                records.Add(Record(random, asset, t));
                long elsewhere;
                do
                {
                    elsewhere = fromMs + (long)(random.NextDouble() * (toMs - fromMs + 1));
                }
                while (elsewhere == t);
                records.Add(Record(random, asset, elsewhere));
            }
        }

        return records;
    }

    private static NegativeBalanceInterest Record(Random random, string asset, long t)
    {
        var principal = Math.Round((decimal)random.NextDouble() * 1_000_000m, random.Next(0, 5));
        var rate = Math.Round((decimal)random.NextDouble() / 1000m, 8);
        return new NegativeBalanceInterest(asset, Math.Round(principal * rate / 24m, 8), rate, principal, DateTimeOffset.FromUnixTimeMilliseconds(t).UtcDateTime);
    }
}
