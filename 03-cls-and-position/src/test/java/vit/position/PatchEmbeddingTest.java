// SPDX-License-Identifier: MIT
package vit.position;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import vit.tensor.Generator;
import vit.tensor.Shape;
import vit.tensor.Tensor;
import vit.tensor.testing.ChapterOutput;
import vit.tensor.testing.Fixtures;

class PatchEmbeddingTest {
    /** The fixture's weights, loaded under timm's names. */
    static PatchEmbedding miniEmbedding() {
        Map<String, Tensor> w = Fixtures.load("vit-mini/weights.safetensors");
        PatchEmbedding embed = new PatchEmbedding(3, 8, 64, 32, new Generator(0));
        embed.conv().weight().set(w.get("patch_embed.proj.weight"));
        embed.conv().bias().set(w.get("patch_embed.proj.bias"));
        embed.clsToken().set(w.get("cls_token"));
        embed.positions().set(w.get("pos_embed").reshape(17, 64));
        return embed;
    }

    @Test
    void theArticlesShapes() {
        PatchEmbedding embed = new PatchEmbedding(3, 16, 768, 224, new Generator(0));
        Tensor tokens = embed.apply(Tensor.zeros(1, 3, 224, 224));
        System.out.println("cls_token " + embed.clsToken().shape() + " positions " + embed.positions().shape() + " tokens " + tokens.shape());
        assertThat(embed.clsToken().shape()).isEqualTo(Shape.of(1, 1, 768));
        assertThat(embed.positions().shape()).isEqualTo(Shape.of(197, 768));
        assertThat(tokens.shape()).isEqualTo(Shape.of(1, 197, 768));
        assertThat(embed.parameterCount()).isEqualTo(768L * 3 * 16 * 16 + 768 + 768 + 197L * 768);
    }

    @ParameterizedTest(name = "batch {0}, patch {1}, emb {2}, image {3}")
    @CsvSource({"3, 4, 12, 16", "1, 2, 5, 6", "2, 8, 64, 32"})
    void clsTokenFirstThenPatchesAllShiftedByTheirPosition(int b, int p, int e, int img) {
        Generator gen = new Generator(5);
        PatchEmbedding embed = new PatchEmbedding(3, p, e, img, gen);
        Tensor x = Tensor.randn(Shape.of(b, 3, img, img), gen);
        Tensor tokens = embed.apply(x);
        int n = (img / p) * (img / p);
        System.out.println("tokens " + tokens.shape());
        assertThat(tokens.shape()).isEqualTo(Shape.of(b, n + 1, e));
        float[] got = tokens.toFloatArray();
        float[] patches = embed.projectPatches(x).toFloatArray();
        float[] cls = embed.clsToken().value().toFloatArray();
        float[] pos = embed.positions().value().toFloatArray();
        for (int i = 0; i < b; i++) {
            for (int t = 0; t <= n; t++) {
                for (int k = 0; k < e; k++) {
                    float base = t == 0 ? cls[k] : patches[(i * n + t - 1) * e + k];
                    assertThat(got[(i * (n + 1) + t) * e + k]).isEqualTo(base + pos[t * e + k]);
                }
            }
        }
    }

    @Test
    void matchesPyTorchsTokensOnTheFixture() {
        PatchEmbedding embed = miniEmbedding();
        Tensor input = Fixtures.load("vit-mini/input.safetensors").get("input");
        for (String variant : new String[] {"article", "timm"}) {
            Map<String, Tensor> expected = Fixtures.load("vit-mini/expected-" + variant + ".safetensors");
            Fixtures.assertClose(variant + " patches", embed.projectPatches(input), expected.get("patches"), 1e-5);
            Fixtures.assertClose(variant + " tokens", embed.apply(input), expected.get("tokens"), 1e-5);
        }
    }

    @Test
    void saysWhenTheImageDoesNotMatchThePositions() {
        PatchEmbedding embed = new PatchEmbedding(3, 8, 16, 32, new Generator(0));
        assertThatThrownBy(() -> embed.apply(Tensor.zeros(1, 3, 64, 64))).hasMessageContaining("16 patches").hasMessageContaining("64");
    }

    @Test
    void positionSimilarityIsOneOnTheDiagonal() {
        Tensor sim = PositionSimilarity.of(Tensor.randn(Shape.of(17, 8), new Generator(2)));
        System.out.println("similarity " + sim.shape());
        assertThat(sim.shape()).isEqualTo(Shape.of(16, 4, 4));
        for (int i = 0; i < 16; i++) {
            assertThat(sim.get(i, i / 4, i % 4)).isCloseTo(1f, org.assertj.core.data.Offset.offset(1e-5f));
        }
    }

    @Test
    void mainPrintsWhatTheReadmeShows() throws Exception {
        ChapterOutput.assertMatchesReadme(ChapterOutput.capture(() -> Chapter03.main(new String[0])));
    }
}
