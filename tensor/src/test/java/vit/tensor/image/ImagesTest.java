// SPDX-License-Identifier: MIT
package vit.tensor.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vit.tensor.Shape;
import vit.tensor.Tensor;

/** Small images written by ImageIO in every PNG flavour, read back as PIL's {@code convert("RGB")} would. */
class ImagesTest {
    @TempDir
    Path dir;

    private Path png(BufferedImage image, String name) throws IOException {
        Path file = dir.resolve(name);
        assertThat(ImageIO.write(image, "png", file.toFile())).isTrue();
        return file;
    }

    /** Channel c of pixel (y, x) as 0..255, from the tensor Images.read returns. */
    private static int level(Tensor t, int c, int y, int x) {
        return Math.round(t.get(0, c, y, x) * 255);
    }

    @Test
    void rgbPixelsArriveInRgbOrderScaledToZeroOne() throws IOException {
        BufferedImage img = new BufferedImage(3, 2, BufferedImage.TYPE_INT_RGB);
        img.setRGB(0, 0, 0xFF0000);
        img.setRGB(1, 0, 0x00FF00);
        img.setRGB(2, 1, 0x0A141E);
        Tensor t = Images.read(png(img, "rgb.png"));
        System.out.println("rgb.png -> " + t.shape());
        assertThat(t.shape()).isEqualTo(Shape.of(1, 3, 2, 3));
        assertThat(t.get(0, 0, 0, 0)).isEqualTo(1f);
        assertThat(t.get(0, 1, 0, 0)).isEqualTo(0f);
        assertThat(t.get(0, 1, 0, 1)).isEqualTo(1f);
        assertThat(t.get(0, 0, 1, 2)).isEqualTo(10 / 255f);
        assertThat(t.get(0, 1, 1, 2)).isEqualTo(20 / 255f);
        assertThat(t.get(0, 2, 1, 2)).isEqualTo(30 / 255f);
    }

    @Test
    void grayscaleIsCopiedToThreeChannelsWithoutGammaConversion() throws IOException {
        BufferedImage img = new BufferedImage(2, 1, BufferedImage.TYPE_BYTE_GRAY);
        img.getRaster().setSample(0, 0, 0, 128);
        img.getRaster().setSample(1, 0, 0, 7);
        Tensor t = Images.read(png(img, "gray.png"));
        assertThat(t.shape()).isEqualTo(Shape.of(1, 3, 1, 2));
        for (int c = 0; c < 3; c++) {
            // BufferedImage.getRGB would turn linear gray 128 into 188
            assertThat(level(t, c, 0, 0)).isEqualTo(128);
            assertThat(level(t, c, 0, 1)).isEqualTo(7);
        }
    }

    @Test
    void sixteenBitGrayKeepsTheHighByte() throws IOException {
        BufferedImage img = new BufferedImage(1, 1, BufferedImage.TYPE_USHORT_GRAY);
        img.getRaster().setSample(0, 0, 0, 0xABCD);
        Tensor t = Images.read(png(img, "gray16.png"));
        assertThat(level(t, 1, 0, 0)).isEqualTo(0xAB);
    }

    @Test
    void alphaIsDroppedNotComposited() throws IOException {
        BufferedImage img = new BufferedImage(2, 1, BufferedImage.TYPE_INT_ARGB);
        img.setRGB(0, 0, 0x000A141E); // fully transparent, colour kept
        img.setRGB(1, 0, 0x80C86432); // half transparent
        Tensor t = Images.read(png(img, "rgba.png"));
        assertThat(t.shape()).isEqualTo(Shape.of(1, 3, 1, 2));
        assertThat(new int[] {level(t, 0, 0, 0), level(t, 1, 0, 0), level(t, 2, 0, 0)}).containsExactly(10, 20, 30);
        assertThat(new int[] {level(t, 0, 0, 1), level(t, 1, 0, 1), level(t, 2, 0, 1)}).containsExactly(200, 100, 50);
    }

    @Test
    void grayWithAlphaBecomesGrayRgb() throws IOException {
        ComponentColorModel cm = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_GRAY), true, false,
            Transparency.TRANSLUCENT, DataBuffer.TYPE_BYTE);
        WritableRaster r = cm.createCompatibleWritableRaster(1, 1);
        r.setSample(0, 0, 0, 99);
        r.setSample(0, 0, 1, 0);
        Tensor t = Images.read(png(new BufferedImage(cm, r, false, null), "gray-alpha.png"));
        assertThat(new int[] {level(t, 0, 0, 0), level(t, 1, 0, 0), level(t, 2, 0, 0)}).containsExactly(99, 99, 99);
    }

    @Test
    void paletteIndicesAreLookedUp() throws IOException {
        byte[] red = {(byte) 255, 0, 12, (byte) 200};
        byte[] green = {0, (byte) 255, 34, (byte) 201};
        byte[] blue = {0, 0, 56, (byte) 202};
        IndexColorModel palette = new IndexColorModel(2, 4, red, green, blue);
        BufferedImage img = new BufferedImage(4, 1, BufferedImage.TYPE_BYTE_BINARY, palette);
        for (int x = 0; x < 4; x++) {
            img.getRaster().setSample(x, 0, 0, 3 - x);
        }
        Tensor t = Images.read(png(img, "palette.png"));
        assertThat(t.shape()).isEqualTo(Shape.of(1, 3, 1, 4));
        assertThat(new int[] {level(t, 0, 0, 0), level(t, 1, 0, 0), level(t, 2, 0, 0)}).containsExactly(200, 201, 202);
        assertThat(new int[] {level(t, 0, 0, 1), level(t, 1, 0, 1), level(t, 2, 0, 1)}).containsExactly(12, 34, 56);
        assertThat(new int[] {level(t, 0, 0, 3), level(t, 1, 0, 3), level(t, 2, 0, 3)}).containsExactly(255, 0, 0);
    }

    @Test
    void jpegIsReadWithinAFewLevels() throws IOException {
        BufferedImage img = new BufferedImage(16, 16, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 16; x++) {
                img.setRGB(x, y, 0x3C78B4); // (60, 120, 180), flat, so JPEG keeps it almost exactly
            }
        }
        Path file = dir.resolve("flat.jpg");
        assertThat(ImageIO.write(img, "jpeg", file.toFile())).isTrue();
        Tensor t = Images.read(file);
        assertThat(t.shape()).isEqualTo(Shape.of(1, 3, 16, 16));
        assertThat(level(t, 0, 8, 8)).isBetween(57, 63);
        assertThat(level(t, 1, 8, 8)).isBetween(117, 123);
        assertThat(level(t, 2, 8, 8)).isBetween(177, 183);
    }

    @Test
    void errorsNameTheFile() throws IOException {
        Path missing = dir.resolve("missing.png");
        assertThatThrownBy(() -> Images.read(missing)).isInstanceOf(NoSuchFileException.class)
            .hasMessageContaining(missing.toString());
        Path text = Files.writeString(dir.resolve("notes.png"), "not an image");
        assertThatThrownBy(() -> Images.read(text)).isInstanceOf(IOException.class)
            .hasMessageContaining(text.toString()).hasMessageContaining("not a PNG or JPEG");
        Path truncated = dir.resolve("truncated.png");
        byte[] full = Files.readAllBytes(png(new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB), "whole.png"));
        Files.write(truncated, java.util.Arrays.copyOf(full, 60));
        assertThatThrownBy(() -> Images.read(truncated)).isInstanceOf(IOException.class)
            .hasMessageContaining(truncated.toString());
    }

    @Test
    void writePngRoundTripsBytes() throws IOException {
        int[] rgb = new int[3 * 2 * 2];
        for (int i = 0; i < rgb.length; i++) {
            rgb[i] = 20 * i + 3;
        }
        Image8 img = Image8.of(2, 2, rgb);
        Path file = dir.resolve("sub/out.png");
        Images.writePng(img.toTensor(), file);
        Image8 back = Images.read8(file);
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < 2; y++) {
                for (int x = 0; x < 2; x++) {
                    assertThat(back.get(c, y, x)).isEqualTo(rgb[(c * 2 + y) * 2 + x]);
                }
            }
        }
    }
}
