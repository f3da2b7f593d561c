using System;
using PmInterest.Binance;

namespace PmInterest.Endpoints;

/// <summary>
/// Everything the module calls for one kind of Portfolio Margin account: its host, its
/// interest history, the key check its host serves and its server clock. Each account type's
/// endpoints are described once, in its own file (<see cref="PortfolioMarginPro"/>,
/// <see cref="PortfolioMargin"/>).
/// </summary>
internal sealed class AccountProfile
{
    public AccountProfile(AccountType type, Uri defaultBaseUri, InterestHistoryEndpoint interestHistory, KeyCheckEndpoint keyCheck, ServerTimeEndpoint serverTime)
    {
        Type = type;
        DefaultBaseUri = defaultBaseUri;
        InterestHistory = interestHistory;
        KeyCheck = keyCheck;
        ServerTime = serverTime;
    }

    public AccountType Type { get; }

    /// <summary>Binance's production host for this account type.</summary>
    public Uri DefaultBaseUri { get; }

    public InterestHistoryEndpoint InterestHistory { get; }

    public KeyCheckEndpoint KeyCheck { get; }

    public ServerTimeEndpoint ServerTime { get; }

    /// <summary>The pool the interest history draws on: what -WeightLimit and Get-PmConnection's weight figures are about.</summary>
    public WeightPool Pool => InterestHistory.Pool;

    /// <summary>The other account type: the one to try when Binance says the account is not of this one.</summary>
    public AccountType Other => Type == AccountType.PortfolioMarginPro ? AccountType.PortfolioMargin : AccountType.PortfolioMarginPro;

    /// <summary>The heaviest request a connection of this type makes: a weight limit below it could never send it.</summary>
    public int HeaviestWeight => Math.Max(InterestHistory.Weight, Math.Max(KeyCheck.Weight, ServerTime.Weight));

    public static AccountProfile Of(AccountType type) => type switch
    {
        AccountType.PortfolioMarginPro => PortfolioMarginPro.Profile,
        AccountType.PortfolioMargin => PortfolioMargin.Profile,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Not an account type."),
    };
}
