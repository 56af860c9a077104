using BenchmarkDotNet.Running;

namespace Jiexin.Benchmarks;

/// <summary>
/// Runs the benchmarks chosen on the command line (see benchmarks/README.md):
/// <c>dotnet run -c Release --project benchmarks/Jiexin.Benchmarks -- --filter '*'</c>.
/// </summary>
public static class BenchmarkProgram
{
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(BenchmarkProgram).Assembly).Run(args);
}
