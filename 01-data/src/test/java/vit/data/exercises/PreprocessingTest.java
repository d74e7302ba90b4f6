// SPDX-License-Identifier: MIT
package vit.data.exercises;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import vit.data.Cat;
import vit.tensor.Generator;
import vit.tensor.Shape;
import vit.tensor.Tensor;
import vit.tensor.image.Image8;
import vit.tensor.image.Interpolation;
import vit.tensor.image.Transforms;
import vit.tensor.testing.Fixtures;

/**
 * The checks of exercises 01.1 to 01.5. They compare with plain loops written here, with hand-worked
 * numbers, with the chapter's verified {@code Transforms} and with PyTorch's fixture.
 * Run them on your code with {@code mvn -pl 01-data test -Pexercises}.
 */
class PreprocessingTest {
    static Image8 randomImage(int width, int height, long seed) {
        Generator gen = new Generator(seed);
        int[] rgb = new int[3 * width * height];
        for (int i = 0; i < rgb.length; i++) {
            rgb[i] = gen.nextInt(256);
        }
        return Image8.of(width, height, rgb);
    }

    @Test
    @DisplayName("Exercise 01.1: ToTensor divides every byte by 255, channel-first")
    void ex1_toTensor() {
        Image8 img = randomImage(7, 5, 1);
        Tensor x = Preprocessing.toTensor(img);
        System.out.println("toTensor " + x.shape());
        assertThat(x.shape()).isEqualTo(Shape.of(1, 3, 5, 7));
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < 5; y++) {
                for (int xx = 0; xx < 7; xx++) {
                    assertThat(x.get(0, c, y, xx)).as("channel %d, row %d, column %d", c, y, xx)
                        .isEqualTo(img.get(c, y, xx) / 255f);
                }
            }
        }
        assertThat(Preprocessing.toTensor(Cat.load()).toFloatArray()).isEqualTo(Cat.load().toTensor().toFloatArray());
    }

    @Test
    @DisplayName("Exercise 01.2: Normalize subtracts the channel's mean and divides by its std")
    void ex2_normalize() {
        Tensor x = Tensor.rand(Shape.of(2, 3, 4, 5), new Generator(2));
        float[] mean = {0.485f, 0.456f, 0.406f};
        float[] std = {0.229f, 0.224f, 0.225f};
        Tensor y = Preprocessing.normalize(x, mean, std);
        System.out.println("normalize " + y.shape());
        assertThat(y.shape()).isEqualTo(Shape.of(2, 3, 4, 5));
        for (int n = 0; n < 2; n++) {
            for (int c = 0; c < 3; c++) {
                for (int i = 0; i < 4; i++) {
                    for (int j = 0; j < 5; j++) {
                        double expected = (x.get(n, c, i, j) - (double) mean[c]) / std[c];
                        assertThat((double) y.get(n, c, i, j)).as("[%d, %d, %d, %d]", n, c, i, j)
                            .isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-5));
                    }
                }
            }
        }
    }

    @ParameterizedTest(name = "Exercise 01.3: a {2}x{3} crop of a {0}x{1} image starts at row {4}, column {5}")
    @CsvSource({
        "451, 300, 224, 224, 38, 114",   // (451 - 224) / 2 = 113.5 rounds to the even 114
        "7, 7, 2, 2, 2, 2",              // 2.5 rounds to the even 2, not to 3
        "10, 6, 3, 2, 2, 4",             // 2, and 3.5 rounds to the even 4
        "5, 5, 5, 5, 0, 0"})
    void ex3_centerCrop(int width, int height, int cropW, int cropH, int top, int left) {
        Image8 img = randomImage(width, height, 3);
        Image8 crop = Preprocessing.centerCrop(img, cropH, cropW);
        System.out.println("centerCrop " + crop);
        assertThat(crop.width()).isEqualTo(cropW);
        assertThat(crop.height()).isEqualTo(cropH);
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < cropH; y++) {
                for (int x = 0; x < cropW; x++) {
                    assertThat(crop.get(c, y, x)).as("channel %d, row %d, column %d of the crop", c, y, x)
                        .isEqualTo(img.get(c, top + y, left + x));
                }
            }
        }
    }

    @ParameterizedTest(name = "Exercise 01.4: Resize({2}) makes a {0}x{1} (h x w) image {3}x{4}")
    @CsvSource({
        "300, 451, 224, 224, 336",   // int(224 * 451 / 300) = int(336.75) = 336
        "300, 451, 248, 248, 372",   // int(372.83): truncated, not rounded
        "451, 300, 248, 372, 248",   // portrait: the width is the shorter side
        "3, 10, 4, 4, 13",
        "10, 10, 5, 5, 5"})
    void ex4_shorterSideTo(int height, int width, int size, int newHeight, int newWidth) {
        assertThat(Preprocessing.shorterSideTo(height, width, size)).containsExactly(newHeight, newWidth);
        Image8 img = randomImage(width, height, 4);
        Image8 resized = Preprocessing.resizeShorter(img, size, Interpolation.BILINEAR);
        System.out.println("resizeShorter " + resized);
        assertThat(new int[] {resized.height(), resized.width()}).containsExactly(newHeight, newWidth);
        Image8 expected = Transforms.resize(img, newHeight, newWidth, Interpolation.BILINEAR);
        assertThat(resized.toTensor().toFloatArray()).isEqualTo(expected.toTensor().toFloatArray());
    }

    @Test
    @DisplayName("Exercise 01.5: the cat, preprocessed as timm does, equals PyTorch's")
    void ex5_timmInput() {
        Tensor ours = Preprocessing.timmInput(Cat.load());
        Tensor expected = Fixtures.load("cat-preprocessed.safetensors").get("timm");
        System.out.println("timm input " + ours.shape());
        assertThat(ours.shape()).isEqualTo(Shape.of(1, 3, 224, 224));
        double maxAbs = ours.sub(expected).abs().max().item();
        System.out.printf("largest difference from torchvision: %.2g%n", maxAbs);
        assertThat(maxAbs).as("largest difference from torchvision's timm preprocessing").isLessThan(1e-5);
    }
}
