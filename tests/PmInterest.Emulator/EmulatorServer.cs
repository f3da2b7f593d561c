using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace PmInterest.Emulator;

/// <summary>
/// A local stand-in for Binance's <c>GET /sapi/v1/portfolio/interest-history</c> (plus the
/// <c>/papi</c> history, the key checks, <c>/api/v3/ping</c>, <c>/api/v3/time</c>, and the public
/// spot market data <c>/api/v3/klines</c> and <c>/api/v3/exchangeInfo</c>) on 127.0.0.1 at a port
/// the OS picks, with a second port that redirects point at.
/// Start it with <see cref="StartAsync"/>, point the client at <see cref="BaseUri"/>, dispose it to stop.
/// </summary>
public sealed partial class EmulatorServer : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly WeightLimiter limiter;
    private readonly HostileParts hostile;

    private EmulatorServer(WebApplication app, EmulatorOptions options, RecordStore store, EmulatorStats stats, WeightLimiter limiter, HostileParts hostile, Uri baseUri, EmulatorMarket market)
    {
        Market = market;
        this.app = app;
        this.limiter = limiter;
        this.hostile = hostile;
        Options = options;
        Records = store.NewestFirst;
        Stats = stats;
        BaseUri = baseUri;
    }

    /// <summary>
    /// Raised with the address of every server started in this process. The OS may give a new
    /// server the port of one that has stopped, so a client that keeps what it learned per
    /// address (bans, budgets) must forget it here.
    /// </summary>
    public static event Action<Uri>? Started;

    /// <summary>Root of the server, e.g. <c>http://127.0.0.1:41234/</c> (with the trailing slash).</summary>
    public Uri BaseUri { get; }

    /// <summary>The whole data set, newest first, ties by asset.</summary>
    public IReadOnlyList<EmulatorRecord> Records { get; }

    /// <summary>The spot market: its symbols and the price of each at a minute (<see cref="EmulatorMarket.OpenAt"/>), for tests to check values with.</summary>
    public EmulatorMarket Market { get; }

    /// <summary>Counters of what the server saw.</summary>
    public EmulatorStats Stats { get; }

    /// <summary>The options the server runs with; the behaviour knobs may be changed while it runs.</summary>
    public EmulatorOptions Options { get; }

    /// <summary>The server's clock now: real UTC time in ms plus <see cref="EmulatorOptions.ClockSkew"/>.</summary>
    public long ServerTimeMilliseconds => ServerTime(Options);

    /// <summary>Generates (or takes) the data set and starts listening.</summary>
    public static Task<EmulatorServer> StartAsync(EmulatorOptions options, CancellationToken ct = default) =>
        StartAsync(options, logWarningsToStandardError: false, ct);

    /// <summary>Zeroes the stats, the weight counters, the request log and the redirect listener's record, and lifts any ban (as <c>POST /_emulator/reset</c>).</summary>
    public void Reset()
    {
        Stats.Reset();
        limiter.Reset();
        hostile.Log.Clear();
        hostile.Redirects.Clear();
        network.Clear();
    }

    /// <summary>Stops listening; requests in flight are given a moment to finish.</summary>
    public async ValueTask DisposeAsync()
    {
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5)))
        {
            await app.StopAsync(timeout.Token).ConfigureAwait(false);
        }

        await app.DisposeAsync().ConfigureAwait(false);
        network.Dispose();
    }

    /// <summary>The data-set range: explicit bounds, else <see cref="EmulatorOptions.Days"/> ending at the current UTC hour.</summary>
    internal static (DateTimeOffset Start, DateTimeOffset End) ResolveRange(EmulatorOptions options, DateTimeOffset utcNow)
    {
        TimeSpan days = TimeSpan.FromDays(options.Days);
        return (options.Start, options.End) switch
        {
            (DateTimeOffset start, DateTimeOffset end) => (start, end),
            (DateTimeOffset start, null) => (start, start + days),
            (null, DateTimeOffset end) => (end - days, end),
            _ => CurrentHourBack(utcNow, days),
        };
    }

    internal static async Task<EmulatorServer> StartAsync(EmulatorOptions options, bool logWarningsToStandardError, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        (DateTimeOffset start, DateTimeOffset end) = ResolveRange(options, DateTimeOffset.UtcNow);
        var store = new RecordStore(options.Records ?? DataSetGenerator.Generate(options, start, end));
        var market = new EmulatorMarket(options.Symbols);
        var limiter = new WeightLimiter(options);
        var stats = new EmulatorStats(pool => limiter.CurrentUsed(pool, ServerTime(options)));
        var verifier = new SignatureVerifier(options.Keys);
        var shuffle = new SharedRandom(options.Seed, 3_000_017);
        var proInterestHistory = new InterestHistoryHandler(options, store, verifier, shuffle, InterestEndpoint.Pro);
        var papiInterestHistory = new InterestHistoryHandler(options, store, verifier, shuffle, InterestEndpoint.Unified);
        var log = new RequestLog();
        var redirects = new RedirectListener();
        var hostile = new HostileParts(new HostileAnswers(options), new HostileControlEndpoints(limiter, log, redirects, () => ServerTime(options)), log, redirects);
        var control = new ControlEndpoints(store, stats, () =>
        {
            stats.Reset();
            limiter.Reset();
            log.Clear();
            redirects.Clear();
        }, () => Publication.LatestPublished(options.PublishDelay, ServerTime(options)), market);
        var dispatcher = new RequestDispatcher(
            options,
            stats,
            limiter,
            new FaultInjector(options),
            proInterestHistory,
            papiInterestHistory,
            new ApiRestrictionsHandler(options, verifier),
            new PapiAccountHandler(options, verifier),
            new KlinesHandler(market),
            new ExchangeInfoHandler(market, options),
            control,
            hostile,
            () => ServerTime(options));
        ApplyStartState(options, limiter);

        // The empty builder reads no appsettings, environment variables or command line, so
        // nothing on the machine (ASPNETCORE_URLS, say) can move the emulator off 127.0.0.1.
        WebApplicationBuilder builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(EmulatorServer).Assembly.GetName().Name,
        });
        var network = new NetworkParts(options);
        ListenOptions? main = null;
        ListenOptions? redirectListener = null;
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(IPAddress.Loopback, 0, o => main = o);
            kestrel.Listen(IPAddress.Loopback, 0, o => redirectListener = o);
            network.Listen(kestrel, main!);
        });
        builder.Services.AddSingleton<IHostLifetime, InProcessHostLifetime>();
        builder.Logging.ClearProviders();
        if (logWarningsToStandardError)
        {
            // Process mode: stdout carries only the URL and keys lines, so everything logged goes to stderr.
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
            builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
            builder.Services.Configure<ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        }

        WebApplication app = builder.Build();
        network.Use(app);
        app.Run(dispatcher.HandleAsync);
        await app.StartAsync(ct).ConfigureAwait(false);

        // Kestrel writes the port it bound back into each listener's options.
        redirects.Port = redirectListener!.IPEndPoint!.Port;
        redirects.Address = new Uri($"http://127.0.0.1:{redirects.Port}/");
        var server = new EmulatorServer(app, options, store, stats, limiter, hostile, new Uri($"http://127.0.0.1:{main!.IPEndPoint!.Port}/"), market);
        network.Started(server.BaseUri);
        server.network = network;
        Started?.Invoke(server.BaseUri);
        return server;
    }

    private static long ServerTime(EmulatorOptions options) =>
        DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() + (long)options.ClockSkew.TotalMilliseconds;

    private static (DateTimeOffset Start, DateTimeOffset End) CurrentHourBack(DateTimeOffset utcNow, TimeSpan days)
    {
        var hour = new DateTimeOffset(utcNow.Year, utcNow.Month, utcNow.Day, utcNow.Hour, 0, 0, TimeSpan.Zero);
        return (hour - days, hour);
    }
}
