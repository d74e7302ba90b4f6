// SPDX-License-Identifier: MIT
package vit.model.exercises;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import vit.attention.Variant;
import vit.model.ViT;
import vit.model.ViTConfig;
import vit.tensor.Generator;

/**
 * The check of exercise 07.3: the counts timm reports, and the chapter's ViT counted parameter by parameter
 * for small sizes. Run it on your code with {@code mvn -pl 07-head-and-vit test -Pexercises -Dtest=ParameterCountTest}.
 */
class ParameterCountTest {
    @ParameterizedTest(name = "Exercise 07.3: {0} has {1} parameters")
    @CsvSource({
        "article, 86567656",      // the article's torchsummary total, plus the 152,064 positions and cls token it skips
        "vit-ti-16, 5717416",     // timm's vit_tiny_patch16_224
        "vit-s-16, 22050664",     // timm's vit_small_patch16_224
        "vit-b-16, 86567656",     // timm's vit_base_patch16_224: 12 heads cost what 8 do
        "vit-l-16, 304326632"})   // timm's vit_large_patch16_224
    void ex3_presets(String preset, long expected) {
        assertThat(ParameterCount.of(ViTConfig.preset(preset))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "Exercise 07.3: {1} channels, patch {2}, width {3}, image {4}, depth {5}, expansion {7}, {8} classes")
    @CsvSource({
        "a, 3, 8, 64, 32, 2, 4, 4, 10",
        "b, 1, 4, 12, 16, 3, 3, 2, 7",
        "c, 2, 2, 10, 6, 1, 5, 3, 1"})
    void ex3_smallConfigs(String name, int channels, int patch, int emb, int img, int depth, int heads, int expansion, int classes) {
        ViTConfig c = new ViTConfig(name, channels, patch, emb, img, depth, heads, expansion, classes, 0f, Variant.TIMM);
        long counted = new ViT(c, new Generator(0)).parameterCount();
        assertThat(ParameterCount.of(c)).isEqualTo(counted);
    }
}
