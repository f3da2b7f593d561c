namespace PmInterest;

/// <summary>
/// The two Binance Portfolio Margin products, each with its own negative-balance interest
/// history, host and weight limits.
/// </summary>
public enum AccountType
{
    /// <summary>Portfolio Margin Pro (Binance also calls it Classic Portfolio Margin): <c>/sapi</c> on api.binance.com.</summary>
    PortfolioMarginPro = 0,

    /// <summary>The unified Portfolio Margin account: <c>/papi</c> on papi.binance.com.</summary>
    PortfolioMargin = 1,
}
