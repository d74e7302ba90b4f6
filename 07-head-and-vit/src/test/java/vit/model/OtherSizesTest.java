// SPDX-License-Identifier: MIT
package vit.model;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import vit.attention.Variant;
import vit.nn.Parameter;
import vit.tensor.Functional;
import vit.tensor.Generator;
import vit.tensor.Tensor;
import vit.tensor.testing.Fixtures;

/**
 * A second PyTorch reference with other sizes than vit-mini (width 48, 6 heads of 8, depth 3, patch 4,
 * image 20, MLP ratio 2, 7 classes, batch 3), made by {@code tensor/src/test/scripts/make_vit_fixtures.py}:
 * every tap of the forward pass and one training step's gradients, both variants.
 */
class OtherSizesTest {
    static ViT load(Variant variant) {
        ViT vit = new ViT(new ViTConfig("other-" + variant, 3, 4, 48, 20, 3, 6, 2, 7, 0f, variant), new Generator(0));
        Map<String, Tensor> w = Fixtures.load("vit-other/weights.safetensors");
        TimmNames.parameters(vit).forEach((name, p) -> p.set(w.get(name).reshape(p.shape())));
        return vit;
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void everyTapMatchesPyTorch(Variant variant) {
        ViT vit = load(variant);
        Tensor input = Fixtures.load("vit-other/input.safetensors").get("input");
        Map<String, Tensor> expected = Fixtures.load("vit-other/expected-" + variant.name().toLowerCase() + ".safetensors");
        Map<String, Tensor> taps = Taps.forward(vit, input);
        expected.forEach((tap, e) -> Fixtures.assertClose(variant + " other " + tap, taps.get(tap), e, 1e-5));
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void oneTrainingStepMatchesPyTorch(Variant variant) {
        ViT vit = load(variant);
        Tensor input = Fixtures.load("vit-other/input.safetensors").get("input");
        Map<String, Tensor> expected = Fixtures.load("vit-other/grads-" + variant.name().toLowerCase() + ".safetensors");
        Tensor loss = Functional.crossEntropy(vit.apply(input), expected.get("targets"));
        Fixtures.assertClose(variant + " other loss", loss.reshape(1), expected.get("loss"), 1e-5);
        loss.backward();
        for (Map.Entry<String, Parameter> e : TimmNames.parameters(vit).entrySet()) {
            Tensor want = expected.get("grad." + e.getKey());
            Fixtures.assertClose(variant + " other grad." + e.getKey(), e.getValue().grad().reshape(want.shape()), want, 1e-4);
        }
    }
}
