using System;

namespace PmInterest.Binance;

/// <summary>Settings of one connection. The defaults follow Binance's documented limits; the connection defaults live here once.</summary>
internal sealed class BinanceClientOptions
{
    public const int MaxRecvWindow = 60000;

    /// <summary>Binance's own default recvWindow, in ms.</summary>
    public const int DefaultRecvWindow = 5000;

    /// <summary>Seconds one attempt may take by default.</summary>
    public const int DefaultTimeoutSec = 30;

    /// <summary>
    /// The largest answer body the client reads, after decompression: 1 MiB. A full page of
    /// 100 records is about 20 KB, so this leaves room for any change Binance may make while a
    /// hostile or broken server cannot make the client buffer more than this.
    /// </summary>
    public const int MaxResponseBytes = 1024 * 1024;

    /// <summary>
    /// Refusals (HTTP 429) in a row after which a run stops with BinanceRateLimited. Binance bans
    /// an IP that keeps sending after 429s; after each refusal one request goes alone, so this is
    /// also about how many requests a refusing host gets in a row.
    /// </summary>
    public const int DefaultMaxRefusalsInARow = 5;

    /// <summary>Minutes one run may be held by refusals (HTTP 429) in all before it stops with BinanceRateLimited.</summary>
    public const int DefaultMaxRefusalWaitMinutes = 10;

    private static readonly char[] QueryOrFragment = { '?', '#' };

    /// <summary>Where requests go: the API's root address.</summary>
    public Uri? BaseUri { get; set; }

    /// <summary>Milliseconds a request stays valid on the server (1..60000).</summary>
    public int RecvWindow { get; set; } = DefaultRecvWindow;

    /// <summary>Request weight the client allows itself per window in every weight pool; null: each pool's documented limit.</summary>
    public int? WeightLimit { get; set; }

    /// <summary>The weight window's length in every pool; null: each pool's own (one minute). Tests shorten it.</summary>
    public TimeSpan? WeightWindow { get; set; }

    /// <summary>The unsigned endpoint that answers the server time, for -1021; null when the host has none.</summary>
    public ApiEndpoint<long>? ServerTime { get; set; }

    /// <summary>How long one attempt may take before it counts as a transient fault.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(DefaultTimeoutSec);

    /// <summary>Attempts for one request under transient faults (5xx, timeouts, dropped connections).</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>First backoff delay; each later one doubles, with jitter, up to <see cref="MaxBackoff"/>.</summary>
    public TimeSpan BaseBackoff { get; set; } = TimeSpan.FromMilliseconds(200);

    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Longest 429 Retry-After the client waits out before giving up on the request.</summary>
    public TimeSpan MaxRateLimitWait { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Refusals (HTTP 429) in a row after which one run (one command) stops; tests lower it.</summary>
    public int MaxRefusalsInARow { get; set; } = DefaultMaxRefusalsInARow;

    /// <summary>Time one run (one command) may be held by refusals (HTTP 429) in all before it stops; tests lower it.</summary>
    public TimeSpan MaxRefusalWaitPerRun { get; set; } = TimeSpan.FromMinutes(DefaultMaxRefusalWaitMinutes);

    /// <summary>Most requests in flight at once; the weight governor paces them all.</summary>
    public int MaxConcurrency { get; set; } = 4;

    /// <summary>Waits at least this long are told to the caller (a <see cref="WaitEvent"/>) before they start.</summary>
    public TimeSpan WaitNoticeThreshold { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// True for an absolute http or https address without user info (user:password@), query
    /// or fragment: the only kind the client sends to. User info would put a password into
    /// every message that names the address; a query or fragment would be mangled into the
    /// signed query.
    /// </summary>
    public static bool IsUsableBaseUri(Uri? uri) =>
        uri is not null &&
        uri.IsAbsoluteUri &&
        (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) &&
        uri.UserInfo.Length == 0 &&
        uri.Query.Length == 0 &&
        uri.Fragment.Length == 0 &&
        uri.OriginalString.IndexOfAny(QueryOrFragment) < 0;

    /// <summary>The limit the client paces <paramref name="pool"/> against.</summary>
    public int LimitFor(WeightPool pool) => WeightLimit ?? pool.DefaultLimit;

    /// <summary>The window <paramref name="pool"/> is counted in.</summary>
    public TimeSpan WindowFor(WeightPool pool) => WeightWindow ?? pool.Window;

    /// <summary>Checks every value and returns a message naming the first one out of range, or null.</summary>
    public string? Validate()
    {
        if (!IsUsableBaseUri(BaseUri))
        {
            return "BaseUri must be an absolute http or https address without user name, password, query or fragment, such as https://api.binance.com.";
        }

        if (RecvWindow < 1 || RecvWindow > MaxRecvWindow)
        {
            return "RecvWindow must be between 1 and 60000 milliseconds.";
        }

        if (WeightLimit < 1)
        {
            return "WeightLimit must be positive.";
        }

        if (RequestTimeout <= TimeSpan.Zero || MaxAttempts < 1 || MaxConcurrency < 1 || WeightWindow <= TimeSpan.Zero)
        {
            return "RequestTimeout, MaxAttempts, MaxConcurrency and WeightWindow must be positive.";
        }

        if (MaxRefusalsInARow < 1 || MaxRefusalWaitPerRun < TimeSpan.Zero)
        {
            return "MaxRefusalsInARow must be positive and MaxRefusalWaitPerRun must not be negative.";
        }

        if (WaitNoticeThreshold < TimeSpan.Zero)
        {
            return "WaitNoticeThreshold must not be negative.";
        }

        return null;
    }
}
