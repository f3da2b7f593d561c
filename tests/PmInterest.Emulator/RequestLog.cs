using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace PmInterest.Emulator;

/// <summary>
/// One request as the emulator saw it: when it arrived and was answered (server ms: real clock
/// plus skew), its path, its <c>timestamp</c> parameter (null when absent or not a number) and
/// the status answered (0 when the connection was dropped before any answer).
/// </summary>
public sealed record LoggedRequest(long ArrivedMs, string Path, long? Timestamp, int Status, long AnsweredMs)
{
    /// <summary>True when the request carried an <c>X-MBX-APIKEY</c> header (its value is never kept).</summary>
    public bool ApiKeySent { get; init; }

    /// <summary>True when the query had a <c>signature</c> parameter.</summary>
    public bool SignatureSent { get; init; }

    /// <summary>The raw query of an unsigned request (market data, say), for tests that read its parameters; null for a signed one, whose signature is never kept.</summary>
    public string? Query { get; init; }
}

/// <summary>
/// Every API request in arrival order, so a test can prove, for example, that no request
/// signed after the client knew of a ban ever arrived. <c>/_emulator/*</c> requests are not logged.
/// </summary>
internal sealed class RequestLog
{
    private readonly Lock gate = new();
    private readonly List<LoggedRequest> entries = [];

    internal IReadOnlyList<LoggedRequest> Snapshot()
    {
        lock (gate)
        {
            return [.. entries];
        }
    }

    /// <summary>
    /// Notes the arrival. The entry is logged when the response starts, before the client can
    /// have any byte of it, so a test that reads the log once its call returned sees every
    /// answered request; <see cref="End"/> logs one dropped before any answer.
    /// </summary>
    internal Pending Begin(HttpContext context, string path, RawQuery query, Func<long> serverTimeMs)
    {
        bool signed = query.Parameters.Any(p => p.Name == "signature");
        var pending = new Pending(serverTimeMs(), path, TimestampOf(query))
        {
            ApiKeySent = context.Request.Headers.ContainsKey("X-MBX-APIKEY"),
            SignatureSent = signed,
            Query = signed ? null : query.Text,
        };
        context.Response.OnStarting(() =>
        {
            Add(pending, context.Response.StatusCode, serverTimeMs());
            return Task.CompletedTask;
        });
        return pending;
    }

    internal void End(HttpContext context, Pending pending, long nowMs)
    {
        if (!context.Response.HasStarted)
        {
            Add(pending, 0, nowMs);
        }
    }

    private void Add(Pending pending, int status, long answeredMs)
    {
        var entry = new LoggedRequest(pending.ArrivedMs, pending.Path, pending.Timestamp, status, answeredMs)
        {
            ApiKeySent = pending.ApiKeySent,
            SignatureSent = pending.SignatureSent,
            Query = pending.Query,
        };
        lock (gate)
        {
            entries.Add(entry);
        }
    }

    internal void Clear()
    {
        lock (gate)
        {
            entries.Clear();
        }
    }

    /// <summary>The body of <c>GET /_emulator/requests</c>.</summary>
    internal void WriteJson(Utf8JsonWriter w)
    {
        w.WriteStartArray();
        foreach (LoggedRequest r in Snapshot())
        {
            w.WriteStartObject();
            w.WriteNumber("arrivedMs", r.ArrivedMs);
            w.WriteString("path", r.Path);
            if (r.Timestamp is long t)
            {
                w.WriteNumber("timestamp", t);
            }
            else
            {
                w.WriteNull("timestamp");
            }

            w.WriteNumber("status", r.Status);
            w.WriteNumber("answeredMs", r.AnsweredMs);
            w.WriteBoolean("apiKeySent", r.ApiKeySent);
            w.WriteBoolean("signatureSent", r.SignatureSent);
            w.WriteString("query", r.Query);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static long? TimestampOf(RawQuery query) =>
        query.Parameters.LastOrDefault(p => p.Name == "timestamp") is { } p &&
        long.TryParse(p.Value, NumberStyles.None, CultureInfo.InvariantCulture, out long t) ? t : null;

    /// <summary>A request being handled.</summary>
    internal sealed class Pending(long arrivedMs, string path, long? timestamp)
    {
        internal long ArrivedMs { get; } = arrivedMs;

        internal string Path { get; } = path;

        internal long? Timestamp { get; } = timestamp;

        internal bool ApiKeySent { get; init; }

        internal bool SignatureSent { get; init; }

        internal string? Query { get; init; }
    }
}
