using System;
using System.Globalization;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace PmInterest.Binance;

/// <summary>
/// Reads an answer body under the client's own rules, whatever the server sends: at most
/// <c>maxBytes</c> after decompression (a declared Content-Length over it is refused before
/// reading), gzip and deflate decompressed here (anything else is refused), and text decoded
/// strictly as UTF-8 or US-ASCII, the only charsets accepted. Every refusal comes back as a
/// <see cref="BodyText"/> failure that says what was wrong, never as a .NET exception.
/// </summary>
internal static class ResponseBody
{
    private const int ChunkBytes = 16 * 1024;

    private static readonly Encoding StrictUtf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <param name="received">Counts the body's bytes as they arrive (before decompression).</param>
    public static async Task<BodyText> ReadAsync(HttpResponseMessage response, int maxBytes, CancellationToken cancellationToken, ReceivedBytes? received = null)
    {
        var content = response.Content;
        if (content is null)
        {
            return BodyText.Of(string.Empty);
        }

        if (content.Headers.ContentLength is long declared && declared > maxBytes)
        {
            return TooLarge(maxBytes);
        }

        var charset = CharsetOf(content, out var refusedCharset);
        if (charset is null)
        {
            return BodyText.Fail(refusedCharset!);
        }

        var raw = new CappedStream(await content.ReadAsStreamAsync().ConfigureAwait(false), maxBytes, received);
        using var decoded = await DecodingStreamAsync(raw, content.Headers.ContentEncoding.ToList(), cancellationToken).ConfigureAwait(false);
        if (decoded.Failure is not null)
        {
            return BodyText.Fail(decoded.Failure);
        }

        var bytes = new ByteBuffer((int)Math.Min(content.Headers.ContentLength ?? ChunkBytes, maxBytes));
        try
        {
            bool complete;
            try
            {
                complete = await CopyCappedAsync(decoded.Stream!, bytes, maxBytes, cancellationToken).ConfigureAwait(false);
            }
            catch (InvalidDataException) when (decoded.Label is not null && !raw.Exceeded)
            {
                return BodyText.Fail("The answer is labelled " + decoded.Label + " but is not valid " + decoded.Label + " data.");
            }
            catch (InvalidDataException) when (raw.Exceeded)
            {
                complete = false; // the compressed stream was cut at the cap
            }

            return complete && !raw.Exceeded ? Decode(bytes.Array, bytes.Count, charset) : TooLarge(maxBytes);
        }
        finally
        {
            bytes.Release();
        }
    }

    private static BodyText TooLarge(int maxBytes) =>
        BodyText.Fail(string.Format(CultureInfo.InvariantCulture, "The answer exceeded {0} bytes; a page of records is far smaller, so it was not read.", maxBytes));

    /// <summary>The charset to decode with ("utf-8" or "us-ascii"), or null and the reason it is refused.</summary>
    private static string? CharsetOf(HttpContent content, out string? refusal)
    {
        refusal = null;
        var label = content.Headers.ContentType?.CharSet?.Trim().Trim('"', '\'');
        if (string.IsNullOrEmpty(label))
        {
            return "utf-8"; // JSON is UTF-8 unless told otherwise (RFC 8259)
        }

        switch (label!.ToUpperInvariant())
        {
            case "UTF-8":
            case "UTF8":
                return "utf-8";
            case "US-ASCII":
            case "ASCII":
                return "us-ascii";
            default:
                refusal = "The answer is in the charset '" + ServerText.Clean(label) + "'; only UTF-8 is read.";
                return null;
        }
    }

    private static async Task<DecodingStream> DecodingStreamAsync(CappedStream raw, System.Collections.Generic.List<string> encodings, CancellationToken cancellationToken)
    {
        if (encodings.Count == 0 || (encodings.Count == 1 && string.Equals(encodings[0], "identity", StringComparison.OrdinalIgnoreCase)))
        {
            return new DecodingStream(raw, null, null);
        }

        var label = encodings.Count == 1 ? encodings[0].ToUpperInvariant() : string.Empty;
        switch (label)
        {
            case "GZIP":
            case "X-GZIP":
                return new DecodingStream(new GZipStream(raw, CompressionMode.Decompress), "gzip", null);
            case "DEFLATE":
                await SkipZlibHeaderAsync(raw, cancellationToken).ConfigureAwait(false);
                return new DecodingStream(new DeflateStream(raw, CompressionMode.Decompress), "deflate", null);
            default:
                raw.Dispose();
                return new DecodingStream(null, null, "The answer uses the content encoding '" + ServerText.Clean(string.Join(", ", encodings)) + "', which the client did not ask for.");
        }
    }

    /// <summary>
    /// HTTP's "deflate" is zlib-framed (RFC 9110), though some servers send raw deflate: a
    /// zlib header (CM 8, header checksum divisible by 31) is skipped, anything else is
    /// handed back to be read as raw deflate. The zlib trailer is never reached by the reader.
    /// </summary>
    private static async Task SkipZlibHeaderAsync(CappedStream raw, CancellationToken cancellationToken)
    {
        var head = new byte[2];
        var got = 0;
        while (got < 2)
        {
            var n = await raw.ReadAsync(head, got, 2 - got, cancellationToken).ConfigureAwait(false);
            if (n == 0)
            {
                break;
            }

            got += n;
        }

        var zlib = got == 2 && (head[0] & 0x0F) == 8 && ((head[0] << 8) | head[1]) % 31 == 0;
        if (!zlib)
        {
            raw.Unread(head, got);
        }
    }

    /// <summary>Copies decoded bytes until the end (true) or until there are more than <paramref name="maxBytes"/> (false).</summary>
    private static async Task<bool> CopyCappedAsync(Stream source, ByteBuffer target, int maxBytes, CancellationToken cancellationToken)
    {
        while (true)
        {
            var want = (int)Math.Min(ChunkBytes, maxBytes + 1L - target.Count);
            target.Reserve(want);
            var n = await source.ReadAsync(target.Array, target.Count, want, cancellationToken).ConfigureAwait(false);
            if (n == 0)
            {
                return true;
            }

            target.Count += n;
            if (target.Count > maxBytes)
            {
                return false;
            }
        }
    }

    private static BodyText Decode(byte[] bytes, int count, string charset)
    {
        // A byte-order mark is not JSON, but it is harmless: skip it.
        var start = count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0;
        if (charset == "us-ascii")
        {
            for (var i = start; i < count; i++)
            {
                if (bytes[i] >= 0x80)
                {
                    return BodyText.Fail("The answer is labelled US-ASCII but holds other bytes.");
                }
            }
        }

        char[]? chars = null;
        try
        {
            chars = BufferPool<char>.Shared.Rent(count - start);
            var length = StrictUtf8.GetChars(bytes, start, count - start, chars, 0);
            var body = BodyText.Of(chars, length);
            chars = null;
            return body;
        }
        catch (DecoderFallbackException)
        {
            return BodyText.Fail("The answer is not valid UTF-8.");
        }
        finally
        {
            BufferPool<char>.Shared.Return(chars);
        }
    }

    /// <summary>The bytes read so far, in a pooled array that grows as needed.</summary>
    private sealed class ByteBuffer
    {
        public ByteBuffer(int expected) => Array = BufferPool<byte>.Shared.Rent(expected + 1);

        public byte[] Array { get; private set; }

        public int Count { get; set; }

        /// <summary>Makes room for <paramref name="more"/> bytes after <see cref="Count"/>.</summary>
        public void Reserve(int more)
        {
            if (Count + more <= Array.Length)
            {
                return;
            }

            var larger = BufferPool<byte>.Shared.Rent(Math.Max(Array.Length * 2, Count + more));
            Buffer.BlockCopy(Array, 0, larger, 0, Count);
            BufferPool<byte>.Shared.Return(Array);
            Array = larger;
        }

        public void Release() => BufferPool<byte>.Shared.Return(Array);
    }

    /// <summary>The stream to read decoded bytes from, or why there is none.</summary>
    private sealed class DecodingStream : IDisposable
    {
        public DecodingStream(Stream? stream, string? label, string? failure)
        {
            Stream = stream;
            Label = label;
            Failure = failure;
        }

        public Stream? Stream { get; }

        /// <summary>"gzip" or "deflate" when decompressing, else null.</summary>
        public string? Label { get; }

        public string? Failure { get; }

        public void Dispose() => Stream?.Dispose();
    }
}
