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
/// (what a tie-safe resume needs); the rest stays on disk. (asset, instant) is the ledger's key:
/// a second row for a key is refused, never written.
/// </summary>
/// <remarks>
/// Crash safety rests on writing in one direction: rows are only ever appended after the last
/// LF, or, for a block rewrite, the file is cut back to the start of its last instant's block
/// and that block written again. A run killed at any moment therefore leaves whole rows in
/// order plus at most one torn last line, which <see cref="Repair"/> cuts off.
/// </remarks>
internal sealed class LedgerFile : IDisposable
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private static readonly byte[] HeaderLine = Utf8.GetBytes(LedgerFormat.Header + "\n");

    private readonly Stream _stream;
    private List<NegativeBalanceInterest> _rowsAtLast = new();
    private RecordMultiset<NegativeBalanceInterest>? _overlap;
    private HashSet<string>? _assetsAtOpen;
    private long? _lastMs;
    private long _blockStart;
    private long _length;
    private long _cutAt = -1;
    private bool _needsHeader;
    private bool _repaired;
    private bool _faulted;
    private bool _disposed;

    private LedgerFile(string fullPath, Stream stream)
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

    /// <summary>
    /// True when the file ended inside a line (a run killed mid-write): <see cref="Repair"/> cuts
    /// that part off (<see cref="Open"/> has done so already).
    /// </summary>
    public bool RepairedTornLine { get; private set; }

    /// <summary>True when the file was missing, empty or held only part of the header: it becomes a new ledger.</summary>
    public bool IsNew => _needsHeader;

    /// <summary>For tests: runs after a block rewrite has cut the file back and before it writes the block again.</summary>
    internal Action? AfterBlockTruncated { get; set; }

    /// <summary>Opens, locks, checks and repairs the ledger (creating it when missing), ready to append.</summary>
    public static LedgerFile Open(string fullPath, TimeSpan lockTimeout, CancellationToken ct)
    {
        var ledger = Load(fullPath, LedgerFileAccess.OpenExclusive(fullPath, lockTimeout, ct), ct);
        try
        {
            ledger.Repair();
            return ledger;
        }
        catch
        {
            ledger.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Opens, locks and checks an existing ledger without changing a byte (a torn last line stays
    /// until <see cref="Repair"/>), so that a run can be checked, or only described (-WhatIf),
    /// first. Null when there is no file yet; nothing is created then.
    /// </summary>
    public static LedgerFile? OpenUnchanged(string fullPath, TimeSpan lockTimeout, CancellationToken ct)
    {
        LedgerFileAccess.CheckPath(fullPath);
        return File.Exists(fullPath) ? Load(fullPath, LedgerFileAccess.OpenExclusive(fullPath, lockTimeout, ct), ct) : null;
    }

    /// <summary>
    /// Makes the checked file a ledger that can be appended to: a missing or torn header becomes
    /// the header, a torn last line is cut off. Does nothing the second time.
    /// </summary>
    public void Repair()
    {
        if (_disposed)
        {
            throw new ObjectDisposedException(nameof(LedgerFile));
        }

        if (_repaired)
        {
            return;
        }

        _faulted = true;
        try
        {
            if (_needsHeader)
            {
                _stream.SetLength(0);
                _stream.Position = 0;
                _stream.Write(HeaderLine, 0, HeaderLine.Length);
                FlushToDisk();
            }
            else if (_cutAt >= 0)
            {
                _stream.SetLength(_cutAt);
                FlushToDisk();
            }
        }
        catch (IOException e)
        {
            throw LedgerFileAccess.Unusable(FullPath, e, writing: true);
        }

        _faulted = false;
        _repaired = true;
    }

    /// <summary>
    /// Appends records given oldest first (<see cref="RecordOrder<NegativeBalanceInterest>.OldestFirst"/>), returning those
    /// actually added. A resumed run fetches the last instant again: of its records, those the
    /// file held at that instant when it was opened are skipped (each row matched once); new ones
    /// that sort before the file's last row make the instant's block be written again in order.
    /// Records before the last instant, or out of order, are a <see cref="LedgerOrderException"/>;
    /// a record with the asset and instant of a row already there (other than that row's refetch)
    /// is a <see cref="LedgerKeyConflictException"/>. Either way nothing of the batch is written.
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

        var overlap = atLast > 0 ? _overlap?.Clone() : _overlap;
        var newAtLast = NotYetInFile(batch, atLast, overlap);
        _overlap = overlap;
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

            FlushToDisk();
        }
        catch (IOException e)
        {
            throw LedgerFileAccess.Unusable(FullPath, e, writing: true);
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
            try
            {
                _stream.Dispose();
            }
            catch (IOException)
            {
                // Every append was flushed to disk and its failure reported when it happened:
                // closing has nothing left to write, so its complaint changes nothing.
            }
        }
    }

    private static LedgerFile Load(string fullPath, Stream stream, CancellationToken ct)
    {
        var ledger = new LedgerFile(fullPath, stream);
        var loaded = false;
        try
        {
            ledger.Scan(ct);
            ledger.StartOverlap();
            loaded = true;
            return ledger;
        }
        catch (IOException e)
        {
            throw LedgerFileAccess.Unusable(fullPath, e, writing: false);
        }
        finally
        {
            if (!loaded)
            {
                ledger.Dispose();
            }
        }
    }

    private void StartOverlap()
    {
        _overlap = new RecordMultiset<NegativeBalanceInterest>();
        _assetsAtOpen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in _rowsAtLast)
        {
            _overlap.Add(row);
            _assetsAtOpen.Add(row.Asset);
        }
    }

    // Reads the whole file and notes what a repair must do; changes nothing.
    private void Scan(CancellationToken ct)
    {
        var scanner = new LedgerScanner(_stream, FullPath);
        if (!scanner.ReadHeader())
        {
            // Empty, or a run was killed while writing the header: start the ledger afresh.
            RepairedTornLine = _stream.Length > 0;
            _needsHeader = true;
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

        if (scanner.TornStart >= 0)
        {
            _cutAt = scanner.TornStart;
            RepairedTornLine = true;
        }

        _length = _cutAt >= 0 ? _cutAt : _stream.Length;
        if (_rowsAtLast.Count == 0)
        {
            _blockStart = _length;
        }
    }

    private void FlushToDisk()
    {
        if (_stream is FileStream file)
        {
            file.Flush(flushToDisk: true);
        }
        else
        {
            _stream.Flush();
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

            if (i > 0 && SameKey(batch[i - 1], record))
            {
                throw new LedgerKeyConflictException(FullPath, batch[i - 1], record, heldBeforeThisRun: false);
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
    // fetches again), each once. Any other record with the asset of a row at that instant is a
    // second row for its key: a conflict with the file, or a repeat within this run.
    private List<NegativeBalanceInterest> NotYetInFile(IReadOnlyList<NegativeBalanceInterest> batch, int count, RecordMultiset<NegativeBalanceInterest>? overlap)
    {
        var fresh = new List<NegativeBalanceInterest>();
        for (var i = 0; i < count; i++)
        {
            var record = batch[i];
            if (overlap is not null && overlap.TryRemove(record))
            {
                continue;
            }

            foreach (var row in _rowsAtLast)
            {
                if (SameKey(row, record))
                {
                    var heldAtOpen = overlap is not null && _assetsAtOpen!.Contains(row.Asset);
                    throw new LedgerKeyConflictException(FullPath, row, record, heldAtOpen);
                }
            }

            fresh.Add(record);
        }

        return fresh;
    }

    private static bool SameKey(NegativeBalanceInterest a, NegativeBalanceInterest b) =>
        a.AccruedMs == b.AccruedMs && string.Equals(a.Asset, b.Asset, StringComparison.Ordinal);

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

        if (!_repaired)
        {
            throw new InvalidOperationException("The ledger '" + FullPath + "' was opened unchanged; repair it before appending.");
        }

        if (_faulted)
        {
            throw new LedgerException("An earlier append to the ledger '" + FullPath + "' failed part way. Open the ledger again: that repairs it and resumes at its last whole row.", FullPath);
        }
    }
}
