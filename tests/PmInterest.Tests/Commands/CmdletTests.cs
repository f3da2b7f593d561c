using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Security;
using System.Threading.Tasks;
using PmInterest.Emulator;
using Xunit;
using static PmInterest.Tests.Client.EmulatorFixture;

namespace PmInterest.Tests.Commands;

/// <summary>The cmdlets in a hosted runspace against the emulator.</summary>
[Collection(ProcessEnvironment.Name)]
public sealed class CmdletTests
{
    private const string Connect = "Connect-PmAccount -ApiKey $key -ApiSecret $secret -BaseUri $uri -SkipCheck";

    [Fact]
    public async Task Streams_typed_records_with_exact_decimals_for_a_long_range()
    {
        await using var server = await EmulatorServer.StartAsync(Options(days: 200));
        using var host = new HostedRunspace();

        var result = host.Run(Connect + "; Get-PmNegativeBalanceInterest -StartTime $from -EndTime $to", Vars(server, DataStart.UtcDateTime, DataStart.UtcDateTime.AddDays(200)));

        Assert.Null(result.Thrown);
        Assert.Empty(result.Errors);
        var records = result.Objects<NegativeBalanceInterest>();
        Assert.Equal(Canonical(server.Records), Canonical(records));
        Assert.All(records, r => Assert.Equal(DateTimeKind.Utc, r.InterestAccruedTime.Kind));
        Assert.Equal(records.OrderByDescending(r => r.InterestAccruedTime).Select(r => r.InterestAccruedTime), records.Select(r => r.InterestAccruedTime));
        Assert.True(result.Progress.Count(p => p.RecordType == ProgressRecordType.Processing) >= server.Stats.InterestHistoryOk / 2);
    }

    [Fact]
    public async Task First_five_costs_one_request_and_skip_works()
    {
        await using var server = await EmulatorServer.StartAsync(Options(days: 30));
        using var host = new HostedRunspace();
        var vars = Vars(server, DataStart.UtcDateTime, DataStart.UtcDateTime.AddDays(30));

        var first = host.Run(Connect + "; Get-PmNegativeBalanceInterest -StartTime $from -EndTime $to -First 5", vars).Objects<NegativeBalanceInterest>();
        Assert.Equal(1, server.Stats.InterestHistoryRequests);
        var skipped = host.Run("Get-PmNegativeBalanceInterest -StartTime $from -EndTime $to -Skip 3 -First 2", vars).Objects<NegativeBalanceInterest>();

        Assert.Equal(5, first.Count);
        Assert.Equal(Canonical(first.Skip(3)), Canonical(skipped));
        Assert.Equal(2, server.Stats.InterestHistoryRequests);
    }

    [Fact]
    public async Task Assets_come_from_the_pipeline_by_value_and_by_property_name()
    {
        await using var server = await EmulatorServer.StartAsync(Options(days: 40));
        using var host = new HostedRunspace();
        var vars = Vars(server, DataStart.UtcDateTime, DataStart.UtcDateTime.AddDays(40));

        var byValue = host.Run(Connect + "; 'btc', 'ETH' | Get-PmNegativeBalanceInterest -StartTime $from -EndTime $to", vars).Objects<NegativeBalanceInterest>();
        var byName = host.Run("[pscustomobject]@{ Asset = 'USDT' } | Get-PmNegativeBalanceInterest -StartTime $from -EndTime $to", vars).Objects<NegativeBalanceInterest>();

        Assert.Equal(Canonical(server.Records.Where(r => r.Asset is "BTC" or "ETH")), Canonical(byValue));
        Assert.Equal(Canonical(server.Records.Where(r => r.Asset == "USDT")), Canonical(byName));
    }

    [Fact]
    public async Task Export_csv_round_trips_every_record()
    {
        await using var server = await EmulatorServer.StartAsync(Options(days: 60));
        using var host = new HostedRunspace();
        var csv = Path.Combine(Path.GetTempPath(), "pminterest-" + Guid.NewGuid().ToString("N") + ".csv");
        try
        {
            var result = host.Run(
                Connect + "; Get-PmNegativeBalanceInterest -StartTime $from -EndTime $to | Where-Object Asset -eq 'USDT' | Export-Csv -Path $csv -NoTypeInformation; Import-Csv -Path $csv",
                Vars(server, DataStart.UtcDateTime, DataStart.UtcDateTime.AddDays(60), new() { ["csv"] = csv }));

            Assert.Null(result.Thrown);
            var rows = result.Output.Select(o => string.Join("|",
                    new DateTimeOffset(DateTime.Parse((string)o.Properties["InterestAccruedTime"].Value, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal)).ToUnixTimeMilliseconds(),
                    o.Properties["Asset"].Value, o.Properties["Interest"].Value, o.Properties["InterestRate"].Value, o.Properties["Principal"].Value))
                .OrderBy(s => s, StringComparer.Ordinal);
            Assert.Equal(Canonical(server.Records.Where(r => r.Asset == "USDT")), rows);
        }
        finally
        {
            File.Delete(csv);
        }
    }

    [Fact]
    public async Task A_connection_remembers_a_shorter_server_window_for_later_calls()
    {
        var options = Options(days: 60);
        options.SpanLimit = TimeSpan.FromDays(7);
        await using var server = await EmulatorServer.StartAsync(options);
        using var host = new HostedRunspace();
        var vars = Vars(server, DataStart.UtcDateTime, DataStart.UtcDateTime.AddDays(60));

        var first = host.Run(Connect + "; Get-PmNegativeBalanceInterest -StartTime $from -EndTime $to", vars).Objects<NegativeBalanceInterest>();
        var refusedFirst = server.Stats.RequestsWithStatus(400);
        var second = host.Run("Get-PmNegativeBalanceInterest -StartTime $from -EndTime $to", vars).Objects<NegativeBalanceInterest>();

        Assert.Equal(Canonical(server.Records), Canonical(first));
        Assert.Equal(Canonical(server.Records), Canonical(second));
        Assert.InRange(refusedFirst, 1, 4);
        Assert.Equal(refusedFirst, server.Stats.RequestsWithStatus(400));
    }

    [Fact]
    public async Task Bad_input_is_refused_before_any_request()
    {
        await using var server = await EmulatorServer.StartAsync(Options(days: 10));
        using var host = new HostedRunspace();
        var vars = Vars(server, DataStart.UtcDateTime.AddDays(5), DataStart.UtcDateTime);
        host.Run(Connect, vars);

        var cases = new Dictionary<string, string>
        {
            ["Get-PmNegativeBalanceInterest -StartTime $from -EndTime $to"] = "InvalidTimeRange,PmInterest.Commands.GetPmNegativeBalanceInterestCommand",
            ["Get-PmNegativeBalanceInterest -Asset 'US DT'"] = "InvalidAsset,PmInterest.Commands.GetPmNegativeBalanceInterestCommand",
            ["Connect-PmAccount -ApiKey k -ApiSecret $secret -BaseUri 'ftp://example.com'"] = "InvalidBaseUri,PmInterest.Commands.ConnectPmAccountCommand",
            ["Connect-PmAccount -ApiKey k -PrivateKeyPath ./does-not-exist.pem"] = "PrivateKeyNotFound,PmInterest.Commands.ConnectPmAccountCommand",
            ["Connect-PmAccount -ApiKey k -PrivateKeyPath $notPkcs8"] = "PrivateKeyInvalid,PmInterest.Commands.ConnectPmAccountCommand",
        };
        var notPkcs8 = Path.GetTempFileName();
        File.WriteAllText(notPkcs8, "-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----\n");
        try
        {
            foreach (var (script, id) in cases)
            {
                var error = host.Run(script, new Dictionary<string, object?> { ["notPkcs8"] = notPkcs8 }).SingleError();
                Assert.Equal(id, error.FullyQualifiedErrorId);
                Assert.False(string.IsNullOrEmpty(error.ErrorDetails?.RecommendedAction), id + " has no recommended action");
            }
        }
        finally
        {
            File.Delete(notPkcs8);
        }

        Assert.Equal(0, server.Stats.TotalRequests);
    }

    [Fact]
    public async Task A_binance_refusal_is_an_error_record_that_stops_a_runbook()
    {
        await using var server = await EmulatorServer.StartAsync(Options(days: 10));
        using var host = new HostedRunspace();
        var vars = Vars(server, DataStart.UtcDateTime, DataStart.UtcDateTime.AddDays(10));
        vars["secret"] = Secure("wrong secret");

        var result = host.Run("$ErrorActionPreference = 'Stop'; " + Connect + "; Get-PmNegativeBalanceInterest -StartTime $from -EndTime $to; 'not reached'", vars);

        Assert.NotNull(result.Thrown);
        Assert.DoesNotContain(result.Output, o => "not reached".Equals(o.BaseObject));
        var error = result.SingleError();
        Assert.Equal("BinanceAuthenticationFailed,PmInterest.Commands.GetPmNegativeBalanceInterestCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.AuthenticationError, error.CategoryInfo.Category);
        Assert.Contains("-1022", error.Exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Connections_belong_to_one_runspace_and_can_be_passed_explicitly()
    {
        await using var server = await EmulatorServer.StartAsync(Options(days: 10));
        using var noEnvironment = new EnvironmentScope(new());
        using var first = new HostedRunspace();
        using var second = new HostedRunspace();
        var vars = Vars(server, DataStart.UtcDateTime, DataStart.UtcDateTime.AddDays(10));

        var connection = first.Run(Connect + " -PassThru", vars).Objects<PmConnection>().Single();
        var none = second.Run("Get-PmNegativeBalanceInterest -StartTime $from -EndTime $to", vars);
        var passed = second.Run("Get-PmNegativeBalanceInterest -StartTime $from -EndTime $to -Connection $c", new Dictionary<string, object?> { ["c"] = connection });
        var afterDisconnect = first.Run("Disconnect-PmAccount; Get-PmNegativeBalanceInterest -StartTime $from -EndTime $to");

        Assert.Equal("NoCredentials,PmInterest.Commands.GetPmNegativeBalanceInterestCommand", none.SingleError().FullyQualifiedErrorId);
        Assert.Equal(Canonical(server.Records), Canonical(passed.Objects<NegativeBalanceInterest>()));
        Assert.Equal("NoCredentials,PmInterest.Commands.GetPmNegativeBalanceInterestCommand", afterDisconnect.SingleError().FullyQualifiedErrorId);
        Assert.DoesNotContain(Keys.HmacApiKey, connection.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Environment_variables_give_credentials_and_the_endpoint()
    {
        await using var server = await EmulatorServer.StartAsync(Options(days: 10));
        using var host = new HostedRunspace();
        using var env = new EnvironmentScope(new()
        {
            ["BINANCE_API_KEY"] = Keys.Ed25519ApiKey,
            ["BINANCE_PRIVATE_KEY_PATH"] = WriteTemp(Keys.Ed25519EncryptedPrivateKeyPem),
            ["BINANCE_PRIVATE_KEY_PASSPHRASE"] = Keys.Passphrase,
            ["PMINTEREST_BASE_URI"] = server.BaseUri.ToString(),
        });

        var result = host.Run("Get-PmNegativeBalanceInterest -StartTime $from -EndTime $to -Verbose", Vars(server, DataStart.UtcDateTime, DataStart.UtcDateTime.AddDays(10)));

        Assert.Empty(result.Errors);
        Assert.Equal(Canonical(server.Records), Canonical(result.Objects<NegativeBalanceInterest>()));
        Assert.Contains(result.Verbose, v => v.Contains("/sapi/v1/portfolio/interest-history", StringComparison.Ordinal) && v.Contains("records, weight", StringComparison.Ordinal));
        Assert.All(result.Verbose, v => Assert.DoesNotContain(Keys.Passphrase, v, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Stopping_the_pipeline_cancels_the_request_in_flight_at_once()
    {
        var options = Options(days: 10);
        options.Latency = TimeSpan.FromSeconds(30);
        await using var server = await EmulatorServer.StartAsync(options);
        using var host = new HostedRunspace();
        host.Run(Connect, Vars(server, DataStart.UtcDateTime, DataStart.UtcDateTime.AddDays(10)));
        using var ps = PowerShell.Create();
        ps.Runspace = host.Runspace;
        ps.AddScript("Get-PmNegativeBalanceInterest -StartTime $from -EndTime $to");

        var running = ps.BeginInvoke();
        await Task.Delay(500);
        var watch = Stopwatch.StartNew();
        ps.Stop();
        Assert.True(running.AsyncWaitHandle.WaitOne(TimeSpan.FromSeconds(10)));

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(3), $"stopping took {watch.Elapsed}");
        Assert.Equal(PSInvocationState.Stopped, ps.InvocationStateInfo.State);
    }

    [Fact]
    public async Task An_instant_with_more_records_than_a_page_is_reported_by_its_time()
    {
        var options = Options(days: 5);
        options.OverflowInstants = 1;
        await using var server = await EmulatorServer.StartAsync(options);
        using var host = new HostedRunspace();

        var result = host.Run(Connect + "; Get-PmNegativeBalanceInterest -StartTime $from -EndTime $to", Vars(server, DataStart.UtcDateTime, DataStart.UtcDateTime.AddDays(5)));

        var instant = server.Records.GroupBy(r => r.InterestAccruedTime).Single(g => g.Count() > 100).Key;
        var error = Assert.Single(result.Errors, e => e.FullyQualifiedErrorId.StartsWith("TieExceedsPage,", StringComparison.Ordinal));
        Assert.Contains(DateTimeOffset.FromUnixTimeMilliseconds(instant).UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture), error.Exception.Message, StringComparison.Ordinal);
        Assert.Equal(ErrorCategory.LimitsExceeded, error.CategoryInfo.Category);
    }

    internal static Dictionary<string, object?> Vars(EmulatorServer server, DateTime from, DateTime to, Dictionary<string, object?>? more = null)
    {
        var vars = new Dictionary<string, object?>
        {
            ["key"] = Keys.HmacApiKey,
            ["secret"] = Secure(Keys.HmacSecret),
            ["uri"] = server.BaseUri,
            ["from"] = from,
            ["to"] = to,
        };
        foreach (var pair in more ?? new())
        {
            vars[pair.Key] = pair.Value;
        }

        return vars;
    }

    internal static SecureString Secure(string text)
    {
        var s = new SecureString();
        foreach (var c in text)
        {
            s.AppendChar(c);
        }

        s.MakeReadOnly();
        return s;
    }

    private static string WriteTemp(string content)
    {
        var path = Path.GetTempFileName();
        File.WriteAllText(path, content);
        return path;
    }
}
