// SPDX-License-Identifier: MIT
package vit.model.exercises;

import vit.model.ViTConfig;

/**
 * Exercise 07.3 (see {@code 07-head-and-vit/EXERCISES.md}): a ViT's parameters, by hand. Check it with
 * {@code mvn -pl 07-head-and-vit test -Pexercises -Dtest=ParameterCountTest}.
 */
public final class ParameterCount {
    private ParameterCount() {
    }

    /** Exercise 07.3: the learnable numbers in {@code new ViT(config, gen)}, from the config's numbers alone. */
    public static long of(ViTConfig config) {
        throw new UnsupportedOperationException("Exercise 07.3: count the ViT's parameters by hand (ParameterCount.of)");
    }
}
