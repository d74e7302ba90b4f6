// SPDX-License-Identifier: MIT
package vit.attention.exercises;

/** Solution of exercise 04.3 (see {@code 04-attention/EXERCISES.md}). */
public final class AttentionCost {
    private AttentionCost() {
    }

    /**
     * Exercise 04.3: the floating-point operations of one multi-head attention layer's forward pass on
     * {@code tokens x embSize} inputs, counting its four matrix products only (a multiply-add is 2 FLOPs;
     * biases, scaling and softmax are left out).
     */
    public static long flops(int tokens, int embSize, int numHeads) {
        long n = tokens;
        long e = embSize;
        long d = embSize / numHeads;
        long qkv = 2 * n * e * 3 * e;              // [N, E] @ [E, 3E]
        long scores = numHeads * 2 * n * n * d;     // per head [N, D] @ [D, N]
        long mix = numHeads * 2 * n * n * d;        // per head [N, N] @ [N, D]
        long projection = 2 * n * e * e;            // [N, E] @ [E, E]
        return qkv + scores + mix + projection;     // = 8 N E^2 + 4 N^2 E, whatever the number of heads
    }
}
