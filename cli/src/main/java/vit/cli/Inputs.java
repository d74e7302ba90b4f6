// SPDX-License-Identifier: MIT
package vit.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import vit.data.Cat;
import vit.model.CheckpointException;
import vit.model.InputMetadata;
import vit.model.ViTConfig;
import vit.tensor.Shape;
import vit.tensor.Tensor;
import vit.tensor.image.Image8;
import vit.tensor.image.Images;
import vit.tensor.image.Interpolation;
import vit.tensor.image.Transforms;

/**
 * The picture a subcommand looks at, prepared as timm prepares it for {@code vit_base_patch16_224.augreg2_in21k_ft_in1k}:
 * the shorter side resized to 248 (PIL bicubic), a 224 center crop, then {@code (x - 0.5) / 0.5}. For other
 * sizes the same ratio: shorter side {@code floor(size * 248 / 224)}.
 *
 * <p>A checkpoint may say otherwise in its safetensors metadata ({@link InputMetadata}, read by {@link Preparation#fromMetadata}),
 * as chapter 08's do:
 * {@code vit.input.mean} and {@code vit.input.std} (one number per channel, or one for all, comma-separated),
 * {@code vit.input.crop_pct} (timm's {@code crop_pct}: the shorter side goes to {@code floor(size / crop_pct)}) and
 * {@code vit.labels} (the class names, one per line). A model with one input channel sees the picture in grey, converted as PIL's {@code convert("L")} does.
 */
final class Inputs {

    private Inputs() {
    }

    /**
     * How to turn a picture into a model's input, and what its classes are called.
     *
     * @param channels the model's input channels, 1 (grey) or 3 (RGB)
     * @param mean per channel, on the 0..1 scale
     * @param std per channel
     * @param scale the shorter side is resized to {@code floor(size * scale)} before the center crop
     * @param labels the class names, or null for {@link Labels#forClasses}
     */
    record Preparation(int channels, float[] mean, float[] std, double scale, List<String> labels) {
        /** timm's preparation for the ViT-B/16 above, for a model with {@code channels} input channels. */
        static Preparation timm(int channels) {
            return new Preparation(channels, fill(channels, 0.5f), fill(channels, 0.5f), 248.0 / 224, null);
        }

        /** The shorter side before the crop. */
        int resizeTo(int size) {
            return (int) Math.floor(size * scale + 1e-9);
        }

        /** The class names for a head of {@code n} classes. */
        List<String> labels(int n) {
            return labels != null ? labels : Labels.forClasses(n);
        }

        String describe(int size) {
            return (channels == 1 ? "in grey, " : "") + "shorter side to " + resizeTo(size) + " (bicubic), center crop " + size
                + ", normalized with mean " + numbers(mean) + " and std " + numbers(std);
        }

        /**
         * timm's preparation, with what {@code metadata} of {@code file} says in its place; every key is checked against
         * the model (a wrong count or value names the file, the key, what was expected and what was found).
         */
        static Preparation fromMetadata(Map<String, String> metadata, ViTConfig c, Path file) throws CheckpointException {
            Preparation p = timm(c.inChannels());
            float[] mean = metadata.containsKey(InputMetadata.MEAN) ? perChannel(metadata, InputMetadata.MEAN, c.inChannels(), file, false) : p.mean();
            float[] std = metadata.containsKey(InputMetadata.STD) ? perChannel(metadata, InputMetadata.STD, c.inChannels(), file, true) : p.std();
            double scale = p.scale();
            if (metadata.containsKey(InputMetadata.CROP_PCT)) {
                double crop = number(metadata.get(InputMetadata.CROP_PCT), InputMetadata.CROP_PCT, file);
                if (!(crop > 0 && crop <= 1)) {
                    throw new CheckpointException(file + ": metadata " + InputMetadata.CROP_PCT + " must be in (0, 1], got " + metadata.get(InputMetadata.CROP_PCT));
                }
                scale = 1 / crop;
            }
            List<String> labels = null;
            if (metadata.containsKey(InputMetadata.LABELS)) {
                labels = List.of(metadata.get(InputMetadata.LABELS).split("\n", -1));
                if (labels.size() != c.nClasses()) {
                    throw new CheckpointException(file + ": metadata " + InputMetadata.LABELS + " names " + labels.size()
                        + " classes (one per line), but the head has " + c.nClasses());
                }
            }
            return new Preparation(c.inChannels(), mean, std, scale, labels);
        }

        private static float[] perChannel(Map<String, String> metadata, String key, int channels, Path file, boolean positive)
            throws CheckpointException {
            String[] parts = metadata.get(key).split(",");
            if (parts.length != 1 && parts.length != channels) {
                throw new CheckpointException(file + ": metadata " + key + " '" + metadata.get(key) + "' has " + parts.length
                    + " numbers, expected " + (channels == 1 ? "1 (the model has one input channel)" : "1 or " + channels + " (one per input channel)"));
            }
            float[] out = new float[channels];
            for (int i = 0; i < channels; i++) {
                double v = number(parts[parts.length == 1 ? 0 : i], key, file);
                if (positive && !(v > 0)) {
                    throw new CheckpointException(file + ": metadata " + key + " '" + metadata.get(key) + "' must be positive");
                }
                out[i] = (float) v;
            }
            return out;
        }

        private static double number(String text, String key, Path file) throws CheckpointException {
            try {
                double v = Double.parseDouble(text.strip());
                if (Double.isFinite(v)) {
                    return v;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new CheckpointException(file + ": metadata " + key + " has '" + text + "', not a finite number");
        }

        private static float[] fill(int n, float v) {
            float[] out = new float[n];
            java.util.Arrays.fill(out, v);
            return out;
        }

        private static String numbers(float[] v) {
            boolean same = true;
            for (float x : v) {
                same &= x == v[0];
            }
            if (same) {
                return Float.toString(v[0]);
            }
            StringBuilder b = new StringBuilder("(");
            for (int i = 0; i < v.length; i++) {
                b.append(i == 0 ? "" : ", ").append(v[i]);
            }
            return b.append(')').toString();
        }
    }

    /** The image at {@code path}, or the bundled cat when {@code path} is null. */
    static Image8 image(Path path) throws IOException {
        return path == null ? Cat.load() : Images.read8(path);
    }

    static String describe(Path path) {
        return path == null ? "the bundled cat, " + Cat.CREDIT : path.toString();
    }

    /** Resized and center-cropped, values in [0, 1]: {@code [1, 3, size, size]} (what the overlays are drawn on). */
    static Tensor cropped(Image8 img, Preparation p, int size) {
        return crop8(img, p, size).toTensor();
    }

    private static Image8 crop8(Image8 img, Preparation p, int size) {
        return Transforms.centerCrop(Transforms.resizeShorter(img, p.resizeTo(size), Interpolation.BICUBIC), size, size);
    }

    /** The model's input: {@link #cropped}, in grey for a one-channel model, then normalized: {@code [1, C, size, size]}. */
    static Tensor input(Image8 img, Preparation p, int size) {
        Image8 crop = crop8(img, p, size);
        Tensor pixels;
        if (p.channels() == 3) {
            pixels = crop.toTensor();
        } else if (p.channels() == 1) {
            pixels = grey(crop);
        } else {
            throw new IllegalArgumentException("the model takes " + p.channels() + " input channels; pictures can be prepared for 1 (grey) or 3 (RGB)");
        }
        return Transforms.normalize(pixels, p.mean(), p.std());
    }

    /** timm's preparation of an RGB picture: {@code [1, 3, size, size]}. */
    static Tensor timm(Image8 img, int size) {
        return input(img, Preparation.timm(3), size);
    }

    /** PIL's {@code convert("L")}: {@code L = (19595 R + 38470 G + 7471 B + 2^15) >> 16}, then to [0, 1]: {@code [1, 1, H, W]}. */
    static Tensor grey(Image8 img) {
        int h = img.height();
        int w = img.width();
        float[] out = new float[h * w];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int l = (19595 * img.get(0, y, x) + 38470 * img.get(1, y, x) + 7471 * img.get(2, y, x) + 0x8000) >> 16;
                out[y * w + x] = l / 255f;
            }
        }
        return Tensor.of(out, Shape.of(1, 1, h, w));
    }
}
