using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Threading.Tasks;
using PmInterest.Binance;
using Xunit;

namespace PmInterest.Tests.Binance;

/// <summary>
/// The client reads answers under its own rules: its own decompression and charset handling,
/// a size cap, redirects refused. Whatever comes, the caller gets the body or a
/// <see cref="BinanceApiException"/> of kind Protocol, never another exception.
/// </summary>
public sealed class AnswerReadingTests
{
    private const string Page = "[{\"asset\":\"USDT\",\"interest\":\"1.5\",\"interestAccruedTime\":1735689600000,\"interestRate\":\"0.0001\",\"principal\":\"10\"}]";

    [Fact]
    public async Task Asks_for_gzip_and_deflate_itself_and_reads_a_gzip_body()
    {
        string? asked = null;
        using var client = StubHandler.Client(new StubHandler((request, _) =>
        {
            asked = string.Join(", ", request.Headers.AcceptEncoding);
            return Encoded("gzip", Gzip(Page));
        }));

        var response = await StubHandler.Get(client);

        Assert.Equal(Page, response.Value);
        Assert.Equal("gzip, deflate", asked);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Reads_deflate_with_or_without_zlib_framing(bool zlib)
    {
        using var client = StubHandler.Client(new StubHandler((_, _) => Encoded("deflate", Deflate(Page, zlib))));

        Assert.Equal(Page, (await StubHandler.Get(client)).Value);
    }

    [Fact]
    public async Task A_body_labelled_gzip_that_is_not_is_a_protocol_error()
    {
        using var client = StubHandler.Client(new StubHandler((_, _) => Encoded("gzip", Encoding.UTF8.GetBytes(Page))));

        var e = await Assert.ThrowsAsync<BinanceApiException>(() => StubHandler.Get(client));

        Assert.Equal(BinanceErrorKind.Protocol, e.Kind);
        Assert.Contains("labelled gzip but is not valid gzip", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_encoding_the_client_did_not_ask_for_is_a_protocol_error_naming_it()
    {
        using var client = StubHandler.Client(new StubHandler((_, _) => Encoded("br", Encoding.UTF8.GetBytes(Page))));

        var e = await Assert.ThrowsAsync<BinanceApiException>(() => StubHandler.Get(client));

        Assert.Equal(BinanceErrorKind.Protocol, e.Kind);
        Assert.Contains("'br'", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("application/json; charset=\"utf-8\"")]
    [InlineData("application/json; charset=UTF8")]
    [InlineData("application/json; charset=us-ascii")]
    [InlineData("application/json")]
    public async Task Reads_utf8_and_ascii_however_labelled(string contentType)
    {
        using var client = StubHandler.Client(new StubHandler((_, _) => StubHandler.Json(200, Page, contentType)));

        Assert.Equal(Page, (await StubHandler.Get(client)).Value);
    }

    [Fact]
    public async Task Skips_a_byte_order_mark()
    {
        using var client = StubHandler.Client(new StubHandler((_, _) => StubHandler.Bytes(200, new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes(Page)).ToArray())));

        Assert.Equal(Page, (await StubHandler.Get(client)).Value);
    }

    [Theory]
    [InlineData("application/json; charset=koi8-r", "koi8-r")]
    [InlineData("application/json; charset=utf-16", "utf-16")]
    public async Task Any_other_charset_is_a_protocol_error_naming_it(string contentType, string named)
    {
        using var client = StubHandler.Client(new StubHandler((_, _) => StubHandler.Json(200, Page, contentType)));

        var e = await Assert.ThrowsAsync<BinanceApiException>(() => StubHandler.Get(client));

        Assert.Equal(BinanceErrorKind.Protocol, e.Kind);
        Assert.Contains("'" + named + "'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bytes_outside_ascii_in_a_body_labelled_us_ascii_are_a_protocol_error()
    {
        var body = Encoding.UTF8.GetBytes(Page.Replace("USDT", "USDÉ", StringComparison.Ordinal));
        using var client = StubHandler.Client(new StubHandler((_, _) => StubHandler.Bytes(200, body, "application/json; charset=us-ascii")));

        var e = await Assert.ThrowsAsync<BinanceApiException>(() => StubHandler.Get(client));

        Assert.Equal(BinanceErrorKind.Protocol, e.Kind);
    }

    [Fact]
    public async Task A_declared_length_over_the_cap_is_refused_without_reading_the_body()
    {
        var unread = new UnreadableStream();
        using var client = StubHandler.Client(new StubHandler((_, _) =>
        {
            var content = new StreamContent(unread);
            content.Headers.ContentLength = BinanceClientOptions.MaxResponseBytes + 1L;
            return new HttpResponseMessage(System.Net.HttpStatusCode.OK) { Content = content };
        }));

        var e = await Assert.ThrowsAsync<BinanceApiException>(() => StubHandler.Get(client));

        Assert.Equal(BinanceErrorKind.Protocol, e.Kind);
        Assert.Contains("exceeded 1048576 bytes", e.Message, StringComparison.Ordinal);
        Assert.False(unread.WasRead);
    }

    [Fact]
    public async Task A_small_gzip_body_that_inflates_past_the_cap_is_refused()
    {
        var bomb = Gzip("[" + new string(' ', BinanceClientOptions.MaxResponseBytes) + "]");
        Assert.True(bomb.Length < 20_000);
        using var client = StubHandler.Client(new StubHandler((_, _) => Encoded("gzip", bomb)));

        var e = await Assert.ThrowsAsync<BinanceApiException>(() => StubHandler.Get(client));

        Assert.Equal(BinanceErrorKind.Protocol, e.Kind);
        Assert.Contains("exceeded 1048576 bytes", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_body_of_exactly_the_cap_is_read()
    {
        var body = "[" + new string(' ', BinanceClientOptions.MaxResponseBytes - 2) + "]";
        using var client = StubHandler.Client(new StubHandler((_, _) => StubHandler.Json(200, body)));

        Assert.Equal(body.Length, (await StubHandler.Get(client)).Value.Length);
    }

    [Theory]
    [InlineData(301, "http://elsewhere.example:8080/steal?signature=abc", "http://elsewhere.example:8080")]
    [InlineData(307, "https://elsewhere.example/x/y?q=1#f", "https://elsewhere.example")]
    [InlineData(308, "/relative/path?signature=abc", "http://stub-")]
    public async Task A_redirect_is_not_followed_and_named_by_scheme_and_host_only(int status, string location, string named)
    {
        var handler = new StubHandler((_, _) =>
        {
            var response = StubHandler.Json(status, string.Empty);
            response.Headers.TryAddWithoutValidation("Location", location);
            return response;
        });
        using var client = StubHandler.Client(handler);

        var e = await Assert.ThrowsAsync<BinanceApiException>(() => StubHandler.Get(client));

        Assert.Equal(BinanceErrorKind.Protocol, e.Kind);
        Assert.Equal(status, e.HttpStatus);
        Assert.Contains(named, e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("signature", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("/steal", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("/relative", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("q=1", e.Message, StringComparison.Ordinal);
        Assert.Equal(1, handler.Count);
    }

    [Fact]
    public async Task A_server_message_reaches_the_exception_without_control_characters()
    {
        const string Hostile = "{\"code\":-1022,\"msg\":\"\\u001b[2J\\u001b]0;x\\u0007Signature\\r\\nFAKE LINE\\u0085\\u009b1A\\u007f\\u202e not valid.\"}";
        using var client = StubHandler.Client(new StubHandler((_, _) => StubHandler.Json(400, Hostile)));

        var e = await Assert.ThrowsAsync<BinanceApiException>(() => StubHandler.Get(client));

        Assert.Equal("Signature FAKE LINE1A not valid.", e.BinanceMessage);
        Assert.DoesNotContain(e.Message, c => c < ' ' || (c >= '\u007f' && c <= '\u009f') || c == '\u202e');
    }

    private static HttpResponseMessage Encoded(string encoding, byte[] body)
    {
        var response = StubHandler.Bytes(200, body);
        response.Content.Headers.ContentEncoding.Add(encoding);
        return response;
    }

    private static byte[] Gzip(string text)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Optimal))
        {
            var bytes = Encoding.UTF8.GetBytes(text);
            gzip.Write(bytes, 0, bytes.Length);
        }

        return buffer.ToArray();
    }

    private static byte[] Deflate(string text, bool zlib)
    {
        using var buffer = new MemoryStream();
        using (Stream deflate = zlib ? new ZLibStream(buffer, CompressionLevel.Optimal) : new DeflateStream(buffer, CompressionLevel.Optimal))
        {
            var bytes = Encoding.UTF8.GetBytes(text);
            deflate.Write(bytes, 0, bytes.Length);
        }

        return buffer.ToArray();
    }

    /// <summary>A body that records whether anyone tried to read it.</summary>
    private sealed class UnreadableStream : MemoryStream
    {
        public bool WasRead { get; private set; }

        public override int Read(byte[] buffer, int offset, int count)
        {
            WasRead = true;
            return 0;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, System.Threading.CancellationToken cancellationToken)
        {
            WasRead = true;
            return Task.FromResult(0);
        }

        public override System.Threading.Tasks.ValueTask<int> ReadAsync(Memory<byte> buffer, System.Threading.CancellationToken cancellationToken = default)
        {
            WasRead = true;
            return new System.Threading.Tasks.ValueTask<int>(0);
        }
    }
}
