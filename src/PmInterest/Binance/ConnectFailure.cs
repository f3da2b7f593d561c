using System;
using System.Globalization;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Reflection;
using System.Security.Authentication;

namespace PmInterest.Binance;

/// <summary>
/// Tells the transport failures that no retry can heal from the transient ones: a certificate
/// that is not trusted, a TLS handshake that failed, a host name that does not resolve, a proxy
/// that refused or could not be reached. Everything else (a refused or dropped connection to the
/// host itself) stays transient. Only exception types and status codes are read, never an
/// exception's text, which could carry the request URI and with it the signature.
/// </summary>
internal static class ConnectFailure
{
    // HttpRequestException.HttpRequestError (.NET 8 and later) says which step failed; older
    // platforms leave it to the inner SocketException, AuthenticationException or WebException.
    private static readonly PropertyInfo? RequestErrorProperty =
        typeof(HttpRequestException).GetProperty("HttpRequestError", BindingFlags.Public | BindingFlags.Instance);

    /// <summary>What failed and its text, or null when the failure is worth another attempt.</summary>
    /// <param name="proxy">The proxy the request went through (scheme://host:port), or null.</param>
    /// <param name="certificateRefusal">Why the platform refused the server's certificate, when it did.</param>
    public static (BinanceErrorKind Kind, string Text)? Classify(Exception e, Uri target, string? proxy, string? certificateRefusal)
    {
        var step = RequestError(e);
        var web = Find<WebException>(e);
        var socket = Find<SocketException>(e);
        var tls = step == "SecureConnectionError" || Find<AuthenticationException>(e) is not null ||
                  web?.Status is WebExceptionStatus.TrustFailure or WebExceptionStatus.SecureChannelFailure;
        var endpoint = target.Host + ":" + target.Port.ToString(CultureInfo.InvariantCulture);

        if (tls && certificateRefusal is not null)
        {
            return (BinanceErrorKind.CertificateNotTrusted, certificateRefusal);
        }

        if (web?.Status == WebExceptionStatus.TrustFailure)
        {
            return (BinanceErrorKind.CertificateNotTrusted, "certificate not trusted: the certificate of " + target.Host + " failed validation");
        }

        if (proxy is not null && (step == "ProxyTunnelError" || web?.Status == WebExceptionStatus.ProxyNameResolutionFailure))
        {
            return (BinanceErrorKind.ProxyFailed, "proxy refused or unreachable: the proxy " + proxy + " did not open a connection to " + endpoint);
        }

        if (proxy is not null && !tls && (step is "NameResolutionError" or "ConnectionError" || (step is null && (socket is not null || web?.Status is WebExceptionStatus.ConnectFailure or WebExceptionStatus.NameResolutionFailure))))
        {
            // Through a proxy, the only connection the client opens (and the only name it resolves) is the proxy's.
            return (BinanceErrorKind.ProxyFailed, "proxy refused or unreachable: the proxy " + proxy + " could not be reached");
        }

        if (tls)
        {
            return (BinanceErrorKind.TlsHandshakeFailed, "TLS handshake failed: " + endpoint + " did not complete a TLS handshake (a server that speaks plain http answers https this way)");
        }

        if (step == "NameResolutionError" || web?.Status == WebExceptionStatus.NameResolutionFailure ||
            (step is null && socket?.SocketErrorCode is SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain))
        {
            return (BinanceErrorKind.HostNotFound, "host not found: the name " + target.Host + " could not be resolved");
        }

        return null;
    }

    private static string? RequestError(Exception e)
    {
        for (var x = e; x is not null; x = x.InnerException)
        {
            if (x is HttpRequestException && RequestErrorProperty?.GetValue(x) is { } value)
            {
                var name = value.ToString();
                return name == "Unknown" ? null : name;
            }
        }

        return null;
    }

    private static T? Find<T>(Exception e)
        where T : Exception
    {
        for (var x = e; x is not null; x = x.InnerException)
        {
            if (x is T found)
            {
                return found;
            }
        }

        return null;
    }
}
