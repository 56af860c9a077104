using BenchmarkDotNet.Running;

namespace Jiexin.Benchmarks;

/// <summary>
/// Runs the benchmarks chosen on the command line (see benchmarks/README.md):
/// <c>dotnet run -c Release --project benchmarks/Jiexin.Benchmarks -- --filter '*'</c>.
/// </summary>
public static class BenchmarkProgram
{
    public static void Main(string[] args)
    {
        // Not a BenchmarkDotNet run: trains and scores classifiers on the labelled messages (Attribution/ClassifierComparison.cs).
        if (args is ["classifier-compare", .. var rest])
        {
            Attribution.ClassifierComparison.Run(rest);
            return;
        }

        if (args is ["classifier-explore", .. var explore])
        {
            Attribution.ClassifierExploration.Run(explore);
            return;
        }

        // Not a BenchmarkDotNet run: one 100,000-person import through the API into a fresh database (Registry/PeopleImportRun.cs).
        if (args is ["registry-import", .. var importArgs])
        {
            Registry.PeopleImportRun.Run(importArgs);
            return;
        }

        // Not a BenchmarkDotNet run: N generated events, then the overview against naive queries (Analytics/OverviewRun.cs).
        if (args is ["analytics-overview", .. var overviewArgs])
        {
            Analytics.OverviewRun.Run(overviewArgs);
            return;
        }

        BenchmarkSwitcher.FromAssembly(typeof(BenchmarkProgram).Assembly).Run(args);
    }
}
