using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using PmInterest.Binance;
using PmInterest.Binance.Signing;

namespace PmInterest.Tests.Binance;

/// <summary>
/// Answers a client's requests from a script, for what the emulator cannot send (a deflate body,
/// a negative Retry-After) or need not. Each client gets its own made-up host, so no two tests
/// share a weight governor.
/// </summary>
internal sealed class StubHandler : HttpMessageHandler
{
    private readonly Func<HttpRequestMessage, int, HttpResponseMessage> _answer;
    private int _count;

    public StubHandler(Func<HttpRequestMessage, int, HttpResponseMessage> answer) => _answer = answer;

    public ConcurrentQueue<Uri> Requests { get; } = new();

    public int Count => Volatile.Read(ref _count);

    public static HttpResponseMessage Json(int status, string body, string contentType = "application/json;charset=UTF-8") =>
        Bytes(status, Encoding.UTF8.GetBytes(body), contentType);

    public static HttpResponseMessage Bytes(int status, byte[] body, string contentType = "application/json;charset=UTF-8")
    {
        var content = new ByteArrayContent(body);
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        return new HttpResponseMessage((HttpStatusCode)status) { Content = content };
    }

    public static BinanceClient Client(StubHandler handler, Action<BinanceClientOptions>? tweak = null)
    {
        var options = new BinanceClientOptions
        {
            BaseUri = new Uri("http://stub-" + Guid.NewGuid().ToString("N") + ".test/"),
            MaxAttempts = 2,
            ServerTime = PmInterest.Endpoints.PortfolioMarginPro.ServerTime,
            BaseBackoff = TimeSpan.FromMilliseconds(1),
            MaxBackoff = TimeSpan.FromMilliseconds(2),
        };
        tweak?.Invoke(options);
        return new BinanceClient("stub-key", new HmacSha256Signer(Encoding.UTF8.GetBytes("stub-secret")), options, handler);
    }

    public static Task<ApiAnswer<string>> Get(BinanceClient client, Action<ClientEvent>? observe = null) =>
        client.GetAsync(TextEndpoint.InterestHistoryPath, new List<KeyValuePair<string, string>>(), "test", observe, CancellationToken.None);

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Requests.Enqueue(request.RequestUri!);
        var response = _answer(request, Interlocked.Increment(ref _count));
        response.RequestMessage = request;
        return Task.FromResult(response);
    }
}
