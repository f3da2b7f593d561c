using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Threading;
using PmInterest.Interest;
using PmInterest.Paging;

namespace PmInterest.Ledger;

/// <summary>
/// An open ledger file, locked for this object's lifetime, validated whole when opened and
/// kept in order by <see cref="Append"/>. Only the rows at the last instant are held in memory
/// (what a tie-safe resume needs); the rest stays on disk.
/// </summary>
/// <remarks>
/// Crash safety rests on writing in one direction: rows are only ever appended after the last
/// LF, or, for a block rewrite, the file is cut back to the start of its last instant's block
/// and that block written again. A run killed at any moment therefore leaves whole rows in
/// order plus at most one torn last line, which <see cref="Open"/> cuts off.
/// </remarks>
internal sealed class LedgerFile : IDisposable
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private static readonly byte[] HeaderLine = Utf8.GetBytes(LedgerFormat.Header + "\n");

    private readonly FileStream _stream;
    private List<NegativeBalanceInterest> _rowsAtLast = new();
    private RecordMultiset<NegativeBalanceInterest>? _overlap;
    private long? _lastMs;
    private long _blockStart;
    private long _length;
    private bool _faulted;
    private bool _disposed;

    private LedgerFile(string fullPath, FileStream stream)
    {
        FullPath = fullPath;
        _stream = stream;
    }

    public string FullPath { get; }

    public long RowCount { get; private set; }

    /// <summary>The accrual time of the last row (UTC), or null for a ledger without rows.</summary>
    public DateTime? LastInstant => _lastMs is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms).UtcDateTime : null;

    /// <summary>The rows at <see cref="LastInstant"/>, in file order.</summary>
    public IReadOnlyList<NegativeBalanceInterest> RowsAtLastInstant => _rowsAtLast.AsReadOnly();

    /// <summary>True when the file ended inside a line (a run killed mid-write) and that part was cut off.</summary>
    public bool RepairedTornLine { get; private set; }

    /// <summary>For tests: runs after a block rewrite has cut the file back and before it writes the block again.</summary>
    internal Action? AfterBlockTruncated { get; set; }

    public static LedgerFile Open(string fullPath, TimeSpan lockTimeout, CancellationToken ct)
    {
        var stream = LedgerFileAccess.OpenExclusive(fullPath, lockTimeout, ct);
        var ledger = new LedgerFile(fullPath, stream);
        var loaded = false;
        try
        {
            ledger.Load(ct);
            ledger.StartOverlap();
            loaded = true;
            return ledger;
        }
        catch (IOException e)
        {
            throw LedgerFileAccess.Unusable(fullPath, e);
        }
        finally
        {
            if (!loaded)
            {
                ledger.Dispose();
            }
        }
    }

    /// <summary>
    /// Appends records given oldest first (<see cref="RecordOrder<NegativeBalanceInterest>.OldestFirst"/>), returning those
    /// actually added. A resumed run fetches the last instant again: of its records, those the
    /// file held at that instant when it was opened are skipped (each row matched once); new ones
    /// that sort before the file's last row make the instant's block be written again in order.
    /// Records before the last instant, or out of order, are a <see cref="LedgerOrderException"/>.
    /// When it returns, the file holds whole rows only and is flushed to disk.
    /// </summary>
    public IReadOnlyList<NegativeBalanceInterest> Append(IReadOnlyList<NegativeBalanceInterest> batch)
    {
        ThrowIfUnusable();
        CheckBatch(batch ?? throw new ArgumentNullException(nameof(batch)));
        var atLast = 0;
        while (atLast < batch.Count && batch[atLast].AccruedMs == _lastMs)
        {
            atLast++;
        }

        var newAtLast = NotYetInFile(batch, atLast);
        var added = new List<NegativeBalanceInterest>(newAtLast.Count + batch.Count - atLast);
        added.AddRange(newAtLast);
        for (var i = atLast; i < batch.Count; i++)
        {
            added.Add(batch[i]);
        }

        if (added.Count == 0)
        {
            return added;
        }

        _faulted = true;
        try
        {
            if (newAtLast.Count > 0 && RecordOrder<NegativeBalanceInterest>.OldestFirst.Compare(newAtLast[0], _rowsAtLast[_rowsAtLast.Count - 1]) < 0)
            {
                RewriteLastBlock(Merge(_rowsAtLast, newAtLast), added, newAtLast.Count);
            }
            else
            {
                Write(added);
            }

            _stream.Flush(flushToDisk: true);
        }
        catch (IOException e)
        {
            throw LedgerFileAccess.Unusable(FullPath, e);
        }

        RowCount += added.Count;
        if (atLast < batch.Count)
        {
            _overlap = null; // The ledger has moved past the instant it was opened at.
        }

        _faulted = false;
        return added;
    }

    public void Dispose()
    {
        if (!_disposed)
        {
            _disposed = true;
            _stream.Dispose();
        }
    }

    private void StartOverlap()
    {
        _overlap = new RecordMultiset<NegativeBalanceInterest>();
        foreach (var row in _rowsAtLast)
        {
            _overlap.Add(row);
        }
    }

    private void Load(CancellationToken ct)
    {
        var scanner = new LedgerScanner(_stream, FullPath);
        if (!scanner.ReadHeader())
        {
            // Empty, or a run was killed while writing the header: start the ledger afresh.
            RepairedTornLine = _stream.Length > 0;
            _stream.SetLength(0);
            _stream.Write(HeaderLine, 0, HeaderLine.Length);
            _stream.Flush(flushToDisk: true);
            _blockStart = _length = HeaderLine.Length;
            return;
        }

        _blockStart = HeaderLine.Length;
        while (scanner.TryReadRow(out var row, out var start))
        {
            if ((RowCount & 0xFFF) == 0)
            {
                ct.ThrowIfCancellationRequested();
            }

            if (row.AccruedMs != _lastMs)
            {
                _lastMs = row.AccruedMs;
                _rowsAtLast = new List<NegativeBalanceInterest>();
                _blockStart = start;
            }

            _rowsAtLast.Add(row);
            RowCount++;
        }

        // Only now, with the whole file found to be a ledger, is anything changed.
        if (scanner.TornStart >= 0)
        {
            _stream.SetLength(scanner.TornStart);
            _stream.Flush(flushToDisk: true);
            RepairedTornLine = true;
        }

        _length = _stream.Length;
        if (_rowsAtLast.Count == 0)
        {
            _blockStart = _length;
        }
    }

    // New rows at the last instant that sort before its last row: cut the file back to where
    // that instant's rows start and write them again, merged, followed by the later rows. If the
    // run dies between the cut and the write, the ledger is still valid: it merely ends at the
    // instant before. The next run resumes there (tie-safe, that instant included) and fetches
    // the missing instant's records again, so nothing is lost and nothing doubled. With the
    // header alone left, the next run starts from its -StartTime, which covers them as well.
    private void RewriteLastBlock(List<NegativeBalanceInterest> mergedBlock, List<NegativeBalanceInterest> added, int newAtLast)
    {
        _stream.SetLength(_blockStart);
        _length = _blockStart;
        _rowsAtLast = new List<NegativeBalanceInterest>();
        AfterBlockTruncated?.Invoke();
        var rows = new List<NegativeBalanceInterest>(mergedBlock.Count + added.Count - newAtLast);
        rows.AddRange(mergedBlock);
        rows.AddRange(added.GetRange(newAtLast, added.Count - newAtLast));
        Write(rows);
    }

    // Appends the rows after the last LF in one write and moves the last-instant state along.
    private void Write(List<NegativeBalanceInterest> rows)
    {
        var text = new StringBuilder(rows.Count * 96);
        var blockStart = _blockStart;
        var rowsAtLast = _rowsAtLast;
        var lastMs = _lastMs;
        var offset = _length;
        foreach (var row in rows)
        {
            var line = LedgerFormat.FormatRow(row) + "\n";
            if (row.AccruedMs != lastMs)
            {
                lastMs = row.AccruedMs;
                rowsAtLast = new List<NegativeBalanceInterest>();
                blockStart = offset;
            }

            rowsAtLast.Add(row);
            text.Append(line);
            offset += Utf8.GetByteCount(line);
        }

        var bytes = Utf8.GetBytes(text.ToString());
        _stream.Position = _length;
        _stream.Write(bytes, 0, bytes.Length);
        _length = offset;
        _lastMs = lastMs;
        _rowsAtLast = rowsAtLast;
        _blockStart = blockStart;
    }

    private void CheckBatch(IReadOnlyList<NegativeBalanceInterest> batch)
    {
        for (var i = 0; i < batch.Count; i++)
        {
            var record = batch[i] ?? throw new ArgumentException("The batch holds a null record.", nameof(batch));
            var problem = LedgerFormat.Unwritable(record);
            if (problem is not null)
            {
                throw new LedgerException("A record cannot be written to the ledger '" + FullPath + "': " + problem + ". Nothing of this batch was written.", FullPath);
            }

            if (i > 0 && RecordOrder<NegativeBalanceInterest>.OldestFirst.Compare(batch[i - 1], record) > 0)
            {
                throw new LedgerOrderException("The records to append are not oldest first: " + record + " comes after " + batch[i - 1] + ". Nothing of this batch was written.");
            }
        }

        if (batch.Count > 0 && _lastMs is { } last && batch[0].AccruedMs < last)
        {
            throw new LedgerOrderException(
                "The records to append start at " + Watermark.Format(batch[0].AccruedMs) + ", before the ledger's last instant " +
                Watermark.Format(last) + ": a ledger is resumed at its last instant, never before. Nothing of this batch was written.");
        }
    }

    // The batch's records at the last instant that the file does not hold yet. Only the rows
    // that were at that instant when the file was opened are matched (the overlap a resumed run
    // fetches again), each once, as a multiset: two genuinely identical records both stay, and
    // so does a record that repeats one this object appended (the run's next page, not a refetch).
    private List<NegativeBalanceInterest> NotYetInFile(IReadOnlyList<NegativeBalanceInterest> batch, int count)
    {
        var fresh = new List<NegativeBalanceInterest>();
        for (var i = 0; i < count; i++)
        {
            if (_overlap is null || !_overlap.TryRemove(batch[i]))
            {
                fresh.Add(batch[i]);
            }
        }

        return fresh;
    }

    private static List<NegativeBalanceInterest> Merge(List<NegativeBalanceInterest> a, List<NegativeBalanceInterest> b)
    {
        var merged = new List<NegativeBalanceInterest>(a.Count + b.Count);
        int i = 0, j = 0;
        while (i < a.Count || j < b.Count)
        {
            var takeA = j == b.Count || (i < a.Count && RecordOrder<NegativeBalanceInterest>.OldestFirst.Compare(a[i], b[j]) <= 0);
            merged.Add(takeA ? a[i++] : b[j++]);
        }

        return merged;
    }

    private void ThrowIfUnusable()
    {
        if (_disposed)
        {
            throw new ObjectDisposedException(nameof(LedgerFile));
        }

        if (_faulted)
        {
            throw new LedgerException("An earlier append to the ledger '" + FullPath + "' failed part way. Open the ledger again: that repairs it and resumes at its last whole row.", FullPath);
        }
    }
}
