// SPDX-License-Identifier: MIT
package vit.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Views share storage and copies do not; every view's numbers against index arithmetic in float64. */
class ViewsTest {
    private final Generator gen = new Generator(23);

    private static int[] sizes(List<Tensor> parts, int dim) {
        return parts.stream().mapToInt(t -> t.size(dim)).toArray();
    }

    @Test
    void reshapeOfContiguousIsAViewAndOfPermutedACopy() {
        Tensor x = Check.randn(gen, 3, 5, 7);
        Tensor r = x.reshape(5, -1);
        System.out.println("reshape " + x.shape() + " -> " + r.shape());
        assertThat(r.shape()).isEqualTo(Shape.of(5, 21));
        assertThat(r.storage()).isSameAs(x.storage());
        Check.close("reshape view", r, Reference.of(x).reshape(5, 21));

        Tensor p = x.permute(2, 0, 1);                  // [7, 3, 5], strides [1, 35, 7]
        Tensor viewable = p.reshape(7, 15);             // 3 and 5 stay adjacent in memory: a view
        assertThat(viewable.storage()).isSameAs(x.storage());
        Check.close("reshape of permuted, view", viewable, Reference.of(x).permute(2, 0, 1).reshape(7, 15));
        Tensor copied = p.reshape(21, 5);               // 7 and 3 are not: a copy
        System.out.println("reshape " + p.shape() + " (permuted) -> " + copied.shape() + " copies");
        assertThat(copied.storage()).isNotSameAs(x.storage());
        assertThat(copied.isContiguous()).isTrue();
        Check.close("reshape copy", copied, Reference.of(x).permute(2, 0, 1).reshape(21, 5));
        assertThatThrownBy(() -> p.view(21, 5))
            .hasMessageContaining("[21, 5]").hasMessageContaining("[7, 3, 5]").hasMessageContaining("reshape");
    }

    @Test
    void viewMergesDimsThatStayContiguousWithinThemselves() {
        Tensor base = Check.randn(gen, 6, 4, 3);
        Tensor s = base.slice(0, 0, 6, 2);              // [3, 4, 3], stride 24 on dim 0
        Tensor v = s.view(3, 12);
        System.out.println("view " + s.shape() + " (step-2 slice) -> " + v.shape());
        assertThat(v.storage()).isSameAs(base.storage());
        Check.close("view of slice", v, Reference.of(base).slice(0, 0, 6, 2).reshape(3, 12));
        assertThatThrownBy(() -> s.view(36)).hasMessageContaining("[36]").hasMessageContaining("[3, 4, 3]");
        Tensor one = Tensor.scalar(4f);
        assertThat(one.view(1, 1).shape()).isEqualTo(Shape.of(1, 1));
        assertThat(one.view(1, 1).storage()).isSameAs(one.storage());
        assertThat(one.view(1).item()).isEqualTo(4f);
    }

    @Test
    void permuteTransposeSelectSliceWithNegativeDims() {
        Tensor x = Check.strided(gen, 3, 5, 7);
        Reference r = Reference.of(x);
        Tensor p = x.permute(-1, 0, -2);
        assertThat(p.storage()).isSameAs(x.storage());
        Check.close("permute(-1, 0, -2)", p, r.permute(2, 0, 1));
        Check.close("transpose(0, -1)", x.transpose(0, -1), r.transpose(0, 2));
        Check.close("mT", x.mT(), r.transpose(1, 2));
        Check.close("select(-1, -2)", x.select(-1, -2), r.select(2, 5));
        Check.close("select(1, 3)", x.select(1, 3), r.select(1, 3));
        Check.close("slice(-1, 1, 6, 2)", x.slice(-1, 1, 6, 2), r.slice(2, 1, 6, 2));
        Check.close("slice(1, -3, 100)", x.slice(1, -3, 100), r.slice(1, 2, 5, 1));
        Check.close("slice(0, -100, -1, 3)", x.slice(0, -100, -1, 3), r.slice(0, 0, 2, 3));
        assertThat(x.slice(2, 5, 2).shape()).isEqualTo(Shape.of(3, 5, 0));
        Check.close("slice of slice", x.slice(2, 1, 7, 2).slice(2, 1, 3), r.slice(2, 1, 7, 2).slice(2, 1, 3, 1));
        assertThat(x.get(2, -1, 3)).isEqualTo((float) r.at(2, 4, 3));
    }

    @Test
    void expandRepeatUnsqueezeSqueezeFlatten() {
        Tensor x = Check.randn(gen, 4, 1, 3);
        Reference r = Reference.of(x);
        Tensor e = x.expand(2, 4, 5, -1);
        System.out.println("expand " + x.shape() + " -> " + e.shape() + " strides " + java.util.Arrays.toString(e.strides()));
        assertThat(e.storage()).isSameAs(x.storage());
        assertThat(e.strides()[0]).isZero();
        assertThat(e.strides()[2]).isZero();
        Check.close("expand", e, r.expand(2, 4, 5, 3));
        Check.close("repeat(2, 1, 3, 2)", x.repeat(2, 1, 3, 2), r.repeat(2, 1, 3, 2));
        Check.close("repeat of permuted", x.permute(2, 0, 1).repeat(1, 2, 3), r.permute(2, 0, 1).repeat(1, 2, 3));
        Check.close("unsqueeze(-1)", x.unsqueeze(-1), r.unsqueeze(3));
        Check.close("unsqueeze(0)", x.unsqueeze(0), r.unsqueeze(0));
        Check.close("squeeze(1)", x.squeeze(1), r.reshape(4, 3));
        assertThat(x.squeeze(0)).as("squeezing a dim that is not 1 is a no-op").isSameAs(x);
        Tensor y = Check.permuted(gen, 2, 3, 5, 7);
        Check.close("flatten(1, -1)", y.flatten(1, -1), Reference.of(y).reshape(2, 105));
        Check.close("flatten(0, 1)", y.flatten(0, 1), Reference.of(y).reshape(6, 5, 7));
        Tensor c = Check.strided(gen, 3, 4);
        Tensor cc = c.contiguous();
        assertThat(cc.isContiguous()).isTrue();
        assertThat(cc.contiguous()).isSameAs(cc);
        Check.close("contiguous", cc, Reference.of(c));
    }

    @Test
    void catAndStackAlongNegativeDims() {
        Tensor a = Check.randn(gen, 3, 2, 5);
        Tensor b = Check.permuted(gen, 3, 4, 5);
        Tensor c = Check.strided(gen, 3, 1, 5);
        Tensor cat = Tensor.cat(List.of(a, b, c), -2);
        System.out.println("cat " + a.shape() + " " + b.shape() + " " + c.shape() + " -> " + cat.shape());
        Check.close("cat(-2)", cat, Reference.cat(List.of(Reference.of(a), Reference.of(b), Reference.of(c)), 1));
        Tensor d = Check.randn(gen, 3, 5);
        Tensor e = Check.permuted(gen, 3, 5);
        for (int dim : new int[] {0, 1, 2, -1, -3}) {
            Tensor s = Tensor.stack(List.of(d, e), dim);
            Check.close("stack(" + dim + ")", s, Reference.stack(List.of(Reference.of(d), Reference.of(e)), dim));
        }
    }

    @Test
    void chunkAndSplitFollowPyTorch() {
        Tensor x = Check.randn(gen, 10, 6);
        List<Tensor> c = x.chunk(4, 0);
        System.out.println("chunk(4) of " + x.shape() + " -> " + c.stream().map(Tensor::shape).toList());
        assertThat(sizes(c, 0)).containsExactly(3, 3, 3, 1);
        assertThat(sizes(x.chunk(4, -1), 1)).containsExactly(2, 2, 2);
        assertThat(sizes(x.chunk(3, 1), 1)).containsExactly(2, 2, 2);
        assertThat(sizes(x.chunk(20, 1), 1)).containsExactly(1, 1, 1, 1, 1, 1);
        assertThat(sizes(x.split(4, 0), 0)).containsExactly(4, 4, 2);
        List<Tensor> parts = x.split(new int[] {1, 2, 3}, -1);
        assertThat(sizes(parts, 1)).containsExactly(1, 2, 3);
        for (Tensor p : parts) {
            assertThat(p.storage()).isSameAs(x.storage());
        }
        Check.close("split part 2", parts.get(2), Reference.of(x).slice(1, 3, 6, 1));
        Check.close("chunk part 3", c.get(3), Reference.of(x).slice(0, 9, 10, 1));
    }

    @Test
    void errorsNameTheShapes() {
        Tensor x = Tensor.zeros(3, 5, 7);
        assertThatThrownBy(() -> x.reshape(4, -1)).hasMessageContaining("[4, -1]").hasMessageContaining("105").hasMessageContaining("[3, 5, 7]");
        assertThatThrownBy(() -> x.reshape(4, 26)).hasMessageContaining("[4, 26]").hasMessageContaining("[3, 5, 7]");
        assertThatThrownBy(() -> x.reshape(-1, -1)).hasMessageContaining("[-1, -1]").hasMessageContaining("[3, 5, 7]");
        assertThatThrownBy(() -> x.reshape(-2, 3)).hasMessageContaining("-2").hasMessageContaining("[3, 5, 7]");
        assertThatThrownBy(() -> x.permute(0, 1)).hasMessageContaining("[3, 5, 7]").hasMessageContaining("2");
        assertThatThrownBy(() -> x.permute(0, 1, -2)).hasMessageContaining("[0, 1, -2]").hasMessageContaining("[3, 5, 7]");
        assertThatThrownBy(() -> x.transpose(0, 3)).hasMessageContaining("[3, 5, 7]").hasMessageContaining("got 3");
        assertThatThrownBy(() -> x.select(1, 5)).hasMessageContaining("index 5").hasMessageContaining("size 5").hasMessageContaining("[3, 5, 7]");
        assertThatThrownBy(() -> x.select(-4, 0)).hasMessageContaining("-4").hasMessageContaining("[3, 5, 7]");
        assertThatThrownBy(() -> x.slice(0, 0, 3, 0)).hasMessageContaining("step").hasMessageContaining("0").hasMessageContaining("[3, 5, 7]");
        assertThatThrownBy(() -> x.expand(3, 4, 7)).hasMessageContaining("[3, 4, 7]").hasMessageContaining("[3, 5, 7]");
        assertThatThrownBy(() -> x.expand(5, 7)).hasMessageContaining("(2)").hasMessageContaining("[3, 5, 7]");
        assertThatThrownBy(() -> x.expand(-1, 3, 5, 7)).hasMessageContaining("[-1, 3, 5, 7]").hasMessageContaining("[3, 5, 7]");
        assertThatThrownBy(() -> x.repeat(2, 2)).hasMessageContaining("(2)").hasMessageContaining("[3, 5, 7]");
        assertThatThrownBy(() -> x.unsqueeze(4)).hasMessageContaining("[-4, 3]").hasMessageContaining("[3, 5, 7]");
        assertThatThrownBy(() -> x.flatten(2, 1)).hasMessageContaining("[3, 5, 7]");
        assertThatThrownBy(() -> Tensor.cat(List.of(x, Tensor.zeros(3, 6, 6)), 1))
            .hasMessageContaining("[3, 6, 6]").hasMessageContaining("[3, 5, 7]").hasMessageContaining("dimension 1");
        assertThatThrownBy(() -> Tensor.cat(List.of(x, Tensor.zeros(3, 5)), 0)).hasMessageContaining("[3, 5]").hasMessageContaining("[3, 5, 7]");
        assertThatThrownBy(() -> Tensor.cat(List.of(), 0)).hasMessageContaining("non-empty");
        assertThatThrownBy(() -> Tensor.stack(List.of(x, Tensor.zeros(3, 5, 6)), 0))
            .hasMessageContaining("[3, 5, 6]").hasMessageContaining("[3, 5, 7]").hasMessageContaining("entry 1");
        assertThatThrownBy(() -> Tensor.stack(List.of(), 0)).hasMessageContaining("non-empty");
        assertThatThrownBy(() -> x.chunk(0, 1)).hasMessageContaining("got 0").hasMessageContaining("[3, 5, 7]");
        assertThatThrownBy(() -> x.split(0, 1)).hasMessageContaining("got 0").hasMessageContaining("[3, 5, 7]");
        assertThatThrownBy(() -> x.split(new int[] {2, 2}, 1))
            .hasMessageContaining("[2, 2]").hasMessageContaining("4").hasMessageContaining("[3, 5, 7]").hasMessageContaining("size 5");
        assertThatThrownBy(() -> x.split(new int[] {-1, 6}, 1)).hasMessageContaining("[-1, 6]").hasMessageContaining("[3, 5, 7]");
    }
}
