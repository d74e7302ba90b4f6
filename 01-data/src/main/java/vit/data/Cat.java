// SPDX-License-Identifier: MIT
package vit.data;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;
import vit.tensor.Tensor;
import vit.tensor.image.Image8;
import vit.tensor.image.Images;
import vit.tensor.image.Interpolation;
import vit.tensor.image.Transforms;

/**
 * The tutorial's picture: "Chelsea the cat", 451x300 RGB, photographed by Stefan van der Walt and
 * released under CC0 (it ships with scikit-image as {@code skimage.data.chelsea}). Bundled as a resource.
 */
public final class Cat {
    public static final String CREDIT = "\"Chelsea the cat\" by Stefan van der Walt, CC0 (scikit-image's data.chelsea)";

    private Cat() {
    }

    /** The picture as 8-bit RGB, as PIL's {@code Image.open} gives it. */
    public static Image8 load() {
        try (InputStream in = Cat.class.getResourceAsStream("cat.png")) {
            if (in == null) {
                throw new IllegalStateException("resource vit/data/cat.png is missing from the classpath");
            }
            BufferedImage img = ImageIO.read(in);
            return Images.toImage8(img, "cat.png");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read resource vit/data/cat.png", e);
        }
    }

    /**
     * The article's preprocessing, {@code Compose([Resize((224, 224)), ToTensor()])} then
     * {@code unsqueeze(0)}: bilinear, antialiased as PIL resizes, values in [0, 1], {@code [1, 3, 224, 224]}.
     */
    public static Tensor articleInput(int size) {
        return Transforms.resize(load(), size, size, Interpolation.BILINEAR).toTensor();
    }
}
