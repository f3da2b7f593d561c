namespace PmInterest.Emulator;

/// <summary>
/// What differs between the two interest histories: path, weight pool, the answer's spelling
/// of the time field, and the answer for an account of the other kind. Everything else
/// (parameters, size, span, defaults, weight 50) is the same, as Binance documents.
/// </summary>
internal sealed record InterestEndpoint(string Path, WeightPool Pool, string TimeField, EmulatorAccount Account, BinanceError WrongAccount)
{
    internal const int Weight = 50;
    internal const string ProTimeField = "interestAccruedTime";

    /// <summary>Portfolio Margin Pro: <c>/sapi</c>, <c>interestAccruedTime</c>, -21001 for another account.</summary>
    internal static readonly InterestEndpoint Pro = new(
        "/sapi/v1/portfolio/interest-history", WeightPool.Sapi, ProTimeField, EmulatorAccount.PortfolioMarginPro, BinanceError.NotPortfolioMarginPro);

    /// <summary>Portfolio Margin: <c>/papi</c>, <c>interestAccuredTime</c> (sic), and -2015 for a key of another kind of account.</summary>
    internal static readonly InterestEndpoint Unified = new(
        "/papi/v1/portfolio/interest-history", WeightPool.Papi, "interestAccuredTime", EmulatorAccount.PortfolioMargin, BinanceError.ApiKeyUnknown);
}
