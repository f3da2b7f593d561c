using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using PmInterest.Emulator;
using Xunit;
using static PmInterest.Tests.Client.EmulatorFixture;

namespace PmInterest.Tests.Commands;

/// <summary>
/// Answers Binance never sends, as a user meets them: each is one documented
/// BinanceProtocolError, never a crash of the process, a rounded amount or a silently kept
/// duplicate; the runspace and the process go on working afterwards.
/// </summary>
[Collection(ProcessEnvironment.Name)]
public sealed class HostileAnswerTests
{
    private const string Connect = "Connect-PmAccount -ApiKey $key -ApiSecret $secret -BaseUri $uri";
    private const string Get = "Get-PmNegativeBalanceInterest -StartTime $from -EndTime $to";

    [Theory]
    [InlineData("page")]
    [InlineData("error")]
    [InlineData("key check")]
    public async Task Nesting_a_hundred_thousand_levels_deep_is_a_protocol_error_and_the_process_goes_on(string where)
    {
        // Once this ended the whole process with a stack overflow that no try/catch could stop.
        var options = Options(days: 3);
        options.HostileBody = where == "page" ? HostileBody.DeepNesting : HostileBody.None;
        options.NestedErrors = where == "error";
        options.NestedKeyCheck = where == "key check";
        await using var server = await EmulatorServer.StartAsync(options);
        using var host = new HostedRunspace();

        var result = host.Run((where == "key check" ? Connect : Connect + " -SkipCheck") + "; " + Get, Vars(server));

        var error = result.Thrown is IContainsErrorRecord thrown ? thrown.ErrorRecord : result.Errors[0];
        Assert.StartsWith("BinanceProtocolError,", error.FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.Equal(ErrorCategory.ProtocolError, error.CategoryInfo.Category);
        Assert.Empty(result.Objects<NegativeBalanceInterest>());
        Assert.Contains("nested deeper than", error.Exception.Message, StringComparison.Ordinal);

        // The same process, another runspace, an honest server: all still works.
        options.HostileBody = HostileBody.None;
        options.NestedErrors = false;
        options.NestedKeyCheck = false;
        using var other = new HostedRunspace();
        var fine = other.Run(Connect + "; " + Get, Vars(server));
        Assert.Null(fine.Thrown);
        Assert.Empty(fine.Errors);
        Assert.Equal(server.Records.Count, fine.Objects<NegativeBalanceInterest>().Count);
    }

    [Theory]
    [InlineData(HostileBody.DuplicateField, "the field 'interest' twice")]
    [InlineData(HostileBody.TrailingText, "after")]
    [InlineData(HostileBody.LongDecimal, "at most 28 decimals")]
    [InlineData(HostileBody.OddTime, "no valid interestAccruedTime")]
    public async Task A_page_Binance_never_sends_is_refused_whole(HostileBody body, string said)
    {
        var options = Options(days: 3);
        options.HostileBody = body;
        await using var server = await EmulatorServer.StartAsync(options);
        using var host = new HostedRunspace();

        var result = host.Run(Connect + " -SkipCheck; " + Get, Vars(server));

        var error = result.SingleError();
        Assert.StartsWith("BinanceProtocolError,", error.FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.Contains(said, error.Exception.Message, StringComparison.Ordinal);
        Assert.Empty(result.Objects<NegativeBalanceInterest>());
        Assert.Equal(1, server.Stats.InterestHistoryRequests);
    }

    [Fact]
    public async Task Negative_amounts_are_taken_as_sent()
    {
        var options = Options(days: 3);
        options.HostileBody = HostileBody.NegativeAmount;
        await using var server = await EmulatorServer.StartAsync(options);
        using var host = new HostedRunspace();

        var result = host.Run(Connect + " -SkipCheck; " + Get, Vars(server));

        Assert.Empty(result.Errors);
        var records = result.Objects<NegativeBalanceInterest>();
        var sent = server.Records;
        Assert.Equal(sent.Count, records.Count);
        Assert.Equal(-sent.Sum(r => decimal.Parse(r.Interest, System.Globalization.CultureInfo.InvariantCulture)), records.Sum(r => r.Interest));
    }

    private static Dictionary<string, object?> Vars(EmulatorServer server) =>
        CmdletTests.Vars(server, DataStart.UtcDateTime, DataStart.UtcDateTime.AddDays(3));
}
