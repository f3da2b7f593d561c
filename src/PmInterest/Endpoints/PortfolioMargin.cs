using System;

namespace PmInterest.Endpoints;

/// <summary>
/// The unified Portfolio Margin account on papi.binance.com: the <c>/papi</c> interest history
/// (weight 50, 100 records a page, 30 days a window; the answer spells its time field
/// <c>interestAccuredTime</c>), the key check Account Information (weight 20) and the PAPI
/// server clock, all in the PAPI weight pool.
/// </summary>
internal static class PortfolioMargin
{
    public static readonly InterestHistoryEndpoint InterestHistory = new(
        "/papi/v1/portfolio/interest-history",
        weight: 50,
        WeightPools.Papi,
        pageSize: 100,
        maxSpan: TimeSpan.FromDays(30),
        timeField: "interestAccuredTime");

    public static readonly AccountInformationEndpoint KeyCheck = new("/papi/v1/account", weight: 20, WeightPools.Papi);

    public static readonly ServerTimeEndpoint ServerTime = new("/papi/v1/time", WeightPools.Papi);

    public static readonly AccountProfile Profile = new(
        AccountType.PortfolioMargin,
        new Uri("https://papi.binance.com/"),
        InterestHistory,
        KeyCheck,
        ServerTime);
}
