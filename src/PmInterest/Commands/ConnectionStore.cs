using System.Collections.Generic;
using System.Management.Automation.Runspaces;
using System.Runtime.CompilerServices;

namespace PmInterest.Commands;

/// <summary>
/// The current connection of each runspace. Runbook jobs and ForEach-Object -Parallel
/// share one process, so the connection must not be process-wide: it is attached to the
/// runspace and goes away with it. Each runspace also remembers the connections
/// Connect-PmAccount made in it, so that Remove-Module closes them (<see cref="CloseAll"/>).
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

        PmConnection? previous;
        lock (state)
        {
            previous = state.Connection;
            state.Connection = next;
            if (next is not null)
            {
                // Closed ones are forgotten here, so the list does not grow with every connect.
                state.Made.RemoveAll(c => c.IsClosed);
                state.Made.Add(next);
            }
        }

        if (previous is not null && !ReferenceEquals(previous, next) && !previous.HandedOut)
        {
            previous.Dispose();
        }
    }

    /// <summary>
    /// Closes every connection Connect-PmAccount made in this runspace, handed out or not, and
    /// forgets the current one: the module is being removed. A run still using one (in another
    /// runspace, say) ends first; the key is cleared after it.
    /// </summary>
    public static void CloseAll()
    {
        var state = For();
        if (state is null)
        {
            return;
        }

        PmConnection[] made;
        lock (state)
        {
            made = state.Made.ToArray();
            state.Made.Clear();
            state.Connection = null;
        }

        foreach (var connection in made)
        {
            connection.Dispose();
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

        return create ? States.GetValue(runspace, Watched) : States.TryGetValue(runspace, out var s) ? s : null;
    }

    private static State Watched(Runspace runspace)
    {
        var state = new State();
        runspace.StateChanged += state.OnRunspaceStateChanged;
        return state;
    }

    private sealed class State
    {
        public PmConnection? Connection { get; set; }

        public List<PmConnection> Made { get; } = new();

        public SortedSet<string> Assets { get; } = new(System.StringComparer.Ordinal);

        /// <summary>A runspace that closes (a runbook job that ends) closes its connection as Disconnect-PmAccount would.</summary>
        public void OnRunspaceStateChanged(object? sender, RunspaceStateEventArgs e)
        {
            if (e.RunspaceStateInfo.State is not (RunspaceState.Closed or RunspaceState.Broken))
            {
                return;
            }

            PmConnection? current;
            lock (this)
            {
                current = Connection;
                Connection = null;
            }

            if (current is not null && !current.HandedOut)
            {
                current.Dispose();
            }
        }
    }
}
