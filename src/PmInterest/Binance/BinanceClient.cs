using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using PmInterest.Binance.Json;
using PmInterest.Binance.Signing;

namespace PmInterest.Binance;

/// <summary>
/// Sends signed GET requests to Binance and owns everything around them: signing afresh
/// on every attempt, the server clock, the weight budget, retries of transient faults,
/// and turning refusals into <see cref="BinanceApiException"/>. Knows nothing of PowerShell.
/// One instance (and one HttpClient) per connection; safe for concurrent requests.
/// </summary>
public sealed class BinanceClient : IDisposable
{
    private const string ApiKeyHeader = "X-MBX-APIKEY";
    private const string SapiWeightHeader = "X-SAPI-USED-IP-WEIGHT-1M";
    private const string ApiWeightHeader = "X-MBX-USED-WEIGHT-1M";
    private const int MaxRateLimitWaits = 10;

    private static readonly Regex BannedUntilPattern = new(@"banned until (\d{10,})", RegexOptions.CultureInvariant);

    private readonly string _apiKey;
    private readonly IRequestSigner _signer;
    private readonly HttpClient _http;
    private readonly string _baseText;
    private readonly SemaphoreSlim _clockSync = new(1, 1);

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
        _http = new HttpClient(handler ?? CreateHandler(options), disposeHandler: true)
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
        _http.DefaultRequestHeaders.UserAgent.ParseAdd("PmInterest/" + typeof(BinanceClient).Assembly.GetName().Version?.ToString(3));
    }

    public BinanceClientOptions Options { get; }

    public ServerClock Clock { get; }

    public WeightGovernor Governor { get; }

    public KeyType KeyType => _signer.KeyType;

    /// <summary>
    /// Sends a signed GET. <paramref name="parameters"/> come first in their order, then
    /// recvWindow, timestamp and signature. Returns the body of a 200 answer.
    /// </summary>
    /// <param name="description">How verbose output should name this request (no secrets).</param>
    public async Task<SignedResponse> GetSignedAsync(
        string path,
        IReadOnlyList<KeyValuePair<string, string>> parameters,
        int weight,
        string description,
        Action<RequestEvent>? observe,
        CancellationToken cancellationToken)
    {
        var attempt = 0;
        var clockCorrected = false;
        var rateLimitWaits = 0;
        while (true)
        {
            attempt++;
            ThrowIfBanned(path);
            await Governor.AcquireAsync(weight, Options.WeightLimit, Clock, cancellationToken).ConfigureAwait(false);
            var clockGeneration = Clock.Generation;

            // Signed afresh on every attempt: a retry with the old timestamp could fall out
            // of recvWindow after the backoff.
            var query = new QueryString()
                .AddRange(parameters)
                .Add("recvWindow", Options.RecvWindow)
                .Add("timestamp", Clock.NowMs);
            var payload = query.ToString();
            var url = _baseText + path + "?" + payload + "&signature=" + QueryString.Encode(_signer.Sign(payload));

            var watch = Stopwatch.StartNew();
            Attempt result = await SendAsync(url, signed: true, cancellationToken).ConfigureAwait(false);
            watch.Stop();
            var used = result.SapiWeight;
            if (used is int serverUsed)
            {
                Governor.Observe(serverUsed, Clock);
            }

            void Tell(string outcome) =>
                observe?.Invoke(new RequestEvent(path, description, attempt, result.Status, used, watch.Elapsed, outcome));

            if (result.Status == 200)
            {
                Tell("ok");
                return new SignedResponse(result.Body!, used, attempt);
            }

            if (result.Transient)
            {
                if (attempt >= Options.MaxAttempts)
                {
                    Tell(result.FailureText + "; giving up");
                    throw new BinanceApiException(
                        BinanceErrorKind.Unavailable,
                        result.Status,
                        result.Code,
                        string.Format(CultureInfo.InvariantCulture, "{0} after {1} attempts.", result.FailureText, attempt),
                        path);
                }

                var delay = Backoff.Delay(attempt, Options.BaseBackoff, Options.MaxBackoff);
                Tell(string.Format(CultureInfo.InvariantCulture, "{0}; retrying in {1:0} ms", result.FailureText, delay.TotalMilliseconds));
                await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
                continue;
            }

            var status = result.Status;
            if (status == 429)
            {
                // Without Retry-After, the window's end is when weight is counted afresh.
                var wait = result.RetryAfter ?? TimeSpan.FromMilliseconds(Math.Max(1000, Governor.WindowEndMs(Clock) - Clock.NowMs));
                rateLimitWaits++;
                if (wait > Options.MaxRateLimitWait || rateLimitWaits > MaxRateLimitWaits)
                {
                    Tell("rate limited; giving up");
                    throw new BinanceApiException(BinanceErrorKind.RateLimited, status, result.Code, result.Message, path);
                }

                Governor.Refused(Clock.NowMs + (long)wait.TotalMilliseconds, weight, used);
                Tell(string.Format(CultureInfo.InvariantCulture, "rate limited; waiting {0:0.#} s", wait.TotalSeconds));
                attempt--;
                continue;
            }

            if (status == 418)
            {
                var until = BannedUntil(result);
                Governor.Ban(new DateTimeOffset(until).ToUnixTimeMilliseconds());
                Tell("IP banned");
                throw new BinanceApiException(BinanceErrorKind.Banned, status, result.Code, result.Message, path, bannedUntil: until);
            }

            if (result.Code == -1021 && !clockCorrected)
            {
                // Correct the clock once (unless a concurrent request already did since we
                // signed) and retry once; a second -1021 is a real failure.
                Tell("timestamp outside recvWindow; measuring server time");
                await SyncClockAsync(clockGeneration, cancellationToken).ConfigureAwait(false);
                clockCorrected = true;
                attempt--;
                continue;
            }

            Tell("refused");
            throw new BinanceApiException(Classify(status, result.Code), status, result.Code, result.Message, path);
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

            const string TimePath = "/api/v3/time";
            for (var attempt = 1; ; attempt++)
            {
                var sent = ServerClock.LocalNowMs;
                var result = await SendAsync(_baseText + TimePath, signed: false, cancellationToken).ConfigureAwait(false);
                var received = ServerClock.LocalNowMs;
                if (result.Status == 200 && TryReadServerTime(result.Body!, out var serverTime))
                {
                    Clock.Observe(serverTime, sent, received);
                    return;
                }

                if (!result.Transient || attempt >= Options.MaxAttempts)
                {
                    throw new BinanceApiException(
                        result.Transient ? BinanceErrorKind.Unavailable : BinanceErrorKind.Protocol,
                        result.Status,
                        result.Code,
                        "The server time could not be read: " + (result.FailureText ?? result.Message),
                        TimePath);
                }

                await Task.Delay(Backoff.Delay(attempt, Options.BaseBackoff, Options.MaxBackoff), cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            _clockSync.Release();
        }
    }

    private async Task<Attempt> SendAsync(string url, bool signed, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (signed)
        {
            request.Headers.TryAddWithoutValidation(ApiKeyHeader, _apiKey);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Options.RequestTimeout);
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, timeout.Token).ConfigureAwait(false);
            var body = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
            var status = (int)response.StatusCode;
            int? sapiWeight = TryReadWeight(response, SapiWeightHeader, out var w) ? w : null;
            if (status == 200)
            {
                return new Attempt(status, body, sapiWeight);
            }

            var (code, message) = ReadError(body, response);
            var transient = status >= 500;
            return new Attempt(status, body, sapiWeight, code, message, transient,
                transient ? string.Format(CultureInfo.InvariantCulture, "HTTP {0}", status) : null, RetryAfter(response));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Attempt.Fault(string.Format(CultureInfo.InvariantCulture, "no answer within {0:0.#} s", Options.RequestTimeout.TotalSeconds));
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested && (e is HttpRequestException or IOException or WebException))
        {
            // The exception itself is not kept: its text could one day carry the request
            // URI, and with it the signature. Its type says enough.
            return Attempt.Fault("connection failed (" + e.GetBaseException().GetType().Name + ")");
        }
    }

    private static (int? Code, string Message) ReadError(string body, HttpResponseMessage response)
    {
        try
        {
            var json = new JsonCursor(body);
            if (json.Peek() == '{')
            {
                json.Expect('{');
                int? code = null;
                string? msg = null;
                if (!json.TryConsume('}'))
                {
                    do
                    {
                        var name = json.ReadPropertyName();
                        var value = json.ReadScalarText(out _);
                        if (name == "code" && int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var c))
                        {
                            code = c;
                        }
                        else if (name == "msg")
                        {
                            msg = value;
                        }
                    }
                    while (json.TryConsume(','));
                }

                if (code is not null || msg is not null)
                {
                    return (code, msg ?? string.Empty);
                }
            }
        }
        catch (FormatException)
        {
            // Not JSON (a proxy's HTML page, say): described by status below.
        }

        // A non-JSON body is not echoed: it may be a large HTML page.
        return (null, response.ReasonPhrase ?? "no error body");
    }

    private static bool TryReadServerTime(string body, out long serverTime)
    {
        serverTime = 0;
        try
        {
            var json = new JsonCursor(body);
            json.Expect('{');
            do
            {
                var name = json.ReadPropertyName();
                var value = json.ReadScalarText(out _);
                if (name == "serverTime")
                {
                    return long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out serverTime);
                }
            }
            while (json.TryConsume(','));
        }
        catch (FormatException)
        {
        }

        return false;
    }

    private static bool TryReadWeight(HttpResponseMessage response, string header, out int used)
    {
        used = 0;
        return response.Headers.TryGetValues(header, out var values) &&
               int.TryParse(values.FirstOrDefault(), NumberStyles.Integer, CultureInfo.InvariantCulture, out used);
    }

    private static TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        var retry = response.Headers.RetryAfter;
        if (retry?.Delta is TimeSpan delta)
        {
            return delta;
        }

        if (retry?.Date is DateTimeOffset date)
        {
            var wait = date - DateTimeOffset.UtcNow;
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }

        return null;
    }

    private static DateTime BannedUntil(Attempt result)
    {
        var match = BannedUntilPattern.Match(result.Message);
        if (match.Success && long.TryParse(match.Groups[1].Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var ms))
        {
            return DateTimeOffset.FromUnixTimeMilliseconds(ms).UtcDateTime;
        }

        return DateTime.UtcNow + (result.RetryAfter ?? TimeSpan.FromMinutes(2));
    }

    private void ThrowIfBanned(string path)
    {
        var until = Governor.BannedUntilLocalMs;
        if (until > ServerClock.LocalNowMs)
        {
            throw new BinanceApiException(
                BinanceErrorKind.Banned,
                418,
                null,
                "An earlier request was answered with an IP ban; no request is sent until it ends.",
                path,
                bannedUntil: DateTimeOffset.FromUnixTimeMilliseconds(until).UtcDateTime);
        }
    }

    private static HttpClientHandler CreateHandler(BinanceClientOptions options)
    {
        var handler = new HttpClientHandler
        {
            AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate,
            UseCookies = false,
        };
        try
        {
            handler.MaxConnectionsPerServer = Math.Max(8, options.MaxConcurrency * 2);
        }
        catch (PlatformNotSupportedException)
        {
            // Older .NET Framework handlers manage this through ServicePointManager.
        }

        return handler;
    }

    /// <summary>The outcome of one HTTP exchange, before any retry decision.</summary>
    private sealed class Attempt
    {
        public Attempt(int status, string? body, int? sapiWeight, int? code = null, string? message = null, bool transient = false, string? failureText = null, TimeSpan? retryAfter = null)
        {
            Status = status;
            Body = body;
            SapiWeight = sapiWeight;
            Code = code;
            Message = message ?? string.Empty;
            Transient = transient;
            FailureText = failureText;
            RetryAfter = retryAfter;
        }

        public int Status { get; }

        public string? Body { get; }

        public int? SapiWeight { get; }

        public int? Code { get; }

        public string Message { get; }

        public bool Transient { get; }

        public string? FailureText { get; }

        public TimeSpan? RetryAfter { get; }

        public static Attempt Fault(string text) => new(0, null, null, message: text, transient: true, failureText: text);
    }
}
