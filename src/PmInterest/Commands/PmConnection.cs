using System;
using System.Globalization;
using PmInterest.Binance;
using PmInterest.Binance.Signing;

namespace PmInterest;

/// <summary>
/// A connection to one Binance account: the API key, the signing key and the settings
/// of the client that talks to Binance. What it shows is safe to print: the API key is
/// shortened and no secret, private key or passphrase is reachable through it.
/// </summary>
public sealed class PmConnection : IDisposable
{
    internal PmConnection(string apiKey, BinanceClient client, string source)
    {
        ApiKey = Mask(apiKey);
        Client = client;
        Source = source;
    }

    /// <summary>The API key, shortened to its first and last four characters.</summary>
    public string ApiKey { get; }

    /// <summary>Which Portfolio Margin product the connection reads: PortfolioMarginPro or PortfolioMargin.</summary>
    public AccountType AccountType { get; internal set; } = AccountType.PortfolioMarginPro;

    /// <summary>HMAC, RSA or Ed25519.</summary>
    public KeyType KeyType => Client.KeyType;

    public Uri BaseUri => Client.Options.BaseUri;

    /// <summary>Milliseconds a signed request stays valid on the server.</summary>
    public int RecvWindow => Client.Options.RecvWindow;

    /// <summary>Request weight per minute the module allows itself (-WeightLimit).</summary>
    public int WeightLimit => Client.Options.WeightLimit;

    /// <summary>A lower limit learned from Binance's 429 (other programs share the IP), while it lasts; else null.</summary>
    public int? LearnedWeightLimit => Client.GetWeightStatus().LearnedLimit;

    /// <summary>The limit the module paces against now: the learned one when it is lower.</summary>
    public int WeightLimitInForce => Client.GetWeightStatus().LimitInForce;

    /// <summary>Weight used from this IP in the current minute, as far as the module knows (Binance's count when higher).</summary>
    public int WeightUsed => Client.GetWeightStatus().UsedWeight;

    /// <summary>When the current weight minute ends (UTC).</summary>
    public DateTime WeightResetsAt => Client.GetWeightStatus().WindowResetsUtc;

    /// <summary>Until when nothing is sent after a 429 (UTC), or null.</summary>
    public DateTime? RateLimitedUntil => Client.GetWeightStatus().BlockedUntilUtc;

    /// <summary>Until when Binance banned the IP (HTTP 418, UTC), or null.</summary>
    public DateTime? BannedUntil => Client.GetWeightStatus().BannedUntilUtc;

    /// <summary>When the host last answered (UTC), or null.</summary>
    public DateTime? LastAnswerAt => Client.GetWeightStatus().LastAnswerUtc;

    /// <summary>The longest startTime..endTime window the server accepts, as learned (30 days until it says less).</summary>
    public TimeSpan WindowSpan { get; internal set; } = PmInterest.Interest.PagerOptions.DefaultSpan;

    /// <summary>When Connect-PmAccount checked the key with Binance (UTC), or null when it was not checked (-SkipCheck).</summary>
    public DateTime? CheckedAt { get; internal set; }

    /// <summary>What Binance said of the key at the check: may it read, is it IP-restricted, when was it made; null when not checked.</summary>
    public ApiKeyPermissions? Permissions { get; internal set; }

    /// <summary>Seconds one attempt may take.</summary>
    public int TimeoutSec => (int)Client.Options.RequestTimeout.TotalSeconds;

    /// <summary>Where the credentials came from: Parameters, Credential or Environment.</summary>
    public string Source { get; }

    /// <summary>Milliseconds the server clock is ahead of this machine's, as last measured.</summary>
    public long ClockOffsetMs => Client.Clock.OffsetMs;

    internal BinanceClient Client { get; }

    /// <summary>True once the object was written to the pipeline: then only the caller may close it.</summary>
    internal bool HandedOut { get; set; }

    /// <summary>Releases the HTTP client and the signing key.</summary>
    public void Dispose() => Client.Dispose();

    public override string ToString() =>
        string.Format(CultureInfo.InvariantCulture, "{0} key {1} at {2}", KeyType, ApiKey, BaseUri);

    private static string Mask(string apiKey) =>
        apiKey.Length <= 12 ? new string('*', apiKey.Length) : apiKey.Substring(0, 4) + "..." + apiKey.Substring(apiKey.Length - 4);
}
