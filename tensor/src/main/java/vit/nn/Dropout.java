// SPDX-License-Identifier: MIT
package vit.nn;

import vit.tensor.Functional;
import vit.tensor.Generator;
import vit.tensor.Tensor;

/**
 * Zeroes each element with probability {@code p} while training (scaling the rest by {@code 1/(1-p)});
 * the identity in evaluation mode. Its mask comes from its own seeded generator.
 */
public final class Dropout extends Module {
    private final float p;
    private final Generator gen;

    public Dropout(float p, Generator gen) {
        if (p < 0 || p >= 1) {
            throw new IllegalArgumentException("dropout probability has to be in [0, 1), but got " + p);
        }
        this.p = p;
        this.gen = gen;
    }

    /** A dropout that never drops (p = 0), as the article's default. */
    public Dropout(float p) {
        this(p, new Generator(0));
    }

    @Override
    public Tensor forward(Tensor x) {
        return isTraining() && p > 0 ? Functional.dropout(x, p, gen) : x;
    }

    @Override
    public String toString() {
        return "Dropout(p=" + p + ")";
    }
}
