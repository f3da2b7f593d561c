using System;
using PmInterest.Interest;

namespace PmInterest.Endpoints;

/// <summary>
/// Portfolio Margin Pro (Binance also calls it Classic Portfolio Margin) on api.binance.com:
/// the <c>/sapi</c> interest history (weight 50, 100 records a page, 30 days a window), the key
/// check apiRestrictions (weight 1) and the spot server clock.
/// </summary>
internal static class PortfolioMarginPro
{
    public static readonly InterestHistoryEndpoint InterestHistory = new(
        "/sapi/v1/portfolio/interest-history",
        weight: 50,
        WeightPools.Sapi,
        pageSize: 100,
        maxSpan: TimeSpan.FromDays(30),
        timeField: InterestHistoryParser.ProTimeField);

    public static readonly ApiRestrictionsEndpoint KeyCheck = new("/sapi/v1/account/apiRestrictions", weight: 1, WeightPools.Sapi);

    public static readonly ServerTimeEndpoint ServerTime = new("/api/v3/time", WeightPools.Spot);

    public static readonly AccountProfile Profile = new(
        AccountType.PortfolioMarginPro,
        new Uri("https://api.binance.com/"),
        InterestHistory,
        KeyCheck,
        ServerTime);
}
