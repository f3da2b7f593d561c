namespace PmInterest.Emulator;

/// <summary>
/// The network knobs: a TLS listener with a self-signed certificate, a logging forward proxy,
/// and answers whose body stops after a few bytes. The listeners are start state; the cut
/// bodies may change while running.
/// </summary>
public sealed partial class EmulatorOptions
{
    private int cutBodyAfterBytes;
    private int cutBodies = -1;

    /// <summary>Start state: also serve the API over TLS on another port of 127.0.0.1, with a self-signed certificate made at start (<see cref="EmulatorServer.TlsBaseUri"/>).</summary>
    public bool TlsListener { get; set; }

    /// <summary>Start state: the port of the TLS listener; 0 lets the OS choose.</summary>
    public int TlsPort { get; set; }

    /// <summary>
    /// Start state: run a forward HTTP proxy on another port (<see cref="EmulatorServer.ProxyUri"/>).
    /// It takes plain-http requests for any host, sends them on to this emulator, and records
    /// what it saw (<see cref="EmulatorServer.ProxiedRequests"/>).
    /// </summary>
    public bool ForwardProxy { get; set; }

    /// <summary>Start state: the port of the forward proxy; 0 lets the OS choose.</summary>
    public int ProxyPort { get; set; }

    /// <summary>
    /// 0: off. Otherwise API answers send their status, headers and this many bytes of the body,
    /// then nothing more until the client gives up. Applies to the next <see cref="CutBodies"/>
    /// answers. May change while running.
    /// </summary>
    public int CutBodyAfterBytes
    {
        get => Volatile.Read(ref cutBodyAfterBytes);
        set => Volatile.Write(ref cutBodyAfterBytes, value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), "0 or more bytes."));
    }

    /// <summary>How many answers <see cref="CutBodyAfterBytes"/> still cuts; negative (the default): every one. May change while running.</summary>
    public int CutBodies
    {
        get => Volatile.Read(ref cutBodies);
        set => Volatile.Write(ref cutBodies, value);
    }

    /// <summary>Takes one cut from <see cref="CutBodies"/>; true when this answer is to be cut.</summary>
    internal bool TakeCut()
    {
        if (CutBodyAfterBytes == 0)
        {
            return false;
        }

        while (true)
        {
            int left = Volatile.Read(ref cutBodies);
            if (left == 0)
            {
                return false;
            }

            if (left < 0 || Interlocked.CompareExchange(ref cutBodies, left - 1, left) == left)
            {
                return true;
            }
        }
    }
}
