// SPDX-License-Identifier: MIT
package vit.tensor.cpu;

/**
 * Single-precision matrix product {@code C = A B} with arbitrary strides:
 * {@code C[i][j] = sum_p A[i][p] * B[p][j]}, where {@code A[i][p] = a[aOff + i*aRow + p*aCol]},
 * {@code B[p][j] = b[bOff + p*bRow + j*bCol]} and {@code C[i][j] = c[cOff + i*ldc + j]}. {@code C} is
 * overwritten.
 *
 * <p>The fast path is the classic blocked GEMM: B is packed once per call into column panels ({@link Packing}), in
 * parallel; then each task takes one {@code KC x NR} panel of B (it stays in L1) and sweeps a block of A's rows (it
 * stays in L2) with the register-blocked {@link GemmKernel}. A is read in place when its rows or its columns are
 * contiguous (six unit-stride streams, or six neighbours per step), and packed into row panels otherwise: packing
 * a row-major A cost about a tenth of a training step and bought nothing. Packing B once, rather than once per block of A, matters for a weight seen through
 * {@code mT()}: its packing is a transpose, and a batch of 8 images has six blocks of A.
 *
 * <p>Such a weight is read in place, not packed, when it is {@link #TRANSPOSED_DEPTH} deep or more and A has at most
 * {@link #TRANSPOSED_ROWS_PER_COLUMN} rows per column of C ({@link GemmTransposed}, on chunks of at most
 * {@link #TRANSPOSED_ROWS} rows, about one image each), where packing it would cost about a sixth of the product, and for a handful of rows ({@link GemmFewRows}, the classifier head). Products below
 * {@link #SMALL} multiply-adds take the plain loop, {@link #reference}.
 *
 * <p>On every path but the plain loop, each element of C is one chain of fused multiply-adds in increasing
 * {@code p}, whichever tile or thread computes it: work is split over tiles of C, never over {@code k}, so
 * results are bit-identical on any thread count, for any block sizes and on either path.
 *
 * <p>Memory: each calling thread keeps its packed A (when A is packed) and B ({@code m * k} and {@code k * n} floats, rounded up;
 * 9 MiB for the largest ViT-B weight) for the next call; on the in-place path each worker thread keeps its own packed A
 * too ({@link GemmTransposed#run}, at most {@link #TRANSPOSED_ROWS} rows, 3 MiB at {@code k = 3072}); nothing else is
 * allocated per call but that path's token for the call. Packed weights are
 * not cached across calls: optimisers and checkpoint loading overwrite a parameter's storage in place, so a
 * cache keyed on the storage would go stale.
 */
public final class Gemm {
    /** Depth of one block of k: a packed panel of B, {@code KC x NR} floats, fills half of L1 ({@link Blocking}). */
    static final int KC = Blocking.CURRENT.kc();
    /** At most this many row panels of A per task: the block of A fits L2 ({@link Blocking}). */
    private static final int MAX_PANELS_PER_BLOCK = Blocking.CURRENT.panelsPerBlock();
    /** A weight seen through {@code mT()} is read in place ({@link GemmTransposed}) for chunks of up to this many rows. */
    static final int TRANSPOSED_ROWS = 256;
    /** ... and at least this deep: a shallow tile (attention's k = 64) spends too long turning its result around. */
    static final int TRANSPOSED_DEPTH = 256;
    /**
     * ... and for at most this many rows of A per column of C ({@link Blocking}: 4 with 32 vector registers, 1 with 16).
     * That path packs A (a transpose) and uses each packed element {@code n} times; the blocked one packs W instead and
     * uses it {@code m} times. Far beyond, packing A dominates: training's second MLP layer, 6400 x 256 by 256 x 64, ran at
     * about a third of the blocked path's speed there (docs/PERFORMANCE.md).
     */
    static final int TRANSPOSED_ROWS_PER_COLUMN = Blocking.CURRENT.transposedRowsPerColumn();
    /** A row-major B of at most this many columns is read in place, not packed. */
    static final int IN_PLACE_B_COLUMNS = 256;
    /** Below this many multiply-adds the plain loop is as fast. */
    static final long SMALL = 32 * 1024;

    private static final ThreadLocal<float[]> PACKED_A = ThreadLocal.withInitial(() -> new float[0]);
    private static final ThreadLocal<float[]> PACKED_B = ThreadLocal.withInitial(() -> new float[0]);
    private static final ThreadLocal<float[]> SCRATCH = ThreadLocal.withInitial(() -> new float[GemmKernel.MR * GemmKernel.NR]);

    private Gemm() {
    }

    public static void sgemm(int m, int n, int k, float[] a, int aOff, int aRow, int aCol, float[] b, int bOff, int bRow, int bCol,
                             float[] c, int cOff, int ldc) {
        sgemm(m, n, k, a, aOff, aRow, aCol, b, bOff, bRow, bCol, c, cOff, ldc, null, 0, GemmEpilogue.NONE);
    }

    /**
     * {@code C[i][j] = ep(sum_p A[i][p] B[p][j] + bias[biasOff + j])}, with the bias skipped when null: the product
     * and its {@link GemmEpilogue} in one pass over C.
     */
    public static void sgemm(int m, int n, int k, float[] a, int aOff, int aRow, int aCol, float[] b, int bOff, int bRow, int bCol,
                             float[] c, int cOff, int ldc, float[] bias, int biasOff, GemmEpilogue ep) {
        if ((long) m * n * k < SMALL) {
            reference(m, n, k, a, aOff, aRow, aCol, b, bOff, bRow, bCol, c, cOff, ldc);
            if (bias != null || ep != GemmEpilogue.NONE) {
                ep.apply(c, cOff, ldc, m, n, bias, biasOff);
            }
        } else {
            blocked(m, n, k, a, aOff, aRow, aCol, b, bOff, bRow, bCol, c, cOff, ldc, bias, biasOff, ep);
        }
    }

    /** The packed, register-blocked product (any size; {@link #sgemm} sends small ones to {@link #reference}). */
    static void blocked(int m, int n, int k, float[] a, int aOff, int aRow, int aCol, float[] b, int bOff, int bRow, int bCol,
                        float[] c, int cOff, int ldc, float[] bias, int biasOff, GemmEpilogue ep) {
        if (m <= 0 || n <= 0) {
            return;
        }
        boolean finish = bias != null || ep != GemmEpilogue.NONE;
        if (k <= 0) {
            for (int i = 0; i < m; i++) {
                java.util.Arrays.fill(c, cOff + i * ldc, cOff + i * ldc + n, 0f);
            }
            if (finish) {
                ep.apply(c, cOff, ldc, m, n, bias, biasOff);
            }
            return;
        }
        if (bRow == 1 && bCol != 1 && m <= GemmFewRows.MAX_ROWS) {
            GemmFewRows.run(m, n, k, a, aOff, aRow, aCol, b, bOff, bCol, c, cOff, ldc, bias, biasOff, ep);
            return;
        }
        if (bRow == 1 && bCol != 1 && k >= TRANSPOSED_DEPTH && m <= (long) TRANSPOSED_ROWS_PER_COLUMN * n) {
            // Chunks of rows (a batch of images, about one image each): W read in place beat packing it once for all
            // rows (docs/PERFORMANCE.md, 1df0221).
            // Each chunk but the last is a whole number of the kernel's row panels: a partial panel is computed in full
            // (padded), so it must happen once, not once per chunk.
            int panels = (m + GemmTransposed.MI - 1) / GemmTransposed.MI;
            int perChunk = TRANSPOSED_ROWS / GemmTransposed.MI;
            int chunks = (panels + perChunk - 1) / perChunk;
            for (int chunk = 0; chunk < chunks; chunk++) {
                int i0 = panels * chunk / chunks * GemmTransposed.MI;
                int i1 = Math.min(m, panels * (chunk + 1) / chunks * GemmTransposed.MI);
                GemmTransposed.run(i1 - i0, n, k, a, aOff + i0 * aRow, aRow, aCol, b, bOff, bCol, c, cOff + i0 * ldc, ldc, bias, biasOff,
                    ep);
            }
            return;
        }
        int mr = GemmKernel.MR;
        int nr = GemmKernel.NR;
        int mPad = Packing.paddedRows(m);
        int mPanels = mPad / mr;
        int nPanels = (n + nr - 1) / nr;
        int nPad = nPanels * nr;
        // A row-major or transposed A is read in place by the kernel; only other strides are packed (packing an attention
        // head's q, 64 of every 2304 floats, made its product slower; docs/PERFORMANCE.md, be6edb2).
        boolean inPlace = aCol == 1 || aRow == 1;
        float[] ap = inPlace ? a : packed(PACKED_A, mPad * k);
        // A row-major B with short rows is read in place too, all but a last partial panel (the products of attention:
        // packing cost them as much as the arithmetic). Long rows are packed, and so are short ones far apart (an
        // attention head's v): a panel read in place would be KC rows a power-of-two-ish stride apart, all in the same
        // few sets of L1 (packing was faster; docs/PERFORMANCE.md, be6edb2).
        boolean bInPlace = bCol == 1 && n <= IN_PLACE_B_COLUMNS && bRow <= IN_PLACE_B_COLUMNS;
        int firstPacked = bInPlace ? n / nr : 0;
        float[] bp = packed(PACKED_B, nPad * k);
        if (!inPlace) {
            Parallel.range(mPanels, Math.max(1, (1 << 12) / k), (from, to) -> Packing.packA(m, k, KC, a, aOff, aRow, aCol, ap, from, to));
        }
        if (firstPacked < nPanels) {
            Parallel.range(nPanels - firstPacked, Math.max(1, (1 << 12) / k), (from, to) -> {
                for (int p0 = 0; p0 < k; p0 += KC) {
                    int kc = Math.min(KC, k - p0);
                    for (int jp = firstPacked + from; jp < firstPacked + to; jp++) {
                        Packing.packB(kc, p0, jp * nr, n, b, bOff, bRow, bCol, bp, p0 * nPad + jp * nr * kc);
                    }
                }
            });
        }
        int mBlocks = (mPanels + MAX_PANELS_PER_BLOCK - 1) / MAX_PANELS_PER_BLOCK;
        int perBlock = (mPanels + mBlocks - 1) / mBlocks;
        Parallel.range(mBlocks * nPanels, 1, (from, to) -> {
            float[] scratch = SCRATCH.get();
            for (int p0 = 0; p0 < k; p0 += KC) {
                int kc = Math.min(KC, k - p0);
                for (int t = from; t < to; t++) {
                    int jp = t % nPanels;
                    int ipFrom = t / nPanels * perBlock;
                    int ipTo = Math.min(mPanels, ipFrom + perBlock);
                    int j0 = jp * nr;
                    int cols = Math.min(nr, n - j0);
                    boolean packedPanel = jp >= firstPacked;
                    float[] bs = packedPanel ? bp : b;
                    int bo = packedPanel ? p0 * nPad + j0 * kc : bOff + p0 * bRow + j0;
                    int ldb = packedPanel ? nr : bRow;
                    for (int ip = ipFrom; ip < ipTo; ip++) {
                        int rows = Math.min(mr, m - ip * mr);
                        int tile = cOff + ip * mr * ldc + j0;
                        if (inPlace) {
                            GemmKernel.tile(kc, a, aOff + ip * mr * aRow + p0 * aCol, aRow, aCol, bs, bo, ldb, c, tile, ldc, rows, cols,
                                p0 > 0, scratch);
                        } else {
                            GemmKernel.tile(kc, ap, p0 * mPad + ip * mr * kc, 1, mr, bs, bo, ldb, c, tile, ldc, rows, cols, p0 > 0, scratch);
                        }
                    }
                    if (finish && p0 + kc == k) {
                        // the task's whole column of tiles at once, still in L1: GELU's calls take all its rows
                        ep.apply(c, cOff + ipFrom * mr * ldc + j0, ldc, Math.min(m, ipTo * mr) - ipFrom * mr, cols, bias, biasOff + j0);
                    }
                }
            }
        });
    }

    /** The calling thread's buffer in {@code cache}, grown to at least {@code size} floats (kept for the next call). */
    static float[] packed(ThreadLocal<float[]> cache, int size) {
        float[] buf = cache.get();
        if (buf.length < size) {
            buf = new float[size];
            cache.set(buf);
        }
        return buf;
    }
    /** The plain triple loop, the control every faster path is tested against. */
    public static void reference(int m, int n, int k, float[] a, int aOff, int aRow, int aCol, float[] b, int bOff, int bRow, int bCol,
                                 float[] c, int cOff, int ldc) {
        Parallel.range(m, Math.max(1, (1 << 16) / Math.max(1, n * Math.max(1, k))), (from, to) -> {
            for (int i = from; i < to; i++) {
                int ci = cOff + i * ldc;
                java.util.Arrays.fill(c, ci, ci + n, 0f);
                for (int p = 0; p < k; p++) {
                    float aip = a[aOff + i * aRow + p * aCol];
                    int bp = bOff + p * bRow;
                    if (bCol == 1) {
                        for (int j = 0; j < n; j++) {
                            c[ci + j] += aip * b[bp + j];
                        }
                    } else {
                        for (int j = 0; j < n; j++) {
                            c[ci + j] += aip * b[bp + j * bCol];
                        }
                    }
                }
            }
        });
    }
}
