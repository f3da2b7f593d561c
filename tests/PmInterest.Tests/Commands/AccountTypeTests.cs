using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using PmInterest.Emulator;
using PmInterest.Totals;
using Xunit;
using static PmInterest.Tests.Client.EmulatorFixture;

namespace PmInterest.Tests.Commands;

/// <summary>
/// Both kinds of Portfolio Margin account as a user meets them: Connect-PmAccount -AccountType
/// (and PMINTEREST_ACCOUNT_TYPE), the key check the type's host serves, Get-PmConnection, the
/// same Get, Export, Import and Measure for both, and wrong-type answers that name the other type.
/// </summary>
[Collection(ProcessEnvironment.Name)]
public sealed class AccountTypeTests
{
    private const string ConnectUnified = "Connect-PmAccount -AccountType PortfolioMargin -ApiKey $key -ApiSecret $secret -BaseUri $uri -PassThru";

    [Fact]
    public async Task A_unified_account_is_checked_on_the_papi_host_and_shown_as_such()
    {
        await using var server = await EmulatorServer.StartAsync(Options(days: 2));
        using var host = new HostedRunspace();

        var result = host.Run(ConnectUnified + "; Get-PmConnection", Vars(server));

        Assert.Null(result.Thrown);
        var connection = result.Objects<PmConnection>().First();
        Assert.Equal(AccountType.PortfolioMargin, connection.AccountType);
        Assert.Equal("GET /papi/v1/account", connection.CheckedWith);
        Assert.NotNull(connection.CheckedAt);
        Assert.Null(connection.Permissions);
        Assert.Equal("PAPI", connection.WeightPool);
        Assert.Equal(6000, connection.WeightLimit);
        Assert.Equal(20, connection.WeightUsed);
        Assert.Equal(1, server.Stats.RequestsForPath("/papi/v1/account"));
        Assert.Equal(0, server.Stats.RequestsForPath("/sapi/v1/account/apiRestrictions"));
        Assert.Contains("PortfolioMargin", connection.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("PortfolioMarginPro", "https://api.binance.com/", 12000)]
    [InlineData("PortfolioMargin", "https://papi.binance.com/", 6000)]
    public void Each_type_has_its_host_and_weight_limit_by_default(string type, string host, int limit)
    {
        using var scope = new EnvironmentScope(new Dictionary<string, string>());
        using var runspace = new HostedRunspace();

        var result = runspace.Run("Connect-PmAccount -AccountType " + type + " -ApiKey $key -ApiSecret $secret -SkipCheck -PassThru", Vars());

        var connection = Assert.Single(result.Objects<PmConnection>());
        Assert.Equal(new Uri(host), connection.BaseUri);
        Assert.Equal(limit, connection.WeightLimit);
        Assert.Equal(limit, connection.WeightLimitInForce);
    }

    [Theory]
    [InlineData("PortfolioMargin", AccountType.PortfolioMargin)]
    [InlineData("portfoliomargin", AccountType.PortfolioMargin)]
    [InlineData(" PortfolioMarginPro ", AccountType.PortfolioMarginPro)]
    public void PMINTEREST_ACCOUNT_TYPE_gives_the_type_when_the_parameter_is_left_out(string value, AccountType expected)
    {
        using var scope = new EnvironmentScope(new Dictionary<string, string> { ["PMINTEREST_ACCOUNT_TYPE"] = value });
        using var runspace = new HostedRunspace();

        var fromVariable = runspace.Run("Connect-PmAccount -ApiKey $key -ApiSecret $secret -SkipCheck -PassThru", Vars());
        var parameterWins = runspace.Run("Connect-PmAccount -AccountType PortfolioMarginPro -ApiKey $key -ApiSecret $secret -SkipCheck -PassThru", Vars());

        Assert.Equal(expected, Assert.Single(fromVariable.Objects<PmConnection>()).AccountType);
        Assert.Equal(AccountType.PortfolioMarginPro, Assert.Single(parameterWins.Objects<PmConnection>()).AccountType);
    }

    [Fact]
    public async Task An_unknown_PMINTEREST_ACCOUNT_TYPE_is_refused_before_any_request()
    {
        await using var server = await EmulatorServer.StartAsync(Options(days: 2));
        using var scope = new EnvironmentScope(new Dictionary<string, string> { ["PMINTEREST_ACCOUNT_TYPE"] = "Classic" });
        using var runspace = new HostedRunspace();

        var result = runspace.Run("Connect-PmAccount -ApiKey $key -ApiSecret $secret -BaseUri $uri", Vars(server));

        var error = result.SingleError();
        Assert.Equal("InvalidAccountType,PmInterest.Commands.ConnectPmAccountCommand", error.FullyQualifiedErrorId);
        Assert.Contains("'Classic'", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("PortfolioMargin", error.ErrorDetails.RecommendedAction, StringComparison.Ordinal);
        Assert.Equal(0, server.Stats.TotalRequests);
    }

    [Theory]
    [InlineData("PortfolioMarginPro")]
    [InlineData("PortfolioMargin")]
    public async Task A_weight_limit_below_one_request_is_refused_before_any_request(string type)
    {
        await using var server = await EmulatorServer.StartAsync(Options(days: 2));
        using var runspace = new HostedRunspace();

        var result = runspace.Run("Connect-PmAccount -AccountType " + type + " -ApiKey $key -ApiSecret $secret -BaseUri $uri -WeightLimit 49", Vars(server));

        var error = result.SingleError();
        Assert.Equal("InvalidWeightLimit,PmInterest.Commands.ConnectPmAccountCommand", error.FullyQualifiedErrorId);
        Assert.Contains("50", error.ToString(), StringComparison.Ordinal);
        Assert.Equal(0, server.Stats.TotalRequests);
    }

    [Fact]
    public async Task Get_export_import_and_measure_give_the_same_for_both_types()
    {
        await using var server = await EmulatorServer.StartAsync(Options(days: 70));
        using var runspace = new HostedRunspace();
        var folder = Directory.CreateTempSubdirectory("pminterest-types-").FullName;
        try
        {
            var vars = Vars(server);
            vars["pro"] = Path.Combine(folder, "pro.csv");
            vars["unified"] = Path.Combine(folder, "unified.csv");
            vars["to"] = DataStart.UtcDateTime.AddDays(70);

            var result = runspace.Run(
                "$p = Connect-PmAccount -ApiKey $key -ApiSecret $secret -BaseUri $uri -PassThru; " +
                "$u = Connect-PmAccount -AccountType PortfolioMargin -ApiKey $key -ApiSecret $secret -BaseUri $uri -PassThru; " +
                "$script:gotPro = @(Get-PmNegativeBalanceInterest -Connection $p -StartTime $from -EndTime $to); " +
                "$script:gotUnified = @(Get-PmNegativeBalanceInterest -Connection $u -StartTime $from -EndTime $to); " +
                "$null = Export-PmNegativeBalanceInterest -Connection $p -Path $pro -StartTime $from -EndTime $to; " +
                "$null = Export-PmNegativeBalanceInterest -Connection $u -Path $unified -StartTime $from -EndTime $to; " +
                "$script:totalPro = @(Import-PmNegativeBalanceInterest -Path $pro | Measure-PmNegativeBalanceInterest -By Asset); " +
                "$script:totalUnified = @(Import-PmNegativeBalanceInterest -Path $unified | Measure-PmNegativeBalanceInterest -By Asset)",
                vars);

            Assert.Null(result.Thrown);
            Assert.Empty(result.Errors);
            var pro = Objects<NegativeBalanceInterest>(runspace, "gotPro");
            var unified = Objects<NegativeBalanceInterest>(runspace, "gotUnified");
            Assert.NotEmpty(pro);
            Assert.Equal(pro, unified);
            Assert.Equal(File.ReadAllBytes((string)vars["pro"]!), File.ReadAllBytes((string)vars["unified"]!));
            Assert.Equal(
                Objects<InterestTotal>(runspace, "totalPro").Select(t => t.Asset + "=" + t.Interest),
                Objects<InterestTotal>(runspace, "totalUnified").Select(t => t.Asset + "=" + t.Interest));
            Assert.True(server.Stats.RequestsForPath("/papi/v1/portfolio/interest-history") > 0);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task A_unified_account_read_as_Pro_is_told_to_try_PortfolioMargin()
    {
        var options = Options(days: 5);
        options.Account = EmulatorAccount.PortfolioMargin;
        await using var server = await EmulatorServer.StartAsync(options);
        using var runspace = new HostedRunspace();

        var result = runspace.Run(
            "Connect-PmAccount -ApiKey $key -ApiSecret $secret -BaseUri $uri; Get-PmNegativeBalanceInterest -StartTime $from -EndTime $to",
            Vars(server));

        var error = result.SingleError();
        Assert.Equal("BinanceNotPermitted,PmInterest.Commands.GetPmNegativeBalanceInterestCommand", error.FullyQualifiedErrorId);
        Assert.Contains("-21001", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("-AccountType PortfolioMargin", error.ErrorDetails.Message, StringComparison.Ordinal);
        Assert.Contains("-AccountType PortfolioMargin", error.ErrorDetails.RecommendedAction, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_pro_account_connected_as_unified_fails_at_connect_naming_PortfolioMarginPro()
    {
        var options = Options(days: 5);
        options.Account = EmulatorAccount.PortfolioMarginPro;
        await using var server = await EmulatorServer.StartAsync(options);
        using var runspace = new HostedRunspace();

        var result = runspace.Run(ConnectUnified, Vars(server));

        var error = result.SingleError();
        Assert.Equal("BinanceAuthenticationFailed,PmInterest.Commands.ConnectPmAccountCommand", error.FullyQualifiedErrorId);
        Assert.Contains("-AccountType PortfolioMarginPro", error.ErrorDetails.RecommendedAction, StringComparison.Ordinal);
        Assert.Equal(0, server.Stats.InterestHistoryRequests);
    }

    private static List<T> Objects<T>(HostedRunspace runspace, string variable) =>
        ((object[])runspace.Runspace.SessionStateProxy.GetVariable(variable))
            .Select(o => o is System.Management.Automation.PSObject p ? p.BaseObject : o)
            .OfType<T>()
            .ToList();

    private static Dictionary<string, object?> Vars(EmulatorServer? server = null)
    {
        var vars = new Dictionary<string, object?>
        {
            ["key"] = Keys.HmacApiKey,
            ["secret"] = CmdletTests.Secure(Keys.HmacSecret),
            ["from"] = DataStart.UtcDateTime,
            ["to"] = DataStart.UtcDateTime.AddDays(5),
        };
        if (server is not null)
        {
            vars["uri"] = server.BaseUri;
        }

        return vars;
    }
}
