using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using PmInterest.Ledger;
using Xunit;
using static PmInterest.Tests.Ledger.LedgerTestData;

namespace PmInterest.Tests.Ledger;

/// <summary>
/// One writer at a time. These run in one process, which is the harder case on Unix: the lock
/// must hold between two opens of the same process (two runspaces of one runbook worker).
/// </summary>
public sealed class LedgerLockTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void A_second_open_waits_for_its_timeout_then_reports_the_lock()
    {
        var path = _folder.File("ledger.csv");
        using var first = Open(path);
        var timeout = TimeSpan.FromMilliseconds(300);
        var clock = Stopwatch.StartNew();

        var e = Assert.Throws<LedgerLockedException>(() => LedgerFile.Open(path, timeout, CancellationToken.None));

        Assert.True(clock.Elapsed >= timeout - TimeSpan.FromMilliseconds(20), "gave up after " + clock.Elapsed + ", before its timeout");
        Assert.Contains(path, e.Message, StringComparison.Ordinal);
        Assert.Contains("another run", e.Message, StringComparison.Ordinal);
        Assert.Equal(path, e.Path);
    }

    [Fact]
    public async Task A_waiting_open_succeeds_once_the_first_is_disposed()
    {
        var path = _folder.File("ledger.csv");
        var first = Open(path);
        first.Append(new[] { R("2024-03-01T01:00:00.000Z", "BTC", "2") });
        var second = Task.Run(() => LedgerFile.Open(path, TimeSpan.FromSeconds(30), CancellationToken.None));

        await Task.Delay(250);
        Assert.False(second.IsCompleted, "the second open did not wait for the lock");
        first.Dispose();

        using var ledger = await second;
        Assert.Equal(1, ledger.RowCount);
    }

    [Fact]
    public void A_waiting_open_stops_when_cancelled()
    {
        var path = _folder.File("ledger.csv");
        using var first = Open(path);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        Assert.ThrowsAny<OperationCanceledException>(() => LedgerFile.Open(path, TimeSpan.FromSeconds(30), cancel.Token));
    }

    [Fact]
    public void Reading_a_ledger_that_a_run_is_writing_is_refused_at_once()
    {
        var path = _folder.File("ledger.csv");
        using var first = Open(path);

        var e = Assert.Throws<LedgerLockedException>(() => LedgerReader.Read(path).ToList());

        Assert.Contains("another run", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_held_open_by_a_reader_cannot_be_opened_for_writing()
    {
        var path = _folder.File("ledger.csv");
        Open(path).Dispose();
        using var reader = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);

        Assert.Throws<LedgerLockedException>(() => LedgerFile.Open(path, TimeSpan.FromMilliseconds(150), CancellationToken.None));
    }
}
