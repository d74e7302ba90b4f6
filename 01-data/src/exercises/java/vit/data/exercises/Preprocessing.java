// SPDX-License-Identifier: MIT
package vit.data.exercises;

import vit.tensor.Tensor;
import vit.tensor.image.Image8;
import vit.tensor.image.Interpolation;

/**
 * Exercises 01.1 to 01.5 (see {@code 01-data/EXERCISES.md}): torchvision's preprocessing, written by hand.
 * Replace each {@code throw} with your code, then check it:
 * {@code mvn -pl 01-data test -Pexercises}.
 */
public final class Preprocessing {
    private Preprocessing() {
    }

    /** Exercise 01.1: torchvision's {@code ToTensor}: bytes to a {@code [1, 3, H, W]} tensor of {@code value / 255}. */
    public static Tensor toTensor(Image8 img) {
        throw new UnsupportedOperationException("Exercise 01.1: write ToTensor by hand (Preprocessing.toTensor)");
    }

    /** Exercise 01.2: {@code Normalize(mean, std)} of an {@code [N, C, H, W]} tensor, with plain loops. */
    public static Tensor normalize(Tensor x, float[] mean, float[] std) {
        throw new UnsupportedOperationException("Exercise 01.2: write Normalize by hand (Preprocessing.normalize)");
    }

    /** Exercise 01.3: {@code CenterCrop((height, width))}, rounding the corner as torchvision does. */
    public static Image8 centerCrop(Image8 img, int height, int width) {
        throw new UnsupportedOperationException("Exercise 01.3: write CenterCrop by hand (Preprocessing.centerCrop)");
    }

    /** Exercise 01.4: the {@code {height, width}} that {@code Resize(size)} gives: the shorter side becomes {@code size}. */
    public static int[] shorterSideTo(int height, int width, int size) {
        throw new UnsupportedOperationException("Exercise 01.4: compute Resize(size)'s output size (Preprocessing.shorterSideTo)");
    }

    /** Exercise 01.4: {@code Resize(size)}, the shorter side becomes {@code size}, with {@link #shorterSideTo}. */
    public static Image8 resizeShorter(Image8 img, int size, Interpolation interp) {
        throw new UnsupportedOperationException("Exercise 01.4: resize the shorter side (Preprocessing.resizeShorter)");
    }

    /**
     * Exercise 01.5: timm's preprocessing for {@code vit_base_patch16_224}: {@code Resize(248, bicubic)},
     * {@code CenterCrop(224)}, {@code ToTensor()}, {@code Normalize(0.5, 0.5)}, with your functions above.
     */
    public static Tensor timmInput(Image8 img) {
        throw new UnsupportedOperationException("Exercise 01.5: chain your transforms into timm's preprocessing (Preprocessing.timmInput)");
    }
}
