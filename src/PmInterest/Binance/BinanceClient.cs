using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using PmInterest.Binance.Signing;

namespace PmInterest.Binance;

/// <summary>
/// Sends signed GET requests to Binance and owns everything around them: signing afresh
/// on every attempt, the server clock, the weight budget, retries of transient faults,
/// and turning refusals into <see cref="BinanceApiException"/>. Knows nothing of PowerShell.
/// One instance (and one HttpClient) per connection; safe for concurrent requests.
/// </summary>
public sealed partial class BinanceClient : IDisposable
{
    /// <summary>Binance's "Get API Key Permission" endpoint (USER_DATA, IP weight 1).</summary>
    public const string ApiRestrictionsPath = "/sapi/v1/account/apiRestrictions";

    private const int MaxRateLimitWaits = 10;

    private readonly string _apiKey;
    private readonly IRequestSigner _signer;
    private readonly HttpClient _http;
    private readonly string _baseText;
    private readonly SemaphoreSlim _clockSync = new(1, 1);

    /// <param name="handler">
    /// For tests: the handler to send through. An <see cref="HttpClientHandler"/> given here is
    /// set not to follow redirects nor decompress, as the client's own is.
    /// </param>
    public BinanceClient(string apiKey, IRequestSigner signer, BinanceClientOptions options, HttpMessageHandler? handler = null)
    {
        if (string.IsNullOrWhiteSpace(apiKey))
        {
            throw new ArgumentException("The API key is empty.", nameof(apiKey));
        }

        Options = options ?? throw new ArgumentNullException(nameof(options));
        var invalid = options.Validate();
        if (invalid is not null)
        {
            throw new ArgumentException(invalid, nameof(options));
        }

        _apiKey = apiKey;
        _signer = signer ?? throw new ArgumentNullException(nameof(signer));
        _baseText = options.BaseUri.AbsoluteUri.TrimEnd('/');
        Clock = new ServerClock();
        Governor = WeightGovernor.For(options.BaseUri, options.WeightWindow);
        if (handler is HttpClientHandler given)
        {
            HttpHandlerFactory.Restrict(given);
        }

        _http = new HttpClient(handler ?? HttpHandlerFactory.Create(options), disposeHandler: true)
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
        _http.DefaultRequestHeaders.UserAgent.ParseAdd("PmInterest/" + typeof(BinanceClient).Assembly.GetName().Version?.ToString(3));
    }

    public BinanceClientOptions Options { get; }

    /// <summary>The server clock as measured by this connection (<see cref="ServerClock.OffsetMs"/>).</summary>
    public ServerClock Clock { get; }

    public WeightGovernor Governor { get; }

    public KeyType KeyType => _signer.KeyType;

    /// <summary>The host's weight budget as this connection sees it now.</summary>
    public WeightStatus GetWeightStatus() => Governor.Status(Clock, Options.WeightLimit);

    /// <summary>
    /// Sends a signed GET. <paramref name="parameters"/> come first in their order, then
    /// recvWindow, timestamp and signature. Returns the body of a 200 answer.
    /// </summary>
    /// <param name="description">How verbose output should name this request (no secrets).</param>
    /// <param name="observe">Told of every attempt and, before it starts, of every wait of at least <see cref="BinanceClientOptions.WaitNoticeThreshold"/>.</param>
    public async Task<SignedResponse> GetSignedAsync(
        string path,
        IReadOnlyList<KeyValuePair<string, string>> parameters,
        int weight,
        string description,
        Action<ClientEvent>? observe,
        CancellationToken cancellationToken)
    {
        var call = new SignedCall(path, parameters, weight, description, observe);
        while (true)
        {
            using var ticket = await ReserveAsync(call, cancellationToken).ConfigureAwait(false);
            if (!Governor.TryStamp(ticket, Clock, out var timestamp))
            {
                continue; // a 429 or 418 came in since the weight was reserved
            }

            call.Attempt++;
            var clockGeneration = Clock.Generation;
            var watch = Stopwatch.StartNew();
            var result = await ExchangeAsync(SignedUrl(call, timestamp), ticket, cancellationToken).ConfigureAwait(false);
            watch.Stop();
            var done = await DecideAsync(call, result, watch.Elapsed, clockGeneration, cancellationToken).ConfigureAwait(false);
            if (done is not null)
            {
                return done;
            }
        }
    }

    /// <summary>
    /// What the API key may do (<c>GET /sapi/v1/account/apiRestrictions</c>, signed, weight 1):
    /// a cheap check of key, secret, permissions and IP allow list. Refusals throw as for any signed call.
    /// </summary>
    public async Task<ApiKeyPermissions> GetApiKeyPermissionsAsync(Action<ClientEvent>? observe, CancellationToken cancellationToken)
    {
        var response = await GetSignedAsync(ApiRestrictionsPath, Array.Empty<KeyValuePair<string, string>>(), 1, "API key permissions", observe, cancellationToken).ConfigureAwait(false);
        try
        {
            return ApiKeyPermissions.Parse(response.Body);
        }
        catch (FormatException e)
        {
            throw new BinanceApiException(BinanceErrorKind.Protocol, 200, null, "The answer is not the expected key permissions. " + e.Message, ApiRestrictionsPath);
        }
    }

    public void Dispose()
    {
        _http.Dispose();
        _signer.Dispose();
        _clockSync.Dispose();
    }

    public override string ToString() => "BinanceClient(" + _baseText + ", " + _signer.KeyType + ")";

    internal static BinanceErrorKind Classify(int status, int? code) => code switch
    {
        -2014 or -2015 or -1022 or -1002 => BinanceErrorKind.Authentication,
        -21001 => BinanceErrorKind.NotPermitted,
        -1021 => BinanceErrorKind.Timestamp,
        -1003 => BinanceErrorKind.RateLimited,
        <= -1100 and >= -1199 => BinanceErrorKind.InvalidParameter,
        _ => status switch
        {
            401 => BinanceErrorKind.Authentication,
            403 => BinanceErrorKind.NotPermitted,
            _ => BinanceErrorKind.Other,
        },
    };

    private static DateTime Utc(long serverMs) =>
        DateTimeOffset.FromUnixTimeMilliseconds(Math.Max(0, Math.Min(serverMs, 253402300799999))).UtcDateTime;

    /// <summary>Returns the response when done, null to go round again; throws when the request has failed.</summary>
    private async Task<SignedResponse?> DecideAsync(SignedCall call, HttpAttempt result, TimeSpan elapsed, int clockGeneration, CancellationToken cancellationToken)
    {
        if (result.Unusable is not null)
        {
            call.Tell(result, elapsed, "unusable answer");
            throw new BinanceApiException(BinanceErrorKind.Protocol, result.Status, null, result.Unusable, call.Path);
        }

        if (result.Status == 200)
        {
            call.Tell(result, elapsed, "ok");
            return new SignedResponse(result.Body!, result.SapiWeight, call.Attempt);
        }

        if (result.Transient)
        {
            await BackOffAsync(call, result, elapsed, cancellationToken).ConfigureAwait(false);
            return null;
        }

        if (result.Status == 429)
        {
            // The governor holds every request to this host until the wait is over; this
            // one goes back to wait with them.
            call.Attempt--;
            if (++call.RateLimitWaits > MaxRateLimitWaits)
            {
                call.Tell(result, elapsed, "rate limited; giving up");
                throw new BinanceApiException(BinanceErrorKind.RateLimited, 429, result.Code, result.Message, call.Path);
            }

            call.Tell(result, elapsed, "rate limited");
            return null;
        }

        if (result.Status == 418)
        {
            Governor.Ban(RateLimitAnswer.BanEndMs(Clock.NowMs, result.Message, result.RetryAfter));
            call.Tell(result, elapsed, "IP banned");
            throw new BinanceApiException(BinanceErrorKind.Banned, 418, result.Code, result.Message, call.Path, bannedUntil: GetWeightStatus().BannedUntilUtc);
        }

        if (result.Code == -1021 && !call.ClockCorrected)
        {
            // Correct the clock once (unless a concurrent request already did since we
            // signed) and retry once; a second -1021 is a real failure.
            call.Tell(result, elapsed, "timestamp outside recvWindow; measuring server time");
            await SyncClockAsync(clockGeneration, cancellationToken).ConfigureAwait(false);
            call.ClockCorrected = true;
            call.Attempt--;
            return null;
        }

        call.Tell(result, elapsed, "refused");
        throw new BinanceApiException(Classify(result.Status, result.Code), result.Status, result.Code, result.Message, call.Path);
    }

    private async Task BackOffAsync(SignedCall call, HttpAttempt result, TimeSpan elapsed, CancellationToken cancellationToken)
    {
        if (call.Attempt >= Options.MaxAttempts)
        {
            call.Tell(result, elapsed, result.FailureText + "; giving up");
            throw new BinanceApiException(
                BinanceErrorKind.Unavailable,
                result.Status,
                result.Code,
                string.Format(CultureInfo.InvariantCulture, "{0} after {1} attempts.", result.FailureText, call.Attempt),
                call.Path);
        }

        var delay = Backoff.Delay(call.Attempt, Options.BaseBackoff, Options.MaxBackoff);
        call.Tell(result, elapsed, string.Format(CultureInfo.InvariantCulture, "{0}; retrying in {1:0} ms", result.FailureText, delay.TotalMilliseconds));
        if (delay >= Options.WaitNoticeThreshold)
        {
            var status = GetWeightStatus();
            call.Tell(new WaitEvent(call.Path, call.Description, WaitReason.Backoff, delay, Utc(Clock.NowMs + (long)delay.TotalMilliseconds), status.UsedWeight, status.LimitInForce, result.FailureText));
        }

        await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Waits until the governor lets the request go, telling every long wait first; throws while the IP is banned.</summary>
    private async Task<WeightTicket> ReserveAsync(SignedCall call, CancellationToken cancellationToken)
    {
        while (true)
        {
            var admission = Governor.Admit(call.Weight, Options.WeightLimit, Clock, Options.RequestTimeout);
            if (admission.Ticket is { } ticket)
            {
                return ticket;
            }

            if (admission.Banned)
            {
                throw new BinanceApiException(
                    BinanceErrorKind.Banned,
                    418,
                    null,
                    "An earlier request was answered with an IP ban; no request is sent until it ends.",
                    call.Path,
                    bannedUntil: Utc(admission.UntilMs));
            }

            var wait = TimeSpan.FromMilliseconds(Math.Min(int.MaxValue, Math.Max(1, admission.UntilMs - Clock.NowMs)));
            if (admission.Reason == WaitReason.RetryAfter && wait > Options.MaxRateLimitWait)
            {
                throw new BinanceApiException(
                    BinanceErrorKind.RateLimited,
                    429,
                    null,
                    string.Format(CultureInfo.InvariantCulture, "Too much request weight: the host asks to wait {0:0} s, longer than the {1:0} s the client waits.", wait.TotalSeconds, Options.MaxRateLimitWait.TotalSeconds),
                    call.Path);
            }

            if (wait >= Options.WaitNoticeThreshold)
            {
                call.Tell(new WaitEvent(call.Path, call.Description, admission.Reason, wait, Utc(admission.UntilMs), admission.UsedWeight, admission.LimitInForce, admission.Detail));
            }

            await WaitAsync(wait, admission.WakeEarly, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task WaitAsync(TimeSpan wait, Task? wakeEarly, CancellationToken cancellationToken)
    {
        if (wakeEarly is null)
        {
            await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
            return;
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        await Task.WhenAny(Task.Delay(wait, stop.Token), wakeEarly).ConfigureAwait(false);
        stop.Cancel();
        cancellationToken.ThrowIfCancellationRequested();
    }

    /// <summary>The signed URL: parameters, recvWindow, the timestamp taken by the governor, and the signature last.</summary>
    private string SignedUrl(SignedCall call, long timestamp)
    {
        var payload = new QueryString()
            .AddRange(call.Parameters)
            .Add("recvWindow", Options.RecvWindow)
            .Add("timestamp", timestamp)
            .ToString();
        var signature = QueryString.Encode(_signer.Sign(payload));
        return _baseText + call.Path + "?" + payload + "&signature=" + signature;
    }
}
