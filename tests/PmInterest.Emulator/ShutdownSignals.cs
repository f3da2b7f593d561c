using System.Globalization;
using System.Runtime.InteropServices;

namespace PmInterest.Emulator;

/// <summary>
/// Everything that tells the process-mode emulator to stop: SIGTERM, SIGINT (Ctrl+C),
/// SIGQUIT, standard input reaching its end (the parent closed the pipe or died), and, on
/// Linux, the parent process going away (the process gets re-parented). A test harness that
/// kills its side must never leave an emulator behind holding a port.
/// </summary>
internal sealed class ShutdownSignals : IDisposable
{
    private readonly CancellationTokenSource stop = new();
    private readonly List<PosixSignalRegistration> registrations = [];
    private Timer? parentWatch;

    internal ShutdownSignals(bool watchStandardInput)
    {
        foreach (PosixSignal signal in (PosixSignal[])[PosixSignal.SIGTERM, PosixSignal.SIGINT, PosixSignal.SIGQUIT])
        {
            registrations.Add(PosixSignalRegistration.Create(signal, context =>
            {
                context.Cancel = true; // shut down cleanly instead of the runtime's default termination
                Stop();
            }));
        }

        if (watchStandardInput && StandardInputIsWatchable())
        {
            _ = Task.Run(WatchStandardInputAsync);
        }

        WatchParent();
    }

    internal CancellationToken Token => stop.Token;

    public void Dispose()
    {
        parentWatch?.Dispose();
        foreach (PosixSignalRegistration registration in registrations)
        {
            registration.Dispose();
        }

        stop.Dispose();
    }

    private void Stop()
    {
        try
        {
            stop.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // a late signal after shutdown: nothing left to stop
        }
    }

    /// <summary>
    /// Only a pipe or file is worth watching: a terminal would swallow the user's typing, and
    /// /dev/null (what a background job or a CI runner without stdin gets) ends at once.
    /// </summary>
    private static bool StandardInputIsWatchable()
    {
        if (!Console.IsInputRedirected)
        {
            return false;
        }

        if (OperatingSystem.IsLinux())
        {
            try
            {
                return new FileInfo("/proc/self/fd/0").LinkTarget != "/dev/null";
            }
            catch (IOException)
            {
                return true;
            }
        }

        return true;
    }

    private async Task WatchStandardInputAsync()
    {
        try
        {
            using Stream input = Console.OpenStandardInput();
            var buffer = new byte[256];
            while (await input.ReadAsync(buffer).ConfigureAwait(false) > 0)
            {
                // whatever the parent writes is ignored; only the end of the stream matters
            }
        }
        catch (IOException)
        {
            // a broken pipe means the same as the end of input
        }

        Stop();
    }

    /// <summary>Linux only: if the parent dies (even by SIGKILL) the kernel re-parents us; notice and stop.</summary>
    private void WatchParent()
    {
        if (!OperatingSystem.IsLinux() || ParentId() is not int parent || parent <= 1)
        {
            return;
        }

        parentWatch = new Timer(_ =>
        {
            if (ParentId() != parent)
            {
                Stop();
            }
        }, null, TimeSpan.FromMilliseconds(500), TimeSpan.FromMilliseconds(500));
    }

    private static int? ParentId()
    {
        try
        {
            // /proc/self/stat: "pid (comm) state ppid ..."; comm may hold spaces and parentheses.
            string stat = File.ReadAllText("/proc/self/stat");
            string[] rest = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return int.Parse(rest[1], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return null;
        }
    }
}
