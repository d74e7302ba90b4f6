// SPDX-License-Identifier: MIT
package vit.patch.exercises;

import vit.tensor.Tensor;

/**
 * Exercises 02.1 to 02.4 (see {@code 02-patch-embedding/EXERCISES.md}): cutting an image into patches
 * without einops. Replace each {@code throw} with your code, then check it:
 * {@code mvn -pl 02-patch-embedding test -Pexercises}.
 */
public final class Patches {
    private Patches() {
    }

    /** Exercise 02.1: how many {@code patchSize x patchSize} patches an {@code height x width} image gives. */
    public static int numPatches(int height, int width, int patchSize) {
        throw new UnsupportedOperationException("Exercise 02.1: count the patches (Patches.numPatches)");
    }

    /** Exercise 02.2: {@code rearrange(x, 'b c (h s1) (w s2) -> b (h w) (s1 s2 c)')} with reshape and permute only. */
    public static Tensor patchify(Tensor x, int patchSize) {
        throw new UnsupportedOperationException("Exercise 02.2: cut the image into patches with reshape + permute (Patches.patchify)");
    }

    /** Exercise 02.3: the inverse of {@link #patchify}: {@code [B, N, p*p*C] -> [B, C, H, W]}. */
    public static Tensor unpatchify(Tensor patches, int patchSize, int channels, int height, int width) {
        throw new UnsupportedOperationException("Exercise 02.3: put the patches back together (Patches.unpatchify)");
    }

    /**
     * Exercise 02.4: the Conv2d patch embedding as one matrix product: {@code patchify(x) @ W^T + bias}, with
     * the conv weight {@code [E, C, p, p]} rearranged to the patches' {@code (s1 s2 c)} order.
     */
    public static Tensor embed(Tensor x, Tensor convWeight, Tensor convBias) {
        throw new UnsupportedOperationException("Exercise 02.4: the patch embedding as a matmul (Patches.embed)");
    }
}
