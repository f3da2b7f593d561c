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

    public static PmConnection? Current
    {
        get => For()?.Connection;
        set
        {
            var state = For(create: true);
            if (state is not null)
            {
                state.Connection = value;
            }
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
