// SPDX-License-Identifier: MIT
package vit.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import vit.nn.Summary;
import vit.tensor.Device;
import vit.tensor.Generator;
import vit.tensor.Shape;
import vit.tensor.Tensor;
import vit.tensor.testing.ChapterOutput;
import vit.tensor.cuda.Cuda;
import vit.tensor.testing.Fixtures;

class ViTTest {
    static ViT mini(ViTConfig config) {
        ViT vit = new ViT(config, new Generator(0));
        Map<String, Tensor> w = Fixtures.load("vit-mini/weights.safetensors");
        TimmNames.parameters(vit).forEach((name, p) -> p.set(w.get(name).reshape(p.shape())));
        return vit;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"mini-article, article", "mini-timm, timm"})
    void reproducesEveryTapOfPyTorch(String preset, String variant) {
        ViT vit = mini(ViTConfig.preset(preset));
        Tensor input = Fixtures.load("vit-mini/input.safetensors").get("input");
        Map<String, Tensor> expected = Fixtures.load("vit-mini/expected-" + variant + ".safetensors");
        Map<String, Tensor> taps = Taps.forward(vit, input);
        for (String tap : expected.keySet()) {
            Fixtures.assertClose(variant + " " + tap, taps.get(tap), expected.get(tap), 1e-5);
        }
        Fixtures.assertClose(variant + " ViT()(x)", vit.apply(input), expected.get("logits"), 1e-5);
    }

    @Tag("gpu")
    @ParameterizedTest(name = "{0} on CUDA")
    @CsvSource({"mini-article, article", "mini-timm, timm"})
    void reproducesPyTorchOnCuda(String preset, String variant) {
        Assumptions.assumeTrue(Device.CUDA.isAvailable(), () -> "no usable CUDA device: " + Cuda.probe().reason());
        ViT vit = mini(ViTConfig.preset(preset));
        vit.to(Device.CUDA);
        Tensor input = Fixtures.load("vit-mini/input.safetensors").get("input").to(Device.CUDA);
        Map<String, Tensor> expected = Fixtures.load("vit-mini/expected-" + variant + ".safetensors");
        Taps.forward(vit, input).forEach((tap, t) -> Fixtures.assertClose(variant + " cuda " + tap, t.to(Device.CPU), expected.get(tap), 1e-5));
    }

    @Test
    void theArticlesViTHas86567656Parameters() {
        ViT vit = new ViT(ViTConfig.ARTICLE, new Generator(0));
        assertThat(vit.parameterCount()).isEqualTo(86_567_656L);
        Summary s = Summary.of(vit, Shape.of(1, 3, 224, 224));
        assertThat(s.total()).isEqualTo(86_567_656L);
        assertThat(s.torchsummaryTotal()).isEqualTo(86_415_592L);
        assertThat(s.rows().get(s.rows().size() - 1).outputShape()).isEqualTo(Shape.of(1, 1000));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"vit-ti-16, 5717416", "vit-s-16, 22050664", "vit-b-16, 86567656"})
    void timmPresetsHaveTimmsParameterCounts(String preset, long count) {
        // Counts as timm reports them for vit_tiny/small/base_patch16_224.
        assertThat(new ViT(ViTConfig.preset(preset), new Generator(0)).parameterCount()).isEqualTo(count);
    }

    @Test
    void classificationHeadPoolsToOneVectorPerImage() {
        Generator gen = new Generator(1);
        Tensor tokens = Tensor.randn(Shape.of(3, 7, 16), gen);
        ClassificationHead article = new ClassificationHead(16, 5, vit.attention.Variant.ARTICLE, gen);
        ClassificationHead timm = new ClassificationHead(16, 5, vit.attention.Variant.TIMM, gen);
        System.out.println("ClassificationHead " + article.apply(tokens).shape());
        assertThat(article.apply(tokens).shape()).isEqualTo(Shape.of(3, 5));
        Tensor mean = tokens.mean(1, false);
        assertThat(Fixtures.relativeError(article.pool(tokens), article.norm().apply(mean))).isLessThan(1e-6);
        assertThat(Fixtures.relativeError(timm.pool(tokens), timm.norm().apply(tokens).select(1, 0))).isLessThan(1e-6);
    }

    @Test
    void mainPrintsWhatTheReadmeShows() throws Exception {
        ChapterOutput.assertMatchesReadme(ChapterOutput.capture(() -> Chapter07.main(new String[0])));
    }
}
