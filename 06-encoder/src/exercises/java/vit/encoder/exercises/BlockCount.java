// SPDX-License-Identifier: MIT
package vit.encoder.exercises;

/**
 * Exercise 06.1 (see {@code 06-encoder/EXERCISES.md}): the parameters of one encoder block, by hand.
 * Check it with {@code mvn -pl 06-encoder test -Pexercises -Dtest=BlockCountTest}.
 */
public final class BlockCount {
    private BlockCount() {
    }

    /** Exercise 06.1: the learnable numbers in one {@code TransformerEncoderBlock(embSize, heads, expansion, ...)}. */
    public static long parameters(int embSize, int expansion) {
        throw new UnsupportedOperationException("Exercise 06.1: count one block's parameters by hand (BlockCount.parameters)");
    }
}
