// SPDX-License-Identifier: MIT
package vit.model;

import java.io.IOException;
import java.nio.file.Path;
import vit.data.Cat;
import vit.tensor.Tensor;
import vit.tensor.image.Image8;
import vit.tensor.image.Images;
import vit.tensor.image.Interpolation;
import vit.tensor.image.Transforms;

/**
 * The picture a subcommand looks at, prepared as timm prepares it for {@code vit_base_patch16_224.augreg2_in21k_ft_in1k}:
 * the shorter side resized to 248 (PIL bicubic), a 224 center crop, then {@code (x - 0.5) / 0.5}. For other
 * sizes the same ratio: shorter side {@code floor(size * 248 / 224)}.
 */
final class Inputs {
    static final float[] MEAN = {0.5f, 0.5f, 0.5f};
    static final float[] STD = {0.5f, 0.5f, 0.5f};

    private Inputs() {
    }

    /** The image at {@code path}, or the bundled cat when {@code path} is null. */
    static Image8 image(Path path) throws IOException {
        return path == null ? Cat.load() : Images.read8(path);
    }

    static String describe(Path path) {
        return path == null ? "the bundled cat, " + Cat.CREDIT : path.toString();
    }

    /** The shorter side before the crop: 248 for 224, the same ratio otherwise. */
    static int resizeTo(int size) {
        return size * 248 / 224;
    }

    /** Resized and center-cropped, values in [0, 1]: {@code [1, 3, size, size]} (what the overlays are drawn on). */
    static Tensor cropped(Image8 img, int size) {
        return Transforms.centerCrop(Transforms.resizeShorter(img, resizeTo(size), Interpolation.BICUBIC), size, size).toTensor();
    }

    /** The model's input: {@link #cropped} then normalized, {@code [1, 3, size, size]}. */
    static Tensor timm(Image8 img, int size) {
        return Transforms.normalize(cropped(img, size), MEAN, STD);
    }
}
