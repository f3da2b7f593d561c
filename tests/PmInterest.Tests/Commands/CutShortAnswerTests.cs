using System;
using System.Linq;
using System.Threading.Tasks;
using PmInterest.Emulator;
using Xunit;
using static PmInterest.Tests.Client.EmulatorFixture;

namespace PmInterest.Tests.Commands;

/// <summary>An answer whose headers and part of the body arrived, and then no more: verbose says what was received.</summary>
public sealed class CutShortAnswerTests
{
    [Fact]
    public async Task A_body_cut_short_is_told_with_its_status_and_the_bytes_received()
    {
        var options = Options(days: 5);
        options.CutBodyAfterBytes = 64;
        options.CutBodies = 1;
        await using var server = await EmulatorServer.StartAsync(options);
        using var host = new HostedRunspace();
        var vars = CmdletTests.Vars(server, DataStart.UtcDateTime, DataStart.UtcDateTime.AddDays(3));

        var result = host.Run(
            "Connect-PmAccount -ApiKey $key -ApiSecret $secret -BaseUri $uri -TimeoutSec 1 -SkipCheck; Get-PmNegativeBalanceInterest -StartTime $from -EndTime $to -Verbose",
            vars);

        Assert.Null(result.Thrown);
        Assert.NotEmpty(result.Output);
        var first = Assert.Single(result.Verbose, v => v.Contains(": attempt 1,", StringComparison.Ordinal));
        Assert.Contains(": attempt 1, HTTP 200 after ", first, StringComparison.Ordinal);
        Assert.Contains("headers received, body cut short after 64 bytes: no whole answer within 1 s; retrying in ", first, StringComparison.Ordinal);
        Assert.DoesNotContain("no response", first, StringComparison.Ordinal);
        Assert.Single(result.Verbose, v => v.Contains("cut short", StringComparison.Ordinal));
    }
}
