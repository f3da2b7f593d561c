using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace PmInterest.Binance;

/// <summary>The HTTP side of the client: one exchange at a time, and the clock measurement.</summary>
public sealed partial class BinanceClient
{
    private const string ApiKeyHeader = "X-MBX-APIKEY";
    private const string SapiWeightHeader = "X-SAPI-USED-IP-WEIGHT-1M";
    private const string TimePath = "/api/v3/time";

    /// <summary>
    /// One request and its answer, within <see cref="BinanceClientOptions.RequestTimeout"/>
    /// (headers and body together). The governor hears the status and headers before the body
    /// is read, so a 429 or 418 stops every other request at once. With no
    /// <paramref name="ticket"/> the request is unsigned and sent without the API key.
    /// </summary>
    private async Task<HttpAttempt> ExchangeAsync(string url, WeightTicket? ticket, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (ticket is not null)
        {
            request.Headers.TryAddWithoutValidation(ApiKeyHeader, _apiKey);
        }

        request.Headers.TryAddWithoutValidation("Accept-Encoding", "gzip, deflate");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Options.RequestTimeout);
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);

            // Older frameworks may not end a body read when the token is cancelled; disposing does.
            using var abort = timeout.Token.Register(response.Dispose);
            var status = (int)response.StatusCode;
            int? used = TryReadWeight(response, out var w) ? w : null;
            var retryAfter = RateLimitAnswer.RetryAfter(response);
            if (ticket is not null)
            {
                Governor.Answered(ticket, Clock, status, used, retryAfter);
            }

            if (status is >= 300 and < 400)
            {
                return HttpAttempt.Redirect(status, used, RedirectTarget(response));
            }

            var body = await ResponseBody.ReadAsync(response, BinanceClientOptions.MaxResponseBytes, timeout.Token).ConfigureAwait(false);
            return HttpAttempt.Answer(status, used, retryAfter, body, response.ReasonPhrase);
        }
        catch (Exception e) when (e is OperationCanceledException || IsTransportFailure(e))
        {
            // Ctrl+C wins over whatever the abort made the transport throw.
            cancellationToken.ThrowIfCancellationRequested();
            if (timeout.IsCancellationRequested)
            {
                return NoAnswer(ticket, string.Format(CultureInfo.InvariantCulture, "no answer within {0:0.#} s", Options.RequestTimeout.TotalSeconds));
            }

            // The exception itself is not kept: its text could one day carry the request
            // URI, and with it the signature. Its type says enough.
            return NoAnswer(ticket, "connection failed (" + e.GetBaseException().GetType().Name + ")");
        }
    }

    /// <summary>How a dropped or refused connection shows (ObjectDisposedException: the body's stream closed under a read).</summary>
    private static bool IsTransportFailure(Exception e) => e is HttpRequestException or IOException or WebException or ObjectDisposedException;

    private HttpAttempt NoAnswer(WeightTicket? ticket, string text)
    {
        if (ticket is not null)
        {
            Governor.NoAnswer(ticket); // the next request may be the host's first now
        }

        return HttpAttempt.Fault(text);
    }

    /// <summary>Where a redirect points, as scheme and host[:port] only: its path and query may carry anything.</summary>
    private string RedirectTarget(HttpResponseMessage response)
    {
        var location = response.Headers.Location;
        if (location is null)
        {
            return "an unreadable or missing location";
        }

        if (!location.IsAbsoluteUri && !Uri.TryCreate(Options.BaseUri, location, out location))
        {
            return "an unreadable location";
        }

        return location.Scheme + "://" + location.Host + (location.IsDefaultPort ? string.Empty : ":" + location.Port.ToString(CultureInfo.InvariantCulture));
    }

    private BinanceApiException TimeUnreadable(HttpAttempt result)
    {
        if (result.Status == 418)
        {
            Governor.Ban(RateLimitAnswer.BanEndMs(Clock.NowMs, result.Message, result.RetryAfter));
            return new BinanceApiException(BinanceErrorKind.Banned, 418, result.Code, result.Message, TimePath, bannedUntil: GetWeightStatus().BannedUntilUtc);
        }

        var kind = result.Transient ? BinanceErrorKind.Unavailable
            : result.Status == 200 || result.Unusable is not null ? BinanceErrorKind.Protocol
            : Classify(result.Status, result.Code);
        var why = result.Unusable ?? (result.Status == 200 ? "the answer holds no serverTime." : result.Message);
        return new BinanceApiException(kind, result.Status, result.Code, "The server time could not be read: " + why, TimePath);
    }

    private static bool TryReadWeight(HttpResponseMessage response, out int used)
    {
        used = 0;
        return response.Headers.TryGetValues(SapiWeightHeader, out var values) &&
               int.TryParse(values.FirstOrDefault(), NumberStyles.Integer, CultureInfo.InvariantCulture, out used);
    }

    /// <summary>Measures the server clock offset with <c>GET /api/v3/time</c>, unless another request did since <paramref name="seenGeneration"/>.</summary>
    private async Task SyncClockAsync(int seenGeneration, CancellationToken cancellationToken)
    {
        await _clockSync.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (Clock.Generation != seenGeneration)
            {
                return;
            }

            for (var attempt = 1; ; attempt++)
            {
                var sent = ServerClock.LocalNowMs;
                var result = await ExchangeAsync(_baseText + TimePath, null, cancellationToken).ConfigureAwait(false);
                var received = ServerClock.LocalNowMs;
                if (result.Status == 200 && result.Body is not null && ErrorBody.TryReadServerTime(result.Body, out var serverTime))
                {
                    Clock.Observe(serverTime, sent, received);
                    return;
                }

                if (!result.Transient || attempt >= Options.MaxAttempts)
                {
                    throw TimeUnreadable(result);
                }

                await Task.Delay(Backoff.Delay(attempt, Options.BaseBackoff, Options.MaxBackoff), cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            _clockSync.Release();
        }
    }
}
