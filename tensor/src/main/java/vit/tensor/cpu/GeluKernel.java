// SPDX-License-Identifier: MIT
package vit.tensor.cpu;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import vit.tensor.UnaryOp;

/**
 * The exact GELU {@code x Phi(x)} and its derivative {@code Phi(x) + x phi(x)}, in double, {@link #D} lanes at a time,
 * with no table and no erf series. For {@code t = |x| < 8}, {@code Phi(-t) = e^{-t^2/2} R(t)}, where
 * {@code R(t) = erfcx(t / sqrt 2) / 2} is smooth and slowly varying: a polynomial of degree 11 in
 * {@code u = (4 - 2t) / (4 + t)} (from {@code scripts/gelu-coefficients.py}) gives it to a relative 2.2e-11. The
 * exponential is {@code (e^{-t^2/256})^128}, the inner one summed as its Taylor series to degree 10 ({@code t^2} is
 * exact in double, since {@code t} is a float; the relative error stays below 1e-12). Then
 * <ul>
 *   <li>GELU is {@code x (1 - Phi(-x))} for {@code x >= 0} and {@code x Phi(-t)} below, with no cancellation;</li>
 *   <li>GELU' is {@code 1 - e (R - t / sqrt(2 pi))} for {@code x >= 0} and {@code e (R - t / sqrt(2 pi))} below.</li>
 * </ul>
 * Rounded once to float, both are within 1 ulp of {@link Formulas} (GELU' near its root, {@code x ~ -0.75}, within
 * 1e-9), as {@code GeluKernelTest} checks. Inputs outside {@code [-8, 8)} and NaN (the tails) go to {@link Formulas}.
 *
 * <p>Why: {@link GeluTable}'s quintics need 6 loads per element from a 48 KiB table, which the Vector API can only
 * gather (slower than its scalar loop), and run at 3-5 ns per element. Here all is arithmetic in registers: about 40
 * vector operations per {@link #D} elements, and no vector masks or reinterpreted lanes (see {@link #positive} and
 * {@link #expHalfSquare}).
 *
 * <p>The loops convert a chunk of floats to doubles in a per-thread buffer, work on the buffer, replace the tails there
 * from the input (the vector loop only notes that there were some), and convert back: the output may be the input. A
 * forward pass that records gradients gets GELU and GELU' from one pass ({@link #geluWithGrad}): they share the
 * exponential and {@code R(t)}, and its backward is then one product, with no second pass of this arithmetic. The scalar
 * {@link #gelu(float)} and {@link #geluGrad(float)} are the plain versions, with the same operations in the same order:
 * the loops give their bits exactly.
 */
final class GeluKernel {
    /**
     * Where the polynomial ends: beyond, {@code 1 - Phi(8) < 1e-15} and {@link Formulas} takes over. The table's range,
     * so that {@link GeluTable}'s scalar methods are the tails' formula for both.
     */
    static final double LO = GeluTable.LO;
    static final double HI = GeluTable.HI;
    private static final VectorSpecies<Double> D = DoubleLanes.SPECIES;
    /**
     * Whether the loops here run, or {@link GeluTable}'s. With 2 doubles to a vector (128-bit lanes, as NEON) the 40
     * operations per vector cost more than the table's 6 loads and 5 multiply-adds per element: 4.3 against 3.2 ns
     * per element (the backward 4.5 against 3.1). With 4 lanes (AVX2) GELU takes 2.5-3.3 ns against the table's
     * 4.6-4.9, the backward 2.8-3.7 against 3.0-3.1; with 8 (AVX-512) 1.3-1.4 against 5.0 (1.3-1.5 against 3.1).
     * 3,072 inputs per call, none in the tails, Zen 5, JDK 17, separate processes; "the backward" was then a loop of
     * {@code g * GELU'(x)}, since replaced by {@link #geluWithGrad} in the forward pass.
     */
    static final boolean VECTOR = D.length() >= 4;
    private static final VectorSpecies<Float> F = GemmKernel.SPECIES;
    /**
     * Elements per pass through the buffers: 2 KiB of doubles each, so that {@link #lanes}' two passes find {@code x}
     * and {@code e^{-x^2/2}} in L1, beside the product tiles that {@link GemmEpilogue} finishes. Against the one-pass
     * loop before them, in one process: with chunks of 1,024 (8 KiB a buffer) the two passes took 1.19x its time at
     * AVX-512 (1.62 against 1.37 ns per element) and 1.09x at AVX2 (2.78 against 2.54); with 512 or 256, 1.05-1.06x and
     * 1.08x (3,072 inputs per call, Zen 5, JDK 17).
     */
    static final int CHUNK = 256;
    private static final ThreadLocal<double[]> BUFFER = ThreadLocal.withInitial(() -> new double[CHUNK]);
    /** {@code e^{-x^2/2}} beside {@link #BUFFER}'s {@code x}, between the two passes of {@link #lanes}. */
    private static final ThreadLocal<double[]> EXP_BUFFER = ThreadLocal.withInitial(() -> new double[CHUNK]);
    /** GELU' beside {@link #BUFFER}'s GELU, for {@link #geluWithGrad}. */
    private static final ThreadLocal<double[]> GRAD_BUFFER = ThreadLocal.withInitial(() -> new double[CHUNK]);
    /** Where a chunk's tails are, for {@link #tails}. */
    private static final ThreadLocal<int[]> TAILS = ThreadLocal.withInitial(() -> new int[CHUNK]);

    private static final double INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);
    /** {@code R(t)} as a polynomial in {@code u}, lowest power first (scripts/gelu-coefficients.py). */
    private static final double R0 = 0x1.5845dcad0dca0p-3;
    private static final double R1 = 0x1.8176c76125437p-3;
    private static final double R2 = 0x1.90354e849414cp-4;
    private static final double R3 = 0x1.28ff9cd6d498bp-5;
    private static final double R4 = 0x1.22a866f727234p-7;
    private static final double R5 = 0x1.0aaa496c5be09p-10;
    private static final double R6 = -0x1.f5b8d2c6bd828p-14;
    private static final double R7 = -0x1.a58081fb2674fp-15;
    private static final double R8 = 0x1.c976bacc69350p-20;
    private static final double R9 = 0x1.3452a3e74fb98p-19;
    private static final double R10 = -0x1.37433bf13ee99p-24;
    private static final double R11 = -0x1.b749a2aad7857p-24;
    /** {@code 1/k!}, the Taylor series of {@code e^r}, good to 6e-15 for {@code |r| <= 1/4}. */
    private static final double E2 = 1.0 / 2;
    private static final double E3 = E2 / 3;
    private static final double E4 = E3 / 4;
    private static final double E5 = E4 / 5;
    private static final double E6 = E5 / 6;
    private static final double E7 = E6 / 7;
    private static final double E8 = E7 / 8;
    private static final double E9 = E8 / 9;
    private static final double E10 = E9 / 10;

    private GeluKernel() {
    }

    /** Whether {@code x} is worked out here, not by {@link Formulas}; false for NaN. */
    private static boolean inRange(double x) {
        return x >= LO && x < HI;
    }

    /**
     * 1 for {@code x > 0}, 0 for {@code x <= 0} (and for -0), from arithmetic alone: {@code x 2^1000} is exact and, for
     * any positive float, at least 1. The loops then pick {@code q} or {@code 1 - q} as {@code fma(1 - 2s, q, s)}: one
     * rounding, the same as writing either, with no vector masks (at 2 doubles a vector, JDK 17's C2 left them to Java
     * code, 100 times slower).
     */
    private static double positive(double x) {
        return Math.min(Math.max(x * 0x1p1000, 0.0), 1.0);
    }

    /**
     * {@code e^{-t^2/2}} for {@code |t| < 8}: {@code (e^{-t^2/256})^128}, the inner one by its Taylor series (the
     * argument is at most 1/4 here), then squared 7 times. No bits are moved between doubles and longs (the usual
     * {@code 2^k} by shifting an integer into the exponent): that needs long vectors reinterpreted as double ones, a
     * second vector class in the Vector API's shared code, whose type profiles the other kernels depend on
     * ({@link DoubleLanes}); the version that did so was no faster.
     */
    private static double expHalfSquare(double t) {
        double r = -(t * t) * 0x1p-8;
        double p = Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(
            E10, r, E9), r, E8), r, E7), r, E6), r, E5), r, E4), r, E3), r, E2), r, 1.0), r, 1.0);
        for (int i = 0; i < 7; i++) {
            p *= p;
        }
        return p;
    }

    /** {@code R(t) = e^{t^2/2} Phi(-t)} for {@code 0 <= t < 8}. */
    private static double r(double t) {
        double u = Math.fma(t, -2, 4) / (t + 4);
        return Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(
            R11, u, R10), u, R9), u, R8), u, R7), u, R6), u, R5), u, R4), u, R3), u, R2), u, R1), u, R0);
    }

    /** GELU of an input in range, in double. */
    private static double geluInRange(double x) {
        double t = Math.abs(x);
        double q = expHalfSquare(t) * r(t);
        double s = positive(x);
        return x * Math.fma(1 - 2 * s, q, s);
    }

    /** GELU' of an input in range, in double. */
    private static double geluGradInRange(double x) {
        double t = Math.abs(x);
        double d = Math.fma(t, -INV_SQRT_2PI, r(t)) * expHalfSquare(t);
        double s = positive(x);
        return Math.fma(1 - 2 * s, d, s);
    }

    /** {@code x Phi(x)}, rounded once to float: the plain version of the loops. */
    static float gelu(float x) {
        return inRange(x) ? (float) geluInRange(x) : GeluTable.gelu(x); // outside the table, GeluTable calls Formulas
    }

    /** {@code Phi(x) + x phi(x)}, the derivative of GELU, rounded once to float: the plain version of the loops. */
    static float geluGrad(float x) {
        return inRange(x) ? (float) geluGradInRange(x) : GeluTable.geluGrad(x);
    }

    /** What {@link #gelu(float[], int, int, float[], int, int)} gives for {@code x} at this width, from the plain versions. */
    static float geluAsLooped(float x) {
        return VECTOR ? gelu(x) : GeluTable.gelu(x);
    }

    /** {@code o[oOff + i] = gelu(x[xOff + i*xStep])} for {@code i < count}; {@code o} may be {@code x}. */
    static void gelu(float[] x, int xOff, int xStep, float[] o, int oOff, int count) {
        if (!VECTOR) {
            GeluTable.gelu(x, xOff, xStep, o, oOff, count);
            return;
        }
        loop(x, xOff, xStep, o, oOff, null, 0, count, false);
    }

    /** {@code o[oOff + i] = geluGrad(x[xOff + i*xStep])} for {@code i < count}; {@code o} may be {@code x}. */
    static void geluGrad(float[] x, int xOff, int xStep, float[] o, int oOff, int count) {
        if (!VECTOR) {
            GeluTable.geluGrad(x, xOff, xStep, o, oOff, count);
            return;
        }
        loop(x, xOff, xStep, o, oOff, null, 0, count, true);
    }

    /**
     * {@code o[oOff + i] = gelu(x[xOff + i*xStep])} and {@code d[dOff + i] = geluGrad(x[xOff + i*xStep])} for
     * {@code i < count}: the forward pass of a GELU whose backward needs only the derivative. {@code o} may be {@code x};
     * {@code d} must not be.
     */
    static void geluWithGrad(float[] x, int xOff, int xStep, float[] o, int oOff, float[] d, int dOff, int count) {
        if (!VECTOR) {
            GeluTable.geluWithGrad(x, xOff, xStep, o, oOff, d, dOff, count);
            return;
        }
        loop(x, xOff, xStep, o, oOff, d, dOff, count, false);
    }

    /**
     * The loops in one, specialised by the JIT per caller: GELU into {@code o}, or GELU' when {@code grad}; or, when
     * {@code d} is not null, GELU into {@code o} and GELU' into {@code d}. Package-private, and run whatever
     * {@link #VECTOR} says, so that the tests check it at every width.
     */
    static void loop(float[] x, int xOff, int xStep, float[] o, int oOff, float[] d, int dOff, int count, boolean grad) {
        double[] e = BUFFER.get();
        double[] g = EXP_BUFFER.get();
        double[] f = d == null ? null : GRAD_BUFFER.get();
        for (int done = 0; done < count; done += CHUNK) {
            int n = Math.min(CHUNK, count - done);
            load(x, xOff + done * xStep, xStep, e, n);
            if (lanes(e, g, f, n, grad)) {
                tails(x, xOff + done * xStep, xStep, e, f, n, grad);
            }
            if (f != null) {
                store(f, n, d, dOff + done);
            }
            store(e, n, o, oOff + done);
        }
    }

    /**
     * The tails among {@code x[p + i*step]}, {@code i < n}, from {@link Formulas} into {@code e[i]} (and GELU' into
     * {@code f[i]} when there is {@code f}): from the input itself, since the output is not written yet, even when it is
     * {@code x}.
     */
    private static void tails(float[] x, int p, int step, double[] e, double[] f, int n, boolean grad) {
        // First only find them, in a loop with nothing else in it; the formula's erf, inlined into a scanning loop,
        // made the whole scan run at about 3 ns per element, and with 0.1% of inputs in the tails most chunks have one.
        int[] at = TAILS.get();
        int found = 0;
        for (int i = 0, q = p; i < n; i++, q += step) {
            if (!inRange(x[q])) {
                at[found++] = i;
            }
        }
        for (int k = 0; k < found; k++) {
            float v = x[p + at[k] * step];
            if (f != null) {
                e[at[k]] = gelu(v);
                f[at[k]] = geluGrad(v);
            } else {
                e[at[k]] = grad ? geluGrad(v) : gelu(v);
            }
        }
    }

    /** {@code e[i] = x[p + i*step]} for {@code i < n}, and zeros up to a whole vector. */
    private static void load(float[] x, int p, int step, double[] e, int n) {
        int i = 0;
        if (step == 1 && DoubleLanes.VECTOR_CONVERSIONS) {
            for (int floats = n - n % F.length(); i < floats; i += F.length()) {
                FloatVector v = FloatVector.fromArray(F, x, p + i);
                ((DoubleVector) v.convertShape(VectorOperators.F2D, D, 0)).intoArray(e, i);
                ((DoubleVector) v.convertShape(VectorOperators.F2D, D, 1)).intoArray(e, i + D.length());
            }
        }
        for (; i < n; i++) {
            e[i] = x[p + i * step];
        }
        for (int padded = (n + D.length() - 1) / D.length() * D.length(); i < padded; i++) {
            e[i] = 0;
        }
    }

    /** {@code o[q + i] = (float) e[i]} for {@code i < n}. */
    private static void store(double[] e, int n, float[] o, int q) {
        int i = 0;
        if (DoubleLanes.VECTOR_CONVERSIONS) {
            for (int floats = n - n % F.length(); i < floats; i += F.length()) {
                FloatVector low = (FloatVector) DoubleVector.fromArray(D, e, i).convertShape(VectorOperators.D2F, F, 0);
                FloatVector high = (FloatVector) DoubleVector.fromArray(D, e, i + D.length()).convertShape(VectorOperators.D2F, F, -1);
                low.blend(high, DoubleLanes.UPPER).intoArray(o, q + i);
            }
        }
        for (; i < n; i++) {
            o[q + i] = (float) e[i];
        }
    }

    /**
     * GELU of {@code e[0 .. n)} in place, or GELU' when {@code grad}, or GELU in place and GELU' into {@code f} when
     * there is {@code f}; whether there were tails, whose values here mean nothing until {@link #tails} replaces them.
     *
     * <p>Two passes over the chunk, {@link #exponentials} into {@code g} and then {@link #finish}, not one. C2 knows a
     * vector's exact class only from calls it inlines as it parses; past about 18,000 nodes in one compile
     * (NodeCountInliningCutoff) it inlines the rest later, each call behind a check of its receiver's class against the
     * profile. The one-pass loop, with 47 vector operations, got there two thirds of the way through. Such a check
     * normally deoptimises when it fails; but once the class-check traps counted over all the methods a compile inlines
     * pass 100 ({@code PerMethodTrapLimit}), C2 makes it a virtual call instead, the species is no longer a constant, and
     * the operations after it run boxed. The Vector API's {@code ImplCache.find}, inlined into every lanewise operation,
     * had 4 such traps in about one process in two (of a product benchmark, and of batch-8 forwards at AVX2; none of
     * nine batch-1 forwards): 47 x 4 is past 100, and GELU then took 4.5-5 ns per element instead of 2.9. Each pass here
     * stays inside the cutoff and calls no vector method on a loop-carried vector (whose class C2 does not know exactly
     * while it parses the loop): their compiles have no such checks, whatever the count of traps
     * ({@code scripts/JitGuards.java} lists them from a compilation log).
     */
    private static boolean lanes(double[] e, double[] g, double[] f, int n, boolean grad) {
        boolean tails = exponentials(e, g, n);
        finish(e, g, f, n, grad);
        return tails;
    }

    /**
     * {@code g[i] = e^{-x^2/2}} for {@code x = e[i]}, {@code i < n}, as {@link #expHalfSquare(double)} (written out
     * lane by lane, with the same operations: {@code -(t t) 2^-8} is {@code (x x) (-2^-8)} to the bit), and whether any
     * {@code x} is a tail. The constants are broadcast once, before the loop: behind helper methods, the Vector API's
     * calls went past C2's inlining depth and the loop ran boxed, at 100-700 ns per element.
     */
    private static boolean exponentials(double[] e, double[] g, int n) {
        DoubleVector zero = DoubleVector.broadcast(D, 0.0);
        DoubleVector one = DoubleVector.broadcast(D, 1.0);
        DoubleVector minusScale = DoubleVector.broadcast(D, -0x1p-8);
        DoubleVector e2 = DoubleVector.broadcast(D, E2);
        DoubleVector e3 = DoubleVector.broadcast(D, E3);
        DoubleVector e4 = DoubleVector.broadcast(D, E4);
        DoubleVector e5 = DoubleVector.broadcast(D, E5);
        DoubleVector e6 = DoubleVector.broadcast(D, E6);
        DoubleVector e7 = DoubleVector.broadcast(D, E7);
        DoubleVector e8 = DoubleVector.broadcast(D, E8);
        DoubleVector e9 = DoubleVector.broadcast(D, E9);
        DoubleVector e10 = DoubleVector.broadcast(D, E10);
        DoubleVector highest = zero;
        DoubleVector lowest = zero;
        for (int i = 0; i < n; i += D.length()) {
            DoubleVector x = DoubleVector.fromArray(D, e, i);
            highest = x.max(highest); // NaN stays NaN, as in Math.max; x, not highest, is the receiver (see lanes)
            lowest = x.min(lowest);
            DoubleVector r = x.mul(x).mul(minusScale);
            DoubleVector p = r.fma(e10, e9).fma(r, e8).fma(r, e7).fma(r, e6).fma(r, e5).fma(r, e4).fma(r, e3).fma(r, e2)
                .fma(r, one).fma(r, one);
            p = p.mul(p);
            p = p.mul(p);
            p = p.mul(p);
            p = p.mul(p);
            p = p.mul(p);
            p = p.mul(p);
            p.mul(p).intoArray(g, i);
        }
        // the padding past n is zeros, never a tail; a NaN fails both tests
        return !(highest.reduceLanes(VectorOperators.MAX) < HI && lowest.reduceLanes(VectorOperators.MIN) >= LO);
    }

    /**
     * The rest of {@link #lanes}, from {@code x = e[i]} and {@code g[i] = e^{-x^2/2}}: {@link #r(double)} and the
     * outputs, as {@link #geluInRange} and {@link #geluGradInRange} (written out lane by lane, with the same operations).
     * Each store is in its own branch: a vector chosen by {@code grad ? y : x.mul(y)} would be a merged value, whose type
     * C2 may not know exactly while it parses.
     */
    private static void finish(double[] e, double[] g, double[] f, int n, boolean grad) {
        DoubleVector zero = DoubleVector.broadcast(D, 0.0);
        DoubleVector one = DoubleVector.broadcast(D, 1.0);
        DoubleVector huge = DoubleVector.broadcast(D, 0x1p1000);
        DoubleVector minusTwo = DoubleVector.broadcast(D, -2.0);
        DoubleVector four = DoubleVector.broadcast(D, 4.0);
        DoubleVector r0 = DoubleVector.broadcast(D, R0);
        DoubleVector r1 = DoubleVector.broadcast(D, R1);
        DoubleVector r2 = DoubleVector.broadcast(D, R2);
        DoubleVector r3 = DoubleVector.broadcast(D, R3);
        DoubleVector r4 = DoubleVector.broadcast(D, R4);
        DoubleVector r5 = DoubleVector.broadcast(D, R5);
        DoubleVector r6 = DoubleVector.broadcast(D, R6);
        DoubleVector r7 = DoubleVector.broadcast(D, R7);
        DoubleVector r8 = DoubleVector.broadcast(D, R8);
        DoubleVector r9 = DoubleVector.broadcast(D, R9);
        DoubleVector r10 = DoubleVector.broadcast(D, R10);
        DoubleVector r11 = DoubleVector.broadcast(D, R11);
        DoubleVector minusInvSqrt2pi = DoubleVector.broadcast(D, -INV_SQRT_2PI);
        for (int i = 0; i < n; i += D.length()) {
            DoubleVector x = DoubleVector.fromArray(D, e, i);
            DoubleVector exp = DoubleVector.fromArray(D, g, i);
            DoubleVector t = x.abs();
            DoubleVector u = t.fma(minusTwo, four).div(t.add(four));
            DoubleVector rt = u.fma(r11, r10).fma(u, r9).fma(u, r8).fma(u, r7).fma(u, r6).fma(u, r5).fma(u, r4).fma(u, r3)
                .fma(u, r2).fma(u, r1).fma(u, r0);
            DoubleVector s = x.mul(huge).max(zero).min(one);
            DoubleVector pick = s.mul(minusTwo).add(one);
            if (f != null) {
                x.mul(pick.fma(exp.mul(rt), s)).intoArray(e, i);
                pick.fma(t.fma(minusInvSqrt2pi, rt).mul(exp), s).intoArray(f, i);
            } else if (grad) {
                pick.fma(t.fma(minusInvSqrt2pi, rt).mul(exp), s).intoArray(e, i);
            } else {
                x.mul(pick.fma(exp.mul(rt), s)).intoArray(e, i);
            }
        }
    }
}
