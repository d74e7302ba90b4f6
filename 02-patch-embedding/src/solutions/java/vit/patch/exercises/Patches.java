// SPDX-License-Identifier: MIT
package vit.patch.exercises;

import vit.tensor.Tensor;

/** Solutions of exercises 02.1 to 02.4 (see {@code 02-patch-embedding/EXERCISES.md}). */
public final class Patches {
    private Patches() {
    }

    /** Exercise 02.1: how many {@code patchSize x patchSize} patches an {@code height x width} image gives. */
    public static int numPatches(int height, int width, int patchSize) {
        if (patchSize <= 0 || height % patchSize != 0 || width % patchSize != 0) {
            throw new IllegalArgumentException("a " + height + "x" + width + " image does not split into "
                + patchSize + "x" + patchSize + " patches");
        }
        return (height / patchSize) * (width / patchSize);
    }

    /** Exercise 02.2: {@code rearrange(x, 'b c (h s1) (w s2) -> b (h w) (s1 s2 c)')} with reshape and permute only. */
    public static Tensor patchify(Tensor x, int patchSize) {
        int b = x.size(0);
        int c = x.size(1);
        int gh = x.size(2) / patchSize;
        int gw = x.size(3) / patchSize;
        numPatches(x.size(2), x.size(3), patchSize);
        Tensor split = x.reshape(b, c, gh, patchSize, gw, patchSize);    // b c h s1 w s2
        Tensor ordered = split.permute(0, 2, 4, 3, 5, 1);                 // b h w s1 s2 c
        return ordered.reshape(b, gh * gw, patchSize * patchSize * c);    // b (h w) (s1 s2 c)
    }

    /** Exercise 02.3: the inverse of {@link #patchify}: {@code [B, N, p*p*C] -> [B, C, H, W]}. */
    public static Tensor unpatchify(Tensor patches, int patchSize, int channels, int height, int width) {
        int b = patches.size(0);
        int gh = height / patchSize;
        int gw = width / patchSize;
        Tensor split = patches.reshape(b, gh, gw, patchSize, patchSize, channels); // b h w s1 s2 c
        Tensor ordered = split.permute(0, 5, 1, 3, 2, 4);                           // b c h s1 w s2
        return ordered.reshape(b, channels, height, width);
    }

    /**
     * Exercise 02.4: the Conv2d patch embedding as one matrix product: {@code patchify(x) @ W^T + bias}, with
     * the conv weight {@code [E, C, p, p]} rearranged to the patches' {@code (s1 s2 c)} order.
     */
    public static Tensor embed(Tensor x, Tensor convWeight, Tensor convBias) {
        int e = convWeight.size(0);
        int p = convWeight.size(2);
        Tensor w = convWeight.permute(0, 2, 3, 1).reshape(e, -1);          // [E, (s1 s2 c)]
        return patchify(x, p).matmul(w.mT()).add(convBias);                 // [B, N, E]
    }
}
