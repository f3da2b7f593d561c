using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace PmInterest.Emulator;

/// <summary>A request the forward proxy carried: the target as the client wrote it (absolute-form) and every header.</summary>
public sealed record ProxiedRequest(string Target, IReadOnlyDictionary<string, string> Headers);

/// <summary>
/// A logging forward HTTP proxy on its own port: it takes plain-http requests in absolute form
/// for any host (no DNS is asked: every host is this emulator), sends them on to the emulator's
/// main port and records what it saw, so a test can show what a plain-http client gives away on
/// the way. CONNECT (https through the proxy) is refused with 405.
/// </summary>
internal sealed class ForwardProxy : IDisposable
{
    private static readonly HashSet<string> HopByHop = new(StringComparer.OrdinalIgnoreCase)
    {
        "Connection", "Keep-Alive", "Proxy-Connection", "Proxy-Authorization", "TE", "Trailer", "Transfer-Encoding", "Upgrade", "Host",
    };

    private readonly Lock gate = new();
    private readonly List<ProxiedRequest> received = [];
    private readonly HttpClient onward = new(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false, AutomaticDecompression = DecompressionMethods.None });

    /// <summary>The proxy's port; 0 until the server listens.</summary>
    internal int Port { get; set; }

    /// <summary>Where requests go on to: the emulator's main port.</summary>
    internal Uri Upstream { get; set; } = new("http://127.0.0.1:1/");

    internal IReadOnlyList<ProxiedRequest> Received
    {
        get
        {
            lock (gate)
            {
                return [.. received];
            }
        }
    }

    internal async Task HandleAsync(HttpContext context)
    {
        string target = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? context.Request.Path.Value ?? "/";
        lock (gate)
        {
            received.Add(new ProxiedRequest(target, context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase)));
        }

        if (!HttpMethods.IsGet(context.Request.Method) || !Uri.TryCreate(target, UriKind.Absolute, out Uri? absolute))
        {
            context.Response.StatusCode = 405; // only plain-http GETs in absolute form
            return;
        }

        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(Upstream, absolute.PathAndQuery));
        foreach (KeyValuePair<string, Microsoft.Extensions.Primitives.StringValues> header in context.Request.Headers)
        {
            if (!HopByHop.Contains(header.Key))
            {
                request.Headers.TryAddWithoutValidation(header.Key, header.Value.ToArray());
            }
        }

        using HttpResponseMessage response = await onward.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, context.RequestAborted).ConfigureAwait(false);
        context.Response.StatusCode = (int)response.StatusCode;
        foreach (KeyValuePair<string, IEnumerable<string>> header in response.Headers.Concat(response.Content.Headers))
        {
            if (!HopByHop.Contains(header.Key))
            {
                context.Response.Headers[header.Key] = header.Value.ToArray();
            }
        }

        await response.Content.CopyToAsync(context.Response.Body, context.RequestAborted).ConfigureAwait(false);
    }

    internal void Clear()
    {
        lock (gate)
        {
            received.Clear();
        }
    }

    /// <summary>The body of <c>GET /_emulator/proxied</c>.</summary>
    internal void WriteJson(Utf8JsonWriter w)
    {
        w.WriteStartArray();
        foreach (ProxiedRequest r in Received)
        {
            w.WriteStartObject();
            w.WriteString("target", r.Target);
            JsonResponse.WriteHeaders(w, r.Headers);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    public void Dispose() => onward.Dispose();
}
