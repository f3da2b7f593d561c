using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using PmInterest.Binance.Signing;
using PmInterest.Dependencies;
using Xunit;

namespace PmInterest.Tests.Dependencies;

/// <summary>
/// The module's AssemblyLoadContext over a dependencies/ folder made of the build's own
/// PmInterest.Crypto and BouncyCastle. The test host has both in its default context already,
/// so whatever the context does not load itself visibly comes from there instead.
/// </summary>
public sealed class ModuleLoadContextTests : IDisposable
{
    private static readonly string[] PrivateFiles = { "PmInterest.Crypto.dll", "BouncyCastle.Cryptography.dll" };

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "pminterest-alc-" + Guid.NewGuid().ToString("N"));

    public ModuleLoadContextTests()
    {
        Directory.CreateDirectory(_directory);
        foreach (var file in PrivateFiles)
        {
            File.Copy(Path.Combine(AppContext.BaseDirectory, file), Path.Combine(_directory, file));
        }
    }

    [Fact]
    public void Private_assemblies_load_in_the_module_context_from_its_folder()
    {
        var context = NewContext();

        var crypto = context.LoadPrivate("PmInterest.Crypto");
        var decoder = (IPrivateKeyDecoder)Activator.CreateInstance(crypto.GetType(PrivateKeyReader.DecoderType, throwOnError: true)!)!;
        using var signer = decoder.FromPkcs8(Ed25519Der(out var publicKey), "test key");
        var signature = Convert.FromBase64String(signer.Sign("a=1"));

        Assert.Same(context, AssemblyLoadContext.GetLoadContext(crypto));
        Assert.Equal(_directory, Path.GetDirectoryName(crypto.Location));
        var bouncyCastle = Assert.Single(context.Assemblies, a => a.GetName().Name == "BouncyCastle.Cryptography");
        Assert.Equal(_directory, Path.GetDirectoryName(bouncyCastle.Location));
        Assert.NotSame(typeof(Org.BouncyCastle.Crypto.Parameters.Ed25519PublicKeyParameters).Assembly, bouncyCastle);
        Assert.True(publicKey.Verify(Org.BouncyCastle.Math.EC.Rfc8032.Ed25519.Algorithm.Ed25519, null, "a=1"u8.ToArray(), 0, 3, signature, 0));
    }

    [Fact]
    public void The_module_itself_and_the_framework_stay_shared()
    {
        var context = NewContext();
        _ = context.LoadPrivate("PmInterest.Crypto");

        Assert.Same(typeof(IRequestSigner).Assembly, context.LoadFromAssemblyName(new AssemblyName("PmInterest")));
        Assert.Same(AssemblyLoadContext.Default, AssemblyLoadContext.GetLoadContext(context.LoadFromAssemblyName(new AssemblyName("System.Text.Json"))));
        Assert.DoesNotContain(context.Assemblies, a => a.GetName().Name == "PmInterest");
    }

    [Fact]
    public void Only_names_in_the_folder_are_private()
    {
        var folder = PrivateAssemblyFolder.Open(_directory)!;

        Assert.NotNull(folder.PathOf(new AssemblyName("bouncycastle.cryptography, Version=2.0.0.0")));
        Assert.Null(folder.PathOf(new AssemblyName("PmInterest")));
        Assert.Throws<FileNotFoundException>(() => new ModuleLoadContext(folder).LoadPrivate("Newtonsoft.Json"));
        Assert.Null(PrivateAssemblyFolder.Open(Path.Combine(_directory, "missing")));
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Windows keeps loaded assemblies' files open; the temp folder is then left behind.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private ModuleLoadContext NewContext() => new(PrivateAssemblyFolder.Open(_directory)!);

    private static byte[] Ed25519Der(out Org.BouncyCastle.Crypto.Parameters.Ed25519PublicKeyParameters publicKey)
    {
        var (pem, key) = Binance.SignerTests.NewEd25519();
        publicKey = key;
        var body = pem.Replace("-----BEGIN PRIVATE KEY-----", string.Empty, StringComparison.Ordinal)
            .Replace("-----END PRIVATE KEY-----", string.Empty, StringComparison.Ordinal);
        return Convert.FromBase64String(string.Concat(body.Where(c => !char.IsWhiteSpace(c))));
    }
}
