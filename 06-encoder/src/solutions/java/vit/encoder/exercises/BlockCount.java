// SPDX-License-Identifier: MIT
package vit.encoder.exercises;

/** Solution of exercise 06.1 (see {@code 06-encoder/EXERCISES.md}). */
public final class BlockCount {
    private BlockCount() {
    }

    /** Exercise 06.1: the learnable numbers in one {@code TransformerEncoderBlock(embSize, heads, expansion, ...)}. */
    public static long parameters(int embSize, int expansion) {
        long e = embSize;
        long hidden = (long) expansion * embSize;
        long norms = 2 * (e + e);                    // two LayerNorms: weight and bias each
        long attention = (e * 3 * e + 3 * e)         // qkv: Linear(E, 3E)
            + (e * e + e);                           // projection: Linear(E, E); the heads add nothing
        long mlp = (e * hidden + hidden) + (hidden * e + e);
        return norms + attention + mlp;              // 12 E^2 + 13 E for expansion 4
    }
}
