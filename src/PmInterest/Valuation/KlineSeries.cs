using System.Collections.Generic;

namespace PmInterest.Valuation;

/// <summary>What a klines answer holds that valuation needs: each kline's open time and open price, oldest first.</summary>
internal sealed class KlineSeries
{
    public KlineSeries(IReadOnlyList<long> openTimes, IReadOnlyList<decimal> opens)
    {
        OpenTimes = openTimes;
        Opens = opens;
    }

    /// <summary>Open times in epoch milliseconds (UTC), strictly ascending.</summary>
    public IReadOnlyList<long> OpenTimes { get; }

    /// <summary>The open price of each kline, exact as sent.</summary>
    public IReadOnlyList<decimal> Opens { get; }

    public int Count => OpenTimes.Count;
}
