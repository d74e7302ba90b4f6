// SPDX-License-Identifier: MIT
package vit.tensor.cpu;

/**
 * The block sizes of the matrix products, derived from what the {@link Machine} reports: the one place where the
 * kernels depend on the machine. BLIS keeps such a table per architecture ({@code config/<arch>/bli_cntx_init_<arch>.c});
 * here it is computed from the register count and the cache sizes, so a chip nobody measured still gets sizes that fit it.
 *
 * <table>
 * <caption>The register tiles</caption>
 * <tr><th></th><th>32 vector registers (AVX-512, NEON, SVE)</th><th>16 (AVX2 and below)</th></tr>
 * <tr><td>{@link GemmKernel}: rows of A x vectors of B</td><td>6 x 2</td><td>4 x 2</td></tr>
 * <tr><td>{@link GemmTransposed}: vectors of A x columns of W</td><td>2 x 6</td><td>2 x 4</td></tr>
 * </table>
 *
 * <p>Why these: a tile of {@code r x 2} vectors keeps {@code 2r} accumulators, two vectors of the streamed operand
 * and, as C2 schedules the loop, up to {@code r} broadcasts live at once (it hoists the scalar loads of a step to its
 * start when no range check pins them): {@code 3r + 2} registers. With 6 that is 20, which fits 32 registers; with 16
 * it spilled four accumulators to the stack on every step. With 4 it is 14.
 * Both keep at least 8 chains of multiply-adds in flight, what two FMA pipes with a latency of 4 cycles need.
 *
 * <p>Which path a weight seen through {@code mT()} takes in {@link Gemm}: read in place ({@link GemmTransposed}) while A
 * has at most {@link #transposedRowsPerColumn} rows per column of C, packed once (a transpose) and swept by
 * {@link GemmKernel} beyond. ViT-B/16's batch of 8 has 2.05 rows per column in the attention's projection
 * ({@code k = 768, n = 768}) and the second MLP layer ({@code k = 3072, n = 768}), 1,576 rows. With 32 registers the
 * bound is 4: at AVX-512 those two ran faster in place (227 against 217 GFLOP/s, 250 against 228), and at 128 bits
 * one was 5% faster packed, the other 9% slower. With 16 it is 1: at AVX2 the same two ran 16% and 8% faster packed
 * (167 against 144, 158 against 147), while the qkv linear and the first MLP layer, with more columns than rows,
 * stay in place (5% slower and 4-11% faster there than packed).
 *
 * <p>The cache blocks: a packed panel of B ({@link #kc} x {@code NR} floats) fills half of L1, so it stays there
 * while a block of A's rows passes it; that block ({@link #panelsPerBlock} panels of {@code MR x kc}) takes an
 * eighth of L2; the block of packed A that {@link GemmTransposed} sweeps once per tile of W
 * ({@link #transposedBlockBytes}) takes three eighths of L2, leaving room for W's rows and C.
 *
 * <p>{@link GemmTransposed} turns its finished tiles around into C {@link #transposedStoreTiles} at a time: the fewest
 * whose columns fill whole 64-byte lines of a row of C (the line of x86 and of most ARM cores; none reports it here), so
 * that each line is written once. One tile at a time wrote {@code NJ} floats to each of {@code m} lines {@code ldc}
 * floats apart, all in one set of L1, and the next tile missed them all again.
 *
 * @param kernelRows        {@code MR}, rows of A per {@link GemmKernel} tile (one broadcast each per step)
 * @param transposedColumns {@code NJ}, columns of C per {@link GemmTransposed} tile (one broadcast of W each per step)
 * @param kc                depth of one block of k in {@link Gemm}
 * @param panelsPerBlock    at most this many row panels of A per task in {@link Gemm}
 * @param transposedBlockBytes bytes of packed A per block of k in {@link GemmTransposed}
 * @param transposedRowsPerColumn a weight seen through {@code mT()} is read in place for at most this many rows of A per
 *                          column of C
 * @param transposedStoreTiles {@link GemmTransposed}'s tiles turned around into C together
 */
public record Blocking(int kernelRows, int transposedColumns, int kc, int panelsPerBlock, int transposedBlockBytes,
                       int transposedRowsPerColumn, int transposedStoreTiles) {
    /** Floats in a cache line of 64 bytes. */
    static final int LINE_FLOATS = 64 / Float.BYTES;

    /** The sizes for this machine, fixed when the kernels are first used. */
    public static final Blocking CURRENT = of(Machine.current(), jdk.incubator.vector.FloatVector.SPECIES_PREFERRED.length());

    /** The table, for a machine with {@code lanes} floats per vector. */
    static Blocking of(Machine machine, int lanes) {
        boolean many = machine.vectorRegisters() >= 32;
        int mr = many ? 6 : 4;
        int nj = many ? 6 : 4;
        int nr = 2 * lanes;
        int kc = clamp(machine.l1dBytes() / 2 / (Float.BYTES * nr) / 16 * 16, 64, 512);
        int panels = Math.max(4, machine.l2Bytes() / 8 / (Float.BYTES * mr * kc));
        int transposed = Math.max(64 * 1024, machine.l2Bytes() / 8 * 3);
        int rowsPerColumn = many ? 4 : 1;
        int storeTiles = LINE_FLOATS / gcd(nj, LINE_FLOATS);
        return new Blocking(mr, nj, kc, panels, transposed, rowsPerColumn, storeTiles);
    }

    private static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }

    private static int clamp(int v, int lo, int hi) {
        return Math.max(lo, Math.min(hi, v));
    }

    /** One line for a benchmark's header. */
    public String describe() {
        return "GEMM tile " + kernelRows + "x2 vectors, transposed tile 2 vectors x" + transposedColumns + ", KC " + kc + ", "
            + panelsPerBlock + " panels per block, transposed block " + transposedBlockBytes / 1024 + " KiB, W read in place up to "
            + transposedRowsPerColumn + (transposedRowsPerColumn == 1 ? " row" : " rows") + " of A per column, "
            + transposedStoreTiles + " transposed tiles stored together";
    }
}
