namespace PmInterest.Emulator;

/// <summary>What kind of Portfolio Margin account the emulator's keys belong to.</summary>
public enum EmulatorAccount
{
    /// <summary>Both endpoints serve the data set.</summary>
    Both = 0,

    /// <summary>Portfolio Margin Pro: <c>/papi</c> answers -2015, as Binance does for a key of another kind of account.</summary>
    PortfolioMarginPro = 1,

    /// <summary>The unified Portfolio Margin account: <c>/sapi/v1/portfolio/interest-history</c> answers -21001.</summary>
    PortfolioMargin = 2,
}
