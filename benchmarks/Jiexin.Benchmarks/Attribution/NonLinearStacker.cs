namespace Jiexin.Benchmarks.Attribution;

/// <summary>
/// A non-linear stacker for <c>classifier-explore</c> (benchmark only): the members' out-of-fold scores z (14 numbers for
/// two members) → logits = A·z + a + V·tanh(U·z + u), i.e. the shipped softmax stacker plus one small hidden layer beside
/// it, so it can learn when the members' disagreement matters (interactions the linear stacker cannot express). Trained
/// by full-batch Adam on the multinomial log-loss with L2 on every weight, a fixed number of steps from a seeded start:
/// deterministic. It would not fold into the one weight matrix: serving would compute both members' 7 scores (14 sparse
/// dot products instead of 7) and then this tiny network.
/// </summary>
internal sealed class NonLinearStacker
{
    private readonly int _d;
    private readonly int _h;
    private readonly int _k;
    private readonly double[] _p; // A (k·d), a (k), U (h·d), u (h), V (k·h)

    private NonLinearStacker(int d, int h, int k, double[] p) => (_d, _h, _k, _p) = (d, h, k, p);

    private int OA => 0;

    private int Oa => _k * _d;

    private int OU => Oa + _k;

    private int Ou => OU + (_h * _d);

    private int OV => Ou + _h;

    public double[] Logits(double[] z)
    {
        var hidden = new double[_h];
        return Forward(z, hidden);
    }

    private double[] Forward(double[] z, double[] hidden)
    {
        for (var j = 0; j < _h; j++)
        {
            var v = _p[Ou + j];
            for (var i = 0; i < _d; i++)
            {
                v += _p[OU + (j * _d) + i] * z[i];
            }

            hidden[j] = Math.Tanh(v);
        }

        var logits = new double[_k];
        for (var l = 0; l < _k; l++)
        {
            var v = _p[Oa + l];
            for (var i = 0; i < _d; i++)
            {
                v += _p[OA + (l * _d) + i] * z[i];
            }

            for (var j = 0; j < _h; j++)
            {
                v += _p[OV + (l * _h) + j] * hidden[j];
            }

            logits[l] = v;
        }

        return logits;
    }

    public static NonLinearStacker Fit(double[][] z, int[] y, int k, int hidden, int steps, double l2, int seed)
    {
        var d = z[0].Length;
        var size = (k * d) + k + (hidden * d) + hidden + (k * hidden);
        var model = new NonLinearStacker(d, hidden, k, new double[size]);
        var p = model._p;
        var random = new Random(seed);
        for (var i = model.OU; i < model.Ou; i++)
        {
            p[i] = (random.NextDouble() - 0.5) * 2 / Math.Sqrt(d);
        }

        for (var i = model.OV; i < size; i++)
        {
            p[i] = (random.NextDouble() - 0.5) * 2 / Math.Sqrt(hidden);
        }

        var g = new double[size];
        var m = new double[size];
        var v2 = new double[size];
        var h = new double[hidden];
        var dh = new double[hidden];
        const double rate = 0.02, beta1 = 0.9, beta2 = 0.999, eps = 1e-8;
        for (var step = 1; step <= steps; step++)
        {
            Array.Clear(g);
            for (var n = 0; n < z.Length; n++)
            {
                var zi = z[n];
                var logits = model.Forward(zi, h);
                var prob = Jiexin.Modules.Attribution.Model.TextClassifier.Softmax(logits, 1);
                prob[y[n]] -= 1;
                Array.Clear(dh);
                for (var l = 0; l < k; l++)
                {
                    var e = prob[l];
                    g[model.Oa + l] += e;
                    for (var i = 0; i < d; i++)
                    {
                        g[model.OA + (l * d) + i] += e * zi[i];
                    }

                    for (var j = 0; j < hidden; j++)
                    {
                        g[model.OV + (l * hidden) + j] += e * h[j];
                        dh[j] += e * p[model.OV + (l * hidden) + j];
                    }
                }

                for (var j = 0; j < hidden; j++)
                {
                    var back = dh[j] * (1 - (h[j] * h[j]));
                    g[model.Ou + j] += back;
                    for (var i = 0; i < d; i++)
                    {
                        g[model.OU + (j * d) + i] += back * zi[i];
                    }
                }
            }

            var c1 = 1 - Math.Pow(beta1, step);
            var c2 = 1 - Math.Pow(beta2, step);
            for (var i = 0; i < size; i++)
            {
                var isBias = (i >= model.Oa && i < model.OU) || (i >= model.Ou && i < model.OV);
                var grad = (g[i] / z.Length) + (isBias ? 0 : l2 * p[i]);
                m[i] = (beta1 * m[i]) + ((1 - beta1) * grad);
                v2[i] = (beta2 * v2[i]) + ((1 - beta2) * grad * grad);
                p[i] -= rate * (m[i] / c1) / (Math.Sqrt(v2[i] / c2) + eps);
            }
        }

        return model;
    }
}
