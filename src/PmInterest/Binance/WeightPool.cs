using System;

namespace PmInterest.Binance;

/// <summary>
/// One of Binance's request-weight budgets: a host counts weight per IP separately for each
/// API family (<c>/sapi</c>, <c>/papi</c>, <c>/api</c>), each with its own limit and its own
/// header reporting the window's total. Endpoints name their pool; the client keeps one
/// governor per host and pool.
/// </summary>
internal sealed class WeightPool
{
    public WeightPool(string name, string usedWeightHeader, int defaultLimit, TimeSpan window)
    {
        Name = name;
        UsedWeightHeader = usedWeightHeader;
        DefaultLimit = defaultLimit;
        Window = window;
    }

    /// <summary>How messages name the pool, such as "SAPI".</summary>
    public string Name { get; }

    /// <summary>The answer header with the weight used in the current window, such as X-SAPI-USED-IP-WEIGHT-1M.</summary>
    public string UsedWeightHeader { get; }

    /// <summary>Binance's documented limit per window and IP.</summary>
    public int DefaultLimit { get; }

    /// <summary>The length of the counting window ("1M" in the header name).</summary>
    public TimeSpan Window { get; }

    public override string ToString() => Name;
}
