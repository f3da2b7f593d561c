using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading.Tasks;
using PmInterest.Emulator;
using Xunit;
using static PmInterest.Tests.Client.EmulatorFixture;

namespace PmInterest.Tests.Commands;

/// <summary>A secret read from a file or a variable keeps its line end; the module trims it, as it trims the key.</summary>
[Collection(ProcessEnvironment.Name)]
public sealed class SecretWhitespaceTests
{
    [Theory]
    [InlineData("\n")]
    [InlineData("\r\n")]
    [InlineData(" \t")]
    public async Task A_secret_in_the_environment_with_a_line_end_signs_as_the_secret(string around)
    {
        await using var server = await EmulatorServer.StartAsync(Options(days: 3));
        using var host = new HostedRunspace();
        using var env = new EnvironmentScope(new()
        {
            ["BINANCE_API_KEY"] = Keys.HmacApiKey + around,
            ["BINANCE_API_SECRET"] = around + Keys.HmacSecret + around,
            ["PMINTEREST_BASE_URI"] = server.BaseUri.ToString(),
        });

        var result = host.Run("Get-PmNegativeBalanceInterest -StartTime $from -EndTime $to", CmdletTests.Vars(server, DataStart.UtcDateTime, DataStart.UtcDateTime.AddDays(3)));

        Assert.Empty(result.Errors);
        Assert.Null(result.Thrown);
        Assert.Equal(Canonical(server.Records), Canonical(result.Objects<NegativeBalanceInterest>()));
    }

    [Theory]
    [InlineData("-ApiKey $key -ApiSecret $padded")]
    [InlineData("-Credential ([pscredential]::new($key, $padded))")]
    public async Task A_secret_parameter_with_a_line_end_passes_the_key_check(string credentials)
    {
        await using var server = await EmulatorServer.StartAsync(Options(days: 3));
        using var host = new HostedRunspace();
        using var env = new EnvironmentScope(new());
        var vars = CmdletTests.Vars(server, DataStart.UtcDateTime, DataStart.UtcDateTime.AddDays(3), new() { ["padded"] = CmdletTests.Secure(Keys.HmacSecret + "\r\n") });

        var result = host.Run("Connect-PmAccount " + credentials + " -BaseUri $uri; Get-PmNegativeBalanceInterest -StartTime $from -EndTime $to", vars);

        Assert.Empty(result.Errors);
        Assert.Null(result.Thrown);
        Assert.Equal(Canonical(server.Records), Canonical(result.Objects<NegativeBalanceInterest>()));
        Assert.Equal(1, server.Stats.RequestsForPath("/sapi/v1/account/apiRestrictions"));
    }

    [Fact]
    public async Task A_secret_of_white_space_only_is_empty()
    {
        await using var server = await EmulatorServer.StartAsync(Options(days: 3));
        using var host = new HostedRunspace();
        using var env = new EnvironmentScope(new());
        var vars = CmdletTests.Vars(server, DataStart.UtcDateTime, DataStart.UtcDateTime.AddDays(3), new() { ["padded"] = CmdletTests.Secure(" \r\n") });

        var error = host.Run("Connect-PmAccount -ApiKey $key -ApiSecret $padded -BaseUri $uri", vars).SingleError();

        Assert.Equal("EmptyApiSecret,PmInterest.Commands.ConnectPmAccountCommand", error.FullyQualifiedErrorId);
        Assert.Equal(0, server.Stats.TotalRequests);
    }
}
