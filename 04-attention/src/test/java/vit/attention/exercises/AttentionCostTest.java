// SPDX-License-Identifier: MIT
package vit.attention.exercises;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The check of exercise 04.3: FLOP counts worked out by hand (8 N E^2 + 4 N^2 E). Run it on your code with
 * {@code mvn -pl 04-attention test -Pexercises -Dtest=AttentionCostTest}.
 */
class AttentionCostTest {
    @ParameterizedTest(name = "Exercise 04.3: {0} tokens, width {1}, {2} heads: {3} FLOPs")
    @CsvSource({
        "197, 768, 8, 1048783872",     // the article's layer: ViT-B/16 at 224x224 with 8 heads
        "197, 768, 12, 1048783872",    // the paper's 12 heads cost the same
        "17, 64, 4, 631040",           // the fixtures' mini ViT
        "577, 1024, 16, 6203904000",   // ViT-L/16 at 384x384: more than the int range
        "1, 4, 2, 144"})                 // 8 * 1 * 16 + 4 * 1 * 4
    void ex3_flops(int tokens, int embSize, int heads, long expected) {
        assertThat(AttentionCost.flops(tokens, embSize, heads)).isEqualTo(expected);
    }
}
