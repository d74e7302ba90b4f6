// SPDX-License-Identifier: MIT
package vit.tensor.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link Gemm} against a float64 triple loop written here, on odd sizes, strides and thread counts. */
class GemmTest {
    /** One product: A is {@code [m, k]}, B is {@code [k, n]}, each stored plain or transposed, inside a bigger array. */
    private static final class Case {
        final int m, n, k, aOff, aRow, aCol, bOff, bRow, bCol, cOff, ldc;
        final float[] a, b;

        Case(long seed, int m, int n, int k, boolean aT, boolean bT) {
            this(seed, m, n, k, aT, bT, false);
        }

        /** {@code aSkip}: A's columns two apart (neither its rows nor its columns contiguous: the packed path). */
        Case(long seed, int m, int n, int k, boolean aT, boolean bT, boolean aSkip) {
            SplittableRandom random = new SplittableRandom(seed);
            this.m = m;
            this.n = n;
            this.k = k;
            aOff = 3;
            aRow = aSkip ? 2 * k + 2 : aT ? 1 : k + 2;      // padded rows, or a transposed [k, m] buffer
            aCol = aSkip ? 2 : aT ? m + 1 : 1;
            bOff = 5;
            bRow = bT ? 1 : n + 3;
            bCol = bT ? k + 1 : 1;
            cOff = 7;
            ldc = n + 4;
            a = random(random, aOff + (m + 1) * (2 * k + 2) + 1);
            b = random(random, bOff + (k + 3) * (n + 3) + 1);
        }

        float a(int i, int p) {
            return a[aOff + i * aRow + p * aCol];
        }

        float b(int p, int j) {
            return b[bOff + p * bRow + j * bCol];
        }

        float[] run(boolean blocked) {
            float[] c = new float[cOff + Math.max(0, m - 1) * ldc + n + 4];
            Arrays.fill(c, Float.NaN); // C is overwritten, whatever it held
            if (blocked) {
                Gemm.blocked(m, n, k, a, aOff, aRow, aCol, b, bOff, bRow, bCol, c, cOff, ldc, null, 0, GemmEpilogue.NONE);
            } else {
                Gemm.sgemm(m, n, k, a, aOff, aRow, aCol, b, bOff, bRow, bCol, c, cOff, ldc);
            }
            return c;
        }

        float[] run(float[] bias, int biasOff, GemmEpilogue ep) {
            float[] c = new float[cOff + Math.max(0, m - 1) * ldc + n + 4];
            Arrays.fill(c, Float.NaN);
            Gemm.sgemm(m, n, k, a, aOff, aRow, aCol, b, bOff, bRow, bCol, c, cOff, ldc, bias, biasOff, ep);
            return c;
        }

        String shapes() {
            return "[" + m + ", " + k + "] @ [" + k + ", " + n + "]" + (aRow == 1 ? " A transposed" : aCol != 1 ? " A strided" : "") + (bRow == 1 ? " B transposed" : "");
        }

        /** Largest {@code |C - C64| / (sum_p |A[i][p] B[p][j]| + tiny)} over the elements of C. */
        double relativeError(float[] c) {
            double worst = 0;
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    double sum = 0;
                    double magnitude = 0;
                    for (int p = 0; p < k; p++) {
                        double t = (double) a(i, p) * b(p, j);
                        sum += t;
                        magnitude += Math.abs(t);
                    }
                    double got = c[cOff + i * ldc + j];
                    worst = Math.max(worst, Math.abs(got - sum) / (magnitude + 1e-30));
                }
            }
            return worst;
        }

        private static float[] random(SplittableRandom random, int size) {
            float[] x = new float[size];
            for (int i = 0; i < size; i++) {
                x[i] = (float) random.nextDouble(-1, 1);
            }
            return x;
        }
    }

    @ParameterizedTest(name = "[{0}, {2}] @ [{2}, {1}] aT={3} bT={4}")
    @CsvSource({
        "1, 1, 1, false, false",
        "7, 13, 5, false, false",
        "197, 768, 64, false, false",
        "197, 64, 768, false, true",
        "197, 2304, 768, false, true",
        "33, 129, 257, false, false",
        "33, 129, 257, true, true",
        "197, 64, 197, false, true",
        "13, 70, 600, true, false",
        "6, 32, 256, false, false",
        "1, 1, 1000, false, true",
        "300, 50, 129, false, true",
        "600, 37, 300, false, true",
        // a weight seen through mT(), in chunks of rows: 3.5 rows of A per column of C take that path with 32 registers
        // and the blocked one with 16 (Blocking.transposedRowsPerColumn), 0.64 take it with either
        "600, 170, 300, false, true",
        "300, 470, 300, false, true",
    })
    void matchesFloat64Loop(int m, int n, int k, boolean aT, boolean bT) {
        Case c = new Case(m * 31L + n * 7L + k, m, n, k, aT, bT);
        double blocked = c.relativeError(c.run(true));
        double dispatched = c.relativeError(c.run(false));
        System.out.printf("%s: relative error blocked %.2e, sgemm %.2e%n", c.shapes(), blocked, dispatched);
        assertThat(blocked).isLessThan(1e-5);
        assertThat(dispatched).isLessThan(1e-5);
    }

    /** An A with neither unit row nor unit column stride is packed; A read in place and A packed give the same bits. */
    @ParameterizedTest(name = "[{0}, {2}] @ [{2}, {1}] bT={3}")
    @CsvSource({"7, 13, 5, false", "197, 70, 300, true", "65, 40, 513, false"})
    void packedAMatchesAInPlace(int m, int n, int k, boolean bT) {
        Case skip = new Case(m + 7L * k, m, n, k, false, bT, true);
        double error = skip.relativeError(skip.run(true));
        assertThat(error).isLessThan(1e-5);
        float[] packed = skip.run(true);
        float[] contiguous = new float[m * k];
        for (int i = 0; i < m; i++) {
            for (int p = 0; p < k; p++) {
                contiguous[i * k + p] = skip.a(i, p);
            }
        }
        float[] inPlace = new float[skip.cOff + m * skip.ldc];
        Gemm.blocked(m, n, k, contiguous, 0, k, 1, skip.b, skip.bOff, skip.bRow, skip.bCol, inPlace, skip.cOff, skip.ldc,
            null, 0, GemmEpilogue.NONE);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                int at = skip.cOff + i * skip.ldc + j;
                assertThat(packed[at]).as("%s at (%d, %d)", skip.shapes(), i, j).isEqualTo(inPlace[at]);
            }
        }
        System.out.printf("%s, packed: relative error %.2e, same bits as A read in place%n",
            skip.shapes(), error);
    }

    /** The documented arithmetic of the fast path: each element is one chain {@code c = fma(a, b, c)} in increasing p. */
    @ParameterizedTest(name = "[{0}, {2}] @ [{2}, {1}] aT={3} bT={4}")
    @CsvSource({
        "1, 1, 1, false, false",
        "37, 75, 600, false, true",
        "197, 64, 768, false, false",
        "20, 33, 513, true, true",
        "13, 96, 300, false, true",
        "257, 40, 70, false, true",
        "65, 13, 1000, true, true",
        "1, 1000, 768, false, true",
        "3, 7, 300, true, true",
        "4, 13, 1, false, true",
        "513, 20, 256, true, true",
        "513, 130, 256, true, true",
        // last panels of at most one vector of rows, odd and even tile counts, a partial last tile
        "197, 75, 768, false, true",
        "5, 37, 300, false, true",
        "40, 23, 513, false, true",
        "72, 26, 256, false, true",
    })
    void blockedIsOneFmaChainPerElement(int m, int n, int k, boolean aT, boolean bT) {
        Case c = new Case(m + 1000L * k, m, n, k, aT, bT);
        float[] out = c.run(true);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                float chain = 0;
                for (int p = 0; p < k; p++) {
                    chain = Math.fma(c.a(i, p), c.b(p, j), chain);
                }
                assertThat(out[c.cOff + i * c.ldc + j]).as("%s at (%d, %d)", c.shapes(), i, j).isEqualTo(chain);
            }
        }
        System.out.println(c.shapes() + ": bit-identical to the scalar fma chain");
    }

    /**
     * A weight read in place ({@link GemmTransposed}) with A packed once for all threads, and with A packed by each thread
     * for itself ({@link GemmTransposed#OWN_COPY_COLUMNS} columns of C per thread): both are the scalar fma chain, A
     * transposed or not.
     */
    @ParameterizedTest(name = "[45, 300] @ [300, {1}] on {0} threads aT={2}")
    @CsvSource({"2, 600, false", "3, 600, false", "2, 601, true", "3, 601, true", "2, 300, false"})
    void eachThreadsCopyOfAIsTheSameChain(int threads, int n, boolean aT) throws Exception {
        Case c = new Case(threads * 7L + n, 45, n, 300, aT, true);
        boolean own = n >= GemmTransposed.OWN_COPY_COLUMNS * threads;
        float[] out;
        try (AutoCloseable t = Parallel.withThreads(threads)) {
            out = c.run(true);
        }
        for (int i = 0; i < c.m; i++) {
            for (int j = 0; j < c.n; j++) {
                float chain = 0;
                for (int p = 0; p < c.k; p++) {
                    chain = Math.fma(c.a(i, p), c.b(p, j), chain);
                }
                assertThat(out[c.cOff + i * c.ldc + j]).as("%s at (%d, %d)", c.shapes(), i, j).isEqualTo(chain);
            }
        }
        System.out.println(c.shapes() + " on " + threads + " threads, A packed " + (own ? "by each thread" : "once")
            + ": bit-identical to the scalar fma chain");
    }

    /**
     * The fused epilogue equals the product, then the bias added in float, then {@link GeluKernel#geluAsLooped} (the GELU of
     * {@code CpuBackend.unary}; {@code GeluKernelTest} and {@code GeluTableTest} hold it to {@link Formulas#gelu}).
     */
    @ParameterizedTest(name = "[{0}, {2}] @ [{2}, {1}]")
    // The last two read W in place (GemmTransposed) with 16 vector registers too, where "197, 100, 300" is packed: several
    // blocks of k, a last panel of at most one vector of rows, and a partial last tile.
    @CsvSource({"7, 13, 5", "4, 300, 5", "197, 100, 300", "4, 40, 0", "3, 0, 5", "37, 75, 600", "197, 301, 768"})
    void epilogueIsBiasThenGelu(int m, int n, int k) throws Exception {
        Case c = new Case(m * 3L + k, m, n, k, false, true);
        float[] plain = c.run(false);
        float[] bias = new float[n + 2];
        for (int j = 0; j < bias.length; j++) {
            bias[j] = (j % 7 - 3) * 0.37f;
        }
        for (GemmEpilogue ep : GemmEpilogue.values()) {
            for (float[] b : new float[][] {null, bias}) {
                float[] out;
                try (AutoCloseable t = Parallel.withThreads(2)) {
                    out = c.run(b, 2, ep);
                }
                for (int i = 0; i < m; i++) {
                    for (int j = 0; j < n; j++) {
                        float v = plain[c.cOff + i * c.ldc + j];
                        if (b != null) {
                            v += b[2 + j];
                        }
                        if (ep == GemmEpilogue.GELU) {
                            v = GeluKernel.geluAsLooped(v);
                        }
                        assertThat(out[c.cOff + i * c.ldc + j]).as("%s %s bias=%s at (%d, %d)", c.shapes(), ep, b != null, i, j).isEqualTo(v);
                    }
                }
            }
        }
        System.out.println(c.shapes() + " + bias [" + n + "], then GELU: same bits as the separate steps");
    }

    @Test
    void emptyKWritesZeros() {
        Case c = new Case(1, 5, 40, 0, false, false);
        for (boolean blocked : new boolean[] {true, false}) {
            float[] out = c.run(blocked);
            for (int i = 0; i < c.m; i++) {
                for (int j = 0; j < c.n; j++) {
                    assertThat(out[c.cOff + i * c.ldc + j]).isZero();
                }
            }
            assertThat(out[c.cOff + c.n]).isNaN(); // the padding between rows of C is left alone
        }
        System.out.println(c.shapes() + ": zeros");
    }

    @Test
    void leavesPaddingOfCAlone() {
        Case c = new Case(2, 20, 45, 300, false, true);
        float[] out = c.run(true);
        System.out.println(c.shapes() + ": row padding untouched");
        for (int i = 0; i < c.m; i++) {
            for (int j = c.n; j < c.ldc && c.cOff + i * c.ldc + j < out.length; j++) {
                assertThat(out[c.cOff + i * c.ldc + j]).isNaN();
            }
        }
        assertThat(out[c.cOff - 1]).isNaN();
    }

    @Test
    void sameBitsOnOneTwoAndThreeThreads() throws Exception {
        int[][] shapes = {{197, 768, 64}, {197, 197, 64}, {300, 100, 700}, {50, 2304, 768}, {37, 75, 600}};
        for (int[] s : shapes) {
            Case c = new Case(s[0] + s[1] + s[2], s[0], s[1], s[2], false, true);
            float[] one;
            try (AutoCloseable t = Parallel.withThreads(1)) {
                one = c.run(true);
            }
            for (int threads = 2; threads <= 3; threads++) {
                try (AutoCloseable t = Parallel.withThreads(threads)) {
                    assertThat(c.run(true)).as("%s on %d threads", c.shapes(), threads).isEqualTo(one);
                }
            }
            System.out.println(c.shapes() + ": bit-identical on 1, 2 and 3 threads");
        }
    }
}
