// SPDX-License-Identifier: MIT
package vit.encoder;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import vit.attention.Variant;
import vit.tensor.Generator;
import vit.tensor.Shape;
import vit.tensor.Tensor;
import vit.tensor.testing.ChapterOutput;
import vit.tensor.testing.Fixtures;

class TransformerEncoderTest {
    /** Loads block {@code i} of the fixture's weights (timm names) into {@code block}. */
    static void load(TransformerEncoderBlock block, Map<String, Tensor> w, int i) {
        String p = "blocks." + i + ".";
        block.norm1().weight().set(w.get(p + "norm1.weight"));
        block.norm1().bias().set(w.get(p + "norm1.bias"));
        block.attention().qkv().weight().set(w.get(p + "attn.qkv.weight"));
        block.attention().qkv().bias().set(w.get(p + "attn.qkv.bias"));
        block.attention().projection().weight().set(w.get(p + "attn.proj.weight"));
        block.attention().projection().bias().set(w.get(p + "attn.proj.bias"));
        block.norm2().weight().set(w.get(p + "norm2.weight"));
        block.norm2().bias().set(w.get(p + "norm2.bias"));
        block.mlp().fc1().weight().set(w.get(p + "mlp.fc1.weight"));
        block.mlp().fc1().bias().set(w.get(p + "mlp.fc1.bias"));
        block.mlp().fc2().weight().set(w.get(p + "mlp.fc2.weight"));
        block.mlp().fc2().bias().set(w.get(p + "mlp.fc2.bias"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"ARTICLE", "TIMM"})
    void matchesPyTorchOnTheFixture(Variant variant) {
        Map<String, Tensor> w = Fixtures.load("vit-mini/weights.safetensors");
        Map<String, Tensor> expected = Fixtures.load("vit-mini/expected-" + variant.name().toLowerCase() + ".safetensors");
        TransformerEncoder encoder = new TransformerEncoder(2, 64, 4, 4, 0f, variant, new Generator(0));
        load(encoder.block(0), w, 0);
        load(encoder.block(1), w, 1);
        Tensor tokens = expected.get("tokens");
        Fixtures.assertClose(variant + " block0", encoder.block(0).apply(tokens), expected.get("block0"), 1e-5);
        Fixtures.assertClose(variant + " encoded", encoder.apply(tokens), expected.get("encoded"), 1e-5);
    }

    @Test
    void aBlockIsPreNormWithTwoResiduals() {
        Generator gen = new Generator(3);
        TransformerEncoderBlock block = new TransformerEncoderBlock(12, 3, 2, 0f, Variant.TIMM, gen);
        Tensor x = Tensor.randn(Shape.of(2, 5, 12), gen);
        Tensor h = x.add(block.attention().apply(block.norm1().apply(x)));
        Tensor expected = h.add(block.mlp().apply(block.norm2().apply(h)));
        Tensor got = block.apply(x);
        System.out.println("TransformerEncoderBlock " + got.shape());
        assertThat(Fixtures.relativeError(got, expected)).isLessThan(1e-6);
    }

    @Test
    void theArticlesEncoderHasTwelveBlocksOfSevenMillionParameters() {
        TransformerEncoder encoder = new TransformerEncoder(12, 768, 8, 4, 0f, Variant.ARTICLE, new Generator(0));
        assertThat(encoder.size()).isEqualTo(12);
        assertThat(encoder.block(0).parameterCount()).isEqualTo(7_087_872L);
        assertThat(encoder.parameterCount()).isEqualTo(12 * 7_087_872L);
    }

    @Test
    void mainPrintsWhatTheReadmeShows() throws Exception {
        ChapterOutput.assertMatchesReadme(ChapterOutput.capture(() -> Chapter06.main(new String[0])));
    }
}
