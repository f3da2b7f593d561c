using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace PmInterest.Emulator;

/// <summary>
/// The answers of a hostile or broken server, chosen by the hostile knobs of
/// <see cref="EmulatorOptions"/>: redirects, broken 200 bodies, absurd ban ends and error
/// messages full of control characters. Large bodies are generated while they are sent, from
/// one reused chunk: nothing the size of the body is ever held in memory.
/// </summary>
internal sealed class HostileAnswers(EmulatorOptions options)
{
    /// <summary>1e17 ms: the year 3170843, past anything a DateTime holds.</summary>
    internal const long OutOfRangeTimeMs = 100_000_000_000_000_000;

    /// <summary>How deep the nested answers go: 100,000 arrays, 200 KB, under any answer cap.</summary>
    internal const int NestingDepth = 100_000;

    private const string Decoration = "\u001b[2J\u001b[31m\u001b]0;title\u0007";
    private const string ForgedLine = "\r\nINFO: all 0 records were written\u0085\u009b1A\u007f\u0000";

    private static readonly byte[] Record = Encoding.UTF8.GetBytes(
        "{\"asset\":\"USDT\",\"interest\":\"0.00100000\",\"interestAccruedTime\":1735689600000,\"interestRate\":\"0.00010000\",\"principal\":\"10.00000000\"},");

    private static readonly byte[] Chunk = Repeat(Record, 512);

    /// <summary>An object whose one field holds the nested arrays: it opens as each answer should, so a reader gets to the depth.</summary>
    private static readonly byte[] Nested = [.. "{\"extra\":"u8, .. Enumerable.Repeat((byte)'[', NestingDepth), .. Enumerable.Repeat((byte)']', NestingDepth), (byte)'}'];

    private static readonly byte[] NestedPage = [(byte)'[', .. Nested, (byte)']'];

    /// <summary>
    /// Answers with <paramref name="status"/> and <see cref="NestingDepth"/> nested arrays in a
    /// field of an object (of a one-element array for a page).
    /// </summary>
    internal static Task WriteNestedAsync(HttpContext context, int status, bool page = false)
    {
        byte[] body = page ? NestedPage : Nested;
        context.Response.StatusCode = status;
        context.Response.ContentType = JsonResponse.ContentType;
        context.Response.ContentLength = body.Length;
        return context.Response.Body.WriteAsync(body, context.RequestAborted).AsTask();
    }

    /// <summary>Answers with <see cref="EmulatorOptions.RedirectStatus"/> when set; false when redirects are off.</summary>
    internal bool TryRedirect(HttpContext context, string rawTarget, Uri ownListener)
    {
        int status = options.RedirectStatus;
        if (status == 0)
        {
            return false;
        }

        Uri target = options.RedirectTarget ?? ownListener;
        context.Response.StatusCode = status;
        context.Response.Headers.Location = target.GetLeftPart(UriPartial.Authority) + rawTarget;
        context.Response.ContentLength = 0;
        return true;
    }

    /// <summary>Writes an error, its message decorated with control characters when <see cref="EmulatorOptions.ControlCharactersInMessages"/> is set.</summary>
    internal Task WriteErrorAsync(HttpContext context, BinanceError error) =>
        JsonResponse.WriteErrorAsync(context, options.ControlCharactersInMessages ? error with { Message = Decoration + error.Message + ForgedLine } : error);

    /// <summary>A 418 with Retry-After; its end past the year 9999 when <see cref="EmulatorOptions.AbsurdBanEnd"/> is set.</summary>
    internal Task WriteBanAsync(HttpContext context, long bannedUntilMs, long retryAfterSeconds)
    {
        bool absurd = options.AbsurdBanEnd;
        context.Response.Headers.RetryAfter = absurd ? "100000000000000" : retryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        return WriteErrorAsync(context, BinanceError.IpBanned(absurd ? OutOfRangeTimeMs : bannedUntilMs));
    }

    /// <summary>Writes the 200 answer <see cref="EmulatorOptions.HostileBody"/> asks for, in place of <paramref name="page"/>.</summary>
    internal async Task WriteBodyAsync(HttpContext context, HostileBody body, IReadOnlyList<EmulatorRecord> page)
    {
        try
        {
            await (body switch
            {
                HostileBody.Oversized => StreamArrayAsync(context, options.OversizedBodyBytes),
                HostileBody.Endless => StreamArrayAsync(context, null),
                HostileBody.FalseGzip => WritePageAsync(context, page, JsonResponse.ContentType, "gzip"),
                HostileBody.UnknownCharset => WritePageAsync(context, page, "application/json;charset=" + options.Charset, null),
                HostileBody.InvalidUtf8 => WriteInvalidUtf8Async(context, page),
                HostileBody.TimeOutOfRange => WritePageAsync(context, [.. OrOne(page).Select(r => r with { InterestAccruedTime = OutOfRangeTimeMs })], JsonResponse.ContentType, null),
                HostileBody.DeepNesting => WriteNestedAsync(context, 200, page: true),
                HostileBody.DuplicateField => WriteEditedAsync(context, page, json => json.Insert(json.IndexOf("\"interest\":", StringComparison.Ordinal), "\"interest\":\"999\",")),
                HostileBody.TrailingText => WriteEditedAsync(context, page, json => json + "[]"),
                HostileBody.LongDecimal => WriteEditedAsync(context, page, json => ReplaceFirstValue(json, "\"interest\":", "\"0.12345678901234567890123456789\"")),
                HostileBody.OddTime => WriteEditedAsync(context, page, json => ReplaceFirstValue(json, "\"interestAccruedTime\":", "\" +T \"")),
                HostileBody.NegativeAmount => WritePageAsync(context, [.. OrOne(page).Select(r => r with { Interest = "-" + r.Interest })], JsonResponse.ContentType, null),
                _ => WritePageAsync(context, page, JsonResponse.ContentType, null),
            }).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException)
        {
            // The client stopped reading, as it should.
        }
    }

    private static IReadOnlyList<EmulatorRecord> OrOne(IReadOnlyList<EmulatorRecord> page) =>
        page.Count > 0 ? page : [new EmulatorRecord("USDT", "0.001", 1735689600000, "0.0001", "10")];

    private static byte[] Serialize(IReadOnlyList<EmulatorRecord> page)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            JsonResponse.WriteRecords(writer, page);
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static async Task WritePageAsync(HttpContext context, IReadOnlyList<EmulatorRecord> page, string contentType, string? contentEncoding)
    {
        byte[] bytes = Serialize(page);
        context.Response.StatusCode = 200;
        context.Response.ContentType = contentType;
        if (contentEncoding is not null)
        {
            context.Response.Headers.ContentEncoding = contentEncoding;
        }

        context.Response.ContentLength = bytes.Length;
        await context.Response.Body.WriteAsync(bytes, context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>The page (at least one record) as text, edited, sent as a 200.</summary>
    private static Task WriteEditedAsync(HttpContext context, IReadOnlyList<EmulatorRecord> page, Func<string, string> edit)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(edit(Encoding.UTF8.GetString(Serialize(OrOne(page)))));
        context.Response.StatusCode = 200;
        context.Response.ContentType = JsonResponse.ContentType;
        context.Response.ContentLength = bytes.Length;
        return context.Response.Body.WriteAsync(bytes, context.RequestAborted).AsTask();
    }

    /// <summary>Replaces the value after the first <paramref name="name"/> (up to the next comma or brace).</summary>
    private static string ReplaceFirstValue(string json, string name, string value)
    {
        int start = json.IndexOf(name, StringComparison.Ordinal) + name.Length;
        int end = json.IndexOfAny([',', '}'], start);
        return string.Concat(json.AsSpan(0, start), value, json.AsSpan(end));
    }

    private static Task WriteInvalidUtf8Async(HttpContext context, IReadOnlyList<EmulatorRecord> page)
    {
        byte[] bytes = Serialize(OrOne(page));
        int asset = bytes.AsSpan().IndexOf("\"asset\":\""u8) + 9;
        bytes[asset] = 0xFF; // never valid in UTF-8
        context.Response.StatusCode = 200;
        context.Response.ContentType = JsonResponse.ContentType;
        context.Response.ContentLength = bytes.Length;
        return context.Response.Body.WriteAsync(bytes, context.RequestAborted).AsTask();
    }

    /// <summary>
    /// "[" then records up to <paramref name="length"/> bytes exactly (padded with white space
    /// and closed with "]"), with that Content-Length; or, for a null length, chunked records
    /// that never end.
    /// </summary>
    private static async Task StreamArrayAsync(HttpContext context, long? length)
    {
        context.Response.StatusCode = 200;
        context.Response.ContentType = JsonResponse.ContentType;
        context.Response.ContentLength = length;
        Stream output = context.Response.Body;
        CancellationToken aborted = context.RequestAborted;
        await output.WriteAsync("["u8.ToArray(), aborted).ConfigureAwait(false);
        long remaining = (length ?? long.MaxValue) - 1 - Record.Length; // room before the closing record
        while (remaining >= Chunk.Length)
        {
            await output.WriteAsync(Chunk, aborted).ConfigureAwait(false);
            remaining -= Chunk.Length;
        }

        while (remaining >= Record.Length)
        {
            await output.WriteAsync(Record, aborted).ConfigureAwait(false);
            remaining -= Record.Length;
        }

        byte[] last = [.. Enumerable.Repeat((byte)' ', (int)Math.Max(0, remaining)), .. Record.AsSpan(0, Record.Length - 1), (byte)']'];
        await output.WriteAsync(last, aborted).ConfigureAwait(false);
    }

    private static byte[] Repeat(byte[] item, int times)
    {
        var bytes = new byte[item.Length * times];
        for (int i = 0; i < times; i++)
        {
            item.CopyTo(bytes, i * item.Length);
        }

        return bytes;
    }
}
