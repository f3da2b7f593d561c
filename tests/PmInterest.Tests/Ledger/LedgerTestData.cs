using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using PmInterest.Interest;
using PmInterest.Ledger;
using PmInterest.Paging;

namespace PmInterest.Tests.Ledger;

/// <summary>Records, random ledgers and file helpers for the ledger tests.</summary>
internal static class LedgerTestData
{
    public static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>A record from text, the way a test reads best: R("2024-05-01T10:00:00.000Z", "BTC", "0.0012", ...).</summary>
    public static NegativeBalanceInterest R(string time, string asset, string interest, string rate = "0.00012", string principal = "100")
    {
        var utc = DateTime.ParseExact(time, "yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
        return new NegativeBalanceInterest(asset, Dec(interest), Dec(rate), Dec(principal), utc);
    }

    public static decimal Dec(string text) => decimal.Parse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);

    /// <summary>
    /// Random records sorted oldest first: instants close together so ties are common, several
    /// assets per instant (each at most once: (asset, instant) is the ledger's key), amounts of
    /// varying scale.
    /// </summary>
    public static List<NegativeBalanceInterest> Sorted(Random random, int instants, int maxTie = 5)
    {
        var assets = new[] { "BTC", "ETH", "USDT", "BNB", "ÄÖ", "1INCH", "BIFI", "A.B_C-D" };
        var records = new List<NegativeBalanceInterest>();
        var t = 1_700_000_000_000L;
        for (var i = 0; i < instants; i++)
        {
            t += 1 + random.Next(3) * 3_600_000L;
            var tie = Math.Min(assets.Length, 1 + random.Next(maxTie));
            var picked = assets.OrderBy(_ => random.Next()).Take(tie).ToList();
            foreach (var asset in picked)
            {
                var principal = Math.Round((decimal)random.NextDouble() * 1_000_000m, random.Next(0, 9));
                var rate = Math.Round((decimal)random.NextDouble() / 1000m, random.Next(4, 12));
                var interest = Math.Round(principal * rate / 24m, random.Next(0, 18));
                records.Add(new NegativeBalanceInterest(asset, interest, rate, principal, DateTimeOffset.FromUnixTimeMilliseconds(t).UtcDateTime));
            }
        }

        records.Sort(RecordOrder<NegativeBalanceInterest>.OldestFirst);
        return records;
    }

    /// <summary>The bytes one append of all records writes: the reference every other way must equal.</summary>
    public static byte[] ExpectedBytes(IEnumerable<NegativeBalanceInterest> sorted) =>
        Utf8.GetBytes(LedgerFormat.Header + "\n" + string.Concat(sorted.Select(r => LedgerFormat.FormatRow(r) + "\n")));

    public static LedgerFile Open(string path) => LedgerFile.Open(path, TimeSpan.FromSeconds(5), default);

    public static byte[] BuildInOneAppend(string path, IReadOnlyList<NegativeBalanceInterest> sorted)
    {
        using (var ledger = Open(path))
        {
            ledger.Append(sorted);
        }

        return File.ReadAllBytes(path);
    }
}

/// <summary>A fresh folder for one test's files, deleted afterwards.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "pminterest-ledger-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        foreach (var file in Directory.EnumerateFiles(Path))
        {
            System.IO.File.SetAttributes(file, FileAttributes.Normal);
        }

        Directory.Delete(Path, recursive: true);
    }
}

/// <summary>Sets the current culture and UI culture for a test and restores them.</summary>
internal sealed class CultureScope : IDisposable
{
    private readonly CultureInfo _culture = CultureInfo.CurrentCulture;
    private readonly CultureInfo _uiCulture = CultureInfo.CurrentUICulture;

    public CultureScope(string name)
    {
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(name);
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(name);
    }

    public void Dispose()
    {
        CultureInfo.CurrentCulture = _culture;
        CultureInfo.CurrentUICulture = _uiCulture;
    }
}
