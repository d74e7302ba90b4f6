// SPDX-License-Identifier: MIT
package vit.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import vit.model.TimmNames;
import vit.model.ViT;
import vit.model.ViTConfig;
import vit.nn.Parameter;
import vit.tensor.Functional;
import vit.tensor.Generator;
import vit.tensor.Tensor;
import vit.tensor.testing.Fixtures;

/**
 * The one whole-training-step check against PyTorch: the fixture's mini ViT, its input and targets, one
 * forward, mean cross-entropy, one backward; the loss and the gradient of every parameter must match
 * what PyTorch computed (fixtures {@code vit-mini/grads-*.safetensors}).
 */
class TrainingStepTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource({"mini-article, article", "mini-timm, timm"})
    void lossAndEveryGradientMatchPyTorch(String preset, String variant) {
        ViT vit = new ViT(ViTConfig.preset(preset), new Generator(0));
        Map<String, Tensor> weights = Fixtures.load("vit-mini/weights.safetensors");
        Map<String, Parameter> params = TimmNames.parameters(vit);
        params.forEach((name, p) -> p.set(weights.get(name).reshape(p.shape())));   // pos_embed [1, N+1, E] -> [N+1, E]
        Tensor input = Fixtures.load("vit-mini/input.safetensors").get("input");
        Map<String, Tensor> expected = Fixtures.load("vit-mini/grads-" + variant + ".safetensors");

        Tensor logits = vit.apply(input);
        Tensor loss = Functional.crossEntropy(logits, expected.get("targets"));
        Fixtures.assertClose(variant + " loss", loss.reshape(1), expected.get("loss"), 1e-5);
        loss.backward();

        String worst = null;
        double worstErr = -1;
        for (var e : params.entrySet()) {
            Tensor want = expected.get("grad." + e.getKey());
            assertThat(want).as("fixture gradient for " + e.getKey()).isNotNull();
            assertThat(e.getValue().grad()).as("gradient of " + e.getKey()).isNotNull();
            Tensor got = e.getValue().grad().reshape(want.shape());
            Fixtures.assertClose(variant + " grad." + e.getKey(), got, want, 1e-4);
            double err = Fixtures.relativeError(got, want);
            if (err > worstErr) {
                worstErr = err;
                worst = e.getKey();
            }
        }
        assertThat(expected.keySet().stream().filter(k -> k.startsWith("grad.")).count()).isEqualTo(params.size());
        System.out.println(String.format(Locale.ROOT, "%s: worst gradient grad.%s rel err %.1e (%d parameters)", variant, worst, worstErr,
            params.size()));
    }
}
