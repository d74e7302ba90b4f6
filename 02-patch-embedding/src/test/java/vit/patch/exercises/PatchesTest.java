// SPDX-License-Identifier: MIT
package vit.patch.exercises;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import vit.patch.PatchEmbedding;
import vit.tensor.Generator;
import vit.tensor.Shape;
import vit.tensor.Tensor;
import vit.tensor.einops.Einops;
import vit.tensor.testing.Fixtures;

/**
 * The checks of exercises 02.1 to 02.4: index arithmetic written here as plain loops, einops, and the
 * chapter's Conv2d patch embedding. Run them on your code with {@code mvn -pl 02-patch-embedding test -Pexercises}.
 */
class PatchesTest {
    @ParameterizedTest(name = "Exercise 02.1: a {0}x{1} image in {2}x{2} patches gives {3}")
    @CsvSource({"224, 224, 16, 196", "384, 384, 16, 576", "224, 224, 14, 256", "32, 48, 8, 24"})
    void ex1_numPatches(int height, int width, int patchSize, int expected) {
        assertThat(Patches.numPatches(height, width, patchSize)).isEqualTo(expected);
    }

    @Test
    @DisplayName("Exercise 02.1: an image the patches do not tile is an error")
    void ex1_numPatchesRejectsARemainder() {
        assertThatThrownBy(() -> Patches.numPatches(225, 224, 16))
            .as("Exercise 02.1: numPatches(225, 224, 16) throws an IllegalArgumentException")
            .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest(name = "Exercise 02.2: patchify batch {0}, {1} channels, {2}x{3} image, patch {4}")
    @CsvSource({"1, 3, 32, 32, 16", "2, 3, 12, 8, 4", "3, 1, 6, 9, 3", "2, 5, 4, 4, 2"})
    void ex2_patchify(int b, int c, int h, int w, int p) {
        Tensor x = Tensor.rand(Shape.of(b, c, h, w), new Generator(7));
        Tensor patches = Patches.patchify(x, p);
        int gh = h / p;
        int gw = w / p;
        System.out.println("patchify " + x.shape() + " -> " + patches.shape());
        assertThat(patches.shape()).isEqualTo(Shape.of(b, gh * gw, p * p * c));
        float[] src = x.toFloatArray();
        float[] got = patches.toFloatArray();
        for (int n = 0; n < b; n++) {
            for (int i = 0; i < gh; i++) {
                for (int j = 0; j < gw; j++) {
                    for (int s1 = 0; s1 < p; s1++) {
                        for (int s2 = 0; s2 < p; s2++) {
                            for (int ch = 0; ch < c; ch++) {
                                float expected = src[((n * c + ch) * h + i * p + s1) * w + j * p + s2];
                                int patch = i * gw + j;
                                int inPatch = (s1 * p + s2) * c + ch;
                                assertThat(got[(n * gh * gw + patch) * p * p * c + inPatch])
                                    .as("image %d, channel %d, pixel (%d, %d) belongs in patch %d at %d", n, ch,
                                        i * p + s1, j * p + s2, patch, inPatch)
                                    .isEqualTo(expected);
                            }
                        }
                    }
                }
            }
        }
        Tensor einops = Einops.rearrange(x, "b c (h s1) (w s2) -> b (h w) (s1 s2 c)", "s1", p, "s2", p);
        assertThat(got).isEqualTo(einops.toFloatArray());
    }

    @ParameterizedTest(name = "Exercise 02.3: unpatchify batch {0}, {1} channels, {2}x{3} image, patch {4}")
    @CsvSource({"1, 3, 32, 32, 16", "2, 3, 12, 8, 4", "3, 1, 6, 9, 3"})
    void ex3_unpatchify(int b, int c, int h, int w, int p) {
        Tensor x = Tensor.rand(Shape.of(b, c, h, w), new Generator(8));
        Tensor patches = Einops.rearrange(x, "b c (h s1) (w s2) -> b (h w) (s1 s2 c)", "s1", p, "s2", p);
        Tensor back = Patches.unpatchify(patches, p, c, h, w);
        System.out.println("unpatchify " + patches.shape() + " -> " + back.shape());
        assertThat(back.shape()).isEqualTo(Shape.of(b, c, h, w));
        assertThat(back.toFloatArray()).as("unpatchify(patches) must give the image back").isEqualTo(x.toFloatArray());
    }

    @ParameterizedTest(name = "Exercise 02.4: embed {0} channels, patch {1}, emb {2}, image {3}")
    @CsvSource({"3, 16, 32, 64", "3, 8, 64, 32", "1, 4, 10, 12"})
    void ex4_embed(int c, int p, int e, int img) {
        Generator gen = new Generator(3);
        PatchEmbedding conv = new PatchEmbedding(c, p, e, gen);
        Tensor x = Tensor.randn(Shape.of(2, c, img, img), gen);
        Tensor expected = conv.apply(x);
        Tensor got = Patches.embed(x, conv.conv().weight().value(), conv.conv().bias().value());
        System.out.println("embed " + x.shape() + " -> " + got.shape());
        assertThat(got.shape()).isEqualTo(Shape.of(2, (img / p) * (img / p), e));
        assertThat(Fixtures.relativeError(got, expected)).as("relative error from the Conv2d patch embedding").isLessThan(1e-5);
    }
}
