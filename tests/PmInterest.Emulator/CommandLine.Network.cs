namespace PmInterest.Emulator;

/// <summary>The command-line options of the network knobs.</summary>
internal sealed partial class CommandLine
{
    private const string NetworkUsage = """
        Network:
          --tls-port N               also serve the API over TLS on port N of 127.0.0.1 (0: the OS chooses),
                                     with a self-signed certificate made at start
          --proxy-port N             run a logging forward HTTP proxy on port N (0: the OS chooses) that sends
                                     plain-http requests for any host on to the emulator
          --cut-body-bytes N         API answers send their headers and N bytes of the body, then stall
          --cut-bodies N             only the next N answers are cut (default: every one)
        """;

    private static bool TrySetNetworkOption(string name, string value, EmulatorOptions o)
    {
        switch (name)
        {
            case "--tls-port": o.TlsListener = true; o.TlsPort = Int(name, value); return true;
            case "--proxy-port": o.ForwardProxy = true; o.ProxyPort = Int(name, value); return true;
            case "--cut-body-bytes": o.CutBodyAfterBytes = Int(name, value); return true;
            case "--cut-bodies": o.CutBodies = Int(name, value); return true;
            default: return false;
        }
    }
}
