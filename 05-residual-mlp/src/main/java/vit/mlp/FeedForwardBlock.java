// SPDX-License-Identifier: MIT
package vit.mlp;

import vit.nn.Dropout;
import vit.nn.GELU;
import vit.nn.Linear;
import vit.nn.Sequential;
import vit.tensor.Generator;

/**
 * The MLP of each encoder block, a subclass of Sequential as in the article:
 * {@code Linear(E, expansion*E) -> GELU -> Dropout -> Linear(expansion*E, E)}, applied to every token.
 */
public class FeedForwardBlock extends Sequential {
    public FeedForwardBlock(int embSize, int expansion, float dropout, Generator gen) {
        super(new Linear(embSize, expansion * embSize, gen),
              new GELU(),
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
