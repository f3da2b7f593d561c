using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using PmInterest.Binance;
using PmInterest.Emulator;
using PmInterest.Endpoints;
using Xunit;
using static PmInterest.Tests.Client.EmulatorFixture;

namespace PmInterest.Tests.Commands;

/// <summary>Pacing as a user meets it: Connect-PmAccount then Get-PmNegativeBalanceInterest against a host that enforces its limit.</summary>
[Collection(ProcessEnvironment.Name)]
public sealed class PacingCmdletTests
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(1);

    [Theory]
    [InlineData(10)]
    [InlineData(20)]
    public async Task Connect_then_a_long_Get_at_the_hosts_own_limit_meets_no_429_when_others_spend_weight_meanwhile(int latency)
    {
        var options = Options(days: 365);
        options.WeightLimit = 6000;
        options.Latency = TimeSpan.FromMilliseconds(latency);
        await using var server = await EmulatorServer.StartAsync(options);
        using var host = new HostedRunspace();
        var vars = CmdletTests.Vars(server, DataStart.UtcDateTime, DataStart.UtcDateTime.AddDays(365));
        var pages = 0;

        var verbose = RunUntil(
            host,
            "Connect-PmAccount -ApiKey $key -ApiSecret $secret -BaseUri $uri -WeightLimit 6000; Get-PmNegativeBalanceInterest -StartTime $from -EndTime $to -Verbose | Out-Null",
            vars,
            line =>
            {
                // Other programs on the same IP spend weight early in the run, while requests are in
                // flight, and stop long before the limit: every 429 would be the client's doing.
                if (line.Contains(" records, weight ", StringComparison.Ordinal) && ++pages >= 2 && pages <= 30)
                {
                    server.SpendWeight(101);
                }

                return line.Contains("waits for the next minute", StringComparison.Ordinal);
            });

        Assert.Contains(verbose, line => line.Contains("waits for the next minute", StringComparison.Ordinal));
        Assert.Equal(0, server.Stats.TooManyRequests);
    }

    [Theory]
    [InlineData("2147483647")]
    [InlineData("-5")]
    [InlineData("lots")]
    public async Task A_huge_or_unreadable_weight_header_lets_no_more_than_the_concurrency_into_a_window(string header)
    {
        var window = TimeSpan.FromSeconds(1);
        var options = Options(days: 10);
        options.WeightWindow = window;
        options.UsedWeightHeader = header;
        await using var server = await EmulatorServer.StartAsync(options);
        using var host = new HostedRunspace();
        using var client = NewClient(server, tweak: o =>
        {
            o.MaxConcurrency = 4;
            o.WeightWindow = window;
        });
        var vars = CmdletTests.Vars(server, DataStart.UtcDateTime.AddDays(-1), DataStart.UtcDateTime.AddDays(11));
        vars["c"] = new PmConnection(Keys.HmacApiKey, client, "Parameters", PortfolioMarginPro.Profile);

        var result = host.Run("Get-PmNegativeBalanceInterest -Connection $c -StartTime $from -EndTime $to", vars);

        Assert.Null(result.Thrown);
        Assert.Equal(Canonical(server.Records), Canonical(result.Objects<NegativeBalanceInterest>()));
        var perWindow = server.RequestLog.GroupBy(r => r.ArrivedMs / (long)window.TotalMilliseconds).Select(g => g.Count()).ToList();
        Assert.True(server.RequestLog.Count > 4, "the run must want more requests than its concurrency");
        // The first request goes alone: nothing else arrives before it is answered (its answer
        // says the window is full). Counted by the server's clock, not by which window it fell in,
        // since the client's window edge may lie a moment before the server's.
        var log = server.RequestLog.OrderBy(r => r.ArrivedMs).ToList();
        Assert.All(log.Skip(1), r => Assert.True(r.ArrivedMs >= log[0].AnsweredMs, "a request arrived before the first was answered"));
        Assert.All(perWindow, n => Assert.InRange(n, 1, 4));
    }

    [Fact]
    public async Task A_run_against_a_host_that_refuses_everything_sends_one_request_at_a_time_and_stops_after_five()
    {
        var options = Options(days: 365);
        options.AlwaysTooMuchWeight = true;
        options.TooMuchWeightRetryAfter = "1";
        options.LimitZeroInMessage = true;
        options.WeightWindow = Window;
        await using var server = await EmulatorServer.StartAsync(options);
        using var host = new HostedRunspace();
        var vars = CmdletTests.Vars(server, DataStart.UtcDateTime, DataStart.UtcDateTime.AddDays(365));
        vars["c"] = ShortWindowConnection(server);

        var result = host.Run("Get-PmNegativeBalanceInterest -Connection $c -StartTime $from -EndTime $to -Verbose", vars);

        var error = result.SingleError();
        Assert.Equal("BinanceRateLimited,PmInterest.Commands.GetPmNegativeBalanceInterestCommand", error.FullyQualifiedErrorId);
        Assert.Contains("answered HTTP 429, code -1003: Too much request weight used; current limit is 0", error.Exception.Message, StringComparison.Ordinal);
        Assert.Contains("after 5 refusal(s) (HTTP 429), 5 in a row", error.Exception.Message, StringComparison.Ordinal);

        // Four windows want to go at once; after each refusal one request probes alone.
        Assert.Equal(BinanceClientOptions.DefaultMaxRefusalsInARow, server.Stats.TotalRequests);
        var log = server.RequestLog;
        for (var i = 1; i < log.Count; i++)
        {
            Assert.True(log[i].ArrivedMs >= log[i - 1].AnsweredMs, "request " + i + " was sent before the refusal of the one before it was answered");
        }

        // Each 429 is told with the number of its attempt.
        var refusals = result.Verbose.Where(v => v.Contains("HTTP 429 after", StringComparison.Ordinal)).ToList();
        Assert.Equal(5, refusals.Count);
        Assert.All(refusals, v => Assert.Contains(": attempt ", v, StringComparison.Ordinal));
        Assert.DoesNotContain(result.Verbose, v => v.Contains("attempt 0", StringComparison.Ordinal));
        Assert.Contains(refusals, v => v.Contains("attempt 1, HTTP 429", StringComparison.Ordinal));
        Assert.Contains(refusals, v => v.Contains("attempt 2, HTTP 429", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_absurd_retry_after_is_remembered_as_such_shown_by_Get_PmConnection_and_forgotten_on_request()
    {
        var options = Options(days: 10);
        options.AlwaysTooMuchWeight = true;
        options.AbsurdRetryAfter = true;
        options.WeightWindow = Window;
        await using var server = await EmulatorServer.StartAsync(options);
        using var host = new HostedRunspace();
        var vars = CmdletTests.Vars(server, DataStart.UtcDateTime, DataStart.UtcDateTime.AddDays(10));
        vars["c"] = ShortWindowConnection(server);
        const string Get = "Get-PmNegativeBalanceInterest -Connection $c -StartTime $from -EndTime $to";

        var met = host.Run(Get, vars).SingleError();
        var remembered = host.Run(Get, vars).SingleError();
        var shown = host.Run("Get-PmConnection -Connection $c", vars).Objects<PmConnection>().Single();

        // The run that met the 429 quotes Binance; the next one sent nothing and says so.
        Assert.Equal("BinanceRateLimited,PmInterest.Commands.GetPmNegativeBalanceInterestCommand", met.FullyQualifiedErrorId);
        Assert.Contains("answered HTTP 429, code -1003", met.Exception.Message, StringComparison.Ordinal);
        Assert.Contains("asks to wait 259200 s", met.Exception.Message, StringComparison.Ordinal);
        Assert.Equal("BinanceRateLimited,PmInterest.Commands.GetPmNegativeBalanceInterestCommand", remembered.FullyQualifiedErrorId);
        Assert.Contains("No request was sent: Binance answered an earlier request with HTTP 429 at", remembered.Exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("interest-history answered", remembered.Exception.Message, StringComparison.Ordinal);
        Assert.Contains("Disconnect-PmAccount -ForgetRefusals", remembered.ErrorDetails.RecommendedAction, StringComparison.Ordinal);
        Assert.Equal(1, server.Stats.TotalRequests);
        Assert.NotNull(shown.RateLimitedSince);
        Assert.InRange(shown.RateLimitedUntil!.Value, shown.RateLimitedSince!.Value.AddDays(3).AddSeconds(-2), shown.RateLimitedSince.Value.AddDays(3).AddSeconds(2));
        Assert.Contains(shown.RateLimitedSince.Value.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture) + " UTC", remembered.Exception.Message, StringComparison.Ordinal);

        // The user knows better: forgetting the refusals of the session connection's host lets the next run go.
        server.Options.AlwaysTooMuchWeight = false;
        var forgot = host.Run("Connect-PmAccount -ApiKey $key -ApiSecret $secret -BaseUri $uri -SkipCheck; Disconnect-PmAccount -ForgetRefusals -Verbose; " + Get + "; Get-PmConnection -Connection $c", vars);

        Assert.Null(forgot.Thrown);
        Assert.Empty(forgot.Errors);
        Assert.Equal(Canonical(server.Records), Canonical(forgot.Objects<NegativeBalanceInterest>()));
        Assert.Null(forgot.Objects<PmConnection>().Single().RateLimitedUntil);
        Assert.Contains(forgot.Verbose, v => v.StartsWith("Forgot the refusals", StringComparison.Ordinal));
    }

    /// <summary>A connection whose weight window matches the emulator's short one, so each wait for a window is short.</summary>
    private static PmConnection ShortWindowConnection(EmulatorServer server) =>
        new(Keys.HmacApiKey, NewClient(server, tweak: o =>
        {
            o.MaxConcurrency = 4;
            o.WeightWindow = Window;
        }), "Parameters", PortfolioMarginPro.Profile);

    /// <summary>Runs <paramref name="script"/> until a verbose line satisfies <paramref name="stop"/>; returns the verbose lines.</summary>
    internal static List<string> RunUntil(HostedRunspace host, string script, IDictionary<string, object?> variables, Func<string, bool> stop)
    {
        using var ps = PowerShell.Create();
        ps.Runspace = host.Runspace;
        foreach (var pair in variables)
        {
            host.Runspace.SessionStateProxy.SetVariable(pair.Key, pair.Value);
        }

        var lines = new List<string>();
        ps.Streams.Verbose.DataAdded += (_, e) =>
        {
            var line = ps.Streams.Verbose[e.Index].Message;
            lock (lines)
            {
                lines.Add(line);
            }

            if (stop(line))
            {
                ps.BeginStop(null, null);
            }
        };
        ps.AddScript(script);
        try
        {
            ps.Invoke();
        }
        catch (PipelineStoppedException)
        {
            // Stopped on purpose.
        }

        lock (lines)
        {
            return lines.ToList();
        }
    }
}
