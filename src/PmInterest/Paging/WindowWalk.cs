using System;
using System.Collections.Generic;
using System.Linq;

namespace PmInterest.Paging;

/// <summary>
/// The state of one window of the range while it is paged through: which part is still to be
/// asked for, the instant at the page edge whose records may continue on the next page, and
/// the records that are final but not yet handed on. It makes no request itself: the pager
/// asks it for the next query (<see cref="Next"/>), gives it the page (<see cref="Accept"/>)
/// and takes what has become final (<see cref="Release"/>), so every step can be read and
/// tested on its own.
/// <para>
/// Paging without a cursor: a full page newest first proves everything newer than its last
/// instant complete; that instant may go on, so the next query ends there, inclusive, and its
/// records are matched against the ones already seen (a multiset: repeats are dropped, genuine
/// duplicates kept). Oldest first is the mirror image. A full page that is all one instant
/// cannot be paged past: with all assets it becomes an overflow marker, resolved by asset once
/// the whole range is known; for one asset it is reported, because nothing can split it further.
/// </para>
/// <para>
/// Records are handed on only when nothing still unwalked can come before them in the output
/// order, and then sorted by <see cref="RecordOrder{T}"/>: the output is the same whatever the
/// server's order, its tie order or the page boundaries.
/// </para>
/// </summary>
internal sealed class WindowWalk<T>
    where T : class, IPagedRecord<T>
{
    private readonly Queue<string?> _assetsToWalk;
    private readonly int _pageSize;
    private readonly RecordOrder<T> _order;
    private readonly ServerDirection _direction;
    private readonly List<Span> _pending = new();
    private readonly List<T> _settled = new();
    private readonly List<(long Instant, PagerOutput Note)> _notes = new();
    private string? _asset;
    private Span? _current;
    private long _tieInstant;
    private RecordMultiset<T>? _tie;
    private long _frontier;

    public WindowWalk(IReadOnlyList<string?> assets, long startMs, long endMs, int pageSize, RecordOrder<T> order, ServerDirection direction)
    {
        _assetsToWalk = new Queue<string?>(assets);
        StartMs = startMs;
        EndMs = endMs;
        _pageSize = pageSize;
        _order = order;
        _direction = direction;
        _frontier = order.Descending ? long.MaxValue : long.MinValue;
    }

    public long StartMs { get; }

    public long EndMs { get; }

    /// <summary>The asset being walked (null for all), for progress.</summary>
    public string? Asset => _asset;

    /// <summary>True once an overflow marker was made: the run must then learn every asset of the range.</summary>
    public bool HasOverflowMarker { get; private set; }

    /// <summary>The next request, or null when the window is walked.</summary>
    public PagerQuery? Next(long spanMs)
    {
        while (true)
        {
            if (_current is Span current)
            {
                if (current.Length > spanMs)
                {
                    _current = current = SplitForSpan(current, spanMs);
                }

                return new PagerQuery(_asset, current.Start, current.End);
            }

            if (_pending.Count > 0)
            {
                _current = TakePending();
            }
            else if (_assetsToWalk.Count > 0)
            {
                _asset = _assetsToWalk.Dequeue();
                _current = new Span(StartMs, EndMs);
            }
            else
            {
                return null;
            }
        }
    }

    /// <summary>Takes the page the server answered to <paramref name="query"/> (the one <see cref="Next"/> gave).</summary>
    public void Accept(PagerQuery query, IReadOnlyList<T> page)
    {
        PageCheck.Validate(query, page, _pageSize);
        if (page.Count < _pageSize)
        {
            // Not full: the page is everything in the query.
            SettleAll(page);
            _current = null;
            return;
        }

        var last = page[page.Count - 1].InstantMs;
        if (page.All(r => r.InstantMs == last))
        {
            Overflow(query, last, page);
            return;
        }

        var direction = PageCheck.DirectionOf(query, page);
        _direction.Learn(direction);
        SettleBeyond(page, last);
        _current = direction == ServerDirection.NewestFirst
            ? new Span(query.StartMs, last)
            : new Span(last, query.EndMs);
    }

    /// <summary>
    /// What has become final since the last call, in output order: record batches as
    /// <see cref="PagerPage{T}"/>, tie reports and overflow markers at their instant's place.
    /// </summary>
    public List<PagerOutput> Release(int requests)
    {
        var frontier = Unfinished();
        var outputs = new List<PagerOutput>();
        if (frontier == _frontier)
        {
            return outputs;
        }

        _frontier = frontier;
        var ready = Take(_settled, r => Precedes(r.InstantMs, frontier));
        ready.Sort(_order);
        var notes = Take(_notes, n => Precedes(n.Instant, frontier));
        notes.Sort((a, b) => _order.Descending ? b.Instant.CompareTo(a.Instant) : a.Instant.CompareTo(b.Instant));

        // A note follows the records of its own instant and comes before later ones.
        var next = 0;
        foreach (var (instant, note) in notes)
        {
            var upTo = next;
            while (upTo < ready.Count && !Precedes(instant, ready[upTo].InstantMs))
            {
                upTo++;
            }

            AddPage(outputs, ready, next, upTo, requests, instant);
            outputs.Add(note);
            next = upTo;
        }

        AddPage(outputs, ready, next, ready.Count, requests, CompleteMark(frontier));
        return outputs;
    }

    /// <summary>
    /// The instant beyond which (in output order) nothing is final yet: the newest unwalked
    /// instant for newest-first output, the oldest for oldest-first. Past the window when done.
    /// </summary>
    private long Unfinished()
    {
        var descending = _order.Descending;
        var bound = descending ? long.MinValue : long.MaxValue;
        void Consider(long value) => bound = descending ? Math.Max(bound, value) : Math.Min(bound, value);

        if (_current is Span current)
        {
            Consider(descending ? current.End : current.Start);
        }

        foreach (var span in _pending)
        {
            Consider(descending ? span.End : span.Start);
        }

        if (_assetsToWalk.Count > 0)
        {
            Consider(descending ? EndMs : StartMs);
        }

        return bound;
    }

    private bool Precedes(long time, long frontier) => _order.Descending ? time > frontier : time < frontier;

    private long CompleteMark(long frontier) =>
        _order.Descending
            ? (frontier == long.MinValue ? StartMs : Math.Max(StartMs, frontier + 1))
            : (frontier == long.MaxValue ? EndMs : Math.Min(EndMs, frontier - 1));

    private void AddPage(List<PagerOutput> outputs, List<T> ready, int from, int to, int requests, long completeMs)
    {
        if (to > from)
        {
            // The whole batch, as it is most often, is handed on without a copy.
            var records = from == 0 && to == ready.Count ? ready : ready.GetRange(from, to - from);
            outputs.Add(new PagerPage<T>(records, _asset, StartMs, EndMs, completeMs, requests));
        }
    }

    /// <summary>A page that is not full holds all of its query: every record is final, the edge instant's merged with those seen before.</summary>
    private void SettleAll(IReadOnlyList<T> page)
    {
        var atTie = new List<T>();
        foreach (var r in page)
        {
            (_tie is not null && r.InstantMs == _tieInstant ? atTie : _settled).Add(r);
        }

        SettleTie(atTie);
    }

    /// <summary>
    /// A full page that spans several instants: everything before its last instant (in the
    /// page's order) is final; the last instant may go on and becomes the new tie.
    /// </summary>
    private void SettleBeyond(IReadOnlyList<T> page, long edge)
    {
        var atTie = new List<T>();
        var atEdge = new RecordMultiset<T>();
        foreach (var r in page)
        {
            if (r.InstantMs == edge)
            {
                atEdge.Add(r);
            }
            else
            {
                (_tie is not null && r.InstantMs == _tieInstant ? atTie : _settled).Add(r);
            }
        }

        if (_tie is not null && _tieInstant == edge)
        {
            atEdge.UnionWith(_tie.Items);
            _tie = null;
        }

        SettleTie(atTie);
        _tie = atEdge;
        _tieInstant = edge;
    }

    /// <summary>The tie instant is complete: what this page holds there, with whatever earlier pages held and this one did not.</summary>
    private void SettleTie(List<T> atTie)
    {
        if (_tie is null)
        {
            _settled.AddRange(atTie);
            return;
        }

        _tie.UnionWith(atTie);
        _settled.AddRange(_tie.Items);
        _tie = null;
    }

    /// <summary>A full page that is all one instant: paging cannot get past it; walk what lies on either side of it.</summary>
    private void Overflow(PagerQuery query, long instant, IReadOnlyList<T> page)
    {
        var fetched = new RecordMultiset<T>();
        foreach (var r in page)
        {
            fetched.Add(r);
        }

        if (_tie is not null)
        {
            if (_tieInstant == instant)
            {
                fetched.UnionWith(_tie.Items);
            }
            else
            {
                _settled.AddRange(_tie.Items);
            }

            _tie = null;
        }

        if (_asset is null)
        {
            HasOverflowMarker = true;
            _notes.Add((instant, new PagerOverflowMarker<T>(instant, fetched, StartMs, EndMs)));
        }
        else
        {
            // One asset: nothing can split it further; hand on what paging reached and say so.
            _settled.AddRange(fetched.Items);
            var when = DateTimeOffset.FromUnixTimeMilliseconds(instant).UtcDateTime;
            _notes.Add((instant, new PagerTieOverflow(when, _asset, fetched.Count, Array.Empty<string>(), _pageSize)));
        }

        // Newest first, a page all at one instant means nothing newer is in the query; oldest
        // first, nothing older. Until the server's order is known, both sides are walked.
        _current = null;
        var direction = _direction.Value;
        if (direction != ServerDirection.OldestFirst && instant > query.StartMs)
        {
            _pending.Add(new Span(query.StartMs, instant - 1));
        }

        if (direction != ServerDirection.NewestFirst && instant < query.EndMs)
        {
            _pending.Add(new Span(instant + 1, query.EndMs));
        }
    }

    /// <summary>
    /// A span the server refuses as too long is cut: the part that holds the tie in progress is
    /// kept (its records are matched on the next page), else the part that comes first in the
    /// output, so output can stream; the rest waits.
    /// </summary>
    private Span SplitForSpan(Span span, long spanMs)
    {
        var keepStart = _tie is not null ? _tieInstant == span.Start : !_order.Descending;
        Span kept, rest;
        if (keepStart)
        {
            kept = new Span(span.Start, span.Start + spanMs - 1);
            rest = new Span(kept.End + 1, span.End);
        }
        else
        {
            kept = new Span(span.End - spanMs + 1, span.End);
            rest = new Span(span.Start, kept.Start - 1);
        }

        _pending.Add(rest);
        return kept;
    }

    /// <summary>The pending span that comes first in the output order.</summary>
    private Span TakePending()
    {
        var best = 0;
        for (var i = 1; i < _pending.Count; i++)
        {
            if (_order.Descending ? _pending[i].End > _pending[best].End : _pending[i].Start < _pending[best].Start)
            {
                best = i;
            }
        }

        var span = _pending[best];
        _pending.RemoveAt(best);
        return span;
    }

    private static List<TItem> Take<TItem>(List<TItem> items, Func<TItem, bool> ready)
    {
        var taken = new List<TItem>(items.Count);
        var kept = 0;
        for (var i = 0; i < items.Count; i++)
        {
            if (ready(items[i]))
            {
                taken.Add(items[i]);
            }
            else
            {
                items[kept++] = items[i];
            }
        }

        items.RemoveRange(kept, items.Count - kept);
        return taken;
    }

    /// <summary>An inclusive span of epoch milliseconds.</summary>
    private readonly struct Span
    {
        public Span(long start, long end)
        {
            Start = start;
            End = end;
        }

        public long Start { get; }

        public long End { get; }

        public long Length => End - Start + 1;
    }
}
