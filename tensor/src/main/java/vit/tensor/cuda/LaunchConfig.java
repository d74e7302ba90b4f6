// SPDX-License-Identifier: MIT
package vit.tensor.cuda;

/**
 * Grid and block sizes. Elementwise kernels use grid-stride loops, so the grid is capped; line kernels
 * (reduce, softmax, layer norm) run one block per line with a power-of-two block no wider than the line
 * needs, because their tree reductions halve the block.
 */
public record LaunchConfig(int gridX, int blockX) {
    /** Threads per block of the elementwise kernels. */
    public static final int THREADS = 256;
    /** The largest block of the line kernels (their shared arrays are this long). */
    public static final int MAX_LINE_THREADS = 256;
    /** Grid cap: enough blocks to fill any current GPU several times over. */
    public static final int MAX_BLOCKS = 1 << 16;

    /** One thread per element, capped grid. */
    public static LaunchConfig elementwise(long n) {
        long blocks = (n + THREADS - 1) / THREADS;
        return new LaunchConfig((int) Math.max(1, Math.min(blocks, MAX_BLOCKS)), THREADS);
    }

    /** One block per line of {@code lineLength} elements; {@code lines} blocks, capped. */
    public static LaunchConfig perLine(long lines, long lineLength) {
        int block = 32;
        while (block < MAX_LINE_THREADS && block < lineLength) {
            block *= 2;
        }
        return new LaunchConfig((int) Math.max(1, Math.min(lines, MAX_BLOCKS)), block);
    }
}
