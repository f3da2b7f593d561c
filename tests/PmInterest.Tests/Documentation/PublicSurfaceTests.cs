using System;
using System.Linq;
using System.Management.Automation;
using PmInterest.Commands;
using Xunit;

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

    private static readonly string[] Bases = ["PmInterest.Commands.PmCmdlet", "PmInterest.Commands.PagerCmdlet", "PmInterest.Commands.AssetCompleter"];

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
    public void The_crypto_assembly_exports_nothing()
    {
        var crypto = System.Reflection.Assembly.LoadFrom(System.IO.Path.Combine(
            System.IO.Path.GetDirectoryName(typeof(GetPmNegativeBalanceInterestCommand).Assembly.Location)!, "PmInterest.Crypto.dll"));
        Assert.Empty(crypto.GetExportedTypes());
    }
}
