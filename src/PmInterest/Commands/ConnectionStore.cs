using System.Collections.Generic;
using System.Management.Automation.Runspaces;
using System.Runtime.CompilerServices;

namespace PmInterest.Commands;

/// <summary>
/// The current connection of each runspace. Runbook jobs and ForEach-Object -Parallel
/// share one process, so the connection must not be process-wide: it is attached to the
/// runspace and goes away with it.
/// </summary>
internal static class ConnectionStore
{
    private static readonly ConditionalWeakTable<Runspace, State> States = new();

    public static PmConnection? Current => For()?.Connection;

    /// <summary>
    /// Makes <paramref name="next"/> the runspace's connection (null forgets it). The one it
    /// replaces is closed unless it was handed to the caller (-PassThru, Get-PmConnection),
    /// who may still use it from a variable.
    /// </summary>
    public static void Replace(PmConnection? next)
    {
        var state = For(create: true);
        if (state is null)
        {
            return;
        }

        var previous = state.Connection;
        state.Connection = next;
        if (previous is not null && !ReferenceEquals(previous, next) && !previous.HandedOut)
        {
            previous.Dispose();
        }
    }

    /// <summary>Assets seen in results in this runspace, for tab completion.</summary>
    public static ICollection<string> SeenAssets => For(create: true)?.Assets ?? new SortedSet<string>();

    private static State? For(bool create = false)
    {
        var runspace = Runspace.DefaultRunspace;
        if (runspace is null)
        {
            return null;
        }

        return create ? States.GetValue(runspace, _ => new State()) : States.TryGetValue(runspace, out var s) ? s : null;
    }

    private sealed class State
    {
        public PmConnection? Connection { get; set; }

        public SortedSet<string> Assets { get; } = new(System.StringComparer.Ordinal);
    }
}
