using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Exporters.Json;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace PmInterest.Benchmarks;

/// <summary>
/// Entry point: <c>dotnet run -c Release --project bench/PmInterest.Benchmarks -- --filter '*'</c>.
/// One short job (1 launch, 3 warm-up and 10 measured iterations), run in process so nothing
/// else has to be generated and built: the whole set finishes in about a minute on 2 cores.
/// Results also go to &lt;artifacts&gt;/results as JSON (Run-Benchmarks.ps1 passes --artifacts and reads them).
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        var job = Job.ShortRun
            .WithWarmupCount(3)
            .WithIterationCount(10)
            .WithToolchain(InProcessEmitToolchain.Instance)
            .WithId("Short-InProcess");

        var config = DefaultConfig.Instance
            .AddJob(job.AsDefault())
            .AddDiagnoser(MemoryDiagnoser.Default)
            .AddExporter(JsonExporter.Full)
            .WithOptions(ConfigOptions.JoinSummary | ConfigOptions.DisableLogFile);

        var summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, config);
        foreach (var summary in summaries)
        {
            if (summary.HasCriticalValidationErrors || summary.Reports.Any(r => !r.Success))
            {
                return 1;
            }
        }

        return 0;
    }
}
