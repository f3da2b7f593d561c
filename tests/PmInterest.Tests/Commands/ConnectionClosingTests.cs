using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Net.Http;
using System.Reflection;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using PmInterest.Binance;
using PmInterest.Binance.Signing;
using PmInterest.Commands;
using PmInterest.Emulator;
using PmInterest.Endpoints;
using PmInterest.Tests.Binance;
using Xunit;
using static PmInterest.Tests.Client.EmulatorFixture;

namespace PmInterest.Tests.Commands;

/// <summary>
/// A connection's key is cleared when the connection closes: Disconnect-PmAccount, a
/// Connect-PmAccount that replaces it, Remove-Module, the runspace's end, Dispose. A run still
/// using it ends first.
/// </summary>
[Collection(ProcessEnvironment.Name)]
public sealed class ConnectionClosingTests
{
    private const string ConnectSkipCheck = "Connect-PmAccount -ApiKey $key -ApiSecret $secret -BaseUri $uri -SkipCheck";

    [Fact]
    public void The_secrets_utf8_bytes_are_cleared_once_the_signer_is_made()
    {
        byte[]? given = null;
        byte[]? seen = null;
        var settings = new ConnectionSettings
        {
            ApiKey = Keys.HmacApiKey,
            ApiSecret = CmdletTests.Secure("  " + Keys.HmacSecret + "\r\n"),
            BaseUri = new Uri("http://127.0.0.1:9/"),
            HmacSigner = bytes =>
            {
                given = bytes;
                seen = bytes.ToArray();
                return new HmacSha256Signer(bytes);
            },
        };

        using var connection = settings.Connect(p => p);

        Assert.Equal(Encoding.UTF8.GetBytes(Keys.HmacSecret), seen);
        Assert.All(given!, b => Assert.Equal(0, b));
        using var reference = new HmacSha256Signer(Encoding.UTF8.GetBytes(Keys.HmacSecret));
        Assert.Equal(reference.Sign("a=1"), SignerOf(connection).Sign("a=1"));
    }

    [Fact]
    public void The_bytes_of_a_secret_from_the_environment_are_cleared_too()
    {
        byte[]? given = null;
        using var environment = new EnvironmentScope(new Dictionary<string, string> { ["BINANCE_API_KEY"] = Keys.HmacApiKey, ["BINANCE_API_SECRET"] = Keys.HmacSecret + "\n" });
        var settings = new ConnectionSettings
        {
            BaseUri = new Uri("http://127.0.0.1:9/"),
            HmacSigner = bytes =>
            {
                given = bytes;
                return new HmacSha256Signer(bytes);
            },
        };

        using var connection = settings.Connect(p => p);

        Assert.Equal(Encoding.UTF8.GetBytes(Keys.HmacSecret).Length, given!.Length);
        Assert.All(given, b => Assert.Equal(0, b));
    }

    [Fact]
    public void Disposing_a_connection_clears_its_key()
    {
        var connection = StubConnection(out var pads);

        connection.Dispose();

        Assert.True(connection.IsClosed);
        AssertCleared(pads);
    }

    [Fact]
    public void A_connection_closed_while_a_run_uses_it_keeps_its_key_until_the_run_ends()
    {
        var connection = StubConnection(out var pads);
        var use = connection.TryUse();
        Assert.NotNull(use);

        connection.Dispose();

        Assert.True(connection.IsClosed);
        Assert.Null(connection.TryUse());
        Assert.All(pads, a => Assert.Contains(a, b => b != 0));
        use!.Dispose();
        AssertCleared(pads);
        use.Dispose();
    }

    [Fact]
    public async Task Disconnect_PmAccount_clears_the_key_of_the_sessions_connection()
    {
        await using var server = await EmulatorServer.StartAsync(Options(days: 2));
        using var host = new HostedRunspace();
        host.Run(ConnectSkipCheck, CmdletTests.Vars(server, DataStart.UtcDateTime, DataStart.UtcDateTime));
        var connection = CurrentOf(host);
        var pads = KeyClearingTests.KeyArrays(SignerOf(connection), "_innerPad", "_outerPad");

        var result = host.Run("Disconnect-PmAccount");

        Assert.Null(result.Thrown);
        Assert.True(connection.IsClosed);
        AssertCleared(pads);
    }

    [Fact]
    public async Task A_new_Connect_PmAccount_clears_the_key_of_the_connection_it_replaces()
    {
        await using var server = await EmulatorServer.StartAsync(Options(days: 2));
        using var host = new HostedRunspace();
        var vars = CmdletTests.Vars(server, DataStart.UtcDateTime, DataStart.UtcDateTime);
        host.Run(ConnectSkipCheck, vars);
        var first = CurrentOf(host);
        var pads = KeyClearingTests.KeyArrays(SignerOf(first), "_innerPad", "_outerPad");

        host.Run(ConnectSkipCheck, vars);

        Assert.True(first.IsClosed);
        AssertCleared(pads);
        Assert.False(CurrentOf(host).IsClosed);
    }

    [Fact]
    public async Task Remove_Module_closes_every_connection_the_session_made_handed_out_or_not()
    {
        await using var server = await EmulatorServer.StartAsync(Options(days: 2));
        using var host = new HostedRunspace();
        var vars = CmdletTests.Vars(server, DataStart.UtcDateTime, DataStart.UtcDateTime);
        var handedOut = Assert.Single(host.Run(ConnectSkipCheck + " -PassThru", vars).Objects<PmConnection>());
        host.Run(ConnectSkipCheck, vars);
        var current = CurrentOf(host);
        var pads = new[] { handedOut, current }.SelectMany(c => KeyClearingTests.KeyArrays(SignerOf(c), "_innerPad", "_outerPad")).ToArray();

        var result = host.Run("Remove-Module -Name PmInterest; Get-Module -Name PmInterest");

        Assert.Null(result.Thrown);
        Assert.Empty(result.Output);
        Assert.True(handedOut.IsClosed);
        Assert.True(current.IsClosed);
        AssertCleared(pads);
    }

    [Fact]
    public async Task A_closed_connection_is_refused_with_NoCredentials_before_any_request()
    {
        await using var server = await EmulatorServer.StartAsync(Options(days: 2));
        using var host = new HostedRunspace();
        var vars = CmdletTests.Vars(server, DataStart.UtcDateTime, DataStart.UtcDateTime.AddDays(1));

        var result = host.Run("$c = " + ConnectSkipCheck + " -PassThru; $c.Dispose(); Get-PmNegativeBalanceInterest -Connection $c -StartTime $from -EndTime $to", vars);

        var error = result.SingleError();
        Assert.Equal("NoCredentials,PmInterest.Commands.GetPmNegativeBalanceInterestCommand", error.FullyQualifiedErrorId);
        Assert.Contains("closed", error.Exception.Message, StringComparison.Ordinal);
        Assert.Equal(0, server.Stats.TotalRequests);
    }

    [Fact]
    public async Task A_runspace_that_closes_clears_the_key_of_its_connection()
    {
        await using var server = await EmulatorServer.StartAsync(Options(days: 2));
        var host = new HostedRunspace();
        host.Run(ConnectSkipCheck, CmdletTests.Vars(server, DataStart.UtcDateTime, DataStart.UtcDateTime));
        var connection = CurrentOf(host);
        var pads = KeyClearingTests.KeyArrays(SignerOf(connection), "_innerPad", "_outerPad");

        host.Dispose();

        Assert.True(connection.IsClosed);
        AssertCleared(pads);
    }

    [Fact]
    public async Task A_run_in_another_runspace_finishes_when_its_connection_is_closed_under_it()
    {
        await using var server = await EmulatorServer.StartAsync(Options(days: 20));
        using var gate = new GateHandler(new HttpClientHandler());
        var options = new BinanceClientOptions { BaseUri = server.BaseUri, WeightLimit = 1_000_000, ServerTime = PortfolioMarginPro.ServerTime };
        var client = new BinanceClient(Keys.HmacApiKey, new HmacSha256Signer(Encoding.UTF8.GetBytes(Keys.HmacSecret)), options, gate);
        var connection = new PmConnection(Keys.HmacApiKey, client, "Parameters", PortfolioMarginPro.Profile);
        var pads = KeyClearingTests.KeyArrays(SignerOf(connection), "_innerPad", "_outerPad");
        using var other = new HostedRunspace();
        var vars = CmdletTests.Vars(server, DataStart.UtcDateTime, DataStart.UtcDateTime.AddDays(20));
        vars["c"] = connection;
        var expected = server.Records.Count(r => r.InterestAccruedTime >= DataStart.ToUnixTimeMilliseconds() && r.InterestAccruedTime <= DataStart.AddDays(20).ToUnixTimeMilliseconds());

        var run = Task.Run(() => other.Run("@(Get-PmNegativeBalanceInterest -Connection $c -StartTime $from -EndTime $to).Count", vars));
        Assert.True(gate.FirstRequest.Wait(TimeSpan.FromSeconds(30)), "no request was sent");
        connection.Dispose();
        Assert.True(connection.IsClosed);
        Assert.All(pads, a => Assert.Contains(a, b => b != 0));
        gate.Open();
        var result = await run;

        Assert.Null(result.Thrown);
        Assert.Empty(result.Errors);
        Assert.Equal(expected, (int)result.Output.Single().BaseObject);
        AssertCleared(pads);
    }

    private static PmConnection StubConnection(out byte[][] pads)
    {
        var client = StubHandler.Client(new StubHandler((_, _) => StubHandler.Json(200, "{}")));
        var connection = new PmConnection("stub-key-0123456789", client, "Parameters", PortfolioMarginPro.Profile);
        pads = KeyClearingTests.KeyArrays(SignerOf(connection), "_innerPad", "_outerPad");
        return connection;
    }

    private static void AssertCleared(IEnumerable<byte[]> arrays) => Assert.All(arrays, a => Assert.All(a, b => Assert.Equal(0, b)));

    /// <summary>The signer inside a connection's client (white-box).</summary>
    private static IRequestSigner SignerOf(PmConnection connection) =>
        (IRequestSigner)typeof(BinanceClient).GetField("_signer", BindingFlags.NonPublic | BindingFlags.Instance)!.GetValue(connection.Client)!;

    /// <summary>The connection <paramref name="host"/>'s runspace holds as its own (not handed out).</summary>
    private static PmConnection CurrentOf(HostedRunspace host)
    {
        var saved = Runspace.DefaultRunspace;
        Runspace.DefaultRunspace = host.Runspace;
        try
        {
            return ConnectionStore.Current ?? throw new InvalidOperationException("The runspace has no connection.");
        }
        finally
        {
            Runspace.DefaultRunspace = saved;
        }
    }

    /// <summary>Holds every request until <see cref="Open"/>; tells when the first one arrives.</summary>
    private sealed class GateHandler : DelegatingHandler
    {
        private readonly ManualResetEventSlim _open = new();

        public GateHandler(HttpMessageHandler inner)
            : base(inner)
        {
        }

        public ManualResetEventSlim FirstRequest { get; } = new();

        public void Open() => _open.Set();

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            FirstRequest.Set();
            await Task.Run(() => _open.Wait(cancellationToken), cancellationToken);
            return await base.SendAsync(request, cancellationToken);
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _open.Dispose();
                FirstRequest.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
