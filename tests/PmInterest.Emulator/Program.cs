namespace PmInterest.Emulator;

/// <summary>
/// Process mode: <c>dotnet PmInterest.Emulator.dll [options]</c>. Prints
/// <c>PMINTEREST_EMULATOR_URL=...</c> as the first stdout line (then, when no --key-dir was
/// given, <c>PMINTEREST_EMULATOR_KEYS=dir</c>), and runs until a stop signal. Stdout carries
/// nothing else and no secret ever; logs go to stderr.
/// </summary>
internal static partial class Program
{
    private static async Task<int> Main(string[] args)
    {
        CommandLine commandLine;
        try
        {
            commandLine = CommandLine.Parse(args);
        }
        catch (ArgumentException e)
        {
            await Console.Error.WriteLineAsync(e.Message + Environment.NewLine + CommandLine.Usage).ConfigureAwait(false);
            return 2;
        }

        if (commandLine.ShowHelp)
        {
            await Console.Out.WriteLineAsync(CommandLine.Usage).ConfigureAwait(false);
            return 0;
        }

        using var signals = new ShutdownSignals(watchStandardInput: !commandLine.IgnoreStandardInput);
        EmulatorOptions options = commandLine.Options;
        bool ownKeyDirectory = commandLine.KeyDirectory is null;
        string keyDirectory = commandLine.KeyDirectory
            ?? Directory.CreateTempSubdirectory("pminterest-emulator-keys-").FullName; // owner-only on Unix
        options.Keys.WriteTo(keyDirectory);
        try
        {
            EmulatorServer server = await EmulatorServer.StartAsync(options, logWarningsToStandardError: true, signals.Token).ConfigureAwait(false);
            await using (server.ConfigureAwait(false))
            {
                // Keys are on disk before the URL appears, so a parent may use both at once.
                Console.Out.WriteLine($"PMINTEREST_EMULATOR_URL={server.BaseUri}");
                if (ownKeyDirectory)
                {
                    Console.Out.WriteLine($"PMINTEREST_EMULATOR_KEYS={keyDirectory}");
                }

                PrintNetworkListeners(server);

                Console.Out.Flush();
                try
                {
                    await Task.Delay(Timeout.Infinite, signals.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    // asked to stop
                }
            }
        }
        catch (OperationCanceledException)
        {
            // stopped while starting
        }
        finally
        {
            if (ownKeyDirectory)
            {
                // The secrets were ours to create; do not leave them in the temp directory.
                Directory.Delete(keyDirectory, recursive: true);
            }
        }

        return 0;
    }
}
