// SPDX-License-Identifier: MIT
package vit.tensor.cpu;

/**
 * The exact GELU {@code x Phi(x)} and its derivative {@code Phi(x) + x phi(x)} without the erf series: on
 * {@code [-8, 8]}, {@code Phi} is a quintic Hermite interpolant on nodes {@value #STEPS_PER_UNIT} per unit apart,
 * matching {@code Phi} and its first two derivatives ({@code phi} and {@code -x phi}) at every node; outside,
 * {@link Formulas} is called.
 *
 * <p>Accuracy: the error of a quintic Hermite is at most {@code h^6/46080 max|f^(6)|}; in the lower tail
 * {@code |Phi^(6)| <~ x^6 Phi}, so the relative error of {@code Phi} stays below {@code 8^6 h^6 / 46080 ~ 1e-10}
 * on the whole table, a thousandth of a float ulp. Rounded once to float, the result is within 1 ulp of
 * {@link Formulas#gelu}, and equal to it for nearly every input. The derivative has its own table (the same bound
 * holds for {@code G'}, whose sixth derivative is {@code phi} times a polynomial of degree 7): within 1 ulp, or 1e-9
 * near its root at {@code x ~ -0.75}. {@code GeluTableTest} checks both.
 *
 * <p>Cost: 6 table loads and 5 multiplies and adds in double, against ~60 divisions for the continued fraction. With
 * 4 or more doubles to a vector, {@link GeluKernel}'s arithmetic beats it and is used instead; with 2 (128-bit lanes)
 * this table is ({@link GeluKernel#VECTOR}).
 */
final class GeluTable {
    static final int STEPS_PER_UNIT = 64;
    static final double LO = -8;
    static final double HI = 8;
    private static final int INTERVALS = (int) ((HI - LO) * STEPS_PER_UNIT);
    private static final double INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);
    /** Per interval {@code i}: the coefficients {@code c0..c5} of {@code Phi(x_i + t h)} as a quintic in {@code t in [0, 1]}. */
    private static final double[] PHI = quintics(false);
    /**
     * The same for GELU's derivative {@code G'(x) = Phi(x) + x phi(x)}, whose derivatives are {@code (2 - x^2) phi} and
     * {@code (x^3 - 4x) phi}: one polynomial per element in the backward pass, not two.
     */
    private static final double[] GRAD = quintics(true);

    private GeluTable() {
    }

    private static double[] quintics(boolean grad) {
        double h = 1.0 / STEPS_PER_UNIT;
        double[] c = new double[6 * INTERVALS];
        for (int i = 0; i < INTERVALS; i++) {
            double x0 = LO + i * h;
            double x1 = LO + (i + 1) * h;
            double[] v0 = derivatives(x0, grad, h);
            double[] v1 = derivatives(x1, grad, h);
            // p(t) = f0 + d0 t + s0/2 t^2 + a3 t^3 + a4 t^4 + a5 t^5 with p, p', p'' = f1, d1, s1 at t = 1
            double a = v1[0] - v0[0] - v0[1] - v0[2] / 2;
            double b = v1[1] - v0[1] - v0[2];
            double cc = v1[2] - v0[2];
            int j = 6 * i;
            c[j] = v0[0];
            c[j + 1] = v0[1];
            c[j + 2] = v0[2] / 2;
            c[j + 3] = 10 * a - 4 * b + cc / 2;
            c[j + 4] = -15 * a + 7 * b - cc;
            c[j + 5] = 6 * a - 3 * b + cc / 2;
        }
        return c;
    }

    /** {@code f, h f', h^2 f''} at {@code x}, for {@code f = Phi} or {@code f = G'}: derivatives per unit of t. */
    private static double[] derivatives(double x, boolean grad, double h) {
        double pdf = INV_SQRT_2PI * Math.exp(-0.5 * x * x);
        return grad ? new double[] {Formulas.phi(x) + x * pdf, h * (2 - x * x) * pdf, h * h * (x * x * x - 4 * x) * pdf}
            : new double[] {Formulas.phi(x), h * pdf, -h * h * x * pdf};
    }

    /** {@code p(t)} of interval {@code i} of {@code table}. */
    private static double eval(double[] table, int i, double t) {
        int j = 6 * i;
        return ((((table[j + 5] * t + table[j + 4]) * t + table[j + 3]) * t + table[j + 2]) * t + table[j + 1]) * t + table[j];
    }

    /** Where {@code x} falls in the table, in intervals from {@link #LO}: its interval is the integer part. */
    private static double position(float x) {
        return ((double) x - LO) * STEPS_PER_UNIT;
    }

    /** Whether {@link #position} {@code u} lies in the table; false for NaN. */
    private static boolean inTable(double u) {
        return u >= 0 && u < INTERVALS;
    }

    /** {@code x Phi(x)}, rounded once to float. */
    static float gelu(float x) {
        double u = position(x);
        if (!inTable(u)) { // the tails and NaN
            // Above 8, 1 - Phi(x) < 1e-15: x Phi(x) rounds to x itself.
            return x >= HI ? x : (float) Formulas.gelu(x);
        }
        int i = (int) u;
        return (float) (x * eval(PHI, i, u - i));
    }

    /** {@code Phi(x) + x phi(x)}, the derivative of GELU, rounded once to float. */
    static float geluGrad(float x) {
        double u = position(x);
        if (!inTable(u)) {
            // Above 8, Phi(x) + x phi(x) = 1 + (less than 1e-13): it rounds to 1.
            return x >= HI ? 1f : Formulas.unary(vit.tensor.UnaryOp.GELU_GRAD, x);
        }
        int i = (int) u;
        return (float) eval(GRAD, i, u - i);
    }

    // The loops over many elements live here, not in CpuBackend's lambdas: inside a lambda that also holds the
    // other unary ops, the JIT left the table lookup at about 18 ns per element; here it takes about 4.
    //
    // They also keep the tails out of the loop. Once one input beyond +-8 has been seen, C2 compiles the branch to
    // Formulas (an erf with its exp) into the loop body, and the whole loop ran at 16 ns per element instead of 4
    // (3,072 inputs per call, 0.1% of them in the tails, JDK 17, Zen 5). So the loop sends every input outside the table through the
    // table's first interval, keeps the input itself in place of that result, and notes that it did; a second pass,
    // only then, finds those inputs by their value and gives them the formula. This works in place too (o == x), and
    // gives the same bits as the scalar methods above. It is not the whole cure: about one process in five still got
    // the 16 ns GELU loop (GELU' never did), so some compilation choice besides the inlined formula is involved.

    /** {@code o[oOff + i] = gelu(x[xOff + i*xStep])} for {@code i < count}; {@code o} may be {@code x}. */
    static void gelu(float[] x, int xOff, int xStep, float[] o, int oOff, int count) {
        table(x, xOff, xStep, o, oOff, count, false);
    }

    /** {@code o[oOff + i] = geluGrad(x[xOff + i*xStep])} for {@code i < count}; {@code o} may be {@code x}. */
    static void geluGrad(float[] x, int xOff, int xStep, float[] o, int oOff, int count) {
        table(x, xOff, xStep, o, oOff, count, true);
    }

    /** {@link #gelu(float[], int, int, float[], int, int)}, or GELU' when {@code grad}: one loop, specialised by the JIT per caller. */
    private static void table(float[] x, int xOff, int xStep, float[] o, int oOff, int count, boolean grad) {
        boolean tails = false;
        for (int i = 0, p = xOff; i < count; i++, p += xStep) {
            float v = x[p];
            double u = position(v);
            boolean in = inTable(u);
            tails |= !in;
            double w = in ? u : 0;
            int k = (int) w;
            float r = grad ? (float) eval(GRAD, k, w - k) : (float) (v * eval(PHI, k, w - k));
            o[oOff + i] = in ? r : v;
        }
        if (tails) {
            // GELU of a table input lies in [-0.17, 8) and GELU' in [-0.13, 1.13]: what lies outside [LO, HI) here is
            // an input kept in place.
            for (int i = oOff; i < oOff + count; i++) {
                float v = o[i];
                if (!(v >= LO && v < HI)) {
                    o[i] = grad ? geluGrad(v) : gelu(v);
                }
            }
        }
    }

    /**
     * {@code o[oOff + i] = gelu(x[xOff + i*xStep])} and {@code d[dOff + i] = geluGrad(x[xOff + i*xStep])} for
     * {@code i < count}, for a forward pass that keeps the derivative for its backward. Two passes of the loops above, the
     * derivative first, so that {@code o} may be {@code x}; {@code d} must not be.
     */
    static void geluWithGrad(float[] x, int xOff, int xStep, float[] o, int oOff, float[] d, int dOff, int count) {
        geluGrad(x, xOff, xStep, d, dOff, count);
        gelu(x, xOff, xStep, o, oOff, count);
    }
}
