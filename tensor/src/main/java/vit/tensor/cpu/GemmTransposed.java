// SPDX-License-Identifier: MIT
package vit.tensor.cpu;

import static vit.tensor.cpu.GemmKernel.L;
import static vit.tensor.cpu.GemmKernel.SPECIES;

import jdk.incubator.vector.FloatVector;

/**
 * The product with a weight seen through {@code mT()}, {@code C[i][j] = sum_p A[i][p] W[j][p]} with {@code W[j][p] =
 * b[bOff + p + j*bCol]}, for few rows of A (one image), where packing (transposing) the weight costs about a sixth of
 * the product: the weight is read in place, {@link #NJ} rows at a time, each a unit-stride stream in {@code p} (with 16
 * vector registers those rows are first copied into a small buffer, {@link #packW4}).
 *
 * <p>The tile is turned around: {@code 2L} rows of A (packed, {@code Ap[ip*2L*k + p*2L + i] = A[ip*2L + i][p]}, zero
 * past {@code m}) by {@link #NJ} columns of C, held as {@code NJ * 2} vectors down the columns of C; per step, two
 * vector loads of A and {@code NJ} broadcasts of W, as in {@link GemmKernel}. Each element of C is one chain
 * {@code c = fma(A[i][p], W[j][p], c)} in increasing {@code p} from 0 (blocks of k go on from the stored sum), the
 * arithmetic of {@link GemmKernel} and of the scalar loop, so {@link Gemm} gives the same bits on either path. The
 * finished sums go to C transposed.
 */
final class GemmTransposed {
    /** Columns of C per tile: one broadcast of W each per step (6 or 4, {@link Blocking}). */
    static final int NJ = Blocking.CURRENT.transposedColumns();
    /** Rows of C per tile: two vectors. */
    static final int MI = 2 * L;
    /** Bytes of packed A one block of k may take: it is swept once per tile, so it must stay in L2 ({@link Blocking}). */
    private static final int BLOCK_BYTES = Blocking.CURRENT.transposedBlockBytes();
    /** Columns of A per piece of packing work. */
    private static final int PACK_DEPTH = 256;
    /**
     * Floats from one row of W to the next in {@link #packW4}'s buffer: the deepest block of k {@link #depth} gives (one
     * panel of A), so that it is a constant and {@link #tile4}'s broadcasts address the four rows from one index.
     */
    private static final int W_STRIDE = Math.max(L, BLOCK_BYTES / (Float.BYTES * MI));

    /** Tiles turned around into C together ({@link #store}): enough for whole lines of C's rows ({@link Blocking}). */
    private static final int STORE_TILES = Blocking.CURRENT.transposedStoreTiles();

    /** Columns of C per thread from which each thread packs its own copy of A ({@link #run}). */
    static final int OWN_COPY_COLUMNS = 256;

    private static final ThreadLocal<float[]> PACKED_A = ThreadLocal.withInitial(() -> new float[0]);
    /** The call whose A this thread's {@link #PACKED_A} holds, so that it packs it once per call. */
    private static final ThreadLocal<Object[]> PACKED_FOR = ThreadLocal.withInitial(() -> new Object[1]);
    private static final ThreadLocal<float[]> PARTIAL = ThreadLocal.withInitial(() -> new float[0]);
    private static final ThreadLocal<float[]> W_TILE = ThreadLocal.withInitial(() -> new float[0]);

    private GemmTransposed() {
    }

    /**
     * Blocks of k ({@link #depth}) keep the swept block of packed A in L2: at k = 3072 the whole of it is 2.6 MiB for
     * one image, and two cores streaming it from L3 ran no faster than one. The running sums of a thread's tiles live,
     * transposed, in its own buffer ({@code NJ * mPad} floats a tile) between blocks; each block goes on from the stored
     * value, so the chain of fused multiply-adds is the same as without blocks.
     */
    static void run(int m, int n, int k, float[] a, int aOff, int aRow, int aCol, float[] b, int bOff, int bCol,
                    float[] c, int cOff, int ldc, float[] bias, int biasOff, GemmEpilogue ep) {
        int panels = (m + MI - 1) / MI;
        int mPad = panels * MI;
        int tiles = (n + NJ - 1) / NJ;
        int kc = depth(k, mPad);
        // Each thread packs A for itself when it has enough columns of C to use each packed element on: every thread
        // needs all of A, and one copy packed by all and read by all is slow to write again, its lines sitting in the
        // other cores' caches (docs/PERFORMANCE.md, session 19). A copy costs each thread the packing of all of A, which
        // grows against its share of the work as threads / n: OWN_COPY_COLUMNS per thread keeps that near a tenth.
        boolean ownCopies = n >= OWN_COPY_COLUMNS * Parallel.threads();
        Object call = ownCopies ? new Object() : null;
        float[] shared = ownCopies ? null : packAll(m, k, a, aOff, aRow, aCol, panels);
        boolean lastHalf = m - (panels - 1) * MI <= L;
        // The work is split in groups of STORE_TILES tiles, so that no line of C is written by two threads.
        Parallel.range((tiles + STORE_TILES - 1) / STORE_TILES, 1, (groupFrom, groupTo) -> {
            int from = groupFrom * STORE_TILES;
            int to = Math.min(tiles, groupTo * STORE_TILES);
            float[] wp = NJ == 4 ? Gemm.packed(W_TILE, 4 * W_STRIDE) : null;
            float[] ap = ownCopies ? ownCopy(call, m, k, a, aOff, aRow, aCol, panels) : shared;
            // The running sums of this range's tiles, in this thread's own buffer for the same reason as A's copies.
            float[] partial = Gemm.packed(PARTIAL, (to - from) * NJ * mPad);
            for (int p0 = 0; p0 < k; p0 += kc) {
                int depth = Math.min(kc, k - p0);
                for (int t = from; t < to; t++) {
                    int j0 = t * NJ;
                    int cols = Math.min(NJ, n - j0);
                    if (NJ == 4) {
                        packW4(depth, b, bOff + j0 * bCol + p0, bCol, cols, wp);
                    }
                    for (int ip = 0; ip < panels; ip++) {
                        int acc = ((t - from) * panels + ip) * NJ * MI;
                        int w = bOff + j0 * bCol + p0;
                        int aBlock = ip * MI * k + p0 * MI;
                        boolean half = m - ip * MI <= L;
                        if (NJ == 6) {
                            if (half) {
                                halfTile6(depth, ap, aBlock, b, w, bCol, cols, partial, acc, p0 > 0);
                            } else {
                                tile6(depth, ap, aBlock, b, w, bCol, cols, partial, acc, p0 > 0);
                            }
                        } else if (half) {
                            halfTile4(depth, ap, aBlock, wp, partial, acc, p0 > 0);
                        } else {
                            tile4(depth, ap, aBlock, wp, partial, acc, p0 > 0);
                        }
                    }
                }
            }
            // A group at a time, finished and then turned around while its tiles are still in L1.
            for (int g = from; g < to; g += STORE_TILES) {
                int end = Math.min(to, g + STORE_TILES);
                for (int t = g; t < end; t++) {
                    if (lastHalf) {
                        zeroUpperHalves(partial, ((t - from) * panels + panels - 1) * NJ * MI, NJ);
                    }
                    ep.finishTransposed(partial, (t - from) * panels * NJ * MI, MI, NJ, m, Math.min(NJ, n - t * NJ), bias, biasOff + t * NJ);
                }
                store(partial, (g - from) * panels * NJ * MI, panels, m, c, cOff + g * NJ, ldc, Math.min(n, end * NJ) - g * NJ);
            }
        });
    }

    /** This thread's copy of packed A for the call {@code call}, packed on its first chunk of that call. */
    private static float[] ownCopy(Object call, int m, int k, float[] a, int aOff, int aRow, int aCol, int panels) {
        float[] ap = Gemm.packed(PACKED_A, panels * MI * k);
        Object[] packedFor = PACKED_FOR.get();
        if (packedFor[0] != call) {
            for (int ip = 0; ip < panels; ip++) {
                pack(m, k, a, aOff, aRow, aCol, ap, ip, 0, k);
            }
            packedFor[0] = call;
        }
        return ap;
    }

    /** All of A packed into the calling thread's {@link #PACKED_A}, the threads together. */
    private static float[] packAll(int m, int k, float[] a, int aOff, int aRow, int aCol, int panels) {
        float[] ap = Gemm.packed(PACKED_A, panels * MI * k);
        // In pieces of PACK_DEPTH columns, not whole panels: 7 panels (one image) split 4 to 3 between two threads.
        int pieces = (k + PACK_DEPTH - 1) / PACK_DEPTH;
        Parallel.range(panels * pieces, 1, (from, to) -> {
            for (int u = from; u < to; u++) {
                int p0 = u % pieces * PACK_DEPTH;
                pack(m, k, a, aOff, aRow, aCol, ap, u / pieces, p0, Math.min(k, p0 + PACK_DEPTH));
            }
        });
        return ap;
    }

    /**
     * Turns a group of finished tiles around into C: {@code c[cOff + i*ldc + j] = s[sOff + (j/NJ*panels + i/MI)*NJ*MI +
     * j%NJ*MI + i%MI]} for {@code i < m}, {@code j < cols}, row by row across the group ({@link #STORE_TILES}). Not the
     * whole range of a thread at once: the tiles' sums lie {@code panels * NJ * MI} floats apart, and when that distance
     * was near a multiple of 4 KiB (8 panels of 32 rows at AVX-512) a row's reads came back to a few sets of L1.
     */
    private static void store(float[] s, int sOff, int panels, int m, float[] c, int cOff, int ldc, int cols) {
        int tileStride = panels * NJ * MI;
        int whole = cols / NJ;
        int rest = cols - whole * NJ;
        for (int ip = 0; ip < panels; ip++) {
            int rows = Math.min(MI, m - ip * MI);
            for (int r = 0; r < rows; r++) {
                int from = sOff + ip * NJ * MI + r;
                int to = cOff + (ip * MI + r) * ldc;
                for (int u = 0; u < whole; u++, from += tileStride, to += NJ) {
                    for (int j = 0; j < NJ; j++) {
                        c[to + j] = s[from + j * MI];
                    }
                }
                for (int j = 0; j < rest; j++) {
                    c[to + j] = s[from + j * MI];
                }
            }
        }
    }

    /**
     * The depth of a block of k: equal blocks, each with at most {@link #BLOCK_BYTES} of packed A; never more than
     * {@link #W_STRIDE}, since {@code mPad >= MI}.
     */
    static int depth(int k, int mPad) {
        int most = Math.max(L, BLOCK_BYTES / (Float.BYTES * mPad));
        int blocks = (k + most - 1) / most;
        return (k + blocks - 1) / blocks;
    }

    /**
     * Packs columns {@code [p0, p1)} of row panel {@code ip} of A: a transpose, in registers for a whole panel of a
     * row-major A on 16 and 8 lanes ({@link PackTransposed}; on 16 0.7 -> 0.5 ns per element, 192 rows of 768 or
     * 3072), element by element otherwise; the rows of a last partial panel past {@code m} are zeros.
     */
    private static void pack(int m, int k, float[] a, int aOff, int aRow, int aCol, float[] dst, int ip, int p0, int p1) {
        int d = ip * MI * k + p0 * MI;
        int rows = Math.min(MI, m - ip * MI);
        if (rows == MI && aCol == 1 && PackTransposed.supported()) {
            PackTransposed.pack(p1 - p0, a, aOff + ip * MI * aRow + p0, aRow, dst, d, MI);
            return;
        }
        if (rows < MI) {
            java.util.Arrays.fill(dst, d, d + MI * (p1 - p0), 0f);
        }
        for (int i = 0; i < rows; i++) {
            int s = aOff + (ip * MI + i) * aRow;
            for (int p = p0; p < p1; p++) {
                dst[d + (p - p0) * MI + i] = a[s + p * aCol];
            }
        }
    }

    /**
     * {@code s[o + j*MI + i] (+)= sum_p Ap[aOff + p*MI + i] W[j][p]} for {@code p < k}, row j of W at {@code b[w + j*bCol]},
     * going on from the stored sums when {@code accumulate}; the columns past {@code cols} repeat the last row of W
     * (computed, never used), so that nothing past W is read. The 6-column tile, for 32 vector registers.
     */
    private static void tile6(int k, float[] ap, int aOff, float[] b, int w, int bCol, int cols, float[] s, int o,
                             boolean accumulate) {
        int w0 = w + Math.min(0, cols - 1) * bCol;
        int w1 = w + Math.min(1, cols - 1) * bCol;
        int w2 = w + Math.min(2, cols - 1) * bCol;
        int w3 = w + Math.min(3, cols - 1) * bCol;
        int w4 = w + Math.min(4, cols - 1) * bCol;
        int w5 = w + Math.min(5, cols - 1) * bCol;
        FloatVector c00 = start(s, o + 0 * L, accumulate);
        FloatVector c01 = start(s, o + 1 * L, accumulate);
        FloatVector c10 = start(s, o + 2 * L, accumulate);
        FloatVector c11 = start(s, o + 3 * L, accumulate);
        FloatVector c20 = start(s, o + 4 * L, accumulate);
        FloatVector c21 = start(s, o + 5 * L, accumulate);
        FloatVector c30 = start(s, o + 6 * L, accumulate);
        FloatVector c31 = start(s, o + 7 * L, accumulate);
        FloatVector c40 = start(s, o + 8 * L, accumulate);
        FloatVector c41 = start(s, o + 9 * L, accumulate);
        FloatVector c50 = start(s, o + 10 * L, accumulate);
        FloatVector c51 = start(s, o + 11 * L, accumulate);
        for (int p = 0; p < k; p++) {
            int pa = aOff + p * MI;
            FloatVector a0 = FloatVector.fromArray(SPECIES, ap, pa);
            FloatVector a1 = FloatVector.fromArray(SPECIES, ap, pa + L);
            FloatVector x = FloatVector.broadcast(SPECIES, b[w0 + p]);
            c00 = a0.fma(x, c00);
            c01 = a1.fma(x, c01);
            x = FloatVector.broadcast(SPECIES, b[w1 + p]);
            c10 = a0.fma(x, c10);
            c11 = a1.fma(x, c11);
            x = FloatVector.broadcast(SPECIES, b[w2 + p]);
            c20 = a0.fma(x, c20);
            c21 = a1.fma(x, c21);
            x = FloatVector.broadcast(SPECIES, b[w3 + p]);
            c30 = a0.fma(x, c30);
            c31 = a1.fma(x, c31);
            x = FloatVector.broadcast(SPECIES, b[w4 + p]);
            c40 = a0.fma(x, c40);
            c41 = a1.fma(x, c41);
            x = FloatVector.broadcast(SPECIES, b[w5 + p]);
            c50 = a0.fma(x, c50);
            c51 = a1.fma(x, c51);
        }
        c00.intoArray(s, o + 0 * L);
        c01.intoArray(s, o + 1 * L);
        c10.intoArray(s, o + 2 * L);
        c11.intoArray(s, o + 3 * L);
        c20.intoArray(s, o + 4 * L);
        c21.intoArray(s, o + 5 * L);
        c30.intoArray(s, o + 6 * L);
        c31.intoArray(s, o + 7 * L);
        c40.intoArray(s, o + 8 * L);
        c41.intoArray(s, o + 9 * L);
        c50.intoArray(s, o + 10 * L);
        c51.intoArray(s, o + 11 * L);
    }

    /** {@link #tile6} for a last panel of at most {@code L} rows: one vector per column, half the work. */
    private static void halfTile6(int k, float[] ap, int aOff, float[] b, int w, int bCol, int cols, float[] s, int o,
                                 boolean accumulate) {
        int w0 = w + Math.min(0, cols - 1) * bCol;
        int w1 = w + Math.min(1, cols - 1) * bCol;
        int w2 = w + Math.min(2, cols - 1) * bCol;
        int w3 = w + Math.min(3, cols - 1) * bCol;
        int w4 = w + Math.min(4, cols - 1) * bCol;
        int w5 = w + Math.min(5, cols - 1) * bCol;
        FloatVector c00 = start(s, o + 0 * L, accumulate);
        FloatVector c10 = start(s, o + 2 * L, accumulate);
        FloatVector c20 = start(s, o + 4 * L, accumulate);
        FloatVector c30 = start(s, o + 6 * L, accumulate);
        FloatVector c40 = start(s, o + 8 * L, accumulate);
        FloatVector c50 = start(s, o + 10 * L, accumulate);
        for (int p = 0; p < k; p++) {
            FloatVector a0 = FloatVector.fromArray(SPECIES, ap, aOff + p * MI);
            c00 = a0.fma(FloatVector.broadcast(SPECIES, b[w0 + p]), c00);
            c10 = a0.fma(FloatVector.broadcast(SPECIES, b[w1 + p]), c10);
            c20 = a0.fma(FloatVector.broadcast(SPECIES, b[w2 + p]), c20);
            c30 = a0.fma(FloatVector.broadcast(SPECIES, b[w3 + p]), c30);
            c40 = a0.fma(FloatVector.broadcast(SPECIES, b[w4 + p]), c40);
            c50 = a0.fma(FloatVector.broadcast(SPECIES, b[w5 + p]), c50);
        }
        c00.intoArray(s, o + 0 * L);
        c10.intoArray(s, o + 2 * L);
        c20.intoArray(s, o + 4 * L);
        c30.intoArray(s, o + 6 * L);
        c40.intoArray(s, o + 8 * L);
        c50.intoArray(s, o + 10 * L);
    }

    /**
     * Copies the {@code depth} steps of a tile's 4 rows of W to rows {@link #W_STRIDE} apart: {@code wp[j*W_STRIDE + p] =
     * W[j][p]}, the rows past {@code cols} repeating the last one. {@link #tile4} then reads its 4 broadcasts at fixed
     * offsets from one index: read in place, each of them cost two more instructions (x86 addresses one index register,
     * not two), and a step of 8 multiply-adds took 25 instructions, more than an AVX2 core issues in the 4 cycles the
     * multiply-adds need. Rows a constant apart, not interleaved ({@code wp[p*4 + j]}, as before), make the copy a vector
     * copy: the scalar interleave cost one image's products 7-9% at AVX2. {@code System.arraycopy} of the same rows
     * was 2-3% slower than this loop (rows of about a hundred floats, four calls per tile).
     */
    private static void packW4(int depth, float[] b, int w, int bCol, int cols, float[] wp) {
        for (int j = 0; j < 4; j++) {
            int row = w + Math.min(j, cols - 1) * bCol;
            int at = j * W_STRIDE;
            int p = 0;
            for (; p <= depth - L; p += L) {
                FloatVector.fromArray(SPECIES, b, row + p).intoArray(wp, at + p);
            }
            for (; p < depth; p++) {
                wp[at + p] = b[row + p];
            }
        }
    }

    /**
     * {@link #tile6} with 4 columns, for 16 vector registers ({@link Blocking}), where 6 columns spilled: {@code s[o + j*MI +
     * i] (+)= sum_p Ap[aOff + p*MI + i] wp[j*W_STRIDE + p]}.
     */
    private static void tile4(int k, float[] ap, int aOff, float[] wp, float[] s, int o, boolean accumulate) {
        FloatVector c00 = start(s, o + 0 * L, accumulate);
        FloatVector c01 = start(s, o + 1 * L, accumulate);
        FloatVector c10 = start(s, o + 2 * L, accumulate);
        FloatVector c11 = start(s, o + 3 * L, accumulate);
        FloatVector c20 = start(s, o + 4 * L, accumulate);
        FloatVector c21 = start(s, o + 5 * L, accumulate);
        FloatVector c30 = start(s, o + 6 * L, accumulate);
        FloatVector c31 = start(s, o + 7 * L, accumulate);
        for (int p = 0; p < k; p++) {
            int pa = aOff + p * MI;
            FloatVector a0 = FloatVector.fromArray(SPECIES, ap, pa);
            FloatVector a1 = FloatVector.fromArray(SPECIES, ap, pa + L);
            FloatVector x = FloatVector.broadcast(SPECIES, wp[p]);
            c00 = a0.fma(x, c00);
            c01 = a1.fma(x, c01);
            x = FloatVector.broadcast(SPECIES, wp[p + 1 * W_STRIDE]);
            c10 = a0.fma(x, c10);
            c11 = a1.fma(x, c11);
            x = FloatVector.broadcast(SPECIES, wp[p + 2 * W_STRIDE]);
            c20 = a0.fma(x, c20);
            c21 = a1.fma(x, c21);
            x = FloatVector.broadcast(SPECIES, wp[p + 3 * W_STRIDE]);
            c30 = a0.fma(x, c30);
            c31 = a1.fma(x, c31);
        }
        c00.intoArray(s, o + 0 * L);
        c01.intoArray(s, o + 1 * L);
        c10.intoArray(s, o + 2 * L);
        c11.intoArray(s, o + 3 * L);
        c20.intoArray(s, o + 4 * L);
        c21.intoArray(s, o + 5 * L);
        c30.intoArray(s, o + 6 * L);
        c31.intoArray(s, o + 7 * L);
    }

    /** {@link #tile4} for a last panel of at most {@code L} rows. */
    private static void halfTile4(int k, float[] ap, int aOff, float[] wp, float[] s, int o, boolean accumulate) {
        FloatVector c00 = start(s, o + 0 * L, accumulate);
        FloatVector c10 = start(s, o + 2 * L, accumulate);
        FloatVector c20 = start(s, o + 4 * L, accumulate);
        FloatVector c30 = start(s, o + 6 * L, accumulate);
        for (int p = 0; p < k; p++) {
            FloatVector a0 = FloatVector.fromArray(SPECIES, ap, aOff + p * MI);
            c00 = a0.fma(FloatVector.broadcast(SPECIES, wp[p]), c00);
            c10 = a0.fma(FloatVector.broadcast(SPECIES, wp[p + 1 * W_STRIDE]), c10);
            c20 = a0.fma(FloatVector.broadcast(SPECIES, wp[p + 2 * W_STRIDE]), c20);
            c30 = a0.fma(FloatVector.broadcast(SPECIES, wp[p + 3 * W_STRIDE]), c30);
        }
        c00.intoArray(s, o + 0 * L);
        c10.intoArray(s, o + 2 * L);
        c20.intoArray(s, o + 4 * L);
        c30.intoArray(s, o + 6 * L);
    }

    /**
     * Zeros the rows a half tile leaves out, {@code s[o + j*MI + L .. o + (j+1)*MI)}, once its sums are done: the epilogue
     * finishes whole tiles ({@link GemmEpilogue#finishTransposed}), and what an earlier product left there (any value, NaN
     * included) would send its GELU to the slow path for values beyond its range, for nothing.
     */
    private static void zeroUpperHalves(float[] s, int o, int columns) {
        for (int j = 0; j < columns; j++) {
            java.util.Arrays.fill(s, o + j * MI + L, o + (j + 1) * MI, 0f);
        }
    }

    private static FloatVector start(float[] s, int at, boolean accumulate) {
        return accumulate ? FloatVector.fromArray(SPECIES, s, at) : FloatVector.zero(SPECIES);
    }
}
