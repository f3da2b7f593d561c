using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace PmInterest.Emulator;

/// <summary>Writes JSON bodies by hand, so field order, number form and string scale are exactly Binance's.</summary>
internal static class JsonResponse
{
    internal const string ContentType = "application/json;charset=UTF-8";

    // Binance sends "Parameter 'size'" with literal quotes; the default encoder would write \u0027.
    // The relaxed encoder is safe here: no body is ever embedded in HTML.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    internal static async Task WriteAsync(HttpContext context, int status, Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            write(writer);
        }

        context.Response.StatusCode = status;
        context.Response.ContentType = ContentType;
        context.Response.ContentLength = buffer.WrittenCount;
        await context.Response.Body.WriteAsync(buffer.WrittenMemory, context.RequestAborted).ConfigureAwait(false);
    }

    internal static Task WriteErrorAsync(HttpContext context, BinanceError error) =>
        WriteAsync(context, error.Status, w =>
        {
            w.WriteStartObject();
            w.WriteNumber("code", error.Code);
            w.WriteString("msg", error.Message);
            w.WriteEndObject();
        });

    /// <summary>The endpoint's array: amounts and rates as the stored strings, the time as a number under the endpoint's <paramref name="timeField"/>.</summary>
    /// <summary>Writes <c>"headers": {...}</c>, names in ordinal case-insensitive order, as the listeners record them.</summary>
    internal static void WriteHeaders(Utf8JsonWriter w, IReadOnlyDictionary<string, string> headers)
    {
        w.WriteStartObject("headers");
        foreach (KeyValuePair<string, string> h in headers.OrderBy(h => h.Key, StringComparer.OrdinalIgnoreCase))
        {
            w.WriteString(h.Key, h.Value);
        }

        w.WriteEndObject();
    }

    internal static void WriteRecords(Utf8JsonWriter w, IEnumerable<EmulatorRecord> records, string timeField = InterestEndpoint.ProTimeField)
    {
        w.WriteStartArray();
        foreach (EmulatorRecord r in records)
        {
            w.WriteStartObject();
            w.WriteString("asset", r.Asset);
            w.WriteString("interest", r.Interest);
            w.WriteNumber(timeField, r.InterestAccruedTime);
            w.WriteString("interestRate", r.InterestRate);
            w.WriteString("principal", r.Principal);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }
}
