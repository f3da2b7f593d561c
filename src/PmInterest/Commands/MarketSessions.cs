using System;
using System.Collections.Generic;
using System.Management.Automation.Runspaces;
using System.Runtime.CompilerServices;
using PmInterest.Valuation;

namespace PmInterest.Commands;

/// <summary>
/// The market data each runspace has learned, per host: prices are fetched once per session.
/// Kept per runspace, like the connection, never process-wide: runbook jobs share processes.
/// </summary>
internal static class MarketSessions
{
    private static readonly ConditionalWeakTable<Runspace, Dictionary<string, MarketSession>> Sessions = new();

    /// <summary>The session's knowledge of <paramref name="baseUri"/>'s host (a fresh one outside a runspace).</summary>
    public static MarketSession For(Uri baseUri)
    {
        var runspace = Runspace.DefaultRunspace;
        if (runspace is null)
        {
            return new MarketSession();
        }

        var hosts = Sessions.GetValue(runspace, _ => new Dictionary<string, MarketSession>(StringComparer.OrdinalIgnoreCase));
        var key = baseUri.GetLeftPart(UriPartial.Path).TrimEnd('/');
        lock (hosts)
        {
            if (!hosts.TryGetValue(key, out var session))
            {
                session = new MarketSession();
                hosts.Add(key, session);
            }

            return session;
        }
    }
}
