namespace PmInterest.Binance;

/// <summary>What went wrong, in terms a caller can act on. Each maps to one PowerShell error category.</summary>
internal enum BinanceErrorKind
{
    /// <summary>The API key, signature or permissions were refused (-2014, -2015, -1022, -1002, HTTP 401/403).</summary>
    Authentication,

    /// <summary>The account cannot use this endpoint (-21001: not Portfolio Margin Pro).</summary>
    NotPermitted,

    /// <summary>The timestamp stayed outside recvWindow even after the clock was corrected (-1021).</summary>
    Timestamp,

    /// <summary>Binance refused a parameter (-11xx).</summary>
    InvalidParameter,

    /// <summary>Too much request weight (HTTP 429) and the wait was not allowed to go on.</summary>
    RateLimited,

    /// <summary>The IP is banned (HTTP 418) until <see cref="BinanceApiException.BannedUntil"/>.</summary>
    Banned,

    /// <summary>Server errors, timeouts or dropped connections that outlasted every retry.</summary>
    Unavailable,

    /// <summary>An answer the client could not read (not JSON, wrong shape).</summary>
    Protocol,

    /// <summary>Any other refusal.</summary>
    Other,

    /// <summary>The server's TLS certificate failed the platform's validation (untrusted chain, wrong name, none sent); not retried.</summary>
    CertificateNotTrusted,

    /// <summary>The TLS handshake failed for another reason (https to a plain-http server, no common protocol); not retried.</summary>
    TlsHandshakeFailed,

    /// <summary>The host name could not be resolved; not retried.</summary>
    HostNotFound,

    /// <summary>The proxy the request goes through refused it or could not be reached; not retried.</summary>
    ProxyFailed,
}
