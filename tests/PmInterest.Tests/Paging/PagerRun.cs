using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using PmInterest.Interest;
using PmInterest.Paging;

namespace PmInterest.Tests.Paging;

/// <summary>Runs the pager to the end and keeps what it handed on.</summary>
internal static class PagerRun
{
    public static async Task<(List<NegativeBalanceInterest> Records, List<PagerTieOverflow> Overflows, int Requests)> RunAsync(
        IPageSource<NegativeBalanceInterest> source, PagerRequest<NegativeBalanceInterest> request, PagerOptions options, CancellationToken cancellationToken = default)
    {
        var records = new List<NegativeBalanceInterest>();
        var overflows = new List<PagerTieOverflow>();
        var pager = new WindowPager<NegativeBalanceInterest>(source, options);
        await pager.RunAsync(
            request,
            (output, _) =>
            {
                switch (output)
                {
                    case PagerPage<NegativeBalanceInterest> page:
                        records.AddRange(page.Records);
                        break;
                    case PagerTieOverflow o:
                        overflows.Add(o);
                        break;
                }

                return Task.CompletedTask;
            },
            cancellationToken);
        return (records, overflows, pager.Requests);
    }

    public static List<string> Canonical(IEnumerable<NegativeBalanceInterest> records) =>
        records.Select(r => r.AccruedMs + "|" + r.Asset + "|" + r.Interest + "|" + r.InterestRate + "|" + r.Principal)
            .OrderBy(s => s, System.StringComparer.Ordinal)
            .ToList();
}
