// SPDX-License-Identifier: MIT
package vit.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import vit.tensor.Reference.Kind;

/** Sum, mean, max, min and argmax over any set of dims, keepdim or not, on strided inputs. */
class ReductionsTest {
    private final Generator gen = new Generator(37);

    @Test
    void reduceOverDimsWithAndWithoutKeepdim() {
        Tensor[] inputs = {Check.randn(gen, 3, 5, 7), Check.permuted(gen, 3, 5, 7), Check.strided(gen, 3, 5, 7),
            Check.randn(gen, 3, 1, 7).expand(3, 5, 7)};
        int[][] dimSets = {{0}, {1}, {-1}, {0, 2}, {-1, -3}, {2, 1, 0}};
        for (Tensor x : inputs) {
            Reference r = Reference.of(x);
            for (int[] dims : dimSets) {
                for (boolean keep : new boolean[] {false, true}) {
                    String d = java.util.Arrays.toString(dims) + (keep ? " keepdim" : "");
                    Check.close("sum " + d, x.sum(dims, keep), r.reduce(Kind.SUM, dims, keep));
                    Check.close("mean " + d, x.mean(dims, keep), r.reduce(Kind.MEAN, dims, keep));
                    Check.close("max " + d, x.max(dims, keep), r.reduce(Kind.MAX, dims, keep));
                    Check.close("min " + d, x.min(dims, keep), r.reduce(Kind.MIN, dims, keep));
                }
            }
            for (int dim : new int[] {0, 1, -1}) {
                Check.close("argmax " + dim, x.argmax(dim, false), r.argmax(dim, false));
                Check.close("argmax " + dim + " keepdim", x.argmax(dim, true), r.argmax(dim, true));
            }
            Check.close("sum()", x.sum(), r.reduce(Kind.SUM, new int[] {0, 1, 2}, false));
            Check.close("mean()", x.mean(), r.reduce(Kind.MEAN, new int[] {0, 1, 2}, false));
            Check.close("max()", x.max(), r.reduce(Kind.MAX, new int[] {0, 1, 2}, false));
        }
    }

    @Test
    void singleDimOverloadsAndScalars() {
        Tensor x = Check.randn(gen, 1, 9);
        Reference r = Reference.of(x);
        Check.close("sum(-1)", x.sum(-1, false), r.reduce(Kind.SUM, new int[] {1}, false));
        Check.close("mean(0, keepdim)", x.mean(0, true), r.reduce(Kind.MEAN, new int[] {0}, true));
        Check.close("max(1, keepdim)", x.max(1, true), r.reduce(Kind.MAX, new int[] {1}, true));
        Check.close("min(-2)", x.min(-2, false), r.reduce(Kind.MIN, new int[] {0}, false));
        assertThat(Tensor.scalar(3f).sum().item()).isEqualTo(3f);
        assertThat(x.sum().shape()).isEqualTo(Shape.scalar());
    }

    @Test
    void argmaxPicksTheFirstOfTiedMaxima() {
        Tensor x = Tensor.of(new float[] {1, 5, 5, 2, 7, 7, 7, 0}, 2, 4);
        assertThat(x.argmax(1, false).toFloatArray()).containsExactly(1, 0);
        assertThat(x.argmax(-1, true).shape()).isEqualTo(Shape.of(2, 1));
    }

    @Test
    void errorsNameTheShapes() {
        Tensor x = Tensor.zeros(3, 5, 7);
        assertThatThrownBy(() -> x.sum(3, false)).hasMessageContaining("got 3").hasMessageContaining("[3, 5, 7]");
        assertThatThrownBy(() -> x.sum(new int[] {1, -2}, false)).hasMessageContaining("[1, -2]").hasMessageContaining("[3, 5, 7]");
        assertThatThrownBy(() -> Tensor.zeros(2, 0).max(1, false)).hasMessageContaining("[2, 0]").hasMessageContaining("empty");
    }
}
