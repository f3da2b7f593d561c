using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using PmInterest.Emulator;
using Xunit;
using static PmInterest.Tests.Client.EmulatorFixture;
using static PmInterest.Tests.Commands.LedgerRun;

namespace PmInterest.Tests.Commands;

/// <summary>A ledger remembers its scope (account type, assets): a run of another scope is refused before any request, the file untouched.</summary>
public sealed class LedgerScopeCommandTests
{
    private const string ExportId = ",PmInterest.Commands.ExportPmNegativeBalanceInterestCommand";
    private const string Export = "Export-PmNegativeBalanceInterest -Path $path -StartTime $from -EndTime $to";

    [Fact]
    public async Task A_ledger_made_with_one_asset_refuses_a_run_without_Asset()
    {
        await using var server = await EmulatorServer.StartAsync(Options(days: 30));
        using var run = new LedgerRun();
        using var host = new HostedRunspace();
        var vars = run.Vars(server, Day(0), Day(10), new() { ["later"] = Day(30) });
        var first = host.Run(Connect + "; " + Export + " -Asset BTC", vars);
        Assert.Empty(first.Errors);
        var bytes = File.ReadAllBytes(run.Path);
        var requests = server.Stats.InterestHistoryRequests;

        var second = host.Run("Export-PmNegativeBalanceInterest -Path $path -EndTime $later", vars);

        var error = second.SingleError();
        Assert.Equal("LedgerScopeMismatch" + ExportId, error.FullyQualifiedErrorId);
        Assert.Equal(System.Management.Automation.ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
        Assert.Contains("is a ledger of account type PortfolioMarginPro and the asset BTC", error.Exception.Message, StringComparison.Ordinal);
        Assert.Contains("the run asks for every asset (no -Asset), not the asset BTC (-Asset BTC)", error.Exception.Message, StringComparison.Ordinal);
        Assert.Contains(run.ScopePath, error.Exception.Message, StringComparison.Ordinal);
        Assert.Contains("or give another -Path", error.ErrorDetails.RecommendedAction, StringComparison.Ordinal);
        Assert.Equal(requests, server.Stats.InterestHistoryRequests);
        Assert.Equal(bytes, File.ReadAllBytes(run.Path));
        Assert.Equal("PortfolioMarginPro;BTC\n", File.ReadAllText(run.ScopePath));

        // With its own scope the ledger goes on.
        var third = host.Run("Export-PmNegativeBalanceInterest -Path $path -Asset btc -EndTime $later", vars);
        Assert.Empty(third.Errors);
        Assert.Equal(LedgerBytes(Records(server, Day(0), Day(30), "BTC")), File.ReadAllBytes(run.Path));
    }

    [Fact]
    public async Task All_then_one_asset_then_all_ends_equal_to_Binances_whole_history()
    {
        await using var server = await EmulatorServer.StartAsync(Options(days: 40));
        using var run = new LedgerRun();
        using var host = new HostedRunspace();
        var vars = run.Vars(server, Day(0), Day(10), new() { ["middle"] = Day(25), ["end"] = Day(40) });

        var all = host.Run(Connect + "; " + Export, vars);
        var one = host.Run("Export-PmNegativeBalanceInterest -Path $path -Asset BTC -EndTime $middle", vars);
        var again = host.Run("Export-PmNegativeBalanceInterest -Path $path -EndTime $end", vars);

        Assert.Empty(all.Errors);
        Assert.Equal("LedgerScopeMismatch" + ExportId, one.SingleError().FullyQualifiedErrorId);
        Assert.Empty(again.Errors);
        Assert.Equal(LedgerBytes(Records(server, Day(0), Day(40))), File.ReadAllBytes(run.Path));
        Assert.Equal("PortfolioMarginPro;*\n", File.ReadAllText(run.ScopePath));
    }

    [Fact]
    public async Task A_ledger_of_another_account_type_is_refused()
    {
        await using var server = await EmulatorServer.StartAsync(Options(days: 10));
        using var run = new LedgerRun();
        using var host = new HostedRunspace();
        var vars = run.Vars(server, Day(0), Day(5));
        host.Run(Connect + "; " + Export, vars);
        var connection = host.Run("Connect-PmAccount -AccountType PortfolioMargin -ApiKey $key -ApiSecret $secret -BaseUri $uri -SkipCheck -PassThru", vars).Objects<PmConnection>().Single();
        var requests = server.Stats.InterestHistoryRequests;

        var result = host.Run("Export-PmNegativeBalanceInterest -Path $path -Connection $c", new Dictionary<string, object?> { ["c"] = connection });

        var error = result.SingleError();
        Assert.Equal("LedgerScopeMismatch" + ExportId, error.FullyQualifiedErrorId);
        Assert.Contains("the account type is PortfolioMargin, not PortfolioMarginPro", error.Exception.Message, StringComparison.Ordinal);
        Assert.Equal(requests, server.Stats.InterestHistoryRequests);
    }

    [Fact]
    public async Task A_ledger_with_rows_but_no_scope_file_adopts_the_runs_scope_and_warns_once()
    {
        await using var server = await EmulatorServer.StartAsync(Options(days: 20));
        using var run = new LedgerRun();
        using var host = new HostedRunspace();
        var vars = run.Vars(server, Day(0), Day(10), new() { ["end"] = Day(15), ["later"] = Day(20) });
        host.Run(Connect + "; " + Export + " -Asset ETH", vars);
        File.Delete(run.ScopePath); // as an older version left it

        var adopted = host.Run("Export-PmNegativeBalanceInterest -Path $path -Asset ETH -EndTime $end", vars);
        var next = host.Run("Export-PmNegativeBalanceInterest -Path $path -Asset ETH -EndTime $later", vars);
        var other = host.Run("Export-PmNegativeBalanceInterest -Path $path -EndTime $later", vars);

        var warning = Assert.Single(adopted.Warnings);
        Assert.Contains("has rows but no scope file", warning, StringComparison.Ordinal);
        Assert.Contains("PortfolioMarginPro;ETH", warning, StringComparison.Ordinal);
        Assert.Empty(adopted.Errors);
        Assert.Empty(next.Warnings);
        Assert.Equal("PortfolioMarginPro;ETH\n", File.ReadAllText(run.ScopePath));
        Assert.Equal("LedgerScopeMismatch" + ExportId, other.SingleError().FullyQualifiedErrorId);
        Assert.Equal(LedgerBytes(Records(server, Day(0), Day(20), "ETH")), File.ReadAllBytes(run.Path));
    }

    [Fact]
    public async Task A_ledger_without_rows_takes_the_scope_of_the_run()
    {
        await using var server = await EmulatorServer.StartAsync(Options(days: 10));
        using var run = new LedgerRun();
        using var host = new HostedRunspace();
        File.WriteAllText(run.Path, PmInterest.Ledger.LedgerFormat.Header + "\n");
        File.WriteAllText(run.ScopePath, "PortfolioMarginPro;BTC\n");

        var result = host.Run(Connect + "; " + Export, run.Vars(server, Day(0), Day(10)));

        Assert.Empty(result.Errors);
        Assert.Empty(result.Warnings);
        Assert.Equal("PortfolioMarginPro;*\n", File.ReadAllText(run.ScopePath));
        Assert.Equal(LedgerBytes(Records(server, Day(0), Day(10))), File.ReadAllBytes(run.Path));
    }

    [Fact]
    public async Task The_watermark_carries_the_scope_and_After_checks_it_against_the_run()
    {
        await using var server = await EmulatorServer.StartAsync(Options(days: 20));
        using var run = new LedgerRun();
        using var host = new HostedRunspace();
        var vars = run.Vars(server, Day(0), Day(10), new() { ["end"] = Day(20), ["next"] = run.File("next.csv"), ["plain"] = run.File("plain.csv") });

        var first = host.Run(Connect + "; " + Export + " -Asset ETH,BTC", vars).Objects<LedgerExportSummary>().Single();
        Assert.Equal(Ms(Day(10)) + ";PortfolioMarginPro;BTC,ETH", first.Watermark);
        Assert.Equal("PortfolioMarginPro;BTC,ETH", first.Scope);
        var requests = server.Stats.InterestHistoryRequests;

        var wider = host.Run("Export-PmNegativeBalanceInterest -Path $next -After $w -EndTime $end", new Dictionary<string, object?> { ["w"] = first.Watermark });
        var error = wider.SingleError();
        Assert.Equal("LedgerScopeMismatch" + ExportId, error.FullyQualifiedErrorId);
        Assert.Contains("-After's watermark was written by a run of account type PortfolioMarginPro and the assets BTC, ETH", error.Exception.Message, StringComparison.Ordinal);
        Assert.Equal(requests, server.Stats.InterestHistoryRequests);
        Assert.False(File.Exists(run.File("next.csv")));

        var same = host.Run("Export-PmNegativeBalanceInterest -Path $next -After $w -EndTime $end -Asset BTC, ETH", new Dictionary<string, object?> { ["w"] = first.Watermark });
        Assert.Empty(same.Errors);
        Assert.Equal(LedgerBytes(Records(server, Day(10).AddMilliseconds(1), Day(20), "BTC", "ETH")), File.ReadAllBytes(run.File("next.csv")));

        // A watermark of an older version has no scope: accepted, with a warning that it could not be checked.
        var plain = host.Run("Export-PmNegativeBalanceInterest -Path $plain -After $w -EndTime $end", new Dictionary<string, object?> { ["w"] = Ms(Day(10)) });
        Assert.Empty(plain.Errors);
        Assert.Contains(plain.Warnings, w => w.Contains("could not be checked", StringComparison.Ordinal));
        Assert.Equal(LedgerBytes(Records(server, Day(10).AddMilliseconds(1), Day(20))), File.ReadAllBytes(run.File("plain.csv")));
        Assert.EndsWith(";PortfolioMarginPro;*", plain.Objects<LedgerExportSummary>().Single().Watermark, StringComparison.Ordinal);
    }
}
