// SPDX-License-Identifier: MIT
package vit.mlp.exercises;

import vit.nn.Dropout;
import vit.nn.Linear;
import vit.nn.ReLU;
import vit.nn.Sequential;
import vit.tensor.Generator;

/** Solution of exercise 05.1 (see {@code 05-residual-mlp/EXERCISES.md}): the MLP with ReLU in place of GELU. */
public class ReluFeedForwardBlock extends Sequential {
    public ReluFeedForwardBlock(int embSize, int expansion, float dropout, Generator gen) {
        super(new Linear(embSize, expansion * embSize, gen),
              new ReLU(),
              new Dropout(dropout, gen),
              new Linear(expansion * embSize, embSize, gen));
    }

    public Linear fc1() {
        return (Linear) get(0);
    }

    public Linear fc2() {
        return (Linear) get(3);
    }
}
