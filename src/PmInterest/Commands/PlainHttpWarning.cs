using System;

namespace PmInterest.Commands;

/// <summary>
/// The warnings for a plain-http address of another computer. Loopback (127.0.0.1, ::1,
/// localhost: the emulator, a local TLS-terminating proxy) stays silent; nothing is refused, so a
/// runbook that knows its network keeps working.
/// </summary>
internal static class PlainHttpWarning
{
    /// <summary>For a connection: the API key and signed queries would travel unencrypted; null when they do not.</summary>
    public static string? ForAccount(Uri baseUri) =>
        Exposed(baseUri)
            ? "The connection's address " + Authority(baseUri) + " is plain http to another computer: the API key and every signed query travel unencrypted, and anyone on the way can read them (and the interest history) or alter the answers. Use https://, or a TLS-terminating proxy on this computer (http://127.0.0.1:...)."
            : null;

    /// <summary>For market data: no key travels, but the prices could be altered on the way; null for https or loopback.</summary>
    public static string? ForMarketData(Uri baseUri) =>
        Exposed(baseUri)
            ? "The market data address " + Authority(baseUri) + " is plain http to another computer: no key is sent there, but the prices (and so every value) travel unencrypted and could be altered on the way. Use https://, or a TLS-terminating proxy on this computer (http://127.0.0.1:...)."
            : null;

    private static bool Exposed(Uri uri) => uri.Scheme == Uri.UriSchemeHttp && !uri.IsLoopback;

    private static string Authority(Uri uri) => uri.GetLeftPart(UriPartial.Authority);
}
