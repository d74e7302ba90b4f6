// SPDX-License-Identifier: MIT
package vit.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import vit.tensor.Check;
import vit.tensor.Generator;
import vit.tensor.Reference;
import vit.tensor.Shape;
import vit.tensor.Tensor;

/** Each layer's shapes and values against the float64 reference, and its bad-input errors. */
class LayersTest {
    private final Generator gen = new Generator(97);

    private static Reference ref(Parameter p) {
        return Reference.of(p.value());
    }

    @Test
    void linearMapsTheLastDim() {
        Linear fc = new Linear(7, 4, gen);
        assertThat(fc.weight().shape()).isEqualTo(Shape.of(4, 7));
        assertThat(fc.bias().shape()).isEqualTo(Shape.of(4));
        float bound = (float) (1 / Math.sqrt(7));
        for (float v : fc.weight().value().toFloatArray()) {
            assertThat(Math.abs(v)).isLessThanOrEqualTo(bound);
        }
        Tensor x = Check.randn(gen, 2, 3, 7);
        Tensor y = fc.apply(x);
        System.out.println(fc + ": " + x.shape() + " -> " + y.shape());
        Check.close("Linear", y, Reference.linear(Reference.of(x), ref(fc.weight()), ref(fc.bias())));
        Linear noBias = new Linear(7, 4, false, gen);
        assertThat(noBias.bias()).isNull();
        assertThat(noBias.parameterCount()).isEqualTo(28);
        Check.close("Linear no bias", noBias.apply(x), Reference.linear(Reference.of(x), ref(noBias.weight()), null));
        assertThatThrownBy(() -> fc.apply(Check.randn(gen, 2, 6)))
            .hasMessageContaining("[2, 6]").hasMessageContaining("[4, 7]");
    }

    @Test
    void conv2dPatchifiesAndPads() {
        Conv2d patch = new Conv2d(3, 5, 4, 4, 0, gen);
        Tensor img = Check.randn(gen, 2, 3, 8, 12);
        Tensor y = patch.apply(img);
        System.out.println(patch + ": " + img.shape() + " -> " + y.shape());
        assertThat(y.shape()).isEqualTo(Shape.of(2, 5, 2, 3));
        assertThat(patch.toString()).isEqualTo("Conv2d(3, 5, kernel_size=(4, 4), stride=(4, 4))");
        Check.close("Conv2d patchify", y, Reference.conv2d(Reference.of(img), ref(patch.weight()), ref(patch.bias()), 4, 0));
        Conv2d padded = new Conv2d(3, 2, 3, 2, 1, gen);
        Check.close("Conv2d pad 1", padded.apply(img), Reference.conv2d(Reference.of(img), ref(padded.weight()), ref(padded.bias()), 2, 1));
        assertThat(padded.parameterCount()).isEqualTo(2 * 3 * 3 * 3 + 2);
        assertThatThrownBy(() -> patch.apply(Check.randn(gen, 2, 4, 8, 8)))
            .hasMessageContaining("[2, 4, 8, 8]").hasMessageContaining("[N, 3, H, W]");
    }

    @Test
    void layerNormNormalisesThenScales() {
        LayerNorm ln = new LayerNorm(7, 1e-6f);
        Tensor x = Check.randn(gen, 3, 5, 7).mul(4f).add(2f);
        ln.weight().set(Check.randn(gen, 7));
        ln.bias().set(Check.randn(gen, 7));
        Check.close("LayerNorm", ln.apply(x), Reference.layerNorm(Reference.of(x), ref(ln.weight()), ref(ln.bias()), 1e-6f));
        LayerNorm fresh = new LayerNorm(7);
        assertThat(fresh.eps()).isEqualTo(1e-5f);
        assertThat(fresh.weight().value().toFloatArray()).containsOnly(1f);
        assertThat(fresh.bias().value().toFloatArray()).containsOnly(0f);
        assertThatThrownBy(() -> ln.apply(Check.randn(gen, 3, 6))).hasMessageContaining("[3, 6]").hasMessageContaining("7");
    }

    @Test
    void activations() {
        Tensor x = Check.randn(gen, 3, 5).mul(3f);
        Check.close("GELU", new GELU().apply(x), Reference.of(x).map(Reference::gelu));
        Check.close("ReLU", new ReLU().apply(x), Reference.of(x).map(v -> Math.max(v, 0)));
        assertThat(new Identity().apply(x)).isSameAs(x);
        assertThat(new GELU(true).toString()).isEqualTo("GELU(approximate='tanh')");
    }

    @Test
    void dropoutOnlyWhileTraining() {
        Dropout drop = new Dropout(0.5f, new Generator(3));
        Sequential seq = new Sequential(new Linear(4, 4, gen), drop);
        Tensor x = Tensor.ones(16, 4);
        assertThat(seq.isTraining()).isTrue();
        float[] trained = drop.apply(x).toFloatArray();
        assertThat(trained).contains(0f, 2f).containsOnly(0f, 2f);
        seq.eval();
        assertThat(drop.isTraining()).isFalse();
        assertThat(drop.apply(x)).isSameAs(x);
        seq.train(true);
        assertThat(drop.isTraining()).isTrue();
        assertThat(new Dropout(0f).apply(x)).isSameAs(x);
        assertThatThrownBy(() -> new Dropout(1.5f)).hasMessageContaining("1.5");
    }
}
