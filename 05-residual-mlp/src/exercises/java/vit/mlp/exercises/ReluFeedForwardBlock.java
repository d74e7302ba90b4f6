// SPDX-License-Identifier: MIT
package vit.mlp.exercises;

import vit.nn.Linear;
import vit.nn.Sequential;
import vit.tensor.Generator;

/**
 * Exercise 05.1 (see {@code 05-residual-mlp/EXERCISES.md}): chapter 05's {@code FeedForwardBlock} with ReLU
 * in place of GELU: {@code Linear(E, expansion*E) -> ReLU -> Dropout -> Linear(expansion*E, E)}.
 * Check it with {@code mvn -pl 05-residual-mlp test -Pexercises}.
 */
public class ReluFeedForwardBlock extends Sequential {
    public ReluFeedForwardBlock(int embSize, int expansion, float dropout, Generator gen) {
        // Exercise 05.1: pass the four layers to super(...), in the order of FeedForwardBlock.
        throw new UnsupportedOperationException("Exercise 05.1: build the MLP with ReLU (ReluFeedForwardBlock)");
    }

    public Linear fc1() {
        return (Linear) get(0);
    }

    public Linear fc2() {
        return (Linear) get(3);
    }
}
