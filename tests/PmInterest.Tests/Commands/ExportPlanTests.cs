using System;
using PmInterest.Commands;
using PmInterest.Ledger;
using Xunit;

namespace PmInterest.Tests.Commands;

/// <summary>The rules of an export's range and watermark, where they live: never a gap, never a silent no-op.</summary>
public sealed class ExportPlanTests
{
    private static readonly string?[] AllAssets = { null };
    private static readonly DateTime Now = new(2026, 12, 2, 12, 0, 0, DateTimeKind.Utc);
    private static readonly LedgerScope Pro = LedgerScope.Of(AccountType.PortfolioMarginPro, AllAssets);

    [Theory]
    [InlineData("2026-12-02T11:00:00.000Z", 60, true)]
    [InlineData("2026-12-02T11:00:00.001Z", 60, false)]
    [InlineData("2026-12-02T11:59:59.999Z", 0, true)]
    [InlineData("2027-01-01T00:00:00.000Z", 0, false)]
    [InlineData("1969-12-31T23:59:59.999Z", 60, true)]
    [InlineData("1969-12-31T23:59:59.998Z", 60, false)]
    [InlineData("0001-01-01T00:00:00.000Z", 60, false)]
    [InlineData("yesterday", 60, false)]
    public void A_watermark_lies_between_1970_and_the_settled_end(string after, int settlingMinutes, bool accepted)
    {
        var create = () => ExportPlan.Create(AllAssets, after, null, null, settlingMinutes, Now);

        if (accepted)
        {
            Assert.NotNull(create());
        }
        else
        {
            Assert.Equal(ErrorIds.InvalidWatermark, Assert.Throws<PmInputException>(create).ErrorId);
        }
    }

    [Fact]
    public void A_watermark_later_than_the_last_row_is_refused_and_one_at_or_before_it_resumes_at_the_last_row()
    {
        var plan = ExportPlan.Create(AllAssets, "2025-01-10T00:00:00.000Z", null, null, 60, Now);
        var last = Ms("2025-01-10T00:00:00.000Z");

        plan.CheckWatermarkAgainstLedger("/l.csv", last);
        plan.CheckWatermarkAgainstLedger("/l.csv", null);
        var e = Assert.Throws<PmInputException>(() => plan.CheckWatermarkAgainstLedger("/l.csv", last - 1));

        Assert.Equal(ErrorIds.InvalidWatermark, e.ErrorId);
        Assert.Contains("2025-01-10T00:00:00.000Z", e.Message, StringComparison.Ordinal);
        Assert.Contains("2025-01-09T23:59:59.999Z", e.Message, StringComparison.Ordinal);
        Assert.Equal(last - 5, plan.RangeFor(last - 5).StartMs);
        Assert.Equal(last + 1, plan.RangeFor(null).StartMs);
    }

    [Fact]
    public void An_empty_range_says_why_unless_the_ledger_is_merely_up_to_date()
    {
        var last = Ms("2025-01-10T00:00:00.000Z");
        var early = ExportPlan.Create(AllAssets, null, null, new DateTime(2025, 1, 5, 0, 0, 0, DateTimeKind.Utc), 60, Now);
        var settled = ExportPlan.Create(AllAssets, null, null, null, 60, new DateTime(2025, 1, 10, 0, 30, 0, DateTimeKind.Utc));
        var afterEnd = ExportPlan.Create(AllAssets, "2025-01-05T00:00:00.000Z", null, new DateTime(2025, 1, 5, 0, 0, 0, DateTimeKind.Utc), 60, Now);

        Assert.StartsWith("-EndTime 2025-01-05T00:00:00.000Z is before the ledger's last row (2025-01-10T00:00:00.000Z)", early.WhyNothingToAdd(last), StringComparison.Ordinal);
        Assert.Contains("later than now minus -SettlingMinutes 60 (2025-01-09T23:30:00.000Z)", settled.WhyNothingToAdd(last), StringComparison.Ordinal);
        Assert.StartsWith("-EndTime 2025-01-05T00:00:00.000Z is not after the watermark", afterEnd.WhyNothingToAdd(null), StringComparison.Ordinal);
        Assert.Null(early.WhyNothingToAdd(Ms("2025-01-04T00:00:00.000Z")));
    }

    [Fact]
    public void A_watermark_of_another_scope_is_refused_and_a_plain_one_is_not_checked()
    {
        var btc = ExportPlan.Create(AllAssets, "2025-01-05T00:00:00.000Z;PortfolioMarginPro;BTC", null, null, 60, Now);
        var plain = ExportPlan.Create(AllAssets, "2025-01-05T00:00:00.000Z", null, null, 60, Now);

        var e = Assert.Throws<PmInputException>(() => btc.CheckWatermarkScope(Pro));
        Assert.Equal(ErrorIds.LedgerScopeMismatch, e.ErrorId);
        Assert.Equal("PortfolioMarginPro;BTC", btc.AfterScope!.ToString());
        plain.CheckWatermarkScope(Pro);
        Assert.Null(plain.AfterScope);
    }

    private static long Ms(string text)
    {
        Assert.True(Watermark.TryParse(text, out var ms));
        return ms;
    }
}
