namespace PmInterest.Emulator;

/// <summary>Process mode: the addresses of the network listeners, after the URL and keys lines.</summary>
internal static partial class Program
{
    private static void PrintNetworkListeners(EmulatorServer server)
    {
        if (server.TlsBaseUri is { } tls)
        {
            Console.Out.WriteLine($"PMINTEREST_EMULATOR_TLS_URL={tls}");
        }

        if (server.ProxyUri is { } proxy)
        {
            Console.Out.WriteLine($"PMINTEREST_EMULATOR_PROXY_URL={proxy}");
        }
    }
}
