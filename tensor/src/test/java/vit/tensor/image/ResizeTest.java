// SPDX-License-Identifier: MIT
package vit.tensor.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import vit.tensor.Shape;
import vit.tensor.Tensor;

/**
 * Resizing against a plain float64 reference written here: every output pixel is the full 2-D sum
 * {@code sum_i sum_j a(i) b(j) in[i][j]} over all input pixels, with the kernel written out again and
 * the weights normalized per output pixel, so neither the window bounds nor the separable passes of
 * the code under test are reused.
 */
class ResizeTest {

    /** The reference kernel: the triangle, or Keys' cubic with a = -0.5. */
    static double kernel(boolean cubic, double x) {
        double t = Math.abs(x);
        if (!cubic) {
            return Math.max(0.0, 1.0 - t);
        }
        if (t < 1) {
            return 1.5 * t * t * t - 2.5 * t * t + 1;
        }
        if (t < 2) {
            return -0.5 * t * t * t + 2.5 * t * t - 4 * t + 2;
        }
        return 0;
    }

    /** Normalized weights of all {@code in} input samples for output sample {@code o} of {@code out}. */
    static double[] weights(boolean cubic, int in, int out, int o) {
        double scale = (double) in / out;
        double stretch = Math.max(1.0, scale);
        double center = (o + 0.5) * scale;
        double[] w = new double[in];
        double sum = 0;
        for (int j = 0; j < in; j++) {
            w[j] = kernel(cubic, (j + 0.5 - center) / stretch);
            sum += w[j];
        }
        for (int j = 0; j < in; j++) {
            w[j] /= sum;
        }
        return w;
    }

    /** The reference resize of one {@code [h, w]} plane. */
    static double[] reference(boolean cubic, double[] in, int h, int w, int oh, int ow) {
        double[] out = new double[oh * ow];
        for (int y = 0; y < oh; y++) {
            double[] wy = weights(cubic, h, oh, y);
            for (int x = 0; x < ow; x++) {
                double[] wx = weights(cubic, w, ow, x);
                double acc = 0;
                for (int i = 0; i < h; i++) {
                    for (int j = 0; j < w; j++) {
                        acc += wy[i] * wx[j] * in[i * w + j];
                    }
                }
                out[y * ow + x] = acc;
            }
        }
        return out;
    }

    /** A smooth image in [0.16, 0.84] (no overshoot past 0 or 1), plus seeded noise of +-0.05. */
    static float[] smoothImage(int h, int w, long seed) {
        Random r = new Random(seed);
        float[] v = new float[3 * h * w];
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    double s = 0.5 + 0.25 * Math.sin(0.7 * x + 0.3 * c) * Math.cos(0.45 * y) + 0.1 * (r.nextDouble() - 0.5);
                    v[(c * h + y) * w + x] = Math.round(s * 255) / 255f;
                }
            }
        }
        return v;
    }

    @ParameterizedTest(name = "{0} {1}x{2} -> {3}x{4}")
    @CsvSource({
        "BILINEAR, 23, 37, 11, 17", "BICUBIC, 23, 37, 11, 17",
        "BILINEAR, 20, 20, 7, 7", "BICUBIC, 20, 20, 7, 7",
        "BILINEAR, 5, 8, 13, 19", "BICUBIC, 5, 8, 13, 19",
        "BICUBIC, 9, 30, 16, 12"})
    void floatPathMatchesTheReference(Interpolation interp, int h, int w, int oh, int ow) {
        float[] img = smoothImage(h, w, 42);
        Tensor out = Transforms.resize(Tensor.of(img, Shape.of(1, 3, h, w)), oh, ow, interp);
        System.out.println("resize " + interp + " [1, 3, " + h + ", " + w + "] -> " + out.shape());
        assertThat(out.shape()).isEqualTo(Shape.of(1, 3, oh, ow));
        float[] got = out.toFloatArray();
        double maxDiff = 0;
        for (int c = 0; c < 3; c++) {
            double[] plane = new double[h * w];
            for (int i = 0; i < plane.length; i++) {
                plane[i] = img[c * h * w + i];
            }
            double[] want = reference(interp == Interpolation.BICUBIC, plane, h, w, oh, ow);
            for (int i = 0; i < want.length; i++) {
                maxDiff = Math.max(maxDiff, Math.abs(got[c * oh * ow + i] - want[i]));
            }
        }
        assertThat(maxDiff).isLessThan(1e-6);
    }

    @ParameterizedTest(name = "{0} {1}x{2} -> {3}x{4}")
    @CsvSource({
        "BILINEAR, 23, 37, 11, 17", "BICUBIC, 23, 37, 11, 17",
        "BILINEAR, 5, 8, 13, 19", "BICUBIC, 5, 8, 13, 19"})
    void bytePathIsTheReferenceRoundedTwice(Interpolation interp, int h, int w, int oh, int ow) {
        float[] img = smoothImage(h, w, 7);
        Image8 out = Transforms.resize(Image8.fromTensor(Tensor.of(img, Shape.of(3, h, w))), oh, ow, interp);
        double maxDiff = 0;
        double sumDiff = 0;
        for (int c = 0; c < 3; c++) {
            double[] plane = new double[h * w];
            for (int i = 0; i < plane.length; i++) {
                plane[i] = Math.round(img[c * h * w + i] * 255.0);
            }
            double[] want = reference(interp == Interpolation.BICUBIC, plane, h, w, oh, ow);
            for (int y = 0; y < oh; y++) {
                for (int x = 0; x < ow; x++) {
                    double d = Math.abs(out.get(c, y, x) - want[y * ow + x]);
                    maxDiff = Math.max(maxDiff, d);
                    sumDiff += d;
                }
            }
        }
        // Each pass rounds to the nearest level: at most half a level, plus the first pass's error
        // carried through the second pass's weights (|weights| sum to at most ~1.3 for the cubic).
        assertThat(maxDiff).isLessThanOrEqualTo(1.2);
        assertThat(sumDiff / (3.0 * oh * ow)).isLessThan(0.4);
    }

    @ParameterizedTest
    @CsvSource({"BILINEAR", "BICUBIC"})
    void aConstantImageStaysConstant(Interpolation interp) {
        int[] rgb = new int[3 * 10 * 13];
        for (int i = 0; i < rgb.length; i++) {
            rgb[i] = i < 130 ? 0 : i < 260 ? 128 : 255;
        }
        Image8 out = Transforms.resize(Image8.of(13, 10, rgb), 4, 29, interp);
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 29; x++) {
                assertThat(new int[] {out.get(0, y, x), out.get(1, y, x), out.get(2, y, x)}).containsExactly(0, 128, 255);
            }
        }
    }

    @ParameterizedTest
    @CsvSource({"BILINEAR", "BICUBIC"})
    void theSameSizeIsTheIdentity(Interpolation interp) {
        float[] img = smoothImage(6, 9, 3);
        Tensor t = Tensor.of(img, Shape.of(1, 3, 6, 9));
        assertThat(Transforms.resize(t, 6, 9, interp).toFloatArray()).containsExactly(img);
        Image8 b = Image8.fromTensor(t);
        assertThat(Transforms.resize(b, 6, 9, interp).toTensor().toFloatArray()).containsExactly(b.toTensor().toFloatArray());
    }
}
