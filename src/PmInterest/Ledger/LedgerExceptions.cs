using System;
using System.Globalization;

namespace PmInterest.Ledger;

/// <summary>
/// Anything that keeps a ledger file from being read or written: the folder or file cannot be
/// used, the file is locked, is not a ledger, or a record cannot be written. Messages are
/// culture-invariant and say what to do; they name the file and never hold a secret (a ledger
/// holds none).
/// </summary>
internal class LedgerException : Exception
{
    public LedgerException()
    {
    }

    public LedgerException(string message)
        : base(message)
    {
    }

    public LedgerException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public LedgerException(string message, string? path, Exception? innerException = null)
        : base(message, innerException)
    {
        Path = path;
    }

    /// <summary>The ledger file's full path, when the problem is with one file.</summary>
    public string? Path { get; }
}

/// <summary>Another run (process or runspace) held the ledger's lock for longer than the wait allowed.</summary>
internal sealed class LedgerLockedException : LedgerException
{
    public LedgerLockedException()
    {
    }

    public LedgerLockedException(string message)
        : base(message)
    {
    }

    public LedgerLockedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public LedgerLockedException(string message, string path, Exception? innerException)
        : base(message, path, innerException)
    {
    }

    public LedgerLockedException(string path, TimeSpan waited, Exception? innerException)
        : base(
            string.Format(
                CultureInfo.InvariantCulture,
                "The ledger '{0}' is in use by another run (another process or PowerShell runspace) and was still locked after {1:0.###} seconds. Let that run finish, or allow a longer wait, and try again.",
                path,
                waited.TotalSeconds),
            path,
            innerException)
    {
    }
}

/// <summary>
/// The file is not a ledger in the fixed format (or its rows are not in order). It was left
/// byte for byte as it was; <see cref="LineNumber"/> is the first offending line (1 = header).
/// </summary>
internal sealed class LedgerFormatException : LedgerException
{
    public LedgerFormatException()
    {
    }

    public LedgerFormatException(string message)
        : base(message)
    {
    }

    public LedgerFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>A file beside the ledger (its scope file) that is not what the module writes there.</summary>
    public LedgerFormatException(string message, string path)
        : base(message, path)
    {
    }

    public LedgerFormatException(string path, long lineNumber, string problem)
        : base(
            string.Format(
                CultureInfo.InvariantCulture,
                "'{0}' is not a PmInterest ledger: line {1}: {2}. The file was left untouched; give a path for a new ledger, or move or repair that file.",
                path,
                lineNumber,
                problem),
            path)
    {
        LineNumber = lineNumber;
        Problem = problem;
    }

    /// <summary>The first line that is wrong, counting the header as line 1.</summary>
    public long LineNumber { get; }

    /// <summary>What is wrong with that line.</summary>
    public string? Problem { get; }
}

/// <summary>
/// The records given to append were not oldest first, or reach back before the ledger's last
/// instant: a bug in the caller, never a property of the file.
/// </summary>
internal sealed class LedgerOrderException : LedgerException
{
    public LedgerOrderException()
    {
    }

    public LedgerOrderException(string message)
        : base(message)
    {
    }

    public LedgerOrderException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>
/// A record to append has the asset and instant of a row the ledger already holds, with the same
/// or other amounts: (asset, instant) is the ledger's key. Nothing of the batch was written.
/// </summary>
internal sealed class LedgerKeyConflictException : LedgerException
{
    public LedgerKeyConflictException()
    {
    }

    public LedgerKeyConflictException(string message)
        : base(message)
    {
    }

    public LedgerKeyConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    internal LedgerKeyConflictException(string path, NegativeBalanceInterest held, NegativeBalanceInterest incoming, bool heldBeforeThisRun)
        : base(
            string.Format(
                CultureInfo.InvariantCulture,
                "Two records share the asset {0} and the instant {1}: {2} {3}, and now {4}. A ledger holds one row per asset and instant, so nothing of this page was written to '{5}'.",
                incoming.Asset,
                Watermark.Format(incoming.AccruedMs),
                heldBeforeThisRun ? "the ledger holds" : "this run already received",
                LedgerFormat.FormatRow(held),
                LedgerFormat.FormatRow(incoming),
                path),
            path)
    {
        Held = held;
        Incoming = incoming;
        HeldBeforeThisRun = heldBeforeThisRun;
    }

    /// <summary>The row with that key the ledger holds (or this run wrote).</summary>
    public NegativeBalanceInterest? Held { get; }

    /// <summary>The record that would have been a second row for the key.</summary>
    public NegativeBalanceInterest? Incoming { get; }

    /// <summary>True when the ledger held the row when it was opened; false when this run wrote it.</summary>
    public bool HeldBeforeThisRun { get; }
}
