namespace PmInterest.Emulator;

/// <summary>The kinds of transient fault <see cref="EmulatorOptions.FaultRate"/> may inject; combine freely.</summary>
[Flags]
public enum FaultKinds
{
    /// <summary>No fault is ever injected, whatever the rate.</summary>
    None = 0,

    /// <summary>HTTP 503 with Binance's JSON body <c>{"code":-1001,...}</c>.</summary>
    ServiceUnavailable = 1,

    /// <summary>HTTP 502 with an HTML body, as a proxy in front of Binance answers.</summary>
    BadGateway = 2,

    /// <summary>The connection is aborted before a single response byte is written.</summary>
    DroppedConnection = 4,

    /// <summary>All three kinds, chosen with equal probability.</summary>
    All = ServiceUnavailable | BadGateway | DroppedConnection,
}
