using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using PmInterest.Binance;
using PmInterest.Binance.Signing;
using PmInterest.Emulator;
using PmInterest.Interest;
using PmInterest.Paging;
using PmInterest.Endpoints;

namespace PmInterest.Tests.Client;

/// <summary>Shared pieces for tests that run the client against the emulator.</summary>
internal static class EmulatorFixture
{
    static EmulatorFixture()
    {
        // A new emulator may reuse the port of one a test banned: it is a new host.
        EmulatorServer.Started += WeightGovernor.Forget;
    }

    // Key generation (RSA) is slow: one set for the whole test run.
    public static readonly EmulatorKeys Keys = EmulatorKeys.Generate();

    public static readonly DateTimeOffset DataStart = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The hourly stress book (ties at most instants): what the client and pager tests were written against.</summary>
    public static EmulatorOptions Options(int days = 365, int seed = 7) => new()
    {
        Stress = true,
        Seed = seed,
        Start = DataStart,
        Days = days,
        Keys = Keys,
        WeightLimit = 1_000_000,
        PapiWeightLimit = 1_000_000,
    };

    /// <summary>Both account types, for tests that must hold for each interest-history endpoint.</summary>
    public static Xunit.TheoryData<AccountType> AccountTypes() => new() { AccountType.PortfolioMarginPro, AccountType.PortfolioMargin };

    /// <summary>The page source of an account type's interest history on <paramref name="client"/>.</summary>
    public static PagedSource<NegativeBalanceInterest> SourceOf(BinanceClient client, AccountType type = AccountType.PortfolioMarginPro, Action<string>? log = null) =>
        new(client, AccountProfile.Of(type).InterestHistory, log);

    /// <summary>A server that enforces a small weight limit in short windows.</summary>
    public static EmulatorOptions Limited(int days, int weightLimit, TimeSpan window, int banAfter = 100)
    {
        var options = Options(days);
        options.WeightLimit = weightLimit;
        options.WeightWindow = window;
        options.BanAfter = banAfter;
        return options;
    }

    public static IRequestSigner Signer(KeyType type) => type switch
    {
        KeyType.Hmac => new HmacSha256Signer(Encoding.UTF8.GetBytes(Keys.HmacSecret)),
        KeyType.Rsa => PrivateKeyReader.FromPem(Keys.RsaPrivateKeyPem, null),
        _ => PrivateKeyReader.FromPem(Keys.Ed25519EncryptedPrivateKeyPem, Keys.Passphrase.ToCharArray()),
    };

    public static string ApiKey(KeyType type) => type switch
    {
        KeyType.Hmac => Keys.HmacApiKey,
        KeyType.Rsa => Keys.RsaApiKey,
        _ => Keys.Ed25519ApiKey,
    };

    public static BinanceClient NewClient(EmulatorServer server, KeyType type = KeyType.Hmac, Action<BinanceClientOptions>? tweak = null, IRequestSigner? signer = null)
    {
        var options = new BinanceClientOptions
        {
            BaseUri = server.BaseUri,
            WeightLimit = 1_000_000,
            ServerTime = PortfolioMarginPro.ServerTime,
            BaseBackoff = TimeSpan.FromMilliseconds(2),
            MaxBackoff = TimeSpan.FromMilliseconds(20),
        };
        tweak?.Invoke(options);
        return new BinanceClient(ApiKey(type), signer ?? Signer(type), options);
    }

    /// <summary>
    /// Walks the whole data set (and a day either side) through the real source and pager.
    /// <paramref name="observe"/> hears the client's events besides the source's log lines.
    /// </summary>
    public static async Task<(List<NegativeBalanceInterest> Records, List<PagerTieOverflow> Overflows, int Requests)> FetchAll(
        EmulatorServer server, BinanceClient client, IReadOnlyList<string?>? assets = null, Action<string>? log = null, Action<ClientEvent>? observe = null, AccountType type = AccountType.PortfolioMarginPro, CancellationToken cancellationToken = default)
    {
        var (start, end) = Range(server);
        IPageSource<NegativeBalanceInterest> source = SourceOf(client, type, log);
        if (observe is not null)
        {
            source = new ObservedSource(client, observe);
        }

        return await Paging.PagerRun.RunAsync(source, new PagerRequest<NegativeBalanceInterest>(assets ?? new string?[] { null }, start, end), new PagerOptions { MaxConcurrency = client.Options.MaxConcurrency }, cancellationToken);
    }

    /// <summary>The Portfolio Margin Pro key check (apiRestrictions) and what it says of the key.</summary>
    public static async Task<ApiKeyPermissions> KeyCheck(BinanceClient client) =>
        (await client.GetAsync(PortfolioMarginPro.KeyCheck, Array.Empty<KeyValuePair<string, string>>(), "key check", null, CancellationToken.None)).Value.Permissions!;

    /// <summary>
    /// One request before the measured run: a first request's connection set-up and JIT can
    /// take longer than the test-sized weight windows allow (real windows are a minute).
    /// </summary>
    public static Task WarmUp(BinanceClient client) => new PagedSource<NegativeBalanceInterest>(client, PortfolioMarginPro.InterestHistory, null).FetchAsync(null, 0, 1, default);

    public static (long Start, long End) Range(EmulatorServer server) =>
        (DataStart.ToUnixTimeMilliseconds() - 86_400_000, server.Records.Max(r => r.InterestAccruedTime) + 86_400_000);

    public static List<string> Canonical(IEnumerable<EmulatorRecord> records) =>
        records.Select(r => r.InterestAccruedTime.ToString(CultureInfo.InvariantCulture) + "|" + r.Asset + "|" + r.Interest + "|" + r.InterestRate + "|" + r.Principal)
            .OrderBy(s => s, StringComparer.Ordinal)
            .ToList();

    public static List<string> Canonical(IEnumerable<NegativeBalanceInterest> records) => Paging.PagerRun.Canonical(records);
}
