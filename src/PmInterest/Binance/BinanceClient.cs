using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using PmInterest.Binance.Json;
using PmInterest.Binance.Signing;

namespace PmInterest.Binance;

/// <summary>
/// Sends GET requests to one Binance host and owns everything around them: signing afresh on
/// every attempt, the server clock, the weight budget of each pool, retries of transient
/// faults, and turning refusals into <see cref="BinanceApiException"/>. Knows nothing of
/// PowerShell nor of any endpoint: an <see cref="ApiEndpoint{T}"/> says what to send and how to
/// read the answer. One instance (and one HttpClient) per connection; safe for concurrent requests.
/// </summary>
internal sealed partial class BinanceClient : IDisposable
{
    private readonly string? _apiKey;
    private readonly IRequestSigner? _signer;
    private readonly HttpClient _http;
    private readonly HttpMessageHandler _handler;
    private readonly CertificateCheck _certificates = new();
    private readonly string _baseText;
    private readonly SemaphoreSlim _clockSync = new(1, 1);
    private readonly ConcurrentDictionary<WeightPool, WeightGovernor> _governors = new();

    /// <param name="apiKey">The API key, or null (with no signer) for a client of public endpoints only, which never sends a key.</param>
    /// <param name="handler">
    /// For tests: the handler to send through. An <see cref="HttpClientHandler"/> given here is
    /// set not to follow redirects nor decompress, as the client's own is.
    /// </param>
    public BinanceClient(string? apiKey, IRequestSigner? signer, BinanceClientOptions options, HttpMessageHandler? handler = null)
    {
        if ((apiKey is null) != (signer is null) || (apiKey is not null && string.IsNullOrWhiteSpace(apiKey)))
        {
            throw new ArgumentException("Give an API key with its signer, or neither for public endpoints.", nameof(apiKey));
        }

        Options = options ?? throw new ArgumentNullException(nameof(options));
        var invalid = options.Validate();
        if (invalid is not null)
        {
            throw new ArgumentException(invalid, nameof(options));
        }

        _apiKey = apiKey;
        _signer = signer;
        _baseText = options.BaseUri!.AbsoluteUri.TrimEnd('/');
        Clock = new ServerClock();
        if (handler is HttpClientHandler given)
        {
            HttpHandlerFactory.Restrict(given);
        }

        _handler = handler ?? HttpHandlerFactory.Create(options);
        if (_handler is HttpClientHandler watched)
        {
            _certificates.Attach(watched);
        }

        _http = new HttpClient(_handler, disposeHandler: true)
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
        _http.DefaultRequestHeaders.UserAgent.ParseAdd("PmInterest/" + typeof(BinanceClient).Assembly.GetName().Version?.ToString(3));
    }

    public BinanceClientOptions Options { get; }

    public Uri BaseUri => Options.BaseUri!;

    /// <summary>The server clock as measured by this connection (<see cref="ServerClock.OffsetMs"/>).</summary>
    public ServerClock Clock { get; }

    /// <summary>HMAC, RSA or Ed25519; null for a client of public endpoints.</summary>
    public KeyType? KeyType => _signer?.KeyType;

    /// <summary>The governor of <paramref name="pool"/> on this client's host, shared by every connection of the process.</summary>
    public WeightGovernor GovernorOf(WeightPool pool) =>
        _governors.GetOrAdd(pool, p => WeightGovernor.For(BaseUri, p.Name, Options.WindowFor(p)));

    /// <summary>The budget of <paramref name="pool"/> on this host as this connection sees it now.</summary>
    public WeightStatus GetWeightStatus(WeightPool pool) => GovernorOf(pool).Status(Clock, Options.LimitFor(pool));

    /// <summary>A new run's refusal bounds: give one to every request of one command's walk.</summary>
    public RefusalBudget NewRun() => new(Options.MaxRefusalsInARow, Options.MaxRefusalWaitPerRun);

    /// <summary>
    /// Sends a GET to <paramref name="endpoint"/> and reads its 200 answer. <paramref name="parameters"/>
    /// come first in their order; a signed endpoint's request then gets recvWindow, timestamp and
    /// the signature, and the API key header. A public endpoint's request never carries the key.
    /// </summary>
    /// <param name="description">How verbose output should name this request (no secrets).</param>
    /// <param name="observe">Told of every attempt and, before it starts, of every wait of at least <see cref="BinanceClientOptions.WaitNoticeThreshold"/>.</param>
    /// <param name="run">The refusal bounds of the run the request belongs to (<see cref="NewRun"/>); null: a run of its own.</param>
    public async Task<ApiAnswer<T>> GetAsync<T>(
        ApiEndpoint<T> endpoint,
        IReadOnlyList<KeyValuePair<string, string>> parameters,
        string description,
        Action<ClientEvent>? observe,
        CancellationToken cancellationToken,
        RefusalBudget? run = null)
    {
        if (endpoint is null)
        {
            throw new ArgumentNullException(nameof(endpoint));
        }

        if (endpoint.Signed && _signer is null)
        {
            throw new InvalidOperationException("A client of public endpoints cannot call the signed endpoint " + endpoint.Path + ".");
        }

        var call = new ApiCall(endpoint, parameters, description, observe);
        var governor = GovernorOf(endpoint.Pool);
        run ??= NewRun();
        while (true)
        {
            using var ticket = await ReserveAsync(call, governor, run, cancellationToken).ConfigureAwait(false);
            if (!governor.TryStamp(ticket, Clock, out var timestamp))
            {
                continue; // a 429 or 418 came in since the weight was reserved
            }

            call.Attempt++;
            call.Sent++;
            var clockGeneration = Clock.Generation;
            var watch = Stopwatch.StartNew();
            using var result = await ExchangeAsync(Url(call, timestamp), endpoint, governor, ticket, cancellationToken).ConfigureAwait(false);
            watch.Stop();
            if (result.Status != 429 && result.Status != 0)
            {
                run.Answered(timestamp);
            }

            if (result.Status == 200 && result.Unusable is null)
            {
                call.Tell(result, watch.Elapsed, "ok");
                return new ApiAnswer<T>(Read(endpoint, result.Body!), result.UsedWeight, call.Sent);
            }

            await DecideAsync(call, governor, run, result, timestamp, watch.Elapsed, clockGeneration, cancellationToken).ConfigureAwait(false);
        }
    }

    public void Dispose()
    {
        _http.Dispose();
        _signer?.Dispose();
        _clockSync.Dispose();
    }

    public override string ToString() => "BinanceClient(" + _baseText + (_signer is null ? ", public" : ", " + _signer.KeyType) + ")";

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

    /// <summary>A 200 answer read by its endpoint; anything the endpoint cannot read is a protocol error.</summary>
    private static T Read<T>(ApiEndpoint<T> endpoint, BodyText body)
    {
        try
        {
            var json = new JsonCursor(body.Chars, body.Length);
            var value = endpoint.Read(json);
            json.ExpectEnd();
            return value;
        }
        catch (FormatException e)
        {
            throw new BinanceApiException(BinanceErrorKind.Protocol, 200, null, "The answer is not " + endpoint.Expected + ". " + e.Message, endpoint.Path);
        }
    }

    /// <summary>Returns to go round again; throws when the request has failed.</summary>
    private async Task DecideAsync(ApiCall call, WeightGovernor governor, RefusalBudget run, HttpAttempt result, long sentMs, TimeSpan elapsed, int clockGeneration, CancellationToken cancellationToken)
    {
        if (result.Unusable is not null)
        {
            call.Tell(result, elapsed, "unusable answer");
            throw new BinanceApiException(BinanceErrorKind.Protocol, result.Status, null, result.Unusable, call.Path);
        }

        if (result.Unreachable is { } unreachable)
        {
            // A certificate, a handshake, a host name or a proxy does not heal in a backoff.
            call.Tell(result, elapsed, result.Message + "; not retried");
            throw new BinanceApiException(unreachable, 0, null, result.Message + ".", call.Path);
        }

        if (result.Transient)
        {
            await BackOffAsync(call, governor, result, elapsed, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (result.Status == 429)
        {
            // The governor holds every request to this pool until the wait is over; this
            // one goes back to wait with them, unless the run has met too many refusals.
            call.Attempt--;
            var stop = run.Refused(call.Path, result.Code, result.Message, sentMs, Clock.NowMs);
            if (stop is not null)
            {
                call.Tell(result, elapsed, "rate limited; giving up");
                throw stop;
            }

            call.Tell(result, elapsed, "rate limited");
            return;
        }

        if (result.Status == 418)
        {
            governor.Ban(RateLimitAnswer.BanEndMs(Clock.NowMs, result.Message, result.RetryAfter), Clock);
            call.Tell(result, elapsed, "IP banned");
            throw new BinanceApiException(BinanceErrorKind.Banned, 418, result.Code, result.Message, call.Path, bannedUntil: governor.Status(Clock, Options.LimitFor(call.Endpoint.Pool)).BannedUntilUtc);
        }

        if (result.Code == -1021 && call.Endpoint.Signed && !call.ClockCorrected && Options.ServerTime is not null)
        {
            // Correct the clock once (unless a concurrent request already did since we
            // signed) and retry once; a second -1021 is a real failure.
            call.Tell(result, elapsed, "timestamp outside recvWindow; measuring server time");
            await SyncClockAsync(clockGeneration, cancellationToken).ConfigureAwait(false);
            call.ClockCorrected = true;
            call.Attempt--;
            return;
        }

        call.Tell(result, elapsed, "refused");
        throw new BinanceApiException(Classify(result.Status, result.Code), result.Status, result.Code, result.Message, call.Path);
    }

    private async Task BackOffAsync(ApiCall call, WeightGovernor governor, HttpAttempt result, TimeSpan elapsed, CancellationToken cancellationToken)
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
            var status = governor.Status(Clock, Options.LimitFor(call.Endpoint.Pool));
            call.Tell(new WaitEvent(call.Path, call.Description, WaitReason.Backoff, delay, Utc(Clock.NowMs + (long)delay.TotalMilliseconds), status.UsedWeight, status.LimitInForce, result.FailureText));
        }

        await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Waits until the governor lets the request go, telling every long wait first; throws while the IP is banned or the run must stop.</summary>
    private async Task<WeightTicket> ReserveAsync(ApiCall call, WeightGovernor governor, RefusalBudget run, CancellationToken cancellationToken)
    {
        while (true)
        {
            if (run.Stopped is { } stopped)
            {
                throw stopped;
            }

            var admission = governor.Admit(call.Weight, Options.LimitFor(call.Endpoint.Pool), Clock, Options.RequestTimeout);
            if (admission.Ticket is { } ticket)
            {
                return ticket;
            }

            if (admission.Banned)
            {
                throw RememberedRefusal.Ban(call.Path, admission);
            }

            var now = Clock.NowMs;
            var wait = TimeSpan.FromMilliseconds(Math.Min(int.MaxValue, Math.Max(1, admission.UntilMs - now)));
            if (admission.Reason == WaitReason.RetryAfter)
            {
                if (wait > Options.MaxRateLimitWait)
                {
                    throw RememberedRefusal.TooLong(call.Path, admission, wait, Options.MaxRateLimitWait, run);
                }

                if (run.Hold(call.Path, now, admission.UntilMs) is { } stop)
                {
                    throw stop;
                }
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

    /// <summary>
    /// The URL: the parameters, and for a signed endpoint recvWindow, the timestamp taken by the
    /// governor and the signature last.
    /// </summary>
    private string Url(ApiCall call, long timestamp)
    {
        var query = new QueryString().AddRange(call.Parameters);
        if (!call.Endpoint.Signed)
        {
            var plain = query.ToString();
            return _baseText + call.Path + (plain.Length == 0 ? string.Empty : "?" + plain);
        }

        var payload = query
            .Add("recvWindow", Options.RecvWindow)
            .Add("timestamp", timestamp)
            .ToString();
        var signature = QueryString.Encode(_signer!.Sign(payload));
        return _baseText + call.Path + "?" + payload + "&signature=" + signature;
    }
}
