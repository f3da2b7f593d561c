using System;
using System.Globalization;
using System.Net;
using System.Net.Http;
using System.Reflection;

namespace PmInterest.Binance;

/// <summary>
/// Which proxy, if any, a request of the connection goes through, the way the handler itself
/// chooses it: the handler's own proxy, else the platform's default (on PowerShell 7
/// HttpClient.DefaultProxy, from HTTPS_PROXY, HTTP_PROXY and NO_PROXY or the system's settings;
/// on Windows PowerShell the system's). Only for naming it in errors: it routes nothing.
/// </summary>
internal static class ProxyRoute
{
    // HttpClient.DefaultProxy exists from .NET Core 3.0 on, not in netstandard2.0.
    private static readonly PropertyInfo? DefaultProxyProperty =
        typeof(HttpClient).GetProperty("DefaultProxy", BindingFlags.Public | BindingFlags.Static);

    /// <summary>The proxy <paramref name="target"/> is sent through, as scheme://host:port (never its user name or password), or null when it goes direct.</summary>
    public static string? Of(HttpMessageHandler handler, Uri target)
    {
        if (handler is not HttpClientHandler { UseProxy: true } clientHandler)
        {
            return null;
        }

        try
        {
            var proxy = clientHandler.Proxy ?? DefaultProxyProperty?.GetValue(null) as IWebProxy ?? WebRequest.DefaultWebProxy;
            if (proxy is null || proxy.IsBypassed(target))
            {
                return null;
            }

            var uri = proxy.GetProxy(target);
            return uri is null || uri == target ? null : Name(uri);
        }
        catch (Exception e) when (e is InvalidOperationException or NotSupportedException or PlatformNotSupportedException or TargetInvocationException)
        {
            return null; // no proxy that can be named
        }
    }

    /// <summary>scheme://host:port of a proxy address.</summary>
    internal static string Name(Uri proxy) =>
        proxy.Scheme + "://" + proxy.Host + ":" + proxy.Port.ToString(CultureInfo.InvariantCulture);
}
