using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using PmInterest.Emulator;
using PmInterest.Ledger;
using static PmInterest.Tests.Client.EmulatorFixture;

namespace PmInterest.Tests.Commands;

/// <summary>A folder for one test's ledgers and the ledger text the emulator's records must give.</summary>
internal sealed class LedgerRun : IDisposable
{
    public const string Connect = "Connect-PmAccount -ApiKey $key -ApiSecret $secret -BaseUri $uri -SkipCheck";

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public LedgerRun()
    {
        Folder = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "pminterest-export-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Folder);
        Path = File("ledger.csv");
    }

    public string Folder { get; }

    /// <summary>The ledger of the test.</summary>
    public string Path { get; }

    public string ScopePath => Path + ".scope";

    public string File(string name) => System.IO.Path.Combine(Folder, name);

    public static DateTime Day(int day) => DataStart.UtcDateTime.AddDays(day);

    /// <summary>The emulator's records in an inclusive range (and of the assets given), as Binance sent them.</summary>
    public static List<NegativeBalanceInterest> Records(EmulatorServer server, DateTime from, DateTime to, params string[] assets)
    {
        var fromMs = new DateTimeOffset(from).ToUnixTimeMilliseconds();
        var toMs = new DateTimeOffset(to).ToUnixTimeMilliseconds();
        return server.Records
            .Where(r => r.InterestAccruedTime >= fromMs && r.InterestAccruedTime <= toMs && (assets.Length == 0 || assets.Contains(r.Asset)))
            .Select(ToRecord)
            .OrderBy(r => r, PmInterest.Paging.RecordOrder<NegativeBalanceInterest>.OldestFirst)
            .ToList();
    }

    public static NegativeBalanceInterest ToRecord(EmulatorRecord r) => new(
        r.Asset,
        Amount(r.Interest),
        Amount(r.InterestRate),
        Amount(r.Principal),
        DateTimeOffset.FromUnixTimeMilliseconds(r.InterestAccruedTime).UtcDateTime);

    /// <summary>The bytes a ledger of exactly these records holds.</summary>
    public static byte[] LedgerBytes(IEnumerable<NegativeBalanceInterest> sorted) =>
        Utf8.GetBytes(LedgerFormat.Header + "\n" + string.Concat(sorted.Select(r => LedgerFormat.FormatRow(r) + "\n")));

    public static string Text(byte[] bytes) => Utf8.GetString(bytes);

    public static string Ms(DateTime utc) => Watermark.Format(utc);

    public Dictionary<string, object?> Vars(EmulatorServer server, DateTime from, DateTime to, Dictionary<string, object?>? more = null)
    {
        var vars = CmdletTests.Vars(server, from, to, more);
        vars["path"] = Path;
        return vars;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a runspace that is being torn down; the temp folder is cleaned later.
        }
    }

    private static decimal Amount(string text) => decimal.Parse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
}
