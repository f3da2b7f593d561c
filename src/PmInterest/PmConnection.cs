using System;
using System.Globalization;
using PmInterest.Binance;
using PmInterest.Binance.Signing;
using PmInterest.Endpoints;

namespace PmInterest;

/// <summary>
/// A connection to one Binance account: the API key, the signing key and the settings
/// of the client that talks to Binance. What it shows is safe to print: the API key is
/// shortened and no secret, private key or passphrase is reachable through it.
/// </summary>
public sealed class PmConnection : IDisposable
{
    private readonly object _gate = new();
    private int _users;
    private bool _closed;

    internal PmConnection(string apiKey, BinanceClient client, string source, AccountProfile profile)
    {
        ApiKey = Mask(apiKey);
        Client = client;
        Source = source;
        Profile = profile;
        WindowSpan = profile.InterestHistory.MaxSpan;
    }

    /// <summary>The API key, shortened to its first and last four characters.</summary>
    public string ApiKey { get; }

    /// <summary>Which Portfolio Margin product the connection reads: PortfolioMarginPro or PortfolioMargin.</summary>
    public AccountType AccountType => Profile.Type;

    /// <summary>HMAC, RSA or Ed25519.</summary>
    public KeyType KeyType => Client.KeyType ?? KeyType.Hmac;

    public Uri BaseUri => Client.BaseUri;

    /// <summary>Milliseconds a signed request stays valid on the server.</summary>
    public int RecvWindow => Client.Options.RecvWindow;

    /// <summary>The weight pool the interest history draws on (SAPI or PAPI), which the weight figures below are about.</summary>
    public string WeightPool => Profile.Pool.Name;

    /// <summary>Request weight per minute the module allows itself in that pool (-WeightLimit, else Binance's documented limit).</summary>
    public int WeightLimit => Client.Options.LimitFor(Profile.Pool);

    /// <summary>A lower limit learned from Binance's 429 (other programs share the IP), while it lasts; else null.</summary>
    public int? LearnedWeightLimit => Status.LearnedLimit;

    /// <summary>The limit the module paces against now: the learned one when it is lower.</summary>
    public int WeightLimitInForce => Status.LimitInForce;

    /// <summary>Weight used from this IP in the current minute, as far as the module knows (Binance's count when higher).</summary>
    public int WeightUsed => Status.UsedWeight;

    /// <summary>When the current weight minute ends (UTC).</summary>
    public DateTime WeightResetsAt => Status.WindowResetsUtc;

    /// <summary>Until when nothing is sent after a 429 (UTC), or null.</summary>
    public DateTime? RateLimitedUntil => Status.BlockedUntilUtc;

    /// <summary>When the 429 that holds every request to the host was answered (UTC), or null when there is no such wait.</summary>
    public DateTime? RateLimitedSince => Status.BlockedSinceUtc;

    /// <summary>Until when Binance banned the IP (HTTP 418, UTC), or null.</summary>
    public DateTime? BannedUntil => Status.BannedUntilUtc;

    /// <summary>When the ban in force was answered (HTTP 418, UTC), or null when there is no ban.</summary>
    public DateTime? BannedSince => Status.BannedSinceUtc;

    /// <summary>When the host last answered (UTC), or null.</summary>
    public DateTime? LastAnswerAt => Status.LastAnswerUtc;

    /// <summary>The longest startTime..endTime window the server accepts, as learned (the endpoint's documented 30 days until it says less).</summary>
    public TimeSpan WindowSpan { get; internal set; }

    /// <summary>When Connect-PmAccount checked the key with Binance (UTC), or null when it was not checked (-SkipCheck).</summary>
    public DateTime? CheckedAt { get; internal set; }

    /// <summary>The request the key was checked with, such as GET /sapi/v1/account/apiRestrictions; null when not checked.</summary>
    public string? CheckedWith { get; internal set; }

    /// <summary>What Binance said of the key at the check: may it read, is it IP-restricted, when was it made; null when not checked or when the account type's check tells no flags.</summary>
    public ApiKeyPermissions? Permissions { get; internal set; }

    /// <summary>Seconds one attempt may take.</summary>
    public int TimeoutSec => (int)Client.Options.RequestTimeout.TotalSeconds;

    /// <summary>Where the credentials came from: Parameters, Credential or Environment.</summary>
    public string Source { get; }

    /// <summary>Milliseconds the server clock is ahead of this machine's, as last measured.</summary>
    public long ClockOffsetMs => Client.Clock.OffsetMs;

    internal BinanceClient Client { get; }

    /// <summary>The account type's endpoints.</summary>
    internal AccountProfile Profile { get; }

    private WeightStatus Status => Client.GetWeightStatus(Profile.Pool);

    /// <summary>True once the object was written to the pipeline: then only the caller may close it.</summary>
    internal bool HandedOut { get; set; }

    /// <summary>True once the connection was closed (Dispose, Disconnect-PmAccount, Remove-Module): no new run may start on it.</summary>
    internal bool IsClosed
    {
        get
        {
            lock (_gate)
            {
                return _closed;
            }
        }
    }

    /// <summary>
    /// Marks a run on the client until the returned object is disposed; null when the connection
    /// is closed. A close while runs last waits for the last one to end before the client and
    /// the key are released, so a walk in flight (in this runspace or another) is never cut off.
    /// </summary>
    internal IDisposable? TryUse()
    {
        lock (_gate)
        {
            if (_closed)
            {
                return null;
            }

            _users++;
        }

        return new Use(this);
    }

    /// <summary>Closes the connection: the HTTP client is released and the signing key cleared, at once or when the last run on it ends.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_closed)
            {
                return;
            }

            _closed = true;
            if (_users > 0)
            {
                return;
            }
        }

        Client.Dispose();
    }

    public override string ToString() =>
        string.Format(CultureInfo.InvariantCulture, "{0} {1} key {2} at {3}", AccountType, KeyType, ApiKey, BaseUri);

    private static string Mask(string apiKey) =>
        apiKey.Length <= 12 ? new string('*', apiKey.Length) : apiKey.Substring(0, 4) + "..." + apiKey.Substring(apiKey.Length - 4);

    private void EndUse()
    {
        lock (_gate)
        {
            _users--;
            if (!_closed || _users > 0)
            {
                return;
            }
        }

        Client.Dispose();
    }

    private sealed class Use : IDisposable
    {
        private PmConnection? _connection;

        public Use(PmConnection connection) => _connection = connection;

        public void Dispose() => System.Threading.Interlocked.Exchange(ref _connection, null)?.EndUse();
    }
}
