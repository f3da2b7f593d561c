using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using PmInterest.Binance;
using PmInterest.Binance.Signing;
using PmInterest.Emulator;
using Xunit;
using static PmInterest.Tests.Client.EmulatorFixture;
using PmInterest.Endpoints;

namespace PmInterest.Tests.Client;

/// <summary>
/// Drives the client through success, retries, rate limits and refusals with every key
/// type, and checks that no secret, private key, passphrase or signature appears in
/// anything it says: log lines, exception messages and ToString of its objects.
/// </summary>
public sealed class SecretLeakTests
{
    [Theory]
    [InlineData(KeyType.Hmac)]
    [InlineData(KeyType.Rsa)]
    [InlineData(KeyType.Ed25519)]
    public async Task Nothing_the_client_says_contains_a_secret_or_a_signature(KeyType type)
    {
        var said = new ConcurrentBag<string>();
        var signer = new RecordingSigner(Signer(type));
        var options = Limited(days: 60, weightLimit: 600, TimeSpan.FromSeconds(1), banAfter: 1000);
        options.FaultRate = 0.3;
        options.ClockSkew = TimeSpan.FromSeconds(8);
        await using var server = await EmulatorServer.StartAsync(options);
        // At a 30% fault rate, 8 faults in a row for one of the run's requests happen about once in
        // a hundred runs; more attempts keep the run about what is said, not about the retry budget.
        using var client = NewClient(server, type, o => { o.WeightWindow = options.WeightWindow; o.MaxAttempts = 20; }, signer);

        var (records, _, _) = await FetchAll(server, client, log: said.Add);
        Assert.NotEmpty(records);
        Assert.True(server.Stats.FaultsInjected > 0 && server.Stats.TooManyRequests > 0, "the run must have met faults and 429s");

        // Refusals: a wrong key, a timeout.
        using var wrongKey = new BinanceClient("wrong-key", new RecordingSigner(Signer(type), signer.Signatures), client.Options);
        said.Add((await Assert.ThrowsAsync<BinanceApiException>(() => FetchAll(server, wrongKey, log: said.Add))).ToString());
        options.FaultRate = 0;
        options.Latency = TimeSpan.FromSeconds(2);
        using var slow = NewClient(server, type, o => { o.RequestTimeout = TimeSpan.FromMilliseconds(100); o.MaxAttempts = 2; }, new RecordingSigner(Signer(type), signer.Signatures));
        said.Add((await Assert.ThrowsAsync<BinanceApiException>(() => FetchAll(server, slow, log: said.Add))).ToString());

        said.Add(client.ToString());
        said.Add(signer.Inner.ToString()!);
        said.Add(new PmConnection(ApiKey(type), client, "Parameters", PortfolioMarginPro.Profile).ToString());

        var secrets = Secrets(type).Concat(signer.Signatures.SelectMany(s => new[] { s, QueryStringEncode(s) })).ToList();
        Assert.True(signer.Signatures.Count > 20);
        foreach (var text in said)
        {
            foreach (var secret in secrets)
            {
                Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
            }
        }
    }

    private static IEnumerable<string> Secrets(KeyType type)
    {
        yield return Keys.HmacSecret;
        yield return Keys.Passphrase;
        foreach (var pem in new[] { Keys.RsaPrivateKeyPem, Keys.Ed25519PrivateKeyPem, Keys.RsaEncryptedPrivateKeyPem, Keys.Ed25519EncryptedPrivateKeyPem })
        {
            foreach (var line in pem.Split('\n').Where(l => l.Length > 16 && !l.StartsWith("-----", StringComparison.Ordinal)))
            {
                yield return line.Trim().Substring(0, 16);
            }
        }

        _ = type;
    }

    private static string QueryStringEncode(string value) => Uri.EscapeDataString(value);

    /// <summary>Signs with the real signer and keeps every signature it made.</summary>
    private sealed class RecordingSigner : IRequestSigner
    {
        public RecordingSigner(IRequestSigner inner, ConcurrentBag<string>? shared = null)
        {
            Inner = inner;
            Signatures = shared ?? new ConcurrentBag<string>();
        }

        public IRequestSigner Inner { get; }

        public ConcurrentBag<string> Signatures { get; }

        public KeyType KeyType => Inner.KeyType;

        public string Sign(string payload)
        {
            var s = Inner.Sign(payload);
            Signatures.Add(s);
            return s;
        }

        public void Dispose() => Inner.Dispose();
    }
}
