// SPDX-License-Identifier: MIT
package vit.patch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import vit.tensor.Generator;
import vit.tensor.Shape;
import vit.tensor.Tensor;
import vit.tensor.einops.Einops;
import vit.tensor.testing.ChapterOutput;
import vit.tensor.testing.Fixtures;

class PatchEmbeddingTest {
    @Test
    void theArticlesRearrangeCutsTheCatInto196Patches() {
        Tensor x = Tensor.rand(Shape.of(1, 3, 224, 224), new Generator(1));
        Tensor patches = Einops.rearrange(x, "b c (h s1) (w s2) -> b (h w) (s1 s2 c)", "s1", 16, "s2", 16);
        System.out.println("patches " + patches.shape());
        assertThat(patches.shape()).isEqualTo(Shape.of(1, 196, 768));
    }

    @ParameterizedTest(name = "batch {0}, {1} channels, {2}x{3} image, patch {4}")
    @CsvSource({"1, 3, 224, 224, 16", "2, 3, 32, 32, 8", "3, 1, 12, 20, 4", "2, 5, 9, 6, 3"})
    void rearrangeMatchesIndexArithmetic(int b, int c, int h, int w, int p) {
        Tensor x = Tensor.rand(Shape.of(b, c, h, w), new Generator(7));
        Tensor patches = Einops.rearrange(x, "b c (h s1) (w s2) -> b (h w) (s1 s2 c)", "s1", p, "s2", p);
        int gh = h / p;
        int gw = w / p;
        System.out.println("patches " + patches.shape());
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
                                float actual = got[(n * gh * gw + i * gw + j) * p * p * c + (s1 * p + s2) * c + ch];
                                assertThat(actual).isEqualTo(expected);
                            }
                        }
                    }
                }
            }
        }
    }

    @ParameterizedTest(name = "{0} channels, patch {1}, emb {2}, image {3}")
    @CsvSource({"3, 16, 768, 224", "3, 8, 64, 32", "1, 4, 10, 12", "2, 3, 7, 9"})
    void convAndLinearAreTheSameMap(int c, int p, int e, int img) {
        Generator gen = new Generator(3);
        PatchEmbedding conv = new PatchEmbedding(c, p, e, gen);
        LinearPatchEmbedding linear = new LinearPatchEmbedding(c, p, e, gen).fromConv(conv);
        Tensor x = Tensor.randn(Shape.of(2, c, img, img), gen);
        Tensor a = conv.apply(x);
        Tensor b = linear.apply(x);
        System.out.println("conv " + a.shape() + " linear " + b.shape());
        assertThat(a.shape()).isEqualTo(Shape.of(2, (img / p) * (img / p), e));
        assertThat(Fixtures.relativeError(b, a)).isLessThan(1e-5);
    }

    @Test
    void matchesPyTorchsPatchesOnTheFixture() {
        Map<String, Tensor> w = Fixtures.load("vit-mini/weights.safetensors");
        Tensor input = Fixtures.load("vit-mini/input.safetensors").get("input");
        PatchEmbedding embed = new PatchEmbedding(3, 8, 64, new Generator(0));
        embed.conv().weight().set(w.get("patch_embed.proj.weight"));
        embed.conv().bias().set(w.get("patch_embed.proj.bias"));
        for (String variant : new String[] {"article", "timm"}) {
            Tensor expected = Fixtures.load("vit-mini/expected-" + variant + ".safetensors").get("patches");
            Fixtures.assertClose(variant + " patches", embed.apply(input), expected, 1e-5);
        }
    }

    @Test
    void rejectsImagesThatTheGridDoesNotDivide() {
        PatchEmbedding embed = new PatchEmbedding(3, 16, 32, new Generator(0));
        assertThatThrownBy(() -> embed.apply(Tensor.zeros(1, 3, 225, 224)))
            .hasMessageContaining("[1, 3, 225, 224]").hasMessageContaining("16");
    }

    @Test
    void mainPrintsWhatTheReadmeShows() throws Exception {
        ChapterOutput.assertMatchesReadme(ChapterOutput.capture(() -> Chapter02.main(new String[0])));
    }
}
