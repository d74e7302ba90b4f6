// SPDX-License-Identifier: MIT
package vit.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vit.tensor.Generator;
import vit.tensor.MemoryScope;
import vit.tensor.Shape;
import vit.tensor.Tensor;

/** Parameter names and counts, state dicts, and the summary table, on small hand-countable models. */
class ModuleTest {
    /** Linear(7, 5) -> GELU -> Sequential(Dropout, Linear(5, 3)) -> LayerNorm(3). */
    private static Sequential model(long seed) {
        Generator g = new Generator(seed);
        return new Sequential(new Linear(7, 5, g), new GELU(), new Sequential(new Dropout(0.1f), new Linear(5, 3, g)), new LayerNorm(3));
    }

    /** A layer with a parameter that is neither weight nor bias, like the article's cls_token. */
    static final class Token extends Module {
        final Parameter token = registerParameter("cls_token", Tensor.zeros(1, 1, 3));

        @Override
        public Tensor forward(Tensor x) {
            return x.add(token.value().reshape(3));
        }
    }

    @Test
    void namesFollowThePyTorchDottedPaths() {
        Sequential m = model(1);
        System.out.println("named parameters: " + m.namedParameters());
        assertThat(m.namedParameters().keySet()).containsExactly(
            "0.weight", "0.bias", "2.1.weight", "2.1.bias", "3.weight", "3.bias");
        assertThat(m.namedChildren().keySet()).containsExactly("0", "1", "2", "3");
        assertThat(m.parameterCount()).isEqualTo(7 * 5 + 5 + 5 * 3 + 3 + 3 + 3);
        assertThat(m.parameters()).hasSize(6);
        assertThat(m.get(2)).isInstanceOf(Sequential.class);
        assertThat(m.size()).isEqualTo(4);
        assertThatThrownBy(() -> m.get(4)).hasMessageContaining("index 4").hasMessageContaining("4 layers");
    }

    @Test
    void backwardReachesEveryParameterAndZeroGradClearsThem() {
        Sequential m = model(2);
        m.apply(Tensor.randn(Shape.of(4, 7), new Generator(5))).sum().backward();
        for (var e : m.namedParameters().entrySet()) {
            assertThat(e.getValue().grad()).as(e.getKey()).isNotNull();
            assertThat(e.getValue().grad().shape()).isEqualTo(e.getValue().shape());
        }
        m.zeroGrad();
        assertThat(m.parameters()).allSatisfy(p -> assertThat(p.grad()).isNull());
    }

    @Test
    void stateDictRoundTrip() {
        Sequential a = model(3);
        Sequential b = model(4);
        Tensor x = Tensor.randn(Shape.of(2, 7), new Generator(6));
        a.eval();
        b.eval();
        assertThat(b.apply(x).toFloatArray()).isNotEqualTo(a.apply(x).toFloatArray());
        b.loadStateDict(a.stateDict());
        for (String k : a.stateDict().keySet()) {
            assertThat(b.stateDict().get(k).toFloatArray()).as(k).isEqualTo(a.stateDict().get(k).toFloatArray());
        }
        assertThat(b.apply(x).toFloatArray()).isEqualTo(a.apply(x).toFloatArray());
        assertThat(b.stateDict().get("0.weight").requiresGrad()).isTrue();
        float[] aOut = a.apply(x).toFloatArray();
        b.loadStateDict(model(5).stateDict());
        assertThat(a.apply(x).toFloatArray()).as("reloading b leaves a, whose numbers b shared, intact").isEqualTo(aOut);
    }

    @Test
    void loadStateDictIsStrictAndAllOrNothing() {
        Sequential a = model(7);
        Map<String, Tensor> state = new LinkedHashMap<>(model(8).stateDict());
        state.remove("2.1.bias");
        state.put("3.weight", Tensor.zeros(4));
        state.put("4.weight", Tensor.zeros(2, 2));
        float[] before = a.stateDict().get("0.weight").toFloatArray();
        assertThatThrownBy(() -> a.loadStateDict(state))
            .hasMessageContaining("missing key '2.1.bias'").hasMessageContaining("[3]")
            .hasMessageContaining("wrong shape for '3.weight'").hasMessageContaining("[4]")
            .hasMessageContaining("unexpected key '4.weight'").hasMessageContaining("[2, 2]");
        assertThat(a.stateDict().get("0.weight").toFloatArray()).as("nothing loaded").isEqualTo(before);
        assertThatThrownBy(() -> a.namedParameters().get("0.weight").set(Tensor.zeros(7, 5)))
            .hasMessageContaining("[5, 7]").hasMessageContaining("[7, 5]");
    }

    @Test
    void summaryRowsAndTotals() {
        Generator g = new Generator(9);
        Sequential m = new Sequential(new Conv2d(3, 4, 2, 2, 0, g), new ReLU(), new Sequential(new Token(), new Linear(3, 6, g)));
        Summary s = Summary.of(m, Shape.of(1, 3, 4, 6));
        System.out.print(s);
        assertThat(s.rows()).extracting(Summary.Row::name).containsExactly("Conv2d-1", "ReLU-2", "Token-3", "Linear-4");
        assertThat(s.rows()).extracting(Summary.Row::outputShape)
            .containsExactly(Shape.of(1, 4, 2, 3), Shape.of(1, 4, 2, 3), Shape.of(1, 4, 2, 3), Shape.of(1, 4, 2, 6));
        assertThat(s.rows()).extracting(Summary.Row::params).containsExactly(4L * 3 * 2 * 2 + 4, 0L, 3L, 3L * 6 + 6);
        long total = 52 + 3 + 24;
        assertThat(s.total()).isEqualTo(total).isEqualTo(m.parameterCount());
        assertThat(s.torchsummaryTotal()).as("torchsummary skips cls_token").isEqualTo(total - 3);
        assertThat(s.toString()).contains("Total params: 79").contains("[-1, 4, 2, 6]").contains("Linear-4");
    }

    @Test
    void badNamesAreRejected() {
        class Twice extends Module {
            Twice() {
                registerParameter("w", Tensor.zeros(1));
                registerParameter("w", Tensor.zeros(1));
            }

            @Override
            public Tensor forward(Tensor x) {
                return x;
            }
        }
        assertThatThrownBy(Twice::new).hasMessageContaining("'w'").hasMessageContaining("Twice");
    }

    @Test
    void parametersMadeOrLoadedInsideAMemoryScopeOutliveIt() {
        Sequential m;
        try (MemoryScope scope = MemoryScope.open()) {
            m = model(10);
        }
        Sequential other = model(11);
        try (MemoryScope scope = MemoryScope.open()) {
            other.loadStateDict(new LinkedHashMap<>(model(12).stateDict()));
        }
        for (Parameter p : m.parameters()) {
            assertThat(p.value().isClosed()).isFalse();
        }
        for (Parameter p : other.parameters()) {
            assertThat(p.value().isClosed()).isFalse();
        }
        Tensor y = other.apply(m.apply(Tensor.randn(Shape.of(2, 7), new Generator(13))).matmul(Tensor.ones(3, 7)));
        System.out.println("model built in a scope, used after it: " + y.shape());
        assertThat(y.shape()).isEqualTo(Shape.of(2, 3));
    }
}
