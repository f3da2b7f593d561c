using System;
using System.Linq;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using PmInterest.Binance.Signing;
using Xunit;

namespace PmInterest.Tests.Binance;

/// <summary>Every signer clears the key it holds when disposed, and signs no more after.</summary>
public sealed class KeyClearingTests
{
    private const string Secret = "NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j";

    [Fact]
    public void Hmac_signer_clears_its_key_on_dispose_and_signs_no_more()
    {
        var signer = new HmacSha256Signer(Encoding.UTF8.GetBytes(Secret));
        var arrays = KeyArrays(signer, "_innerPad", "_outerPad");
        Assert.All(arrays, a => Assert.Contains(a, b => b != 0));

        signer.Dispose();

        Assert.All(arrays, a => Assert.All(a, b => Assert.Equal(0, b)));
        Assert.Throws<ObjectDisposedException>(() => signer.Sign("a=1"));
        signer.Dispose();
    }

    [Fact]
    public void Hmac_signer_keeps_no_reference_to_the_array_it_is_given()
    {
        var secret = Encoding.UTF8.GetBytes(Secret);
        using var signer = new HmacSha256Signer(secret);
        using var reference = new HMACSHA256(Encoding.UTF8.GetBytes(Secret));

        Array.Clear(secret, 0, secret.Length);

        Assert.Equal(Convert.ToHexString(reference.ComputeHash("a=1"u8.ToArray())).ToLowerInvariant(), signer.Sign("a=1"));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(32)]
    [InlineData(63)]
    [InlineData(64)]
    [InlineData(65)]
    [InlineData(200)]
    public void Hmac_signer_signs_as_dotnet_hmac_does_for_keys_of_any_length(int keyLength)
    {
        var key = Enumerable.Range(0, keyLength).Select(i => (byte)((i * 37) + 11)).ToArray();
        using var signer = new HmacSha256Signer(key);
        using var reference = new HMACSHA256(key);

        foreach (var payload in new[] { string.Empty, "a=1", new string('x', 64), new string('y', 1000) })
        {
            Assert.Equal(Convert.ToHexString(reference.ComputeHash(Encoding.UTF8.GetBytes(payload))).ToLowerInvariant(), signer.Sign(payload));
        }
    }

    [Fact]
    public void Ed25519_signer_clears_its_private_key_on_dispose_and_signs_no_more()
    {
        var keys = PmInterest.Emulator.EmulatorKeys.Generate();
        var signer = PrivateKeyReader.FromPem(keys.Ed25519EncryptedPrivateKeyPem, keys.Passphrase.ToCharArray());
        var key = Assert.Single(KeyArrays(signer, "_privateKey"));
        Assert.Contains(key, b => b != 0);

        signer.Dispose();

        Assert.All(key, b => Assert.Equal(0, b));
        Assert.Throws<ObjectDisposedException>(() => signer.Sign("a=1"));
    }

    [Fact]
    public void Rsa_signer_signs_no_more_once_disposed()
    {
        using var rsa = RSA.Create(2048);
        var signer = PrivateKeyReader.FromPem(rsa.ExportPkcs8PrivateKeyPem(), null);
        Assert.NotEmpty(signer.Sign("a=1"));

        signer.Dispose();

        Assert.Throws<ObjectDisposedException>(() => signer.Sign("a=1"));
    }

    [Fact]
    public void A_pinned_secret_is_cleared_and_released_by_dispose()
    {
        var secret = PinnedSecret.Utf8(Secret.ToCharArray(), 0, Secret.Length);
        Assert.Equal(Encoding.UTF8.GetBytes(Secret), secret.Array);

        secret.Dispose();

        Assert.All(secret.Array, b => Assert.Equal(0, b));
        secret.Dispose();
    }

    /// <summary>The key arrays a signer holds in the named <see cref="PinnedSecret{T}"/> fields (white-box).</summary>
    internal static byte[][] KeyArrays(IRequestSigner signer, params string[] fields) =>
        fields.Select(name =>
        {
            var field = signer.GetType().GetField(name, BindingFlags.NonPublic | BindingFlags.Instance)
                ?? throw new InvalidOperationException(signer.GetType().Name + " has no field " + name + ".");
            return ((PinnedSecret<byte>)field.GetValue(signer)!).Array;
        }).ToArray();
}
