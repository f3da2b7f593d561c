using System;
using System.Net;
using System.Net.Http;
using System.Runtime.InteropServices;

namespace PmInterest.Binance;

/// <summary>
/// The HTTP handler of a connection. Redirects are never followed (only the BaseUri's host may
/// see the API key or a signed query) and nothing is decompressed by the handler (the client
/// decompresses itself, within its size cap). The proxy stays the platform's default, so
/// proxies from the environment or the system keep working.
/// <para>
/// On .NET Framework (Windows PowerShell 5.1) two process-wide defaults get in the way, and
/// only there are they adjusted: TLS 1.2 is added to
/// <see cref="ServicePointManager.SecurityProtocol"/> when it is not allowed already (old
/// framework versions default to SSL 3 and TLS 1.0; a setting of SystemDefault is left alone, as
/// the operating system then chooses), and the connection limit of the BaseUri's service point
/// (2 by default for client programs) is raised to the connections the concurrent requests need.
/// </para>
/// </summary>
internal static class HttpHandlerFactory
{
    private static readonly bool IsNetFramework =
        RuntimeInformation.FrameworkDescription.StartsWith(".NET Framework", StringComparison.OrdinalIgnoreCase);

    public static HttpClientHandler Create(BinanceClientOptions options)
    {
        var handler = new HttpClientHandler { UseCookies = false };
        Restrict(handler);
        var connections = ConnectionsFor(options);
        try
        {
            handler.MaxConnectionsPerServer = connections;
        }
        catch (PlatformNotSupportedException)
        {
            // .NET Framework before 4.7.1: the service point's limit below is what counts.
        }

        if (IsNetFramework)
        {
            PrepareNetFramework(options.BaseUri!, connections);
        }

        return handler;
    }

    /// <summary>Applies the two rules every handler of the client must follow: no redirects, no automatic decompression.</summary>
    public static void Restrict(HttpClientHandler handler)
    {
        handler.AllowAutoRedirect = false;
        handler.AutomaticDecompression = DecompressionMethods.None;
    }

    /// <summary>Every concurrent request, plus the clock measurement and a spare for a connection being closed.</summary>
    private static int ConnectionsFor(BinanceClientOptions options) => Math.Max(8, options.MaxConcurrency * 2);

    private static void PrepareNetFramework(Uri baseUri, int connections)
    {
        var protocols = ServicePointManager.SecurityProtocol;
        if (protocols != 0 && (protocols & SecurityProtocolType.Tls12) == 0)
        {
            ServicePointManager.SecurityProtocol = protocols | SecurityProtocolType.Tls12;
        }

        var servicePoint = ServicePointManager.FindServicePoint(baseUri);
        if (servicePoint.ConnectionLimit < connections)
        {
            servicePoint.ConnectionLimit = connections;
        }
    }
}
