using System;
using System.IO;
using PmInterest.Ledger;
using Xunit;

namespace PmInterest.Tests.Ledger;

/// <summary>A ledger's scope (account type, assets): its one text form, its file beside the ledger, and the watermark that carries it.</summary>
public sealed class LedgerScopeTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    /// <summary>A run's scope; no assets: every asset.</summary>
    internal static LedgerScope Scope(AccountType accountType, params string[] assets) =>
        LedgerScope.Of(accountType, assets.Length == 0 ? new string?[] { null } : assets);

    [Fact]
    public void A_scope_is_written_as_account_type_and_sorted_distinct_assets_or_a_star()
    {
        Assert.Equal("PortfolioMarginPro;*", Scope(AccountType.PortfolioMarginPro).ToString());
        Assert.Equal("PortfolioMargin;BTC,ETH", Scope(AccountType.PortfolioMargin, "ETH", "BTC", "ETH").ToString());
        Assert.Equal("PortfolioMarginPro;1000SATS,BTC,Z", Scope(AccountType.PortfolioMarginPro, "Z", "BTC", "1000SATS").ToString());
    }

    [Theory]
    [InlineData("PortfolioMarginPro;*", "PortfolioMarginPro;*")]
    [InlineData("PortfolioMargin;BTC,ETH", "PortfolioMargin;BTC,ETH")]
    [InlineData("PortfolioMargin;eth,BTC,ETH", "PortfolioMargin;BTC,ETH")]
    public void A_scope_reads_back_as_itself(string text, string canonical)
    {
        Assert.True(LedgerScope.TryParse(text, out var scope));
        Assert.Equal(canonical, scope!.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("PortfolioMarginPro")]
    [InlineData("portfoliomarginpro;*")]
    [InlineData("Spot;*")]
    [InlineData("PortfolioMarginPro;")]
    [InlineData("PortfolioMarginPro;BTC,")]
    [InlineData("PortfolioMarginPro;B TC")]
    [InlineData("PortfolioMarginPro; BTC")]
    [InlineData("PortfolioMarginPro;*;x")]
    [InlineData("PortfolioMarginPro;*,BTC")]
    public void Anything_else_is_not_a_scope(string text)
    {
        Assert.False(LedgerScope.TryParse(text, out _));
    }

    [Fact]
    public void The_difference_of_two_scopes_says_what_differs()
    {
        var ledger = Scope(AccountType.PortfolioMarginPro, "BTC");
        var all = Scope(AccountType.PortfolioMarginPro);
        var papi = Scope(AccountType.PortfolioMargin, "BTC");

        Assert.Null(ledger.DifferenceFrom(Scope(AccountType.PortfolioMarginPro, "BTC")));
        Assert.Equal("the run asks for every asset (no -Asset), not the asset BTC (-Asset BTC)", ledger.DifferenceFrom(all));
        Assert.Equal("the account type is PortfolioMargin, not PortfolioMarginPro", ledger.DifferenceFrom(papi));
        Assert.Contains("; the run asks for", all.DifferenceFrom(papi), StringComparison.Ordinal);
        Assert.NotEqual(ledger, papi);
        Assert.Equal(ledger, Scope(AccountType.PortfolioMarginPro, "BTC"));
    }

    [Fact]
    public void A_watermark_carries_the_scope_and_the_plain_form_of_older_versions_still_reads()
    {
        var scope = Scope(AccountType.PortfolioMargin, "BTC", "ETH");
        var ms = new DateTimeOffset(2026, 11, 30, 16, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();

        var text = Watermark.Format(ms, scope);

        Assert.Equal("2026-11-30T16:00:00.000Z;PortfolioMargin;BTC,ETH", text);
        Assert.True(Watermark.TryParse(text, out var parsed, out var read));
        Assert.Equal(ms, parsed);
        Assert.Equal(scope, read);
        Assert.True(Watermark.TryParse("2026-11-30T16:00:00.000Z", out parsed, out read));
        Assert.Equal(ms, parsed);
        Assert.Null(read);
        Assert.False(Watermark.TryParse("2026-11-30T16:00:00.000Z;", out _, out _));
        Assert.False(Watermark.TryParse("2026-11-30T16:00:00.000Z;PortfolioMarginPro", out _, out _));
        Assert.False(Watermark.TryParse("2026-11-30T16:00:00.000Z PortfolioMarginPro;*", out _, out _));
    }

    [Fact]
    public void The_scope_file_beside_the_ledger_is_written_whole_and_read_back()
    {
        var ledger = _folder.File("interest.csv");
        Assert.Null(LedgerScopeFile.Read(ledger));

        LedgerScopeFile.Write(ledger, Scope(AccountType.PortfolioMarginPro, "BTC"));
        Assert.Equal("PortfolioMarginPro;BTC\n", File.ReadAllText(ledger + ".scope"));
        LedgerScopeFile.Write(ledger, Scope(AccountType.PortfolioMargin));

        Assert.Equal("PortfolioMargin;*", LedgerScopeFile.Read(ledger)!.ToString());
        Assert.Equal("PortfolioMargin;*\n", File.ReadAllText(ledger + ".scope"));
        Assert.False(File.Exists(ledger + ".scope.tmp"));
    }

    [Fact]
    public void A_scope_file_edited_on_Windows_still_reads_and_a_foreign_one_is_refused_by_name()
    {
        var ledger = _folder.File("interest.csv");
        File.WriteAllText(ledger + ".scope", "\uFEFFPortfolioMarginPro;ETH,BTC\r\n");
        Assert.Equal("PortfolioMarginPro;BTC,ETH", LedgerScopeFile.Read(ledger)!.ToString());

        File.WriteAllText(ledger + ".scope", "all of them");
        var e = Assert.Throws<LedgerFormatException>(() => LedgerScopeFile.Read(ledger));
        Assert.Equal(ledger + ".scope", e.Path);
        Assert.Contains("'all of them'", e.Message, StringComparison.Ordinal);
        Assert.Equal("all of them", File.ReadAllText(ledger + ".scope"));
    }

    [Fact]
    public void A_temporary_file_left_by_a_killed_run_changes_nothing()
    {
        var ledger = _folder.File("interest.csv");
        File.WriteAllText(ledger + ".scope.tmp", "Portfol");

        LedgerScopeFile.Write(ledger, Scope(AccountType.PortfolioMarginPro, "BTC"));

        Assert.Equal("PortfolioMarginPro;BTC", LedgerScopeFile.Read(ledger)!.ToString());
        Assert.False(File.Exists(ledger + ".scope.tmp"));
    }
}
