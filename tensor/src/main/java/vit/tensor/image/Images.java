// SPDX-License-Identifier: MIT
package vit.tensor.image;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import vit.tensor.Tensor;

/**
 * Reads PNG and JPEG files into RGB the way PIL's {@code Image.open(f).convert("RGB")} does: grayscale is
 * copied into all three channels, palettes are looked up, alpha is dropped (not composited), and colour
 * profiles and gamma are ignored. Samples come straight from the raster, never through Java2D's colour
 * conversion, which would brighten grayscale images.
 *
 * <p>JPEG files are decoded by the JDK's libjpeg-based reader; PIL may use another IDCT, so a JPEG can
 * differ from PIL by a level or two. PNG files give identical bytes.
 */
public final class Images {
    private Images() {
    }

    /** The image in {@code file} as a {@code [1, 3, H, W]} tensor of values in [0, 1], RGB order. */
    public static Tensor read(Path file) throws IOException {
        return read8(file).toTensor();
    }

    /** The image in {@code file} as 8-bit RGB, ready for PIL-exact {@link Transforms}. */
    public static Image8 read8(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "no such image file");
        }
        BufferedImage image;
        try {
            image = ImageIO.read(file.toFile());
        } catch (IOException e) {
            throw new IOException("cannot decode image " + file + ": " + e.getMessage(), e);
        }
        if (image == null) {
            throw new IOException("not a PNG or JPEG image (no ImageIO reader recognizes it): " + file);
        }
        return toImage8(image, file.toString());
    }

    /** Converts a decoded image to 8-bit RGB; {@code source} names it in errors. */
    public static Image8 toImage8(BufferedImage image, String source) {
        ColorModel cm = image.getColorModel();
        if (cm.hasAlpha() && cm.isAlphaPremultiplied()) {
            image.coerceData(false);
        }
        Raster raster = image.getRaster();
        int w = image.getWidth();
        int h = image.getHeight();
        Image8 out = Image8.blank(w, h);
        if (cm instanceof IndexColorModel palette) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int i = raster.getSample(x, y, 0);
                    out.set(0, y, x, palette.getRed(i));
                    out.set(1, y, x, palette.getGreen(i));
                    out.set(2, y, x, palette.getBlue(i));
                }
            }
            return out;
        }
        int type = cm.getColorSpace().getType();
        int colours = cm.getNumColorComponents();
        boolean gray = type == ColorSpace.TYPE_GRAY && colours == 1;
        boolean rgb = type == ColorSpace.TYPE_RGB && colours == 3;
        if (!gray && !rgb) {
            throw new IllegalArgumentException("unsupported colour layout in " + source + ": " + colours
                + " colour components of colour space type " + type + " (only grayscale, RGB and palette images)");
        }
        for (int c = 0; c < 3; c++) {
            int band = gray ? 0 : c;
            int bits = raster.getSampleModel().getSampleSize(band);
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    out.set(c, y, x, to8Bits(raster.getSample(x, y, band), bits));
                }
            }
        }
        return out;
    }

    /** 16-bit samples keep their high byte (as PIL does for RGB); 1, 2 and 4-bit ones stretch to 0..255. */
    private static int to8Bits(int sample, int bits) {
        if (bits == 8) {
            return sample;
        }
        if (bits > 8) {
            return sample >>> (bits - 8);
        }
        return sample * 255 / ((1 << bits) - 1);
    }

    /** An 8-bit RGB {@link BufferedImage} of a {@code [1, 3, H, W]} or {@code [3, H, W]} tensor in [0, 1]. */
    public static BufferedImage toBufferedImage(Tensor image) {
        Image8 pixels = Image8.fromTensor(image);
        BufferedImage out = new BufferedImage(pixels.width(), pixels.height(), BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < pixels.height(); y++) {
            for (int x = 0; x < pixels.width(); x++) {
                out.setRGB(x, y, pixels.get(0, y, x) << 16 | pixels.get(1, y, x) << 8 | pixels.get(2, y, x));
            }
        }
        return out;
    }

    /** Writes a {@code [1, 3, H, W]} or {@code [3, H, W]} tensor in [0, 1] as a PNG of H x W pixels. */
    public static void writePng(Tensor image, Path png) throws IOException {
        Path dir = png.toAbsolutePath().getParent();
        if (dir != null) {
            Files.createDirectories(dir);
        }
        if (!ImageIO.write(toBufferedImage(image), "png", png.toFile())) {
            throw new IOException("no PNG writer available for " + png);
        }
    }

    /**
     * Checks that {@code image} is {@code [1, 3, H, W]} or {@code [3, H, W]} and returns {@code {3, H, W}}.
     */
    static int[] checkImageShape(Tensor image, String name) {
        int[] d = image.shape().dims();
        boolean ok = d.length == 3 && d[0] == 3 || d.length == 4 && d[0] == 1 && d[1] == 3;
        if (!ok) {
            throw new IllegalArgumentException(name + " must have shape [1, 3, H, W] or [3, H, W], got "
                + image.shape());
        }
        return new int[] {3, d[d.length - 2], d[d.length - 1]};
    }
}
