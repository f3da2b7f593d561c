using System;
using System.Globalization;

namespace PmInterest.Binance;

/// <summary>
/// The one exception the client throws for a failed request. It carries the HTTP status,
/// Binance's code and message and the request path: never the query string, so no
/// signature, key or secret can reach a log through it. The server's message is cleaned
/// (<see cref="ServerText.Clean"/>) here, the one place it enters, so no control character or
/// escape sequence from a server reaches a console or log. Scripts read BinanceCode,
/// BinanceMessage, HttpStatus and BannedUntil from an ErrorRecord's exception: PowerShell reads
/// public members of an internal type.
/// </summary>
internal sealed class BinanceApiException : Exception
{
    public BinanceApiException()
        : this(BinanceErrorKind.Other, 0, null, "Binance request failed.", string.Empty)
    {
    }

    public BinanceApiException(string message)
        : this(BinanceErrorKind.Other, 0, null, message, string.Empty)
    {
    }

    public BinanceApiException(string message, Exception innerException)
        : this(BinanceErrorKind.Other, 0, null, message, string.Empty, innerException)
    {
    }

    internal BinanceApiException(
        BinanceErrorKind kind,
        int httpStatus,
        int? binanceCode,
        string binanceMessage,
        string path,
        Exception? innerException = null,
        DateTime? bannedUntil = null,
        string? note = null)
        : base(Describe(httpStatus, binanceCode, ServerText.Clean(binanceMessage), path, bannedUntil) + (note is null ? string.Empty : " " + note), innerException)
    {
        Kind = kind;
        HttpStatus = httpStatus;
        BinanceCode = binanceCode;
        BinanceMessage = ServerText.Clean(binanceMessage);
        Path = path;
        BannedUntil = bannedUntil;
    }

    public BinanceErrorKind Kind { get; }

    /// <summary>The HTTP status, or 0 when no response arrived.</summary>
    public int HttpStatus { get; }

    /// <summary>Binance's error code (for example -1022), when the body carried one.</summary>
    public int? BinanceCode { get; }

    /// <summary>Binance's message (or the client's description of what was wrong), cleaned of control characters and capped in length.</summary>
    public string BinanceMessage { get; }

    /// <summary>The request path, without the query string.</summary>
    public string Path { get; }

    /// <summary>For an IP ban (HTTP 418): when it ends, in UTC.</summary>
    public DateTime? BannedUntil { get; }

    /// <summary>
    /// True when this request was not sent: the refusal (a 429 wait, a 418 ban) is one the process
    /// remembers from an earlier answer. Disconnect-PmAccount -ForgetRefusals forgets it.
    /// </summary>
    public bool Remembered { get; internal set; }

    private static string Describe(int status, int? code, string message, string path, DateTime? bannedUntil)
    {
        var where = string.IsNullOrEmpty(path) ? string.Empty : " " + path;
        var text = code is int c
            ? string.Format(CultureInfo.InvariantCulture, "Binance{0} answered HTTP {1}, code {2}: {3}", where, status, c, message)
            : status > 0
                ? string.Format(CultureInfo.InvariantCulture, "Binance{0} answered HTTP {1}: {2}", where, status, message)
                : string.Format(CultureInfo.InvariantCulture, "Binance{0}: {1}", where, message);
        if (bannedUntil is DateTime until)
        {
            text += string.Format(CultureInfo.InvariantCulture, " The IP is banned until {0:yyyy-MM-dd HH:mm:ss} UTC.", until);
        }

        return text;
    }
}
