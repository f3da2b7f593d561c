using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using PmInterest.Binance;
using PmInterest.Binance.Signing;
using PmInterest.Emulator;
using Xunit;
using static PmInterest.Tests.Client.EmulatorFixture;
using PmInterest.Endpoints;

namespace PmInterest.Tests.Commands;

/// <summary>Connect-PmAccount's key check, Get-PmConnection, and waits that show as progress and verbose lines.</summary>
[Collection(ProcessEnvironment.Name)]
public sealed class ConnectionTests
{
    private const string ConnectChecked = "Connect-PmAccount -ApiKey $key -ApiSecret $secret -BaseUri $uri -PassThru";

    [Fact]
    public async Task A_good_key_is_checked_once_at_connect_and_its_facts_shown()
    {
        var options = Options(days: 2);
        options.IpRestrictReported = true;
        await using var server = await EmulatorServer.StartAsync(options);
        using var host = new HostedRunspace();

        var result = host.Run(ConnectChecked + " -Verbose", Vars(server));

        Assert.Null(result.Thrown);
        var connection = Assert.Single(result.Objects<PmConnection>());
        Assert.NotNull(connection.CheckedAt);
        Assert.True(connection.Permissions!.EnableReading);
        Assert.True(connection.Permissions.IpRestricted);
        Assert.Equal(1, server.Stats.TotalRequests);
        Assert.Equal(0, server.Stats.InterestHistoryRequests);
        Assert.Contains(result.Verbose, v => v.Contains("Checked the key", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("wrong secret", "BinanceAuthenticationFailed")]
    [InlineData("IP not allowed", "BinanceAuthenticationFailed")]
    [InlineData("key cannot read", "BinanceNotPermitted")]
    public async Task A_key_that_cannot_work_fails_at_connect_with_no_interest_request(string fault, string id)
    {
        var options = Options(days: 2);
        options.IpNotAllowed = fault == "IP not allowed";
        options.KeyCannotRead = fault == "key cannot read";
        await using var server = await EmulatorServer.StartAsync(options);
        using var host = new HostedRunspace();
        var vars = Vars(server);
        if (fault == "wrong secret")
        {
            vars["secret"] = CmdletTests.Secure(new string('x', 64));
        }

        var result = host.Run(ConnectChecked + "; Get-PmConnection", vars);

        Assert.Equal(id + ",PmInterest.Commands.ConnectPmAccountCommand", result.SingleError().FullyQualifiedErrorId);
        Assert.Empty(result.Objects<PmConnection>());
        Assert.Equal(0, server.Stats.InterestHistoryRequests);
        Assert.DoesNotContain(Keys.HmacSecret, result.SingleError().ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SkipCheck_connects_without_a_request()
    {
        await using var server = await EmulatorServer.StartAsync(Options(days: 2));
        using var host = new HostedRunspace();

        var result = host.Run(ConnectChecked + " -SkipCheck", Vars(server));

        var connection = Assert.Single(result.Objects<PmConnection>());
        Assert.Null(connection.CheckedAt);
        Assert.Equal(0, server.Stats.TotalRequests);
    }

    [Fact]
    public async Task Get_PmConnection_after_a_429_shows_the_learned_limit()
    {
        var window = TimeSpan.FromSeconds(3);
        await using var server = await EmulatorServer.StartAsync(Limited(days: 60, weightLimit: 150, window));
        using var host = new HostedRunspace();
        using var client = NewClient(server, tweak: o =>
        {
            o.WeightLimit = 100_000;
            o.WeightWindow = window;
        });
        var connection = new PmConnection(Keys.HmacApiKey, client, "Parameters", PortfolioMarginPro.Profile);
        var vars = CmdletTests.Vars(server, DataStart.UtcDateTime, DataStart.UtcDateTime.AddDays(12));
        vars["c"] = connection;

        var result = host.Run("Get-PmNegativeBalanceInterest -Connection $c -StartTime $from -EndTime $to | Out-Null; Get-PmConnection -Connection $c", vars);

        Assert.Null(result.Thrown);
        Assert.True(server.Stats.TooManyRequests >= 1);
        var shown = Assert.Single(result.Objects<PmConnection>());
        Assert.Equal(100_000, shown.WeightLimit);
        Assert.NotNull(shown.LearnedWeightLimit);
        Assert.True(shown.LearnedWeightLimit <= 150, $"learned {shown.LearnedWeightLimit}");
        Assert.Equal(shown.LearnedWeightLimit, shown.WeightLimitInForce);
        Assert.NotNull(shown.LastAnswerAt);
        Assert.DoesNotContain(Keys.HmacApiKey, shown.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_run_held_back_by_the_weight_limit_says_so_in_progress_and_verbose()
    {
        var window = TimeSpan.FromSeconds(3);
        await using var server = await EmulatorServer.StartAsync(Options(days: 90));
        using var host = new HostedRunspace();
        using var client = NewClient(server, tweak: o =>
        {
            o.WeightLimit = 100;
            o.WeightWindow = window;
        });
        var vars = CmdletTests.Vars(server, DataStart.UtcDateTime, DataStart.UtcDateTime.AddDays(4));
        vars["c"] = new PmConnection(Keys.HmacApiKey, client, "Parameters", PortfolioMarginPro.Profile);

        var result = host.Run("Get-PmNegativeBalanceInterest -Connection $c -StartTime $from -EndTime $to -Verbose | Measure-Object", vars);

        Assert.Null(result.Thrown);
        var waits = result.Progress.Where(p => p.ActivityId == 2 && p.RecordType == ProgressRecordType.Processing).ToList();
        Assert.NotEmpty(waits);
        Assert.All(waits, p =>
        {
            Assert.Contains("of 100 used", p.StatusDescription, StringComparison.Ordinal);
            Assert.StartsWith("Resumes at ", p.CurrentOperation, StringComparison.Ordinal);
            Assert.InRange(p.SecondsRemaining, 1, 4);
            Assert.Equal(1, p.ParentActivityId);
        });
        Assert.Contains(result.Verbose, v => v.Contains("waiting", StringComparison.Ordinal) && v.Contains("of 100 used", StringComparison.Ordinal));
        Assert.Contains(result.Progress, p => p.ActivityId == 2 && p.RecordType == ProgressRecordType.Completed);
    }

    [Fact]
    public async Task Connecting_again_closes_the_connection_it_replaces_unless_it_was_handed_out()
    {
        await using var server = await EmulatorServer.StartAsync(Options(days: 2));
        using var host = new HostedRunspace();
        var vars = Vars(server);

        const string Current = "[PmInterest.PmConnection].Assembly.GetType('PmInterest.Commands.ConnectionStore').GetProperty('Current', [Reflection.BindingFlags] 'Static, NonPublic, Public').GetValue($null)";

        var kept = host.Run(ConnectChecked + " -SkipCheck", vars).Objects<PmConnection>().Single();
        var replaced = host.Run("Connect-PmAccount -ApiKey $key -ApiSecret $secret -BaseUri $uri -SkipCheck; " + Current, vars).Objects<PmConnection>().Single();
        host.Run("Connect-PmAccount -ApiKey $key -ApiSecret $secret -BaseUri $uri -SkipCheck", vars);
        var handedOut = host.Run("Get-PmNegativeBalanceInterest -Connection $c -StartTime $from -EndTime $to", new Dictionary<string, object?> { ["c"] = kept });
        var closed = host.Run("Get-PmNegativeBalanceInterest -Connection $c -StartTime $from -EndTime $to", new Dictionary<string, object?> { ["c"] = replaced });

        Assert.Null(handedOut.Thrown);
        Assert.Empty(handedOut.Errors);
        Assert.NotEmpty(handedOut.Objects<NegativeBalanceInterest>());
        Assert.True(closed.Thrown is not null || closed.Errors.Count > 0, "the replaced connection was not closed");
    }

    [Theory]
    [InlineData("http://someone:pa55word@127.0.0.1:9/")]
    [InlineData("https://api.binance.com/?x=1")]
    [InlineData("https://api.binance.com/#part")]
    public async Task A_base_uri_with_user_info_a_query_or_a_fragment_is_refused_without_echoing_a_password(string address)
    {
        await using var server = await EmulatorServer.StartAsync(Options(days: 2));
        using var host = new HostedRunspace();
        var vars = Vars(server);
        vars["bad"] = address;

        var result = host.Run("Connect-PmAccount -ApiKey $key -ApiSecret $secret -BaseUri $bad -Verbose", vars);

        var error = result.SingleError();
        Assert.Equal("InvalidBaseUri,PmInterest.Commands.ConnectPmAccountCommand", error.FullyQualifiedErrorId);
        Assert.DoesNotContain("pa55word", error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(result.Verbose, v => v.Contains("pa55word", StringComparison.Ordinal));
        Assert.Equal(0, server.Stats.TotalRequests);
    }

    private static Dictionary<string, object?> Vars(EmulatorServer server) =>
        CmdletTests.Vars(server, DataStart.UtcDateTime, DataStart.UtcDateTime.AddDays(30));
}
