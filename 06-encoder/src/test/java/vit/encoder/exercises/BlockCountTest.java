// SPDX-License-Identifier: MIT
package vit.encoder.exercises;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import vit.attention.Variant;
import vit.encoder.TransformerEncoderBlock;
import vit.tensor.Generator;

/**
 * The check of exercise 06.1: the article's 7,087,872, and the chapter's block counted parameter by
 * parameter for other sizes. Run it on your code with {@code mvn -pl 06-encoder test -Pexercises -Dtest=BlockCountTest}.
 */
class BlockCountTest {
    @ParameterizedTest(name = "Exercise 06.1: width {0}, expansion {1}, {2} heads")
    @CsvSource({"768, 4, 8", "768, 4, 12", "192, 4, 3", "12, 2, 3", "10, 3, 5"})
    void ex1_parameters(int e, int expansion, int heads) {
        long counted = new TransformerEncoderBlock(e, heads, expansion, 0f, Variant.TIMM, new Generator(0)).parameterCount();
        assertThat(BlockCount.parameters(e, expansion)).isEqualTo(counted);
        if (e == 768 && expansion == 4) {
            assertThat(BlockCount.parameters(e, expansion)).isEqualTo(7_087_872L);
        }
    }
}
