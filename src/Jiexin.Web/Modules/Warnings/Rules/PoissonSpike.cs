namespace Jiexin.Modules.Warnings.Rules;

/// <summary>
/// Rule (a): today's count of a 大类 in a community against its own baseline. λ = mean of the previous
/// <c>baselineDays</c> daily counts (days without reports count 0), floored at 1/baselineDays (a never-seen category
/// is treated as one report in the window, not as impossible). Fires when today ≥ minCount and
/// P(X ≥ today | X ~ Poisson(λ)) &lt; α, i.e. today is above the Poisson (1 − α) upper quantile.
/// </summary>
public static class PoissonSpike
{
    public sealed record Verdict(double Lambda, int Threshold, double PValue, bool Fires);

    public static Verdict Evaluate(int today, IReadOnlyList<int> baseline, int minCount, double alpha)
    {
        var days = Math.Max(1, baseline.Count);
        var lambda = Math.Max(baseline.Sum() / (double)days, 1.0 / days);
        var p = UpperTail(today, lambda);
        return new(lambda, Threshold(lambda, alpha), p, today >= minCount && p < alpha);
    }

    /// <summary>The smallest k with P(X ≥ k) &lt; α: the count from which a day is a spike (before the minimum).</summary>
    public static int Threshold(double lambda, double alpha)
    {
        var k = (int)Math.Floor(lambda);
        while (UpperTail(k, lambda) >= alpha)
        {
            k++;
        }

        return k;
    }

    /// <summary>P(X ≥ k) for X ~ Poisson(λ), summed from k upwards in log space (exact for tiny tails).</summary>
    public static double UpperTail(int k, double lambda)
    {
        if (k <= 0)
        {
            return 1;
        }

        var logTerm = -lambda + k * Math.Log(lambda) - LogFactorial(k);
        double sum = 0;
        for (var i = k; i < k + 10_000; i++)
        {
            var term = Math.Exp(logTerm);
            sum += term;
            if (i > lambda && term < sum * 1e-15)
            {
                break;
            }

            logTerm += Math.Log(lambda) - Math.Log(i + 1);
        }

        return Math.Min(1, sum);
    }

    private static double LogFactorial(int n)
    {
        double s = 0;
        for (var i = 2; i <= n; i++)
        {
            s += Math.Log(i);
        }

        return s;
    }
}
