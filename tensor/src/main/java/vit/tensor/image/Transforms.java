// SPDX-License-Identifier: MIT
package vit.tensor.image;

import vit.tensor.Shape;
import vit.tensor.Tensor;

/**
 * torchvision's preprocessing transforms, in two flavours.
 *
 * <p>On an {@link Image8} they reproduce torchvision applied to a PIL image, byte for byte: this is the
 * path that matches the reference models' inputs ({@code Resize} then {@code ToTensor}, i.e.
 * {@link Image8#toTensor()}, then {@link #normalize}). On a float {@link Tensor} {@code [..., H, W]} they
 * match torchvision applied to a tensor with {@code antialias=True}: the same filter without rounding to
 * bytes, which lands within about one level (1/255) of the PIL result.
 *
 * <pre>{@code
 * // timm's vit_base_patch16_224 preprocessing
 * Image8 img = Images.read8(path);
 * Tensor x = Transforms.normalize(
 *     Transforms.centerCrop(Transforms.resizeShorter(img, 248, Interpolation.BICUBIC), 224, 224).toTensor(),
 *     new float[] {0.5f, 0.5f, 0.5f}, new float[] {0.5f, 0.5f, 0.5f});   // [1, 3, 224, 224]
 * }</pre>
 */
public final class Transforms {
    private Transforms() {
    }

    /** {@code Resize((height, width))}: PIL's antialiased resize, exact. */
    public static Image8 resize(Image8 img, int height, int width, Interpolation interp) {
        checkSize(height, width);
        if (img.height() == height && img.width() == width) {
            return img;
        }
        return Resample8.resize(img, height, width, interp);
    }

    /** {@code Resize((height, width), antialias=True)} on the last two dimensions of a float tensor. */
    public static Tensor resize(Tensor img, int height, int width, Interpolation interp) {
        checkSize(height, width);
        return ResampleFloat.resize(img, height, width, interp);
    }

    /** {@code Resize(size)}: the shorter side becomes {@code size}, the aspect ratio is kept. */
    public static Image8 resizeShorter(Image8 img, int size, Interpolation interp) {
        int[] hw = shorterSideTo(img.height(), img.width(), size);
        return resize(img, hw[0], hw[1], interp);
    }

    /** {@code Resize(size, antialias=True)} on the last two dimensions of a float tensor. */
    public static Tensor resizeShorter(Tensor img, int size, Interpolation interp) {
        int r = img.rank();
        int[] hw = shorterSideTo(img.size(r - 2), img.size(r - 1), size);
        return resize(img, hw[0], hw[1], interp);
    }

    /**
     * The {@code {height, width}} that {@code Resize(size)} gives an {@code height x width} image: the
     * shorter side becomes {@code size} and the longer {@code int(size * long / short)}, truncated as
     * torchvision truncates it.
     */
    public static int[] shorterSideTo(int height, int width, int size) {
        checkSize(height, width);
        checkSize(size, size);
        int shorter = Math.min(height, width);
        int longer = Math.max(height, width);
        int newLong = (int) ((double) size * longer / shorter);
        return height <= width ? new int[] {size, newLong} : new int[] {newLong, size};
    }

    /** {@code CenterCrop((height, width))}. */
    public static Image8 centerCrop(Image8 img, int height, int width) {
        int[] tl = cropOrigin(img.height(), img.width(), height, width);
        return img.crop(tl[0], tl[1], height, width);
    }

    /** {@code CenterCrop((height, width))} of the last two dimensions: a view, no copy. */
    public static Tensor centerCrop(Tensor img, int height, int width) {
        int r = img.rank();
        int[] tl = cropOrigin(img.size(r - 2), img.size(r - 1), height, width);
        return img.slice(r - 2, tl[0], tl[0] + height).slice(r - 1, tl[1], tl[1] + width);
    }

    /**
     * The top-left corner of a centred crop: {@code round((size - crop) / 2)} with Python's rounding
     * (half to even), as torchvision computes it.
     */
    public static int[] cropOrigin(int height, int width, int cropHeight, int cropWidth) {
        checkSize(cropHeight, cropWidth);
        if (cropHeight > height || cropWidth > width) {
            throw new IllegalArgumentException("center crop of " + cropWidth + "x" + cropHeight
                + " is larger than the " + width + "x" + height + " image (torchvision would pad; we do not)");
        }
        return new int[] {(int) Math.rint((height - cropHeight) / 2.0), (int) Math.rint((width - cropWidth) / 2.0)};
    }

    /**
     * {@code Normalize(mean, std)}: {@code (x - mean[c]) / std[c]} for each channel {@code c}, the third
     * dimension from the end ({@code [C, H, W]} or {@code [N, C, H, W]}).
     */
    public static Tensor normalize(Tensor img, float[] mean, float[] std) {
        int r = img.rank();
        if (r < 3) {
            throw new IllegalArgumentException("normalize needs [..., C, H, W], got " + img.shape());
        }
        int c = img.size(r - 3);
        if (mean.length != c || std.length != c) {
            throw new IllegalArgumentException("normalize of " + img.shape() + " needs " + c
                + " means and stds, got " + mean.length + " and " + std.length);
        }
        for (int i = 0; i < c; i++) {
            if (std[i] == 0f) {
                throw new IllegalArgumentException("normalize: std[" + i + "] is zero");
            }
        }
        Shape perChannel = Shape.of(c, 1, 1);
        return img.sub(Tensor.of(mean, perChannel)).div(Tensor.of(std, perChannel));
    }

    private static void checkSize(int height, int width) {
        if (height <= 0 || width <= 0) {
            throw new IllegalArgumentException("sizes must be positive, got " + height + "x" + width + " (h x w)");
        }
    }
}
