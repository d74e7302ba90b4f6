// SPDX-License-Identifier: MIT
package vit.data.exercises;

import vit.tensor.Shape;
import vit.tensor.Tensor;
import vit.tensor.image.Image8;
import vit.tensor.image.Interpolation;
import vit.tensor.image.Transforms;

/** Solutions of exercises 01.1 to 01.5 (see {@code 01-data/EXERCISES.md}). */
public final class Preprocessing {
    private static final float[] HALF = {0.5f, 0.5f, 0.5f};

    private Preprocessing() {
    }

    /** Exercise 01.1: torchvision's {@code ToTensor}: bytes to a {@code [1, 3, H, W]} tensor of {@code value / 255}. */
    public static Tensor toTensor(Image8 img) {
        int h = img.height();
        int w = img.width();
        float[] v = new float[3 * h * w];
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    v[(c * h + y) * w + x] = img.get(c, y, x) / 255f;
                }
            }
        }
        return Tensor.of(v, Shape.of(1, 3, h, w));
    }

    /** Exercise 01.2: {@code Normalize(mean, std)} of an {@code [N, C, H, W]} tensor, with plain loops. */
    public static Tensor normalize(Tensor x, float[] mean, float[] std) {
        if (x.rank() != 4 || mean.length != x.size(1) || std.length != x.size(1)) {
            throw new IllegalArgumentException("normalize needs [N, C, H, W] and C means and stds, got " + x.shape()
                + " with " + mean.length + " means and " + std.length + " stds");
        }
        int channels = x.size(1);
        int plane = x.size(2) * x.size(3);
        float[] v = x.toFloatArray();                       // row-major: index = (n * C + c) * H * W + pixel
        for (int i = 0; i < v.length; i++) {
            int c = (i / plane) % channels;
            v[i] = (v[i] - mean[c]) / std[c];
        }
        return Tensor.of(v, x.shape());
    }

    /** Exercise 01.3: {@code CenterCrop((height, width))}, rounding the corner as torchvision does. */
    public static Image8 centerCrop(Image8 img, int height, int width) {
        // torchvision: int(round((size - crop) / 2.0)); Python rounds halves to even, as Math.rint does.
        int top = (int) Math.rint((img.height() - height) / 2.0);
        int left = (int) Math.rint((img.width() - width) / 2.0);
        return img.crop(top, left, height, width);
    }

    /** Exercise 01.4: the {@code {height, width}} that {@code Resize(size)} gives: the shorter side becomes {@code size}. */
    public static int[] shorterSideTo(int height, int width, int size) {
        int shorter = Math.min(height, width);
        int longer = Math.max(height, width);
        int newLonger = (int) ((double) size * longer / shorter);   // Python's int(): truncates
        return height <= width ? new int[] {size, newLonger} : new int[] {newLonger, size};
    }

    /** Exercise 01.4: {@code Resize(size)}, the shorter side becomes {@code size}, with {@link #shorterSideTo}. */
    public static Image8 resizeShorter(Image8 img, int size, Interpolation interp) {
        int[] hw = shorterSideTo(img.height(), img.width(), size);
        return Transforms.resize(img, hw[0], hw[1], interp);
    }

    /**
     * Exercise 01.5: timm's preprocessing for {@code vit_base_patch16_224}: {@code Resize(248, bicubic)},
     * {@code CenterCrop(224)}, {@code ToTensor()}, {@code Normalize(0.5, 0.5)}, with your functions above.
     */
    public static Tensor timmInput(Image8 img) {
        Image8 resized = resizeShorter(img, 248, Interpolation.BICUBIC);
        return normalize(toTensor(centerCrop(resized, 224, 224)), HALF, HALF);
    }
}
