// SPDX-License-Identifier: MIT
package vit.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** Elementwise math with broadcasting, on contiguous and strided inputs, against float64 loops. */
class ElementwiseTest {
    private final Generator gen = new Generator(11);

    private void binary(String name, java.util.function.BinaryOperator<Tensor> op, DoubleBinaryOperator ref, Tensor a, Tensor b) {
        Check.close(name + " " + a.shape() + "," + b.shape(), op.apply(a, b), Reference.zip(Reference.of(a), Reference.of(b), ref));
    }

    @Test
    void binaryOpsBroadcastOverOddShapes() {
        Tensor[][] pairs = {
            {Check.randn(gen, 3, 5, 7), Check.randn(gen, 3, 5, 7)},
            {Check.randn(gen, 4, 1, 3), Check.randn(gen, 5, 1)},          // -> [4, 5, 3]
            {Check.randn(gen, 1, 9), Check.randn(gen, 7, 1)},             // -> [7, 9]
            {Check.randn(gen, 3, 5, 7), Check.randn(gen, 7)},
            {Check.permuted(gen, 3, 5, 7), Check.strided(gen, 3, 5, 7)},  // both non-contiguous
            {Check.randn(gen, 2, 1, 3).expand(2, 5, 3), Check.permuted(gen, 5, 3)},
            {Tensor.scalar(1.5f), Check.randn(gen, 3, 2)},
        };
        for (Tensor[] p : pairs) {
            Tensor a = p[0];
            Tensor b = p[1];
            binary("add", Tensor::add, Double::sum, a, b);
            binary("sub", Tensor::sub, (x, y) -> x - y, a, b);
            binary("mul", Tensor::mul, (x, y) -> x * y, a, b);
            binary("div", Tensor::div, (x, y) -> x / y, a, b);
            binary("maximum", Tensor::maximum, Math::max, a, b);
            binary("minimum", Tensor::minimum, Math::min, a, b);
            binary("gt", Tensor::gt, (x, y) -> x > y ? 1 : 0, a, b);
            binary("lt", Tensor::lt, (x, y) -> x < y ? 1 : 0, a, b);
            binary("eq", Tensor::eq, (x, y) -> x == y ? 1 : 0, b, b);
            binary("pow", (x, y) -> x.abs().add(0.1f).pow(y), (x, y) -> Math.pow((float) (Math.abs(x) + 0.1f), y), a, b);
        }
    }

    @Test
    void scalarOps() {
        Tensor x = Check.strided(gen, 3, 5, 7);
        Reference r = Reference.of(x);
        Check.close("add(2.5)", x.add(2.5f), r.map(v -> v + 2.5));
        Check.close("sub(2.5)", x.sub(2.5f), r.map(v -> v - 2.5));
        Check.close("mul(-3)", x.mul(-3f), r.map(v -> v * -3));
        Check.close("div(7)", x.div(7f), r.map(v -> v / 7));
        Check.close("gt(0.25)", x.gt(0.25f), r.map(v -> v > 0.25 ? 1 : 0));
        Check.close("pow(3)", x.pow(3f), r.map(v -> v * v * v));
        Check.close("pow(0.5)", x.abs().pow(0.5f), r.map(v -> Math.sqrt(Math.abs(v))));
    }

    private void unary(String name, UnaryOperator<Tensor> op, DoubleUnaryOperator ref, Tensor x) {
        Check.close(name, op.apply(x), Reference.of(x).map(ref));
    }

    @Test
    void unaryOpsOnNonContiguousInputs() {
        for (Tensor x : new Tensor[] {Check.randn(gen, 3, 5, 7), Check.permuted(gen, 4, 9), Check.strided(gen, 5, 3),
            Check.randn(gen, 1, 3).expand(4, 3)}) {
            Tensor pos = x.abs().add(0.01f);
            unary("neg", Tensor::neg, v -> -v, x);
            unary("exp", Tensor::exp, Math::exp, x);
            unary("log", t -> pos.log(), v -> Math.log((float) (Math.abs(v) + 0.01f)), x);
            unary("sqrt", t -> pos.sqrt(), v -> Math.sqrt((float) (Math.abs(v) + 0.01f)), x);
            unary("rsqrt", t -> pos.rsqrt(), v -> 1 / Math.sqrt((float) (Math.abs(v) + 0.01f)), x);
            unary("abs", Tensor::abs, Math::abs, x);
            unary("tanh", Tensor::tanh, Math::tanh, x);
            unary("erf", Tensor::erf, Reference::erf, x);
            unary("relu", Tensor::relu, v -> Math.max(v, 0), x);
            unary("gelu", Tensor::gelu, Reference::gelu, x);
            unary("geluTanh", Tensor::geluTanh, Reference::geluTanh, x);
        }
    }

    @Test
    void whereAndMaskedFillBroadcast() {
        Tensor cond = Check.randn(gen, 4, 1, 3).gt(0f);
        Tensor a = Check.randn(gen, 5, 1);
        Tensor b = Check.permuted(gen, 4, 5, 3);
        Check.close("where", Tensor.where(cond, a, b), Reference.where(Reference.of(cond), Reference.of(a), Reference.of(b)));
        Tensor mask = Check.randn(gen, 1, 3).gt(0f);
        Tensor x = Check.strided(gen, 5, 3);
        Reference m = Reference.of(mask);
        Check.close("maskedFill", x.maskedFill(mask, -7f),
            Reference.where(m, new Reference(new int[0], new double[] {-7}), Reference.of(x)));
    }

    @Test
    void errorsNameTheShapes() {
        assertThatThrownBy(() -> Tensor.zeros(3, 4).add(Tensor.zeros(5)))
            .hasMessageContaining("[3, 4]").hasMessageContaining("[5]").hasMessageContaining("cannot be broadcast");
        assertThatThrownBy(() -> Tensor.where(Tensor.zeros(2), Tensor.zeros(3), Tensor.zeros(1)))
            .hasMessageContaining("[2]").hasMessageContaining("[3]");
        assertThatThrownBy(() -> Tensor.of(new float[5], 2, 3))
            .hasMessageContaining("length 5").hasMessageContaining("[2, 3]");
        assertThatThrownBy(() -> Tensor.zeros(2, 3).item()).hasMessageContaining("[2, 3]");
        assertThatThrownBy(() -> Tensor.zeros(2, 3).get(1)).hasMessageContaining("[1]").hasMessageContaining("[2, 3]");
        Tensor closed = Tensor.zeros(2, 7);
        closed.close();
        assertThatThrownBy(() -> closed.exp()).hasMessageContaining("[2, 7]").hasMessageContaining("closed");
    }
}
