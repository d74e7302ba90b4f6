// SPDX-License-Identifier: MIT
package vit.tensor.cpu;

import vit.tensor.BinaryOp;
import vit.tensor.UnaryOp;

/** The scalar formulas behind the CPU kernels, computed in double and rounded once to float. */
public final class Formulas {
    private static final double SQRT_2 = Math.sqrt(2);
    private static final double INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);
    private static final double SQRT_2_OVER_PI = Math.sqrt(2 / Math.PI);
    private static final double TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);

    private Formulas() {
    }

    public static float unary(UnaryOp op, float x) {
        switch (op) {
            case NEG:
                return -x;
            case EXP:
                return (float) Math.exp(x);
            case LOG:
                return (float) Math.log(x);
            case SQRT:
                return (float) Math.sqrt(x);
            case RSQRT:
                return (float) (1 / Math.sqrt(x));
            case ABS:
                return Math.abs(x);
            case TANH:
                return (float) Math.tanh(x);
            case RELU:
                return x > 0 ? x : (Float.isNaN(x) ? x : 0f);
            case GELU:
                return (float) gelu(x);
            case GELU_TANH:
                return (float) geluTanh(x);
            case GELU_GRAD:
                return (float) (phi(x) + x * INV_SQRT_2PI * Math.exp(-0.5 * (double) x * x));
            case GELU_TANH_GRAD: {
                // d/dx x s(2u) = s + x * 2 s (1 - s) * du/dx, with s = (1 + tanh u) / 2 = sigmoid(2u)
                double s = sigmoid(2 * geluTanhArg(x));
                return (float) (s + x * 2 * s * (1 - s) * SQRT_2_OVER_PI * (1 + 3 * 0.044715 * (double) x * x));
            }
            case STEP:
                return x > 0 ? 1f : 0f;
            case ERF:
                return (float) erf(x);
            default:
                throw new IllegalArgumentException("unknown unary op " + op);
        }
    }

    public static float binary(BinaryOp op, float a, float b) {
        switch (op) {
            case ADD:
                return a + b;
            case SUB:
                return a - b;
            case MUL:
                return a * b;
            case DIV:
                return a / b;
            case POW:
                return (float) Math.pow(a, b);
            case MAX:
                return Float.isNaN(a) || Float.isNaN(b) ? Float.NaN : Math.max(a, b);
            case MIN:
                return Float.isNaN(a) || Float.isNaN(b) ? Float.NaN : Math.min(a, b);
            case GT:
                return a > b ? 1f : 0f;
            case LT:
                return a < b ? 1f : 0f;
            case EQ:
                return a == b ? 1f : 0f;
            default:
                throw new IllegalArgumentException("unknown binary op " + op);
        }
    }

    /** Exact GELU: {@code x * Phi(x)}, with {@code Phi(x) = (1 + erf(x / sqrt 2)) / 2}. */
    public static double gelu(double x) {
        return x * phi(x);
    }

    /**
     * GELU's tanh approximation {@code x/2 (1 + tanh u)}, computed as {@code x sigmoid(2u)} (the same number):
     * {@code 1 + tanh u} cancels to nothing for {@code u << 0}, where the result is still a normal float.
     */
    public static double geluTanh(double x) {
        return x * sigmoid(2 * geluTanhArg(x));
    }

    /** {@code u = sqrt(2/pi) (x + 0.044715 x^3)}. */
    private static double geluTanhArg(double x) {
        return SQRT_2_OVER_PI * (x + 0.044715 * x * x * x);
    }

    /** {@code 1 / (1 + e^-z)}. */
    private static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }

    /**
     * The standard normal CDF. The lower tail is {@code erfc(|x| / sqrt 2) / 2}, not {@code (1 + erf(x / sqrt 2)) / 2}:
     * that sum cancels to nothing below x = -8, where GELU is still far from float32's underflow.
     */
    static double phi(double x) {
        return x < 0 ? 0.5 * erfc(-x / SQRT_2) : 1 - 0.5 * erfc(x / SQRT_2);
    }

    /** {@code erfc x = 1 - erf x} for {@code x >= 0}, with the continued fraction giving the tail directly above 2.5. */
    static double erfc(double x) {
        return x < 2.5 ? 1 - erf(x) : Math.exp(-x * x) / Math.sqrt(Math.PI) / erfcFraction(x);
    }

    /**
     * The continued fraction {@code x + (1/2)/(x + 1/(x + (3/2)/(x + 2/(x + ...))))}, evaluated backwards: 60 terms near
     * 2.5, 20 from 5.5 on (GELU's tails, |x| >= 8, start at 5.66 here), where more terms no longer change the double:
     * on 40,000 points of [5.5, 40], 20 terms give 60's bits on every one (18 differ by an ulp on 10, 16 on 295). A
     * tail's GELU' costs 20 divisions, not 60.
     */
    private static double erfcFraction(double x) {
        double f = x;
        for (int k = x >= 5.5 ? 20 : 60; k >= 1; k--) {
            f = x + (k / 2.0) / f;
        }
        return f;
    }

    /**
     * The error function to near double precision: the Maclaurin-type series
     * {@code erf x = 2/sqrt(pi) e^{-x^2} sum 2^n x^{2n+1} / (1*3*...*(2n+1))} below 2.5 (all terms positive,
     * no cancellation), and the continued fraction of {@code erfc} above.
     */
    public static double erf(double x) {
        if (Double.isNaN(x)) {
            return x;
        }
        double ax = Math.abs(x);
        double r;
        if (ax < 2.5) {
            double x2 = ax * ax;
            double term = ax;
            double sum = ax;
            for (int n = 1; n < 200; n++) {
                term *= 2 * x2 / (2 * n + 1);
                sum += term;
                if (term < sum * 1e-17) {
                    break;
                }
            }
            r = TWO_OVER_SQRT_PI * Math.exp(-x2) * sum;
        } else if (ax < 6) {
            r = 1 - Math.exp(-ax * ax) / Math.sqrt(Math.PI) / erfcFraction(ax);
        } else {
            r = 1;
        }
        return x < 0 ? -r : r;
    }

    /**
     * Softmax of one line: {@code out_i = e^{x_i - max} / sum_j e^{x_j - max}}, or its log,
     * {@code x_i - max - ln sum_j e^{x_j - max}}.
     */
    static void softmaxRow(float[] x, int p, int xs, float[] out, int q, int os, int n, boolean log) {
        float max = Float.NEGATIVE_INFINITY;
        for (int i = 0, a = p; i < n; i++, a += xs) {
            max = Math.max(max, x[a]);
        }
        if (max == Float.NEGATIVE_INFINITY) {
            max = 0; // a fully masked line: exp(-inf) terms are 0, the result is NaN as in PyTorch
        }
        double sum = 0;
        for (int i = 0, a = p; i < n; i++, a += xs) {
            sum += Math.exp((double) x[a] - max);
        }
        if (log) {
            double lse = Math.log(sum);
            for (int i = 0, a = p, b = q; i < n; i++, a += xs, b += os) {
                out[b] = (float) ((double) x[a] - max - lse);
            }
        } else {
            double inv = 1 / sum;
            for (int i = 0, a = p, b = q; i < n; i++, a += xs, b += os) {
                out[b] = (float) (Math.exp((double) x[a] - max) * inv);
            }
        }
    }

    /**
     * Layer norm of one line of {@code n} elements (stride {@code xs}): {@code out_i = (x_i - mu) rstd w_i + b_i} with
     * {@code mu = sum x / n}, {@code rstd = 1 / sqrt(sum (x - mu)^2 / n + eps)}, all in double and rounded once:
     * with a float mean, {@code x - mean} loses digits when {@code |mean| >> std}. Stores mu and rstd as well.
     */
    static void layerNormRow(float[] x, int p, int xs, int n, float eps, float[] w, int wo, float[] b, int bo, float[] out, int q,
                             float[] mean, int mi, float[] rstd, int ri) {
        double s = 0;
        for (int i = 0, a = p; i < n; i++, a += xs) {
            s += x[a];
        }
        double mu = s / n;
        double v = 0;
        for (int i = 0, a = p; i < n; i++, a += xs) {
            double d = x[a] - mu;
            v += d * d;
        }
        double rs = 1.0 / Math.sqrt(v / n + eps);
        for (int i = 0, a = p; i < n; i++, a += xs) {
            out[q + i] = (float) ((x[a] - mu) * rs * w[wo + i] + b[bo + i]);
        }
        mean[mi] = (float) mu;
        rstd[ri] = (float) rs;
    }
}
