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
internal sealed partial class BinanceClient
{
    private const string ApiKeyHeader = "X-MBX-APIKEY";

    /// <summary>
    /// One request and its answer, within <see cref="BinanceClientOptions.RequestTimeout"/>
    /// (headers and body together). The governor hears the status and headers before the body
    /// is read, so a 429 or 418 stops every other request to the pool at once. Only a signed
    /// endpoint's request carries the API key.
    /// </summary>
    private async Task<HttpAttempt> ExchangeAsync(string url, ApiEndpoint endpoint, WeightGovernor governor, WeightTicket ticket, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (endpoint.Signed)
        {
            request.Headers.TryAddWithoutValidation(ApiKeyHeader, _apiKey);
        }

        request.Headers.TryAddWithoutValidation("Accept-Encoding", "gzip, deflate");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Options.RequestTimeout);
        var headersStatus = 0;
        var received = new ReceivedBytes();
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);

            // Older frameworks may not end a body read when the token is cancelled; disposing does.
            using var abort = timeout.Token.Register(response.Dispose);
            var status = (int)response.StatusCode;
            headersStatus = status;
            var weight = UsedWeight.Read(response, endpoint.Pool.UsedWeightHeader);
            var used = weight.Figure;
            var retryAfter = RateLimitAnswer.RetryAfter(response);
            governor.Answered(ticket, Clock, status, weight, retryAfter);

            if (status is >= 300 and < 400)
            {
                return HttpAttempt.Redirect(status, used, RedirectTarget(response));
            }

            var body = await ResponseBody.ReadAsync(response, endpoint.MaxAnswerBytes, timeout.Token, received).ConfigureAwait(false);
            return HttpAttempt.Answer(status, used, retryAfter, body, response.ReasonPhrase);
        }
        catch (Exception e) when (e is OperationCanceledException || IsTransportFailure(e))
        {
            // Ctrl+C wins over whatever the abort made the transport throw.
            cancellationToken.ThrowIfCancellationRequested();
            if (headersStatus != 0)
            {
                // The headers came: the body is what was cut short, by the timeout or by the connection.
                var cut = timeout.IsCancellationRequested
                    ? string.Format(CultureInfo.InvariantCulture, "no whole answer within {0:0.#} s", Options.RequestTimeout.TotalSeconds)
                    : "the connection broke (" + e.GetBaseException().GetType().Name + ")";
                return NoAnswer(governor, ticket, string.Format(CultureInfo.InvariantCulture, "headers received, body cut short after {0} bytes: {1}", received.Count, cut), headersStatus);
            }

            if (timeout.IsCancellationRequested)
            {
                return NoAnswer(governor, ticket, string.Format(CultureInfo.InvariantCulture, "no answer within {0:0.#} s", Options.RequestTimeout.TotalSeconds));
            }

            if (ConnectFailure.Classify(e, request.RequestUri!, ProxyRoute.Of(_handler, request.RequestUri!), _certificates.Refusal) is { } unreachable)
            {
                governor.NoAnswer(ticket);
                return HttpAttempt.NotReachable(unreachable.Kind, unreachable.Text);
            }

            // The exception itself is not kept: its text could one day carry the request
            // URI, and with it the signature. Its type says enough.
            return NoAnswer(governor, ticket, "connection failed (" + e.GetBaseException().GetType().Name + ")");
        }
    }

    /// <summary>How a dropped or refused connection shows (ObjectDisposedException: the body's stream closed under a read).</summary>
    private static bool IsTransportFailure(Exception e) => e is HttpRequestException or IOException or WebException or ObjectDisposedException;

    private static HttpAttempt NoAnswer(WeightGovernor governor, WeightTicket ticket, string text, int headersStatus = 0)
    {
        governor.NoAnswer(ticket); // the next request may be the host's first now
        return HttpAttempt.Fault(text, headersStatus);
    }

    /// <summary>Where a redirect points, as scheme and host[:port] only: its path and query may carry anything.</summary>
    private string RedirectTarget(HttpResponseMessage response)
    {
        var location = response.Headers.Location;
        if (location is null)
        {
            return "an unreadable or missing location";
        }

        if (!location.IsAbsoluteUri && !Uri.TryCreate(BaseUri, location, out location))
        {
            return "an unreadable location";
        }

        return location.Scheme + "://" + location.Host + (location.IsDefaultPort ? string.Empty : ":" + location.Port.ToString(CultureInfo.InvariantCulture));
    }

    private BinanceApiException TimeUnreadable(ApiEndpoint<long> time, WeightGovernor governor, HttpAttempt result)
    {
        if (result.Status == 418)
        {
            governor.Ban(RateLimitAnswer.BanEndMs(Clock.NowMs, result.Message, result.RetryAfter), Clock);
            return new BinanceApiException(BinanceErrorKind.Banned, 418, result.Code, result.Message, time.Path, bannedUntil: governor.Status(Clock, Options.LimitFor(time.Pool)).BannedUntilUtc);
        }

        var kind = result.Unreachable is { } unreachable ? unreachable
            : result.Transient ? BinanceErrorKind.Unavailable
            : result.Status == 200 || result.Unusable is not null ? BinanceErrorKind.Protocol
            : Classify(result.Status, result.Code);
        var why = result.Unusable ?? (result.Status == 200 ? "the answer holds no serverTime." : result.Message);
        return new BinanceApiException(kind, result.Status, result.Code, "The server time could not be read: " + why, time.Path);
    }

    /// <summary>
    /// Measures the server clock offset with the host's server-time endpoint (one request, paced
    /// like any other, its round trip timed), unless another request did since <paramref name="seenGeneration"/>.
    /// </summary>
    private async Task SyncClockAsync(int seenGeneration, CancellationToken cancellationToken)
    {
        var time = Options.ServerTime!;
        var governor = GovernorOf(time.Pool);
        await _clockSync.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (Clock.Generation != seenGeneration)
            {
                return;
            }

            var call = new ApiCall(time, Array.Empty<System.Collections.Generic.KeyValuePair<string, string>>(), "server time", null);
            for (var attempt = 1; ; attempt++)
            {
                using var ticket = await ReserveAsync(call, governor, NewRun(), cancellationToken).ConfigureAwait(false);
                var sent = ServerClock.LocalNowMs;
                using var result = await ExchangeAsync(_baseText + time.Path, time, governor, ticket, cancellationToken).ConfigureAwait(false);
                var received = ServerClock.LocalNowMs;
                if (result.Status == 200 && result.Body is not null)
                {
                    long serverTime;
                    try
                    {
                        serverTime = time.Read(new Json.JsonCursor(result.Body.Chars, result.Body.Length));
                    }
                    catch (FormatException)
                    {
                        throw TimeUnreadable(time, governor, result);
                    }

                    Clock.Observe(serverTime, sent, received);
                    return;
                }

                if (!result.Transient || attempt >= Options.MaxAttempts)
                {
                    throw TimeUnreadable(time, governor, result);
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
