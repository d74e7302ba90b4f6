// SPDX-License-Identifier: MIT
package vit.attention.exercises;

/**
 * Exercise 04.3 (see {@code 04-attention/EXERCISES.md}): what one attention layer costs. Replace the
 * {@code throw} with your code, then check it: {@code mvn -pl 04-attention test -Pexercises}.
 */
public final class AttentionCost {
    private AttentionCost() {
    }

    /**
     * Exercise 04.3: the floating-point operations of one multi-head attention layer's forward pass on
     * {@code tokens x embSize} inputs, counting its four matrix products only (a multiply-add is 2 FLOPs;
     * biases, scaling and softmax are left out).
     */
    public static long flops(int tokens, int embSize, int numHeads) {
        throw new UnsupportedOperationException("Exercise 04.3: count the FLOPs of one attention layer (AttentionCost.flops)");
    }
}
