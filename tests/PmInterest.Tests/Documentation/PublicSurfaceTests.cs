using System;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using PmInterest.Commands;
using PmInterest.Emulator;
using PmInterest.Tests.Commands;
using Xunit;
using static PmInterest.Tests.Client.EmulatorFixture;

namespace PmInterest.Tests.Documentation;

/// <summary>
/// Public types are what users see: the cmdlets (and the bases they must derive from), their
/// output types, their enums and the completer. Anything else public would be a promise made by accident.
/// </summary>
public sealed class PublicSurfaceTests
{
    private static readonly string[] OutputTypes =
    [
        "PmInterest.AccountType", "PmInterest.ApiKeyPermissions", "PmInterest.InterestTotal", "PmInterest.LedgerExportSummary",
        "PmInterest.NegativeBalanceInterest", "PmInterest.PmConnection", "PmInterest.ValuedInterest", "PmInterest.Binance.Signing.KeyType",
    ];

    // PowerShell finds the module's IModuleAssemblyCleanup (which closes connections at Remove-Module) only on a public type.
    private static readonly string[] Bases = ["PmInterest.Commands.PmCmdlet", "PmInterest.Commands.PagerCmdlet", "PmInterest.Commands.AssetCompleter", "PmInterest.ModuleCleanup"];

    [Fact]
    public void The_module_exports_only_cmdlets_their_output_types_and_the_completer()
    {
        var assembly = typeof(GetPmNegativeBalanceInterestCommand).Assembly;
        var cmdlets = assembly.GetExportedTypes().Where(t => t.GetCustomAttributes(typeof(CmdletAttribute), false).Length > 0).Select(t => t.FullName!);

        var expected = cmdlets.Concat(OutputTypes).Concat(Bases).OrderBy(n => n, StringComparer.Ordinal).ToList();
        var exported = assembly.GetExportedTypes().Select(t => t.FullName!).OrderBy(n => n, StringComparer.Ordinal).ToList();

        Assert.Equal(expected, exported);
        Assert.Equal(8, cmdlets.Count());
    }

    [Fact]
    public async Task A_script_reads_Binances_code_and_message_from_the_exception_as_documented()
    {
        // The exception type is internal; PowerShell still reads its public members.
        await using var server = await EmulatorServer.StartAsync(Options(days: 2));
        using var host = new HostedRunspace();
        var vars = CmdletTests.Vars(server, DataStart.UtcDateTime, DataStart.UtcDateTime.AddDays(1));
        vars["secret"] = CmdletTests.Secure(new string('x', 64));

        var result = host.Run("try { Connect-PmAccount -ApiKey $key -ApiSecret $secret -BaseUri $uri } catch { $_.Exception.BinanceCode; $_.Exception.BinanceMessage; $_.Exception.HttpStatus }", vars);

        Assert.Equal(-1022, Assert.IsType<int>(result.Output[0].BaseObject));
        Assert.Contains("Signature", (string)result.Output[1].BaseObject, StringComparison.Ordinal);
        Assert.Equal(400, Assert.IsType<int>(result.Output[2].BaseObject));
    }

    [Fact]
    public void The_crypto_assembly_exports_nothing()
    {
        var crypto = System.Reflection.Assembly.LoadFrom(System.IO.Path.Combine(
            System.IO.Path.GetDirectoryName(typeof(GetPmNegativeBalanceInterestCommand).Assembly.Location)!, "PmInterest.Crypto.dll"));
        Assert.Empty(crypto.GetExportedTypes());
    }
}
