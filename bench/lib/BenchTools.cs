// Helpers for bench/Run-Benchmarks.ps1, compiled with Add-Type: the parts that loop over
// 100,000 records (ground truth, request minimum, CSV checks) are too slow as script.
using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace PmInterestBench
{
    /// <summary>The emulator's data set (GET /_emulator/records), newest first.</summary>
    public sealed class Truth
    {
        public const long SpanMs = 30L * 24 * 60 * 60 * 1000;
        public const int PageSize = 100;

        private Truth(long[] times, HashSet<string> keys)
        {
            Times = times;
            Keys = keys;
        }

        /// <summary>interestAccruedTime of every record, newest first (the emulator's order).</summary>
        public long[] Times { get; }

        /// <summary>"ASSET|epochMs" of every record.</summary>
        public HashSet<string> Keys { get; }

        public int Count => Times.Length;

        public static Truth FromJson(string json)
        {
            using var document = JsonDocument.Parse(json);
            var times = new List<long>(document.RootElement.GetArrayLength());
            var keys = new HashSet<string>(StringComparer.Ordinal);
            foreach (var record in document.RootElement.EnumerateArray())
            {
                var time = record.GetProperty("interestAccruedTime").GetInt64();
                var asset = record.GetProperty("asset").GetString();
                times.Add(time);
                keys.Add(asset + "|" + time.ToString(CultureInfo.InvariantCulture));
            }

            return new Truth(times.ToArray(), keys);
        }

        /// <summary>
        /// The 30-day windows a walk of [startMs, endMs] uses, newest first, exactly as the module
        /// and the baselines cut them: hi = end; lo = max(start, hi - span + 1); next hi = lo - 1.
        /// </summary>
        public static List<long[]> Windows(long startMs, long endMs)
        {
            var windows = new List<long[]>();
            for (var hi = endMs; ;)
            {
                var lo = Math.Max(startMs, hi - SpanMs + 1);
                windows.Add(new[] { lo, hi });
                if (lo <= startMs)
                {
                    return windows;
                }

                hi = lo - 1;
            }
        }

        /// <summary>Records in [startMs, endMs].</summary>
        public int CountIn(long startMs, long endMs)
        {
            var n = 0;
            foreach (var t in Times)
            {
                if (t >= startMs && t <= endMs)
                {
                    n++;
                }
            }

            return n;
        }

        /// <summary>The brief's minimum: per 30-day window, max(1, ceil(records / 100)).</summary>
        public int MinimumRequests(long startMs, long endMs)
        {
            var total = 0;
            foreach (var w in Windows(startMs, endMs))
            {
                var n = CountIn(w[0], w[1]);
                total += Math.Max(1, (n + PageSize - 1) / PageSize);
            }

            return total;
        }

        /// <summary>
        /// Requests a correct newest-first pager needs on this data set: each full page moves
        /// endTime to its oldest instant inclusive, so that instant's records on the page are
        /// fetched again (the tie overlap). Simulated on the emulator's own page order. Returns
        /// -1 when a page is a single instant (no inclusive pager can get past it unsplit).
        /// </summary>
        public int InclusivePagingRequests(long startMs, long endMs)
        {
            var total = 0;
            foreach (var w in Windows(startMs, endMs))
            {
                var window = new List<long>();
                foreach (var t in Times)
                {
                    if (t >= w[0] && t <= w[1])
                    {
                        window.Add(t); // still newest first
                    }
                }

                var position = 0;
                while (true)
                {
                    total++;
                    var pageCount = Math.Min(PageSize, window.Count - position);
                    if (pageCount < PageSize)
                    {
                        break;
                    }

                    var oldest = window[position + PageSize - 1];
                    if (window[position] == oldest)
                    {
                        return -1;
                    }

                    var next = position;
                    while (window[next] != oldest)
                    {
                        next++;
                    }

                    position = next;
                }
            }

            return total;
        }
    }

    /// <summary>What a client's CSV holds, checked against the truth.</summary>
    public sealed class CsvCheck
    {
        public int Rows { get; private set; }

        public int Duplicates { get; private set; }

        public int Unexpected { get; private set; }

        public int Missing { get; private set; }

        public bool Correct => Duplicates == 0 && Unexpected == 0 && Missing == 0;

        public string Text => Correct
            ? "ok"
            : string.Format(CultureInfo.InvariantCulture, "WRONG: {0} missing, {1} duplicated, {2} unexpected", Missing, Duplicates, Unexpected);

        /// <summary>
        /// Reads a CSV of Asset, Interest, InterestRate, Principal, InterestAccruedTime (quoted
        /// fields, as Export-Csv and walk.mjs write them). Times are ISO 8601 (Node) or the
        /// current culture's DateTime text (Export-Csv); both are read as UTC.
        /// </summary>
        public static CsvCheck Read(string path, Truth truth, long startMs, long endMs)
        {
            var check = new CsvCheck();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var expected = 0;
            foreach (var key in truth.Keys)
            {
                var time = long.Parse(key.Substring(key.IndexOf('|') + 1), CultureInfo.InvariantCulture);
                if (time >= startMs && time <= endMs)
                {
                    expected++;
                }
            }

            string[] header = null;
            int assetColumn = 0, timeColumn = 0;
            var found = 0;
            foreach (var line in File.ReadLines(path))
            {
                if (header is null)
                {
                    // Columns by name: each client writes its own set, in its own order.
                    header = line.Split(',').Select(h => h.Trim('"')).ToArray();
                    assetColumn = Array.FindIndex(header, h => string.Equals(h, "asset", StringComparison.OrdinalIgnoreCase));
                    timeColumn = Array.FindIndex(header, h => string.Equals(h, "interestAccruedTime", StringComparison.OrdinalIgnoreCase));
                    if (assetColumn < 0 || timeColumn < 0)
                    {
                        throw new InvalidDataException(path + " has no asset or interestAccruedTime column.");
                    }

                    continue;
                }

                if (line.Length == 0)
                {
                    continue;
                }

                check.Rows++;
                var fields = line.Split(',');
                var asset = fields[assetColumn].Trim('"');
                var timeText = fields[timeColumn].Trim('"');
                var culture = timeText.EndsWith("Z", StringComparison.Ordinal) ? CultureInfo.InvariantCulture : CultureInfo.CurrentCulture;
                var time = DateTimeOffset.Parse(timeText, culture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal).ToUnixTimeMilliseconds();
                var key = asset + "|" + time.ToString(CultureInfo.InvariantCulture);
                if (!seen.Add(key))
                {
                    check.Duplicates++;
                }
                else if (!truth.Keys.Contains(key) || time < startMs || time > endMs)
                {
                    check.Unexpected++;
                }
                else
                {
                    found++;
                }
            }

            check.Missing = expected - found;
            return check;
        }
    }
}
