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

/// <summary>Import- and Measure-PmNegativeBalanceInterest in a hosted runspace: as loud as Export, one error where one is due.</summary>
public sealed class ImportMeasureTests
{
    private const string ImportId = ",PmInterest.Commands.ImportPmNegativeBalanceInterestCommand";

    [Fact]
    public async Task A_last_line_without_its_line_end_is_left_out_with_a_warning_naming_it()
    {
        await using var server = await EmulatorServer.StartAsync(Options(days: 5));
        using var run = new LedgerRun();
        var records = Records(server, Day(0), Day(5)).Take(50).ToList();
        var text = Text(LedgerBytes(records));
        var torn = text[..^1]; // the 50th row has no LF
        File.WriteAllText(run.Path, torn);
        using var host = new HostedRunspace();

        var result = host.Run("Import-PmNegativeBalanceInterest -Path $path", new Dictionary<string, object?> { ["path"] = run.Path });

        Assert.Empty(result.Errors);
        Assert.Equal(records.Take(49), result.Objects<NegativeBalanceInterest>());
        var warning = Assert.Single(result.Warnings);
        Assert.Contains("The last line (51) of the ledger '" + run.Path + "' has no line end", warning, StringComparison.Ordinal);
        Assert.Contains("left out", warning, StringComparison.Ordinal);
        Assert.Equal(torn, File.ReadAllText(run.Path));
    }

    [Fact]
    public void A_folder_is_LedgerReadFailed_not_LedgerNotFound()
    {
        using var run = new LedgerRun();
        using var host = new HostedRunspace();

        var error = host.Run("Import-PmNegativeBalanceInterest -Path $folder", new Dictionary<string, object?> { ["folder"] = run.Folder }).SingleError();

        Assert.Equal("LedgerReadFailed" + ImportId, error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ReadError, error.CategoryInfo.Category);
        Assert.Contains("is a folder", error.Exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_that_cannot_be_read_says_reading()
    {
        using var run = new LedgerRun();
        File.WriteAllText(run.Path, PmInterest.Ledger.LedgerFormat.Header + "\n");
        using var host = new HostedRunspace();
        ErrorRecord error;
        using (new Interception(run.Path, _ => throw new UnauthorizedAccessException("Access to the path is denied.")))
        {
            error = host.Run("Import-PmNegativeBalanceInterest -Path $path", new Dictionary<string, object?> { ["path"] = run.Path }).SingleError();
        }

        Assert.Equal("LedgerReadFailed" + ImportId, error.FullyQualifiedErrorId);
        Assert.Contains("cannot be opened for reading: access is denied", error.Exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("writing", error.Exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_ledger_read_by_Import_Csv_totals_exactly_as_one_read_by_Import()
    {
        await using var server = await EmulatorServer.StartAsync(Options(days: 40));
        using var run = new LedgerRun();
        using var host = new HostedRunspace();
        host.Run(Connect + "; Export-PmNegativeBalanceInterest -Path $path -StartTime $from -EndTime $to", run.Vars(server, Day(0), Day(40)));

        var csv = host.Run("$saved = [cultureinfo]::CurrentCulture; try { [cultureinfo]::CurrentCulture = 'de-DE'; Import-Csv -Path $path | Measure-PmNegativeBalanceInterest -By Asset, Month } finally { [cultureinfo]::CurrentCulture = $saved }");

        var typed = host.Run("Import-PmNegativeBalanceInterest -Path $path | Measure-PmNegativeBalanceInterest -By Asset, Month");

        Assert.Empty(csv.Errors);
        Assert.Empty(csv.Warnings);
        Assert.Equal(Describe(typed.Objects<InterestTotal>()), Describe(csv.Objects<InterestTotal>()));
        Assert.True(csv.Objects<InterestTotal>().Count > 4);
    }

    [Fact]
    public async Task Objects_whose_fields_are_not_in_the_ledgers_form_give_one_error_that_names_Import()
    {
        await using var server = await EmulatorServer.StartAsync(Options(days: 30));
        using var run = new LedgerRun();
        using var host = new HostedRunspace();
        var vars = run.Vars(server, Day(0), Day(30), new() { ["csv"] = run.File("get.csv") });

        // Export-Csv writes times in the session's culture ("1/1/2025 12:00:00 AM"), not as a ledger does.
        var result = host.Run(
            Connect + "; Get-PmNegativeBalanceInterest -StartTime $from -EndTime $to | Export-Csv -Path $csv -NoTypeInformation; " +
            "Import-Csv -Path $csv | Measure-PmNegativeBalanceInterest -By Asset",
            vars);

        var rows = Records(server, Day(0), Day(30)).Count;
        Assert.True(rows > 100);
        var error = Assert.Single(result.Errors);
        Assert.Equal("NotAnInterestRecord,PmInterest.Commands.MeasurePmNegativeBalanceInterestCommand", error.FullyQualifiedErrorId);
        Assert.Contains("InterestAccruedTime", error.Exception.Message, StringComparison.Ordinal);
        Assert.Contains("Import-PmNegativeBalanceInterest", error.ErrorDetails.RecommendedAction, StringComparison.Ordinal);
        Assert.Contains(result.Warnings, w => w.Contains(rows + " objects in all were not interest records", StringComparison.Ordinal));
        Assert.Empty(result.Objects<InterestTotal>());
    }

    private static List<string> Describe(IEnumerable<InterestTotal> totals) =>
        totals.Select(t => string.Join("|", t.Asset, t.Period, t.Count, t.Interest.ToString(System.Globalization.CultureInfo.InvariantCulture), Ms(t.First), Ms(t.Last))).ToList();
}
