using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using BenchmarkDotNet.Attributes;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Pkcs;
using Org.BouncyCastle.Security;
using PmInterest.Binance;
using PmInterest.Binance.Signing;

namespace PmInterest.Benchmarks;

/// <summary>
/// The cost of signing one request, per key type, on the query the module sends for a page of
/// interest history (all assets, a 30-day window, size 100, recvWindow, timestamp). Keys are
/// generated here and loaded the way Connect-PmAccount loads them: HMAC from the secret,
/// RSA-2048 and Ed25519 through <see cref="PrivateKeyReader.FromPem"/> (PKCS#8 PEM).
/// Every signature is checked once in the setup, so what is timed is known to be right.
/// </summary>
[BenchmarkCategory("Signing")]
public class SigningBenchmarks : IDisposable
{
    // Binance's published HMAC test vector (see the reference notes): checks the HMAC signer.
    private const string VectorSecret = "NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j";
    private const string VectorPayload = "symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTC&quantity=1&price=0.1&recvWindow=5000&timestamp=1499827319559";
    private const string VectorSignature = "c8db56825ae71d6d79447849e617115f4a920fa2acdcab2b053c4b2838bd6b71";

    // Held as the interface on purpose: BinanceClient calls its signer through IRequestSigner,
    // and the benchmark times the same (virtual) call.
#pragma warning disable CA1859 // Use concrete types when possible for improved performance
    private IRequestSigner? hmac;
    private IRequestSigner? rsa;
    private IRequestSigner? ed25519;
#pragma warning restore CA1859

    /// <summary>The signed payload: what BinanceClient builds for one interest-history page.</summary>
    public string Payload { get; private set; } = string.Empty;

    [GlobalSetup]
    public void Setup()
    {
        const long windowEnd = 1_767_225_600_000; // 2026-01-01T00:00:00Z
        const long span = 30L * 24 * 60 * 60 * 1000;
        Payload = new QueryString()
            .Add("startTime", (windowEnd - span + 1).ToString(CultureInfo.InvariantCulture))
            .Add("endTime", windowEnd.ToString(CultureInfo.InvariantCulture))
            .Add("size", "100")
            .Add("recvWindow", 5000)
            .Add("timestamp", windowEnd + 1234)
            .ToString();

        using (var vector = new HmacSha256Signer(Encoding.UTF8.GetBytes(VectorSecret)))
        {
            Require(vector.Sign(VectorPayload) == VectorSignature, "HMAC signer does not reproduce Binance's published test vector");
        }

        hmac = new HmacSha256Signer(Encoding.UTF8.GetBytes(RandomNumberGenerator.GetHexString(64)));

        // RSA-2048, PKCS#8 PEM, as 'openssl genpkey -algorithm RSA' would write it.
        using var rsaKey = RSA.Create(2048);
        rsa = PrivateKeyReader.FromPem(rsaKey.ExportPkcs8PrivateKeyPem(), null, "the benchmark RSA key");
        Require(rsa.KeyType == KeyType.Rsa, "the RSA PEM was not read as an RSA key");
        var rsaSignature = Convert.FromBase64String(rsa.Sign(Payload));
        Require(
            rsaKey.VerifyData(Encoding.UTF8.GetBytes(Payload), rsaSignature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1),
            "the RSA signature does not verify with the public key");

        // Ed25519, PKCS#8 PEM, generated with BouncyCastle.
        var generator = new Ed25519KeyPairGenerator();
        generator.Init(new Ed25519KeyGenerationParameters(new SecureRandom()));
        var pair = generator.GenerateKeyPair();
        var der = PrivateKeyInfoFactory.CreatePrivateKeyInfo(pair.Private).GetDerEncoded();
        var pem = "-----BEGIN PRIVATE KEY-----\n" + Convert.ToBase64String(der, Base64FormattingOptions.InsertLineBreaks) + "\n-----END PRIVATE KEY-----\n";
        ed25519 = PrivateKeyReader.FromPem(pem, null, "the benchmark Ed25519 key");
        Require(ed25519.KeyType == KeyType.Ed25519, "the Ed25519 PEM was not read as an Ed25519 key");
        var edSignature = Convert.FromBase64String(ed25519.Sign(Payload));
        var publicKey = (Ed25519PublicKeyParameters)pair.Public;
        var payloadBytes = Encoding.UTF8.GetBytes(Payload);
        Require(
            publicKey.Verify(Org.BouncyCastle.Math.EC.Rfc8032.Ed25519.Algorithm.Ed25519, null, payloadBytes, 0, payloadBytes.Length, edSignature, 0),
            "the Ed25519 signature does not verify with the public key");
    }

    [Benchmark(Description = "Sign HMAC-SHA256")]
    public string SignHmac() => hmac!.Sign(Payload);

    [Benchmark(Description = "Sign RSA-2048")]
    public string SignRsa2048() => rsa!.Sign(Payload);

    [Benchmark(Description = "Sign Ed25519")]
    public string SignEd25519() => ed25519!.Sign(Payload);

    [GlobalCleanup]
    public void Cleanup() => Dispose();

    public void Dispose()
    {
        hmac?.Dispose();
        rsa?.Dispose();
        ed25519?.Dispose();
        hmac = rsa = ed25519 = null;
        GC.SuppressFinalize(this);
    }

    private static void Require(bool condition, string what)
    {
        if (!condition)
        {
            throw new InvalidOperationException("Benchmark setup check failed: " + what + ".");
        }
    }
}
