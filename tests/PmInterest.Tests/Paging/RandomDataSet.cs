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
                var principal = Math.Round((decimal)random.NextDouble() * 1_000_000m, random.Next(0, 5));
                var rate = Math.Round((decimal)random.NextDouble() / 1000m, 8);
                var interest = Math.Round(principal * rate / 24m, 8);
                records.Add(new NegativeBalanceInterest(asset, interest, rate, principal, DateTimeOffset.FromUnixTimeMilliseconds(t).UtcDateTime));
            }
        }

        return records;
    }
}
