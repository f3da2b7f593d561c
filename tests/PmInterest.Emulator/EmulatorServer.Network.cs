using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace PmInterest.Emulator;

/// <summary>The network knobs of a running server: the TLS listener, the forward proxy, cut bodies, and connections counted per listener.</summary>
public sealed partial class EmulatorServer
{
    private NetworkParts network = null!;

    /// <summary>Root of the TLS listener, e.g. <c>https://127.0.0.1:41236/</c>, when <see cref="EmulatorOptions.TlsListener"/> is on; else null.</summary>
    public Uri? TlsBaseUri => network.TlsPort == 0 ? null : new Uri($"https://127.0.0.1:{network.TlsPort}/");

    /// <summary>The subject of the TLS listener's self-signed certificate.</summary>
    public static string TlsCertificateSubject => SelfSignedCertificate.Subject;

    /// <summary>Address of the forward proxy, e.g. <c>http://127.0.0.1:41237/</c>, when <see cref="EmulatorOptions.ForwardProxy"/> is on; else null.</summary>
    public Uri? ProxyUri => network.Proxy.Port == 0 ? null : new Uri($"http://127.0.0.1:{network.Proxy.Port}/");

    /// <summary>Every request the forward proxy carried, in arrival order.</summary>
    public IReadOnlyList<ProxiedRequest> ProxiedRequests => network.Proxy.Received;

    /// <summary>TCP connections accepted on the TLS listener (a handshake that fails still counts).</summary>
    public int TlsConnections => network.TlsConnections;

    /// <summary>TCP connections accepted on the main (plain-http) port, whatever was sent on them.</summary>
    public int MainConnections => network.MainConnections;

    /// <summary>The network parts of a server about to be built; <see cref="Listen"/> and <see cref="Use"/> wire them in.</summary>
    internal sealed class NetworkParts(EmulatorOptions options) : IDisposable
    {
        private int tlsConnections;
        private int mainConnections;
        private ListenOptions? tls;
        private ListenOptions? proxy;

        internal ForwardProxy Proxy { get; } = new();

        internal int TlsPort { get; private set; }

        internal int TlsConnections => Volatile.Read(ref tlsConnections);

        internal int MainConnections => Volatile.Read(ref mainConnections);

        /// <summary>Counts the main port's connections, and adds the TLS and proxy listeners that the options ask for.</summary>
        internal void Listen(KestrelServerOptions kestrel, ListenOptions main)
        {
            main.Use(next => connection =>
            {
                Interlocked.Increment(ref mainConnections);
                return next(connection);
            });
            if (options.TlsListener)
            {
                kestrel.Listen(IPAddress.Loopback, options.TlsPort, o =>
                {
                    tls = o;
                    o.Use(next => connection =>
                    {
                        Interlocked.Increment(ref tlsConnections);
                        return next(connection);
                    });
                    o.UseHttps(SharedCertificate.Value);
                });
            }

            if (options.ForwardProxy)
            {
                kestrel.Listen(IPAddress.Loopback, options.ProxyPort, o => proxy = o);
            }
        }

        /// <summary>Once listening: the ports Kestrel bound, and where the proxy sends requests on to.</summary>
        internal void Started(Uri baseUri)
        {
            TlsPort = tls?.IPEndPoint?.Port ?? 0;
            Proxy.Port = proxy?.IPEndPoint?.Port ?? 0;
            Proxy.Upstream = baseUri;
        }

        /// <summary>The middleware in front of the dispatcher: the proxy's port, <c>/_emulator/proxied</c>, and cut bodies.</summary>
        internal void Use(WebApplication app) => app.Use(async (context, next) =>
        {
            if (Proxy.Port != 0 && context.Connection.LocalPort == Proxy.Port)
            {
                await Proxy.HandleAsync(context).ConfigureAwait(false);
                return;
            }

            string path = context.Request.Path.Value ?? "/";
            if (path == ControlEndpoints.Prefix + "proxied")
            {
                await JsonResponse.WriteAsync(context, 200, Proxy.WriteJson).ConfigureAwait(false);
                return;
            }

            if (!path.StartsWith(ControlEndpoints.Prefix, StringComparison.Ordinal) && options.TakeCut())
            {
                context.Response.Body = new CutBodyStream(context.Response.Body, options.CutBodyAfterBytes, context.RequestAborted);
            }

            await next(context).ConfigureAwait(false);
        });

        internal void Clear() => Proxy.Clear();

        public void Dispose() => Proxy.Dispose();
    }

    /// <summary>One certificate for every TLS listener of the process: making an RSA key is slow.</summary>
    private static readonly Lazy<System.Security.Cryptography.X509Certificates.X509Certificate2> SharedCertificate = new(SelfSignedCertificate.Create);
}
