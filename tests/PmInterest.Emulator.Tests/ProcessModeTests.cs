using System.Diagnostics;
using System.Net;
using System.Text.Json;

namespace PmInterest.Emulator.Tests;

/// <summary>
/// The emulator as a separate process, started the way scripts start it: <c>dotnet PmInterest.Emulator.dll</c>.
/// </summary>
public class ProcessModeTests
{
    private const string UrlPrefix = "PMINTEREST_EMULATOR_URL=";
    private const string KeysPrefix = "PMINTEREST_EMULATOR_KEYS=";

    [Fact]
    public async Task Prints_the_url_first_serves_and_stops_when_stdin_closes()
    {
        using Process process = Start("--seed 3 --days 10 --weight-limit 500");
        try
        {
            string first = await ReadLineAsync(process);
            Assert.Matches(@"^PMINTEREST_EMULATOR_URL=http://127\.0\.0\.1:\d+/$", first);
            string second = await ReadLineAsync(process);
            Assert.StartsWith(KeysPrefix, second, StringComparison.Ordinal);
            string keyDirectory = second[KeysPrefix.Length..];
            string secret;
            using (JsonDocument hmac = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(keyDirectory, "hmac.json"))))
            {
                secret = hmac.RootElement.GetProperty("secret").GetString()!;
            }

            string passphrase = await File.ReadAllTextAsync(Path.Combine(keyDirectory, "passphrase.txt"));

            var baseUri = new Uri(first[UrlPrefix.Length..]);
            using HttpResponseMessage ping = await ApiCaller.Http.GetAsync(new Uri(baseUri, "api/v3/ping"));
            Assert.Equal(HttpStatusCode.OK, ping.StatusCode);

            process.StandardInput.Close();
            Assert.True(await ExitsWithinAsync(process, TimeSpan.FromSeconds(15)), "still running after stdin closed");

            string rest = await process.StandardOutput.ReadToEndAsync() + await process.StandardError.ReadToEndAsync();
            Assert.DoesNotContain(secret, first + second + rest, StringComparison.Ordinal);
            Assert.DoesNotContain(passphrase, first + second + rest, StringComparison.Ordinal);
            Assert.DoesNotContain("PRIVATE KEY", rest, StringComparison.Ordinal);
            Assert.False(Directory.Exists(keyDirectory), "the temporary key directory should be removed on exit");
        }
        finally
        {
            Kill(process);
        }
    }

    [Fact]
    public async Task Stops_on_SIGTERM_and_writes_keys_to_the_key_dir()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // no SIGTERM to send
        }

        string keyDirectory = Path.Combine(Path.GetTempPath(), "pminterest-emulator-test-" + Guid.NewGuid().ToString("N"));
        using Process process = Start($"--days 2 --key-dir {keyDirectory}");
        try
        {
            Assert.StartsWith(UrlPrefix, await ReadLineAsync(process), StringComparison.Ordinal);
            Assert.True(File.Exists(Path.Combine(keyDirectory, "keys.json")));
            Assert.True(File.Exists(Path.Combine(keyDirectory, "ed25519-encrypted.key")));

            using (Process kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync();
            }

            Assert.True(await ExitsWithinAsync(process, TimeSpan.FromSeconds(15)), "still running after SIGTERM");
            Assert.Equal(0, process.ExitCode);
            Assert.Equal(string.Empty, await process.StandardOutput.ReadToEndAsync()); // no keys line when --key-dir is given
        }
        finally
        {
            Kill(process);
            Directory.Delete(keyDirectory, recursive: true);
        }
    }

    [Fact]
    public async Task Bad_option_exits_with_code_2_and_a_message_on_stderr()
    {
        using Process process = Start("--order sideways");
        try
        {
            Assert.True(await ExitsWithinAsync(process, TimeSpan.FromSeconds(15)));
            Assert.Equal(2, process.ExitCode);
            Assert.Contains("--order", await process.StandardError.ReadToEndAsync(), StringComparison.Ordinal);
        }
        finally
        {
            Kill(process);
        }
    }

    /// <summary>The emulator's dll as the build copies it next to the tests, with its runtimeconfig.</summary>
    private static Process Start(string arguments)
    {
        string dll = Path.Combine(AppContext.BaseDirectory, "PmInterest.Emulator.dll");
        var start = new ProcessStartInfo("dotnet", $"\"{dll}\" {arguments}")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        return Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
    }

    private static async Task<string> ReadLineAsync(Process process)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        return await process.StandardOutput.ReadLineAsync(timeout.Token) ?? throw new InvalidOperationException(
            "no line on stdout; stderr: " + await process.StandardError.ReadToEndAsync(CancellationToken.None));
    }

    private static async Task<bool> ExitsWithinAsync(Process process, TimeSpan limit)
    {
        using var timeout = new CancellationTokenSource(limit);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private static void Kill(Process process)
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }
    }
}
