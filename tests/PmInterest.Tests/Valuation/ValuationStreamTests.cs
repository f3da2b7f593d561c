using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using PmInterest.Valuation;
using Xunit;

namespace PmInterest.Tests.Valuation;

/// <summary>Bounded chunks: the input's order is kept, at most two chunks are held, and values come out before the input ends.</summary>
public sealed class ValuationStreamTests
{
    [Fact]
    public void A_large_input_keeps_its_order_holds_at_most_two_chunks_and_its_first_values_come_out_early()
    {
        const int total = 100_000;
        const int chunk = 1_000;
        using var stream = new ValuationStream(ValueSlowly, CancellationToken.None, chunk) { FirstChunkSize = 100 };
        var written = new List<long>(total);
        var readWhenFirstWritten = -1;

        // What the cmdlet does: take what is there before each record, and wait for the chunk in flight only when the buffer is due.
        for (var i = 0; i < total; i++)
        {
            Take(stream, false, written);
            if (readWhenFirstWritten < 0 && written.Count > 0)
            {
                readWhenFirstWritten = i;
            }

            stream.Add(MarketFixture.Record("USDT", i * 60_000L));
            if (stream.Due)
            {
                Take(stream, true, written);
                if (readWhenFirstWritten < 0 && written.Count > 0)
                {
                    readWhenFirstWritten = i;
                }

                stream.Start();
            }
        }

        Take(stream, true, written);
        stream.Start();
        Take(stream, true, written);

        Assert.Equal(Enumerable.Range(0, total).Select(i => i * 60_000L), written);
        Assert.InRange(stream.MostHeld, chunk, 2 * chunk);
        Assert.InRange(readWhenFirstWritten, 100, 2 * chunk);
    }

    [Fact]
    public void A_partial_chunk_is_valued_once_it_has_waited_and_nothing_else_is()
    {
        using var stream = new ValuationStream(ValueSlowly, CancellationToken.None, 1_000) { FlushAfter = TimeSpan.FromMilliseconds(20) };
        stream.Add(MarketFixture.Record("USDT", 0));
        Assert.False(stream.Due);
        Thread.Sleep(40);
        Assert.True(stream.Due);
    }

    [Fact]
    public void A_failed_chunk_is_told_not_thrown_on_the_background()
    {
        using var stream = new ValuationStream((_, _) => throw new InvalidOperationException("broken"), CancellationToken.None, 10);
        stream.Add(MarketFixture.Record("USDT", 0));
        stream.Start();
        var failure = Assert.IsType<ChunkFailure>(Assert.Single(stream.Take(true, CancellationToken.None)));
        Assert.Equal("broken", failure.Exception.Message);
    }

    private static async Task<ValuedChunk> ValueSlowly(IReadOnlyList<NegativeBalanceInterest> chunk, CancellationToken token)
    {
        await Task.Delay(1, token);
        return new ValuedChunk(chunk.Select(r => new ValuedInterest(r, r.Asset, 1m, r.Asset, null, r.Interest, null)).ToList(), 0);
    }

    private static void Take(ValuationStream stream, bool untilIdle, List<long> written)
    {
        foreach (var item in stream.Take(untilIdle, CancellationToken.None))
        {
            if (item is ValuedChunk valued)
            {
                written.AddRange(valued.Records.Select(v => v.Record.AccruedMs));
            }
        }
    }
}
