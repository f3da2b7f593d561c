using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using PmInterest.Emulator;
using PmInterest.Tests.Ledger;
using Xunit;
using static PmInterest.Tests.Client.EmulatorFixture;
using static PmInterest.Tests.Commands.LedgerRun;

namespace PmInterest.Tests.Commands;

/// <summary>Export-PmNegativeBalanceInterest in a hosted runspace against the emulator: never a gap, never a doubled row, every failure a documented error.</summary>
public sealed class ExportTests
{
    private const string ExportId = ",PmInterest.Commands.ExportPmNegativeBalanceInterestCommand";

    [Fact]
    public async Task A_watermark_later_than_the_ledgers_last_row_is_refused_before_any_request_naming_both_instants()
    {
        await using var server = await EmulatorServer.StartAsync(Options(days: 30));
        using var run = new LedgerRun();
        using var host = new HostedRunspace();
        var vars = run.Vars(server, Day(0), Day(15));
        host.Run(Connect + "; Export-PmNegativeBalanceInterest -Path $path -StartTime $from -EndTime $to", vars);
        var bytes = File.ReadAllBytes(run.Path);
        var last = Records(server, Day(0), Day(15)).Last().InterestAccruedTime;
        var requests = server.Stats.InterestHistoryRequests;

        var result = host.Run("Export-PmNegativeBalanceInterest -Path $path -After '2025-01-21T00:00:00.000Z'", vars);

        var error = result.SingleError();
        Assert.Equal("InvalidWatermark" + ExportId, error.FullyQualifiedErrorId);
        Assert.Contains("2025-01-21T00:00:00.000Z", error.Exception.Message, StringComparison.Ordinal);
        Assert.Contains(Ms(last), error.Exception.Message, StringComparison.Ordinal);
        Assert.Contains("Leave -After out", error.ErrorDetails.RecommendedAction, StringComparison.Ordinal);
        Assert.Equal(requests, server.Stats.InterestHistoryRequests);
        Assert.Equal(bytes, File.ReadAllBytes(run.Path));

        // A watermark at or before the last row leaves no gap: the run resumes at the last row.
        var resumed = host.Run("Export-PmNegativeBalanceInterest -Path $path -After '2025-01-10T00:00:00.000Z' -EndTime $end", new Dictionary<string, object?> { ["end"] = Day(30) });
        Assert.Empty(resumed.Errors);
        Assert.Equal(LedgerBytes(Records(server, Day(0), Day(30))), File.ReadAllBytes(run.Path));
    }

    [Theory]
    [InlineData("future")]
    [InlineData("within the settling margin")]
    [InlineData("0001-01-01T00:00:00.000Z")]
    [InlineData("1969-12-31T23:59:59.998Z")]
    public async Task A_watermark_that_no_run_writes_is_refused_before_any_request(string watermark)
    {
        await using var server = await EmulatorServer.StartAsync(Options(days: 5));
        using var run = new LedgerRun();
        using var host = new HostedRunspace();
        var after = watermark switch
        {
            "future" => Ms(DateTime.UtcNow.AddDays(30)),
            "within the settling margin" => Ms(DateTime.UtcNow.AddMinutes(-30)),
            _ => watermark,
        };

        var result = host.Run(Connect + "; Export-PmNegativeBalanceInterest -Path $path -After $after", run.Vars(server, Day(0), Day(1), new() { ["after"] = after }));

        var error = result.SingleError();
        Assert.Equal("InvalidWatermark" + ExportId, error.FullyQualifiedErrorId);
        Assert.Contains(after.Substring(0, 19), error.Exception.Message, StringComparison.Ordinal);
        Assert.Equal(0, server.Stats.InterestHistoryRequests);
        Assert.False(File.Exists(run.Path));
    }

    [Fact]
    public async Task The_watermark_just_before_1970_starts_at_1970()
    {
        await using var server = await EmulatorServer.StartAsync(Options(days: 5));
        using var run = new LedgerRun();
        using var host = new HostedRunspace();

        var result = host.Run(Connect + "; Export-PmNegativeBalanceInterest -Path $path -After '1969-12-31T23:59:59.999Z' -EndTime '1970-01-02T00:00:00Z'", run.Vars(server, Day(0), Day(1)));

        Assert.Empty(result.Errors);
        var summary = Assert.Single(result.Objects<LedgerExportSummary>());
        Assert.Equal(new DateTime(1970, 1, 1, 0, 0, 0, DateTimeKind.Utc), summary.From);
        Assert.Equal(1, server.Stats.InterestHistoryRequests);
    }

    [Theory]
    [InlineData("0.00012345")]
    [InlineData("0.00099999")]
    public async Task Binance_sending_two_records_for_one_asset_and_instant_is_a_protocol_error_and_neither_is_written(string secondInterest)
    {
        var t0 = DataStart.ToUnixTimeMilliseconds();
        var options = Options(days: 2);
        options.Records = new List<EmulatorRecord>
        {
            new("USDT", "1.50000000", t0, "0.00020000", "180000.0000"),
            new("BTC", "0.00012345", t0 + 3_600_000, "0.00005000", "59.25600000"),
            new("BTC", secondInterest, t0 + 3_600_000, "0.00005000", "59.25600000"),
            new("ETH", "0.00300000", t0 + 7_200_000, "0.00010000", "720.00000000"),
        };
        await using var server = await EmulatorServer.StartAsync(options);
        using var run = new LedgerRun();
        using var host = new HostedRunspace();

        var result = host.Run(Connect + "; Export-PmNegativeBalanceInterest -Path $path -StartTime $from -EndTime $to", run.Vars(server, Day(0), Day(1)));

        var error = result.SingleError();
        Assert.Equal("BinanceProtocolError" + ExportId, error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ProtocolError, error.CategoryInfo.Category);
        Assert.Contains("BTC", error.Exception.Message, StringComparison.Ordinal);
        Assert.Contains("2025-01-01T01:00:00.000Z", error.Exception.Message, StringComparison.Ordinal);
        Assert.Contains("one row per asset and instant", error.Exception.Message, StringComparison.Ordinal);
        var rows = File.ReadAllLines(run.Path);
        Assert.Equal(PmInterest.Ledger.LedgerFormat.Header, rows[0]);
        Assert.DoesNotContain(rows, r => r.Contains(",BTC,", StringComparison.Ordinal));
        Assert.Empty(host.Run("Import-PmNegativeBalanceInterest -Path $path").Errors);
    }

    [Theory]
    [InlineData("a repeated line", "2025-01-01T01:00:00.000Z,BTC,0.00012345,0.00005000,59.25600000", "(it repeats that line)")]
    [InlineData("another amount", "2025-01-01T01:00:00.000Z,BTC,0.00099999,0.00005000,59.25600000", "with other amounts")]
    public async Task A_ledger_with_a_second_row_for_a_key_is_refused_by_Export_and_Import_naming_both_lines(string what, string second, string why)
    {
        await using var server = await EmulatorServer.StartAsync(Options(days: 2));
        using var run = new LedgerRun();
        using var host = new HostedRunspace();
        File.WriteAllText(run.Path, PmInterest.Ledger.LedgerFormat.Header + "\n" +
            "2025-01-01T00:00:00.000Z,USDT,1.50000000,0.00020000,180000.0000\n" +
            "2025-01-01T01:00:00.000Z,BTC,0.00012345,0.00005000,59.25600000\n" +
            second + "\n");
        var bytes = File.ReadAllBytes(run.Path);
        var stamp = File.GetLastWriteTimeUtc(run.Path);

        var export = host.Run(Connect + "; Export-PmNegativeBalanceInterest -Path $path -StartTime $from -EndTime $to", run.Vars(server, Day(0), Day(1)));
        var import = host.Run("Import-PmNegativeBalanceInterest -Path $path | Measure-PmNegativeBalanceInterest -By Asset");

        foreach (var (error, cmdlet) in new[] { (export.SingleError(), "Export"), (import.SingleError(), "Import") })
        {
            Assert.Equal("LedgerInvalid,PmInterest.Commands." + cmdlet + "PmNegativeBalanceInterestCommand", error.FullyQualifiedErrorId);
            Assert.Contains("line 4: the row has the asset BTC and the instant 2025-01-01T01:00:00.000Z of line 3 " + why, error.Exception.Message, StringComparison.Ordinal);
        }

        Assert.Empty(import.Objects<InterestTotal>());
        Assert.Equal(0, server.Stats.InterestHistoryRequests);
        Assert.True(bytes.SequenceEqual(File.ReadAllBytes(run.Path)), what + ": the file was changed");
        Assert.Equal(stamp, File.GetLastWriteTimeUtc(run.Path));
        Assert.False(File.Exists(run.ScopePath));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(300)]
    public async Task A_full_disk_is_LedgerWriteFailed_with_the_path_and_the_reason(int room)
    {
        await using var server = await EmulatorServer.StartAsync(Options(days: 10));
        using var run = new LedgerRun();
        using var host = new HostedRunspace();
        HostedRunspace.Result result;
        using (FullDiskStream.At(run.Path, room))
        {
            result = host.Run(Connect + "; Export-PmNegativeBalanceInterest -Path $path -StartTime $from -EndTime $to", run.Vars(server, Day(0), Day(10)));
        }

        var error = result.SingleError();
        Assert.Equal("LedgerWriteFailed" + ExportId, error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.WriteError, error.CategoryInfo.Category);
        Assert.IsAssignableFrom<PmInterest.Ledger.LedgerException>(error.Exception);
        Assert.Contains(run.Path, error.Exception.Message, StringComparison.Ordinal);
        Assert.Contains("could not be written: " + FullDiskStream.Reason, error.Exception.Message, StringComparison.Ordinal);
        if (room == 0)
        {
            Assert.Equal(0, server.Stats.InterestHistoryRequests);
        }

        // With room again, the next run completes the ledger exactly.
        var again = host.Run("Export-PmNegativeBalanceInterest -Path $path -StartTime $from -EndTime $to -WarningAction SilentlyContinue");
        Assert.Empty(again.Errors);
        Assert.Equal(LedgerBytes(Records(server, Day(0), Day(10))), File.ReadAllBytes(run.Path));
    }

    [Fact]
    public async Task Assets_come_from_the_pipeline_by_value_and_by_property_name()
    {
        await using var server = await EmulatorServer.StartAsync(Options(days: 20));
        using var run = new LedgerRun();
        using var host = new HostedRunspace();
        var vars = run.Vars(server, Day(0), Day(20), new() { ["other"] = run.File("eth-usdt.csv") });

        var byValue = host.Run(Connect + "; 'btc' | Export-PmNegativeBalanceInterest -Path $path -StartTime $from -EndTime $to", vars);
        var byName = host.Run("[pscustomobject]@{ Asset = 'USDT' }, [pscustomobject]@{ Asset = 'ETH' } | Export-PmNegativeBalanceInterest -Path $other -StartTime $from -EndTime $to", vars);

        Assert.Empty(byValue.Errors);
        Assert.Empty(byName.Errors);
        Assert.Equal(LedgerBytes(Records(server, Day(0), Day(20), "BTC")), File.ReadAllBytes(run.Path));
        Assert.Equal(LedgerBytes(Records(server, Day(0), Day(20), "ETH", "USDT")), File.ReadAllBytes(run.File("eth-usdt.csv")));
        Assert.Equal("PortfolioMarginPro;BTC", Assert.Single(byValue.Objects<LedgerExportSummary>()).Scope);
        Assert.Equal("PortfolioMarginPro;ETH,USDT", Assert.Single(byName.Objects<LedgerExportSummary>()).Scope);
    }

    [Theory]
    [InlineData("'' | Export-PmNegativeBalanceInterest -Path $path -StartTime $from -EndTime $to")]
    [InlineData("$null | Export-PmNegativeBalanceInterest -Path $path -StartTime $from -EndTime $to")]
    [InlineData("'BTC', '' | Export-PmNegativeBalanceInterest -Path $path -StartTime $from -EndTime $to")]
    [InlineData("@() | Export-PmNegativeBalanceInterest -Path $path -StartTime $from -EndTime $to")]
    [InlineData("'BTC' | Export-PmNegativeBalanceInterest -Path $path -Asset ETH -StartTime $from -EndTime $to")]
    [InlineData("Export-PmNegativeBalanceInterest -Path $path -Asset $null -StartTime $from -EndTime $to")]
    public async Task Piped_input_that_names_no_asset_stops_the_run_and_never_exports_every_asset(string script)
    {
        await using var server = await EmulatorServer.StartAsync(Options(days: 5));
        using var run = new LedgerRun();
        using var host = new HostedRunspace();

        var result = host.Run(Connect + "; " + script, run.Vars(server, Day(0), Day(5)));

        Assert.Contains(result.Errors.Concat(result.Thrown is IContainsErrorRecord t ? new[] { t.ErrorRecord } : Array.Empty<ErrorRecord>()), e => e.FullyQualifiedErrorId == "InvalidAsset" + ExportId);
        Assert.Empty(result.Objects<LedgerExportSummary>());
        Assert.Equal(0, server.Stats.InterestHistoryRequests);
        Assert.False(File.Exists(run.Path));
    }

    [Fact]
    public async Task WhatIf_says_what_it_would_add_to_which_file_and_sends_no_interest_request()
    {
        await using var server = await EmulatorServer.StartAsync(Options(days: 20));
        using var run = new LedgerRun();
        var console = new CapturingHost();
        using var host = new HostedRunspace(console);
        var vars = run.Vars(server, Day(0), Day(10), new() { ["end"] = Day(20) });

        var first = host.Run(Connect + "; Export-PmNegativeBalanceInterest -Path $path -StartTime $from -EndTime $to -WhatIf", vars);

        Assert.Empty(first.Errors);
        Assert.Empty(first.Output);
        Assert.False(File.Exists(run.Path));
        Assert.False(File.Exists(run.ScopePath));
        var said = Assert.Single(console.Lines, l => l.StartsWith("What if:", StringComparison.Ordinal));
        Assert.Contains(run.Path, said, StringComparison.Ordinal);
        Assert.Contains("PortfolioMarginPro records of every asset accrued 2025-01-01T00:00:00.000Z to 2025-01-11T00:00:00.000Z to a new ledger", said, StringComparison.Ordinal);

        // A ledger with rows and a torn last line: -WhatIf reads it, tells the range from its last row, and changes no byte.
        host.Run("Export-PmNegativeBalanceInterest -Path $path -StartTime $from -EndTime $to");
        File.AppendAllText(run.Path, "2025-01-11T0");
        var bytes = File.ReadAllBytes(run.Path);
        var last = Records(server, Day(0), Day(10)).Last().InterestAccruedTime;
        var requests = server.Stats.InterestHistoryRequests;
        console.Lines.Clear();

        var second = host.Run("Export-PmNegativeBalanceInterest -Path $path -EndTime $end -WhatIf", vars);

        Assert.Empty(second.Errors);
        said = Assert.Single(console.Lines, l => l.StartsWith("What if:", StringComparison.Ordinal));
        Assert.Contains("accrued " + Ms(last) + " to 2025-01-21T00:00:00.000Z to the ledger of " + Records(server, Day(0), Day(10)).Count + " rows", said, StringComparison.Ordinal);
        Assert.Equal(requests, server.Stats.InterestHistoryRequests);
        Assert.Equal(bytes, File.ReadAllBytes(run.Path));

        // The checks still hold under -WhatIf: a run of another scope is refused.
        var refused = host.Run("Export-PmNegativeBalanceInterest -Path $path -Asset BTC -WhatIf", vars);
        Assert.Equal("LedgerScopeMismatch" + ExportId, refused.SingleError().FullyQualifiedErrorId);
        Assert.Equal(requests, server.Stats.InterestHistoryRequests);
    }

    [Fact]
    public async Task An_EndTime_before_the_ledgers_last_row_is_told_and_changes_nothing()
    {
        await using var server = await EmulatorServer.StartAsync(Options(days: 20));
        using var run = new LedgerRun();
        using var host = new HostedRunspace();
        var vars = run.Vars(server, Day(0), Day(15), new() { ["early"] = Day(5) });
        host.Run(Connect + "; Export-PmNegativeBalanceInterest -Path $path -StartTime $from -EndTime $to", vars);
        var bytes = File.ReadAllBytes(run.Path);
        var last = Records(server, Day(0), Day(15)).Last().InterestAccruedTime;
        var requests = server.Stats.InterestHistoryRequests;

        var result = host.Run("Export-PmNegativeBalanceInterest -Path $path -EndTime $early", vars);

        Assert.Empty(result.Errors);
        var warning = Assert.Single(result.Warnings);
        Assert.Contains("-EndTime 2025-01-06T00:00:00.000Z is before the ledger's last row (" + Ms(last) + ")", warning, StringComparison.Ordinal);
        Assert.Equal(0, Assert.Single(result.Objects<LedgerExportSummary>()).Added);
        Assert.Equal(requests, server.Stats.InterestHistoryRequests);
        Assert.Equal(bytes, File.ReadAllBytes(run.Path));
    }
}
