// SPDX-License-Identifier: MIT
package vit.mlp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import vit.nn.LayerNorm;
import vit.nn.Linear;
import vit.nn.Sequential;
import vit.nn.Summary;
import vit.tensor.Check;
import vit.tensor.Generator;
import vit.tensor.GradMode;
import vit.tensor.Reference;
import vit.tensor.Shape;
import vit.tensor.Tensor;
import vit.tensor.testing.ChapterOutput;
import vit.tensor.testing.Fixtures;

class FeedForwardBlockTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource({"article, 1e-5", "timm, 1e-6"})
    void matchesPyTorchOnTheFixture(String variant, float eps) {
        Map<String, Tensor> w = Fixtures.load("vit-mini/weights.safetensors");
        Map<String, Tensor> expected = Fixtures.load("vit-mini/expected-" + variant + ".safetensors");
        LayerNorm norm2 = new LayerNorm(64, eps);
        norm2.weight().set(w.get("blocks.0.norm2.weight"));
        norm2.bias().set(w.get("blocks.0.norm2.bias"));
        FeedForwardBlock mlp = new FeedForwardBlock(64, 4, 0f, new Generator(0));
        mlp.fc1().weight().set(w.get("blocks.0.mlp.fc1.weight"));
        mlp.fc1().bias().set(w.get("blocks.0.mlp.fc1.bias"));
        mlp.fc2().weight().set(w.get("blocks.0.mlp.fc2.weight"));
        mlp.fc2().bias().set(w.get("blocks.0.mlp.fc2.bias"));
        Tensor afterAttention = expected.get("tokens").add(expected.get("attn0"));
        Fixtures.assertClose(variant + " mlp0", mlp.apply(norm2.apply(afterAttention)), expected.get("mlp0"), 1e-5);
    }

    @Test
    void isASequentialOfLinearGeluDropoutLinear() {
        FeedForwardBlock mlp = new FeedForwardBlock(768, 4, 0f, new Generator(0));
        assertThat(mlp).isInstanceOf(Sequential.class);
        assertThat(mlp.size()).isEqualTo(4);
        assertThat(mlp.fc1().weight().shape()).isEqualTo(Shape.of(3072, 768));
        assertThat(mlp.parameterCount()).isEqualTo(768L * 3072 + 3072 + 3072L * 768 + 768);
        Tensor y = mlp.apply(Tensor.zeros(1, 197, 768));
        System.out.println("FeedForwardBlock " + y.shape());
        assertThat(y.shape()).isEqualTo(Shape.of(1, 197, 768));
    }

    /** The fc1 -> GELU shortcut: the bits of the layers one by one, a float64 reference, the same gradients, all rows in a summary. */
    @Test
    void theLinearAndGeluInOneCallGiveTheBitsOfTheLayersOneByOne() {
        // Deep enough (k >= 256) for the CPU's weight-in-place path, rows enough for several tiles, odd sizes everywhere.
        Generator gen = new Generator(7);
        FeedForwardBlock mlp = new FeedForwardBlock(300, 2, 0f, gen);
        Tensor x = Check.randn(gen, 3, 37, 300);
        try (var noGrad = GradMode.disabled()) {
            Tensor y = mlp.forward(x);
            float[] oneByOne = mlp.fc2().apply(mlp.get(2).apply(mlp.get(1).apply(mlp.fc1().apply(x)))).toFloatArray();
            assertThat(y.toFloatArray()).as("fc1 -> GELU in one call, against the layers one by one").isEqualTo(oneByOne);
            Reference hidden = Reference.linear(Reference.of(x), ref(mlp.fc1().weight()), ref(mlp.fc1().bias())).map(Reference::gelu);
            Check.close("FeedForwardBlock", y, Reference.linear(hidden, ref(mlp.fc2().weight()), ref(mlp.fc2().bias())));
        }

        Tensor xg = x.detach().requiresGrad(true);
        mlp.forward(xg).sum().backward();
        float[] shortcutGrad = xg.grad().toFloatArray();
        Tensor xs = x.detach().requiresGrad(true);
        mlp.fc2().apply(mlp.get(2).apply(mlp.get(1).apply(mlp.fc1().apply(xs)))).sum().backward();
        assertThat(shortcutGrad).as("gradient through the shortcut").isEqualTo(xs.grad().toFloatArray());

        Summary summary = Summary.of(mlp, Shape.of(2, 5, 300));
        assertThat(summary.rows()).extracting(Summary.Row::name).containsExactly("Linear-1", "GELU-2", "Dropout-3", "Linear-4");
    }

    private static Reference ref(vit.nn.Parameter p) {
        return Reference.of(p.value());
    }

    @Test
    void residualAddAddsTheInputBack() {
        Generator gen = new Generator(2);
        Linear fn = new Linear(5, 5, gen);
        Tensor x = Tensor.randn(Shape.of(2, 3, 5), gen);
        Tensor expected = x.add(fn.apply(x));
        Tensor got = new ResidualAdd(fn).apply(x);
        System.out.println("ResidualAdd " + got.shape());
        assertThat(got.toFloatArray()).containsExactly(expected.toFloatArray());
    }

    @Test
    void geluDiffersFromReluOnlyNearZero() {
        // GELU(x) = x * Phi(x): Phi(-3) = 0.0013499, Phi(1) = 0.8413447 (tables of the normal CDF).
        Tensor x = Tensor.of(new float[] {-3f, 0f, 1f, 6f}, 4);
        float[] g = x.gelu().toFloatArray();
        assertThat((double) g[0]).isCloseTo(-3 * 0.0013499, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(g[1]).isZero();
        assertThat((double) g[2]).isCloseTo(0.8413447, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(g[3]).isCloseTo(6f, org.assertj.core.data.Offset.offset(1e-5f));
    }

    @Test
    void mainPrintsWhatTheReadmeShows() throws Exception {
        ChapterOutput.assertMatchesReadme(ChapterOutput.capture(() -> Chapter05.main(new String[0])));
    }
}
