using System;

namespace PmInterest.Binance;

/// <summary>The outcome of one HTTP exchange, before any retry decision.</summary>
internal sealed class HttpAttempt : IDisposable
{
    private HttpAttempt(int status, int? usedWeight)
    {
        Status = status;
        UsedWeight = usedWeight;
    }

    /// <summary>The HTTP status, or 0 when no answer arrived.</summary>
    public int Status { get; private set; }

    /// <summary>The body of a 200 that was read whole, else null. Disposed with the attempt.</summary>
    public BodyText? Body { get; private set; }

    /// <summary>The window's weight in the endpoint's pool as the answer reported it.</summary>
    public int? UsedWeight { get; }

    public int? Code { get; private set; }

    /// <summary>Binance's message of a refusal, or what the client makes of the answer.</summary>
    public string Message { get; private set; } = string.Empty;

    /// <summary>A 5xx, a timeout or a dropped connection: worth another attempt.</summary>
    public bool Transient { get; private set; }

    /// <summary>Why an answer cannot be used at all (a redirect, an unreadable 200 body), else null.</summary>
    public string? Unusable { get; private set; }

    public TimeSpan? RetryAfter { get; private set; }

    /// <summary>A failure to reach the host that no retry heals (certificate, TLS, host name, proxy), else null.</summary>
    public BinanceErrorKind? Unreachable { get; private set; }

    /// <summary>The status of headers that arrived before the body failed (the attempt's <see cref="Status"/> stays 0), else 0.</summary>
    public int HeadersStatus { get; private set; }

    /// <summary>How verbose output names what went wrong with a transient attempt.</summary>
    public string FailureText => Status == 0 ? Message : "HTTP " + Status.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <param name="headersStatus">The status of the headers, when they arrived and the body did not.</param>
    public static HttpAttempt Fault(string text, int headersStatus = 0) => new(0, null) { Message = text, Transient = true, HeadersStatus = headersStatus };

    public static HttpAttempt NotReachable(BinanceErrorKind kind, string text) => new(0, null) { Message = text, Unreachable = kind };

    public static HttpAttempt Redirect(int status, int? usedWeight, string target) =>
        new(status, usedWeight) { Unusable = "a redirect to " + target + ", which the client does not follow: only the BaseUri's host may see the API key and signed queries." };

    /// <summary>Takes the body: a 200's stays with the attempt, an error's is read for Binance's code and message and given back.</summary>
    public static HttpAttempt Answer(int status, int? usedWeight, TimeSpan? retryAfter, BodyText body, string? reasonPhrase)
    {
        var attempt = new HttpAttempt(status, usedWeight) { RetryAfter = retryAfter, Transient = status >= 500 };
        if (status == 200 && body.Failure is null)
        {
            attempt.Body = body;
            return attempt;
        }

        using (body)
        {
            if (status == 200)
            {
                attempt.Unusable = body.Failure;
                return attempt;
            }

            var (code, message, malformed) = body.Failure is null ? ErrorBody.Read(body, reasonPhrase) : (null, reasonPhrase ?? "no readable error body", null);
            attempt.Code = code;
            attempt.Message = message;
            // A 429 or 418 is honoured whatever its body says; a 5xx stays transient.
            if (malformed is not null && status < 500 && status != 429 && status != 418)
            {
                attempt.Unusable = "an error answer whose body is not Binance's error JSON. " + malformed;
            }
            return attempt;
        }
    }

    public void Dispose() => Body?.Dispose();
}
