using System;
using System.Net;
using System.Net.Http;
using Xunit;

namespace PmInterest.Tests.Commands;

/// <summary>The tests that change the process-wide default proxy; they run alone, after the others.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class DefaultProxyTests
{
    public const string Name = "Default proxy";
}

/// <summary>
/// Sets HttpClient.DefaultProxy (what HTTPS_PROXY, HTTP_PROXY and NO_PROXY set for a process) for
/// a test, bypassed for loopback, and restores it. Handlers pick it up when they first send.
/// </summary>
internal sealed class DefaultProxyScope : IDisposable
{
    private readonly IWebProxy _before = HttpClient.DefaultProxy;

    public DefaultProxyScope(Uri? proxy) =>
        HttpClient.DefaultProxy = proxy is null ? new WebProxy() : new WebProxy(proxy, BypassOnLocal: true);

    public void Dispose() => HttpClient.DefaultProxy = _before;
}
