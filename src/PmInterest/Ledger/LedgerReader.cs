using System;
using System.Collections.Generic;

namespace PmInterest.Ledger;

/// <summary>
/// A ledger's rows as records, streaming, for Import: exact (amounts keep their scale, times
/// are UTC) and independent of culture and time zone. As strict as <see cref="LedgerFile.Open"/>:
/// the header, every row and the order are checked as the rows go by, and the first fault is a
/// <see cref="LedgerFormatException"/> naming its line. Reading changes nothing in the file.
/// </summary>
internal static class LedgerReader
{
    public static IEnumerable<NegativeBalanceInterest> Read(string fullPath) => Read(fullPath, onTornLastLine: null);

    /// <summary>
    /// As <see cref="Read(string)"/>; a last line without its LF (a write that was cut short) is
    /// not a row yet, so it is left out, as the next export would cut it, and
    /// <paramref name="onTornLastLine"/> is told its line number.
    /// </summary>
    public static IEnumerable<NegativeBalanceInterest> Read(string fullPath, Action<long>? onTornLastLine)
    {
        using var stream = LedgerFileAccess.OpenForReading(fullPath);
        var scanner = new LedgerScanner(stream, fullPath);
        bool hasHeader;
        try
        {
            hasHeader = scanner.ReadHeader();
        }
        catch (System.IO.IOException e)
        {
            throw LedgerFileAccess.Unusable(fullPath, e, writing: false);
        }

        while (hasHeader)
        {
            NegativeBalanceInterest row;
            try
            {
                if (!scanner.TryReadRow(out row, out _))
                {
                    break;
                }
            }
            catch (System.IO.IOException e)
            {
                throw LedgerFileAccess.Unusable(fullPath, e, writing: false);
            }

            yield return row;
        }

        if (scanner.TornStart >= 0)
        {
            onTornLastLine?.Invoke(scanner.TornLineNumber);
        }
    }
}
