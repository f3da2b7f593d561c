using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;

namespace PmInterest.Valuation;

/// <summary>A chunk valued, in input order.</summary>
internal sealed class ValuedChunk
{
    public ValuedChunk(IReadOnlyList<ValuedInterest> records, int requests)
    {
        Records = records;
        Requests = requests;
    }

    public IReadOnlyList<ValuedInterest> Records { get; }

    /// <summary>Requests sent so far in this run.</summary>
    public int Requests { get; }
}

/// <summary>A chunk's valuation failed; the exception is what to report.</summary>
internal sealed class ChunkFailure
{
    public ChunkFailure(Exception exception) => Exception = exception;

    public Exception Exception { get; }
}

/// <summary>
/// Values an input of any length in bounded memory and in its order: a chunk is valued on a
/// background task while the next one fills, so at most two are held and the first values come
/// out long before the input ends. What the work says is queued for the one thread that reads <see cref="Take"/>.
/// </summary>
internal sealed class ValuationStream : IDisposable
{
    public const int DefaultChunkSize = 10_000;

    public const int DefaultFirstChunkSize = 1_000;

    private readonly Func<IReadOnlyList<NegativeBalanceInterest>, CancellationToken, Task<ValuedChunk>> _value;
    private readonly BlockingCollection<object> _mailbox = new();
    private readonly CancellationTokenSource _run;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private List<NegativeBalanceInterest> _buffer;
    private TimeSpan _bufferStarted;
    private Task? _inFlight;
    private int _inFlightCount;
    private bool _started;

    /// <param name="value">Values one chunk (on a background task).</param>
    public ValuationStream(Func<IReadOnlyList<NegativeBalanceInterest>, CancellationToken, Task<ValuedChunk>> value, CancellationToken cancellation, int chunkSize = DefaultChunkSize)
    {
        if (chunkSize < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(chunkSize), chunkSize, "A chunk holds at least one record.");
        }

        _value = value;
        _run = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        ChunkSize = chunkSize;
        _buffer = new List<NegativeBalanceInterest>(Math.Min(chunkSize, 1024));
    }

    public int ChunkSize { get; }

    /// <summary>The size of the first chunk (at most <see cref="ChunkSize"/>).</summary>
    public int FirstChunkSize { get; set; } = DefaultFirstChunkSize;

    /// <summary>How long a partial chunk waits for more input before it is valued, when nothing else is.</summary>
    public TimeSpan FlushAfter { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The most records held at once (buffered and being valued): never more than twice <see cref="ChunkSize"/>.</summary>
    public int MostHeld { get; private set; }

    /// <summary>A chunk is being valued.</summary>
    public bool Busy => _inFlight is { IsCompleted: false };

    /// <summary>The buffer must be valued before more is added: full, or waited long enough with nothing in flight.</summary>
    public bool Due => _buffer.Count >= (_started ? ChunkSize : Math.Min(FirstChunkSize, ChunkSize)) || (_buffer.Count > 0 && !Busy && _clock.Elapsed - _bufferStarted >= FlushAfter);

    /// <summary>Where the work's log lines and waits go: into the queue read by <see cref="Take"/>.</summary>
    public void Tell(object item)
    {
        try
        {
            _mailbox.Add(item);
        }
        catch (Exception e) when (e is ObjectDisposedException or InvalidOperationException)
        {
            // The command has ended; nobody is left to tell.
        }
    }

    public void Add(NegativeBalanceInterest record)
    {
        if (_buffer.Count == 0)
        {
            _bufferStarted = _clock.Elapsed;
        }

        _buffer.Add(record);
        MostHeld = Math.Max(MostHeld, _buffer.Count + _inFlightCount);
    }

    /// <summary>Starts valuing the buffer; call only when not <see cref="Busy"/> (take until idle first).</summary>
    public void Start()
    {
        if (Busy)
        {
            throw new InvalidOperationException("A chunk is still being valued.");
        }

        if (_buffer.Count == 0)
        {
            return;
        }

        var chunk = _buffer;
        _started = true;
        _buffer = new List<NegativeBalanceInterest>(Math.Min(ChunkSize, 1024));
        _inFlightCount = chunk.Count;
        var token = _run.Token;
        _inFlight = Task.Run(
            async () =>
            {
                object result;
                try
                {
                    result = await _value(chunk, token).ConfigureAwait(false);
                }
                catch (Exception e)
                {
                    result = new ChunkFailure(e);
                }

                Tell(result);
            },
            CancellationToken.None);
    }

    /// <summary>
    /// What the work has said: <see cref="string"/> log lines, <see cref="Binance.WaitEvent"/>,
    /// <see cref="ValuedChunk"/> and <see cref="ChunkFailure"/>. With <paramref name="untilIdle"/>
    /// it waits until no chunk is in flight and all it said is taken; otherwise it takes what is there.
    /// </summary>
    public IEnumerable<object> Take(bool untilIdle, CancellationToken cancellation)
    {
        while (true)
        {
            if (_mailbox.TryTake(out var item))
            {
                if (item is ValuedChunk or ChunkFailure)
                {
                    _inFlightCount = 0;
                }

                yield return item;
                continue;
            }

            if (!untilIdle || (_inFlight is null || _inFlight.IsCompleted) && _mailbox.Count == 0)
            {
                yield break;
            }

            if (_mailbox.TryTake(out item, 100, cancellation))
            {
                if (item is ValuedChunk or ChunkFailure)
                {
                    _inFlightCount = 0;
                }

                yield return item;
            }
        }
    }

    /// <summary>Cancels the chunk in flight and waits briefly for it.</summary>
    public void Stop()
    {
        _run.Cancel();
        _inFlight?.Wait(TimeSpan.FromSeconds(5));
    }

    public void Dispose()
    {
        Stop();
        _mailbox.Dispose();
        _run.Dispose();
    }
}
