using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using PmInterest.Interest;

namespace PmInterest.Benchmarks;

/// <summary>
/// The cost of turning one 100-record page (the JSON the endpoint answers with) into typed
/// records with <see cref="InterestHistoryParser.Parse"/>. OperationsPerInvoke = 100, so the
/// figures BenchmarkDotNet prints (time and allocation) are per record.
/// </summary>
[BenchmarkCategory("Parsing")]
public class ParsingBenchmarks
{
    public const int RecordsPerPage = 100;

    private static readonly string[] Assets = ["USDT", "USDC", "BTC", "ETH", "BNB", "FDUSD", "SOL", "XRP"];

    /// <summary>A page shaped like Binance's: newest first, ties of several assets per instant, decimal strings of mixed scale.</summary>
    public string Page { get; private set; } = string.Empty;

    [GlobalSetup]
    public void Setup()
    {
        Page = BuildPage(seed: 20250101);
        var records = InterestHistoryParser.Parse(Page);
        if (records.Count != RecordsPerPage || records[0].Interest.ToString(CultureInfo.InvariantCulture).Length == 0)
        {
            throw new InvalidOperationException($"Benchmark setup check failed: the page parsed to {records.Count} records, not {RecordsPerPage}.");
        }
    }

    [Benchmark(OperationsPerInvoke = RecordsPerPage, Description = "Parse page of 100 (per record)")]
    public int ParsePerRecord() => InterestHistoryParser.Parse(Page).Count;

    internal static string BuildPage(int seed)
    {
        // Deterministic, not security relevant: fixed-seed data for a repeatable benchmark.
#pragma warning disable CA5394 // Do not use insecure randomness
        var random = new Random(seed);
        var json = new StringBuilder(RecordsPerPage * 140);
        json.Append('[');
        long time = 1_767_225_600_000; // 2026-01-01T00:00:00Z
        var written = 0;
        while (written < RecordsPerPage)
        {
            // 1 to 4 assets share each hourly instant.
            var tie = random.Next(1, 5);
            for (var a = 0; a < tie && written < RecordsPerPage; a++, written++)
            {
                if (written > 0)
                {
                    json.Append(',');
                }

                var principal = Math.Round((decimal)(random.NextDouble() * 250_000), random.Next(0, 3) * 2);
                var rate = Math.Round((decimal)(random.NextDouble() * 0.0006), random.Next(7, 9));
                var interest = Math.Round(principal * rate / 24m, 8);
                json.Append("{\"asset\":\"").Append(Assets[(a * 3) % Assets.Length])
                    .Append("\",\"interest\":\"").Append(interest.ToString(CultureInfo.InvariantCulture))
                    .Append("\",\"interestAccruedTime\":").Append(time.ToString(CultureInfo.InvariantCulture))
                    .Append(",\"interestRate\":\"").Append(rate.ToString(CultureInfo.InvariantCulture))
                    .Append("\",\"principal\":\"").Append(principal.ToString(CultureInfo.InvariantCulture))
                    .Append("\"}");
            }

            time -= 3_600_000;
        }
#pragma warning restore CA5394

        return json.Append(']').ToString();
    }
}
