using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.IO;
using System.Runtime.InteropServices;
using System.Security;
using System.Threading;

namespace PmInterest.Ledger;

/// <summary>
/// Opening a ledger file: the exclusive, polled lock a writer holds, the shared open a reader
/// uses, and the translation of what the file system says into <see cref="LedgerException"/>s
/// that name the file and say what to do.
/// </summary>
/// <remarks>
/// The lock is the file's own sharing mode, <see cref="FileShare.None"/>: on Windows the
/// system's share lock, on Unix .NET takes flock(LOCK_EX) on the open file description, so a
/// second open fails even in the same process (another runspace of one runbook worker), and
/// the lock dies with its process: a killed run never leaves a stale lock behind.
/// </remarks>
internal static class LedgerFileAccess
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// For tests: per full path, what a ledger opened there is read and written through instead
    /// of the file itself (a stream that fails as a full disk does, say), or an exception that
    /// the file system gave instead. Empty in normal use.
    /// </summary>
    internal static readonly ConcurrentDictionary<string, Func<FileStream, Stream>> Interceptors = new(StringComparer.Ordinal);

    /// <summary>
    /// Opens the ledger for writing, locked. Unbuffered: every write reaches the system at once,
    /// so a failure (a full disk) is met by the write that caused it, never later by a close.
    /// </summary>
    public static Stream OpenExclusive(string fullPath, TimeSpan lockTimeout, CancellationToken ct)
    {
        CheckPath(fullPath);
        if (File.Exists(fullPath) && (File.GetAttributes(fullPath) & FileAttributes.ReadOnly) != 0)
        {
            throw new LedgerException("The ledger '" + fullPath + "' is read-only, so it cannot be brought up to date. Clear its read-only attribute or give another path.", fullPath);
        }

        var waited = Stopwatch.StartNew();
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            try
            {
                return Intercept(fullPath, new FileStream(fullPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, bufferSize: 1, FileOptions.None));
            }
            catch (IOException e) when (IsLocked(e))
            {
                var left = lockTimeout - waited.Elapsed;
                if (left <= TimeSpan.Zero)
                {
                    throw new LedgerLockedException(fullPath, lockTimeout, e);
                }

                ct.WaitHandle.WaitOne(left < PollInterval ? left : PollInterval);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or SecurityException or NotSupportedException)
            {
                throw Unusable(fullPath, e, writing: true);
            }
        }
    }

    /// <summary>Opens an existing ledger to read; a file a writer holds is a <see cref="LedgerLockedException"/> at once.</summary>
    public static Stream OpenForReading(string fullPath)
    {
        CheckPath(fullPath);
        try
        {
            return Intercept(fullPath, new FileStream(fullPath, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 4096, FileOptions.SequentialScan));
        }
        catch (IOException e) when (IsLocked(e))
        {
            throw new LedgerLockedException(
                "The ledger '" + fullPath + "' is being written by another run (another process or PowerShell runspace). Read it when that run has finished.",
                fullPath,
                e);
        }
        catch (FileNotFoundException e)
        {
            throw new LedgerException("There is no ledger at '" + fullPath + "'. Check the path, or create the ledger with Export-PmNegativeBalanceInterest.", fullPath, e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or SecurityException or NotSupportedException)
        {
            throw Unusable(fullPath, e, writing: false);
        }
    }

    /// <summary>A failure while opening, reading or writing a ledger (or its scope file), as a <see cref="LedgerException"/> that names the file and the reason.</summary>
    public static LedgerException Unusable(string fullPath, Exception e, bool writing) => e switch
    {
        UnauthorizedAccessException or SecurityException => new LedgerException(
            "'" + fullPath + "' cannot be opened for " + (writing ? "writing" : "reading") + ": access is denied. Check the file's permissions or give another path.",
            fullPath,
            e),
        _ => new LedgerException(
            "'" + fullPath + "' could not be " + (writing ? "written" : "read") + ": " + e.Message,
            fullPath,
            e),
    };

    private static Stream Intercept(string fullPath, FileStream stream)
    {
        if (Interceptors.IsEmpty || !Interceptors.TryGetValue(fullPath, out var intercept))
        {
            return stream;
        }

        try
        {
            return intercept(stream);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>Refuses a path that cannot be a ledger file: not full, a folder, or in a folder that does not exist.</summary>
    public static void CheckPath(string fullPath)
    {
        if (string.IsNullOrEmpty(fullPath) || !Path.IsPathRooted(fullPath))
        {
            throw new ArgumentException("The ledger path must be a full path.", nameof(fullPath));
        }

        if (Directory.Exists(fullPath))
        {
            throw new LedgerException("The ledger path '" + fullPath + "' is a folder. Give the path of a file in it, for example '" + Path.Combine(fullPath, "interest.csv") + "'.", fullPath);
        }

        var folder = Path.GetDirectoryName(fullPath);
        if (!string.IsNullOrEmpty(folder) && !Directory.Exists(folder))
        {
            throw new LedgerException("The folder '" + folder + "' does not exist. Create it first, or give a path in an existing folder.", fullPath);
        }
    }

    // Windows reports a share or lock violation as ERROR_SHARING_VIOLATION (32) or
    // ERROR_LOCK_VIOLATION (33) in the HRESULT; .NET on Unix puts the errno of the failed
    // flock(LOCK_NB), EWOULDBLOCK, in HResult: 11 on Linux, 35 on macOS and the BSDs.
    private static bool IsLocked(IOException e)
    {
        var code = e.HResult;
        if ((uint)code >> 16 == 0x8007)
        {
            var win32 = code & 0xFFFF;
            return win32 is 32 or 33;
        }

        if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
        {
            return false;
        }

        return RuntimeInformation.IsOSPlatform(OSPlatform.Linux) ? code == 11 : code == 35;
    }
}
