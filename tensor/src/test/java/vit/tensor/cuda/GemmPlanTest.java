// SPDX-License-Identifier: MIT
package vit.tensor.cuda;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Checks the row-major to column-major mapping without a GPU: a small emulator of
 * {@code cublasSgemmStridedBatched}'s documented semantics runs each plan on a float array, and the result is
 * compared with a plain float64 row-major product read through the original strides.
 */
class GemmPlanTest {
    /** cuBLAS: C[i + j*ldc] = sum_p op(A)(i, p) op(B)(p, j), column-major, per batch; op T reads X(j, i). */
    private static void emulate(boolean ta, boolean tb, int m, int n, int k, float[] mem, long a, int lda, long sa,
                                long b, int ldb, long sb, long c, int ldc, long sc, int count) {
        for (int batch = 0; batch < count; batch++) {
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    double acc = 0;
                    for (int p = 0; p < k; p++) {
                        float x = ta ? mem[(int) (a + batch * sa + p + (long) i * lda)] : mem[(int) (a + batch * sa + i + (long) p * lda)];
                        float y = tb ? mem[(int) (b + batch * sb + j + (long) p * ldb)] : mem[(int) (b + batch * sb + p + (long) j * ldb)];
                        acc += (double) x * y;
                    }
                    mem[(int) (c + batch * sc + i + (long) j * ldc)] = (float) acc;
                }
            }
        }
    }

    /** What Blas.gemm does, on the emulator. */
    private static void run(GemmPlan plan, float[] mem, long a, long b, long c) {
        StridedLayout outer = plan.outerBatches();
        for (long e = 0; e < plan.calls(); e++) {
            emulate(plan.b().transpose(), plan.a().transpose(), plan.n(), plan.m(), plan.k(), mem,
                b + outer.position(1, e), plan.b().ld(), plan.strideB(),
                a + outer.position(0, e), plan.a().ld(), plan.strideA(),
                c + outer.position(2, e), plan.ldc(), plan.strideC(), plan.batchCount());
        }
    }

    private static int[] contiguous(int[] sizes) {
        int[] s = new int[sizes.length];
        int st = 1;
        for (int d = sizes.length - 1; d >= 0; d--) {
            s[d] = st;
            st *= sizes[d];
        }
        return s;
    }

    /** Strides of a dense buffer laid out in the dim order {@code order} (outermost first). */
    private static int[] stridesInOrder(int[] sizes, int[] order) {
        int[] s = new int[sizes.length];
        int st = 1;
        for (int i = order.length - 1; i >= 0; i--) {
            s[order[i]] = st;
            st *= sizes[order[i]];
        }
        return s;
    }

    private static void check(String name, int[] outSizes, int k, int[] aStrides, int[] bStrides, Random rnd) {
        int r = outSizes.length;
        int m = outSizes[r - 2];
        int n = outSizes[r - 1];
        int[] oStrides = contiguous(outSizes);
        long outNumel = Arrays.stream(outSizes).asLongStream().reduce(1, (x, y) -> x * y);
        int span = 4096;
        float[] mem = new float[3 * span];
        for (int i = 0; i < 2 * span; i++) {
            mem[i] = (float) rnd.nextGaussian();
        }
        int aOff = 3;
        int bOff = span + 5;
        int cOff = 2 * span;
        GemmPlan plan = GemmPlan.of(outSizes, k, aStrides, bStrides, oStrides);
        assertThat(plan).as(name).isNotNull();
        run(plan, mem, aOff, bOff, cOff);
        int[] idx = new int[r];
        for (long e = 0; e < outNumel; e++) {
            double expected = 0;
            for (int p = 0; p < k; p++) {
                long pa = aOff;
                long pb = bOff;
                for (int d = 0; d < r - 2; d++) {
                    pa += (long) idx[d] * aStrides[d];
                    pb += (long) idx[d] * bStrides[d];
                }
                pa += (long) idx[r - 2] * aStrides[r - 2] + (long) p * aStrides[r - 1];
                pb += (long) p * bStrides[r - 2] + (long) idx[r - 1] * bStrides[r - 1];
                expected += (double) mem[(int) pa] * mem[(int) pb];
            }
            assertThat((double) mem[(int) (cOff + e)]).as("%s element %d", name, e).isCloseTo(expected,
                org.assertj.core.data.Offset.offset(1e-4 * (1 + Math.abs(expected))));
            for (int d = r - 1; d >= 0 && ++idx[d] == outSizes[d]; d--) {
                idx[d] = 0;
            }
        }
        System.out.printf("%s: out %s, K %d -> %d cuBLAS call(s) of batch %d, opA %s, opB %s%n", name,
            Arrays.toString(outSizes), k, plan.calls(), plan.batchCount(), plan.a().transpose() ? "T" : "N",
            plan.b().transpose() ? "T" : "N");
    }

    @Test
    void matrixClassification() {
        assertThat(GemmPlan.matrix(5, 7, 7, 1)).isEqualTo(new GemmPlan.Matrix(false, 7));
        assertThat(GemmPlan.matrix(5, 7, 9, 1)).isEqualTo(new GemmPlan.Matrix(false, 9)); // a column slice
        assertThat(GemmPlan.matrix(5, 7, 1, 5)).isEqualTo(new GemmPlan.Matrix(true, 5));  // a transposed view
        assertThat(GemmPlan.matrix(1, 7, 0, 1)).isEqualTo(new GemmPlan.Matrix(false, 7)); // one row: its stride is moot
        assertThat(GemmPlan.matrix(5, 1, 3, 0)).isEqualTo(new GemmPlan.Matrix(false, 3)); // one column
        assertThat(GemmPlan.matrix(5, 7, 14, 2)).isNull();                                 // every other column
        assertThat(GemmPlan.matrix(5, 7, 0, 1)).isNull();                                  // broadcast rows
        assertThat(GemmPlan.matrix(5, 7, 3, 1)).isNull();                                  // overlapping rows
    }

    @Test
    void plansComputeTheRowMajorProduct() {
        Random rnd = new Random(11);
        check("plain [5, 7] x [7, 3]", new int[] {5, 3}, 7, new int[] {7, 1}, new int[] {3, 1}, rnd);
        check("a^T", new int[] {5, 3}, 7, new int[] {1, 5}, new int[] {3, 1}, rnd);
        check("b^T (linear layer weight)", new int[] {5, 3}, 7, new int[] {7, 1}, new int[] {1, 7}, rnd);
        check("both transposed", new int[] {5, 3}, 7, new int[] {1, 5}, new int[] {1, 7}, rnd);
        check("vector times matrix", new int[] {1, 3}, 7, new int[] {7, 1}, new int[] {3, 1}, rnd);
        check("K = 1", new int[] {4, 3}, 1, new int[] {1, 1}, new int[] {3, 1}, rnd);
        int[] b3 = {2, 5, 3};
        check("batched contiguous", b3, 7, contiguous(new int[] {2, 5, 7}), contiguous(new int[] {2, 7, 3}), rnd);
        check("batched, b broadcast over the batch", b3, 7, contiguous(new int[] {2, 5, 7}), new int[] {0, 3, 1}, rnd);
        // attention scores q k^T with q, k viewed as [B, H, T, D] from a [B, T, H, D] buffer
        int[] qSizes = {2, 3, 5, 4};
        int[] q = stridesInOrder(qSizes, new int[] {0, 2, 1, 3});
        int[] kT = {q[0], q[1], q[3], q[2]}; // k.transpose(-2, -1): [B, H, D, T]
        check("attention q k^T on permuted heads", new int[] {2, 3, 5, 5}, 4, q, kT, rnd);
        check("attention weights v", new int[] {2, 3, 5, 4}, 5, contiguous(new int[] {2, 3, 5, 5}), q, rnd);
    }

    @Test
    void contiguousBatchesMergeIntoOneCall() {
        GemmPlan p = GemmPlan.of(new int[] {2, 3, 5, 4}, 6, contiguous(new int[] {2, 3, 5, 6}),
            contiguous(new int[] {2, 3, 6, 4}), contiguous(new int[] {2, 3, 5, 4}));
        assertThat(p.calls()).isEqualTo(1);
        assertThat(p.batchCount()).isEqualTo(6);
        assertThat(p.strideA()).isEqualTo(30);
        assertThat(p.strideC()).isEqualTo(20);
    }

    @Test
    void unusableOperandAsksForACopy() {
        assertThat(GemmPlan.of(new int[] {5, 3}, 7, new int[] {14, 2}, new int[] {3, 1}, new int[] {3, 1})).isNull();
    }
}
