using System;
using PmInterest.Binance;

namespace PmInterest.Endpoints;

/// <summary>
/// Binance's request-weight pools the module's endpoints draw on, with their documented limits
/// per IP and minute and the headers that report them. The one place these figures live.
/// </summary>
internal static class WeightPools
{
    /// <summary><c>/sapi</c> IP weight (Portfolio Margin Pro): 12,000 a minute, X-SAPI-USED-IP-WEIGHT-1M.</summary>
    public static readonly WeightPool Sapi = new("SAPI", "X-SAPI-USED-IP-WEIGHT-1M", 12000, TimeSpan.FromMinutes(1));

    /// <summary><c>/papi</c> request weight (Portfolio Margin): 6,000 a minute, X-MBX-USED-WEIGHT-1M.</summary>
    public static readonly WeightPool Papi = new("PAPI", "X-MBX-USED-WEIGHT-1M", 6000, TimeSpan.FromMinutes(1));

    /// <summary>Spot <c>/api</c> request weight (server time, market data): 6,000 a minute, X-MBX-USED-WEIGHT-1M.</summary>
    public static readonly WeightPool Spot = new("API", "X-MBX-USED-WEIGHT-1M", 6000, TimeSpan.FromMinutes(1));
}
