// SPDX-License-Identifier: MIT
package vit.tensor.image;

import vit.tensor.Shape;
import vit.tensor.Tensor;

/**
 * An 8-bit RGB image, the form torchvision's PIL pipeline works in: resizing and cropping happen on
 * bytes, and only {@link #toTensor()} (torchvision's {@code ToTensor}) turns them into floats. Keeping
 * this stage in 8 bits is what lets {@link Transforms} reproduce PIL's results exactly.
 *
 * <p>Samples are stored planar, channel by channel ({@code [3, H, W]}, R then G then B), as unsigned bytes.
 */
public final class Image8 {
    private final int width;
    private final int height;
    private final byte[] samples;

    private Image8(int width, int height, byte[] samples) {
        this.width = width;
        this.height = height;
        this.samples = samples;
    }

    /** A black image. */
    public static Image8 blank(int width, int height) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("image size must be positive, got " + width + "x" + height);
        }
        return new Image8(width, height, new byte[3 * width * height]);
    }

    /** An image holding {@code rgb}, planar {@code [3, H, W]}, each value in 0..255. */
    public static Image8 of(int width, int height, int[] rgb) {
        Image8 image = blank(width, height);
        if (rgb.length != image.samples.length) {
            throw new IllegalArgumentException("a " + width + "x" + height + " RGB image needs " + image.samples.length
                + " samples, got " + rgb.length);
        }
        for (int i = 0; i < rgb.length; i++) {
            if (rgb[i] < 0 || rgb[i] > 255) {
                throw new IllegalArgumentException("sample " + i + " is " + rgb[i] + ", outside 0..255");
            }
            image.samples[i] = (byte) rgb[i];
        }
        return image;
    }

    /**
     * Quantizes a {@code [1, 3, H, W]} or {@code [3, H, W]} tensor of values in [0, 1] to bytes:
     * {@code round(clamp(v, 0, 1) * 255)}.
     */
    public static Image8 fromTensor(Tensor image) {
        int[] chw = Images.checkImageShape(image, "image");
        Image8 out = blank(chw[2], chw[1]);
        float[] v = image.toFloatArray();
        for (int i = 0; i < v.length; i++) {
            float c = Math.max(0f, Math.min(1f, v[i]));
            out.samples[i] = (byte) Math.round(c * 255f);
        }
        return out;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** The sample of channel {@code c} (0 = R, 1 = G, 2 = B) at row {@code y}, column {@code x}, in 0..255. */
    public int get(int c, int y, int x) {
        return samples[index(c, y, x)] & 0xFF;
    }

    void set(int c, int y, int x, int value) {
        samples[index(c, y, x)] = (byte) value;
    }

    private int index(int c, int y, int x) {
        if (c < 0 || c >= 3 || y < 0 || y >= height || x < 0 || x >= width) {
            throw new IndexOutOfBoundsException("(" + c + ", " + y + ", " + x + ") outside an image of [3, "
                + height + ", " + width + "]");
        }
        return (c * height + y) * width + x;
    }

    /** The rectangle of {@code w x h} pixels whose top-left corner is ({@code left}, {@code top}). */
    public Image8 crop(int top, int left, int h, int w) {
        if (top < 0 || left < 0 || h <= 0 || w <= 0 || top + h > height || left + w > width) {
            throw new IllegalArgumentException("crop of " + w + "x" + h + " at (left " + left + ", top " + top
                + ") does not fit in a " + width + "x" + height + " image");
        }
        Image8 out = blank(w, h);
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < h; y++) {
                System.arraycopy(samples, (c * height + top + y) * width + left, out.samples, (c * h + y) * w, w);
            }
        }
        return out;
    }

    /** torchvision's {@code ToTensor}: a {@code [1, 3, H, W]} float tensor of {@code value / 255}. */
    public Tensor toTensor() {
        float[] v = new float[samples.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = (samples[i] & 0xFF) / 255f;
        }
        return Tensor.of(v, Shape.of(1, 3, height, width));
    }

    @Override
    public String toString() {
        return "Image8[3, " + height + ", " + width + "]";
    }
}
