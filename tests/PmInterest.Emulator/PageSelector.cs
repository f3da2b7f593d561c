namespace PmInterest.Emulator;

/// <summary>
/// Cuts one page out of a window the way the server orders it: the <c>size</c> newest (or
/// oldest) records, whole ties first in order, and the tie that straddles the page end
/// contributes whichever of its members come first in the tie order. With shuffled ties that
/// is a random subset, as a real database may return it.
/// </summary>
internal static class PageSelector
{
    internal static List<EmulatorRecord> Select(ReadOnlySpan<EmulatorRecord> window, int size, RecordOrder order, TieOrder tieOrder, Func<int, int>? nextRandom)
    {
        var page = new List<EmulatorRecord>(Math.Min(size, window.Length));
        bool newestFirst = order == RecordOrder.NewestFirst;
        int position = newestFirst ? window.Length - 1 : 0;
        while (page.Count < size && position >= 0 && position < window.Length)
        {
            // The window is oldest first with ties sorted by asset: find the tie around position.
            long time = window[position].InterestAccruedTime;
            int tieStart = position;
            int tieEnd = position;
            if (newestFirst)
            {
                while (tieStart > 0 && window[tieStart - 1].InterestAccruedTime == time)
                {
                    tieStart--;
                }

                position = tieStart - 1;
            }
            else
            {
                while (tieEnd < window.Length - 1 && window[tieEnd + 1].InterestAccruedTime == time)
                {
                    tieEnd++;
                }

                position = tieEnd + 1;
            }

            EmulatorRecord[] tie = window[tieStart..(tieEnd + 1)].ToArray();
            if (tieOrder == TieOrder.Shuffled && nextRandom is not null)
            {
                Shuffle(tie, nextRandom);
            }

            foreach (EmulatorRecord record in tie)
            {
                if (page.Count == size)
                {
                    break;
                }

                page.Add(record);
            }
        }

        return page;
    }

    /// <summary>Fisher-Yates; <paramref name="nextRandom"/>(n) returns a value in [0, n).</summary>
    private static void Shuffle(EmulatorRecord[] items, Func<int, int> nextRandom)
    {
        for (int i = items.Length - 1; i > 0; i--)
        {
            int j = nextRandom(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }
}
