using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace PmInterest.Emulator;

/// <summary>A request that reached the redirect listener: what a client that follows redirects gives away.</summary>
public sealed record RedirectedRequest(string Path, string Query, IReadOnlyDictionary<string, string> Headers);

/// <summary>
/// The second listener (another port on 127.0.0.1) that redirects point at. It stands for a
/// host that must never see an API key or a signed query: it records every request it receives
/// (path, raw query, headers) and answers <c>[]</c>, so a client that follows a redirect gets an
/// empty page and no error, as the real defect did.
/// </summary>
internal sealed class RedirectListener
{
    private readonly Lock gate = new();
    private readonly List<RedirectedRequest> received = [];

    /// <summary>The listener's root, e.g. <c>http://127.0.0.1:41235/</c>; set once the server listens.</summary>
    internal Uri Address { get; set; } = new("http://127.0.0.1:1/");

    /// <summary>The listener's port; 0 until the server listens.</summary>
    internal int Port { get; set; }

    internal IReadOnlyList<RedirectedRequest> Received
    {
        get
        {
            lock (gate)
            {
                return [.. received];
            }
        }
    }

    internal Task HandleAsync(HttpContext context, string rawTarget)
    {
        int question = rawTarget.IndexOf('?', StringComparison.Ordinal);
        var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        var request = new RedirectedRequest(
            context.Request.Path.Value ?? "/",
            question < 0 ? string.Empty : rawTarget[(question + 1)..],
            headers);
        lock (gate)
        {
            received.Add(request);
        }

        return JsonResponse.WriteAsync(context, 200, w =>
        {
            w.WriteStartArray();
            w.WriteEndArray();
        });
    }

    internal void Clear()
    {
        lock (gate)
        {
            received.Clear();
        }
    }

    /// <summary>The body of <c>GET /_emulator/redirected</c>.</summary>
    internal void WriteJson(Utf8JsonWriter w)
    {
        w.WriteStartArray();
        foreach (RedirectedRequest r in Received)
        {
            w.WriteStartObject();
            w.WriteString("path", r.Path);
            w.WriteString("query", r.Query);
            JsonResponse.WriteHeaders(w, r.Headers);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }
}
