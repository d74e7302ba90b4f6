// SPDX-License-Identifier: MIT
package vit.encoder.exercises;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import vit.attention.Variant;
import vit.encoder.TransformerEncoderBlock;
import vit.tensor.Generator;
import vit.tensor.Shape;
import vit.tensor.Tensor;
import vit.tensor.testing.Fixtures;

/**
 * The checks of exercises 06.2 and 06.3: the post-norm order composed here from the chapter's layers, and
 * the root mean square computed here by plain loops. Run them on your code with
 * {@code mvn -pl 06-encoder test -Pexercises}.
 */
class PostNormBlockTest {
    static double rms(Tensor t) {
        double s = 0;
        float[] v = t.toFloatArray();
        for (float f : v) {
            s += (double) f * f;
        }
        return Math.sqrt(s / v.length);
    }

    @Test
    @DisplayName("Exercise 06.2: post-norm: LayerNorm after each residual add, the same weights")
    void ex2_postNorm() {
        Generator gen = new Generator(3);
        TransformerEncoderBlock pre = new TransformerEncoderBlock(12, 3, 2, 0f, Variant.TIMM, gen);
        PostNormBlock post = new PostNormBlock(pre);
        assertThat(post.parameterCount()).as("Exercise 06.2: the same layers, registered, so the same parameters").isEqualTo(pre.parameterCount());
        Tensor x = Tensor.randn(Shape.of(2, 5, 12), gen).mul(3f);
        Tensor h = pre.norm1().apply(x.add(pre.attention().apply(x)));
        Tensor expected = pre.norm2().apply(h.add(pre.mlp().apply(h)));
        Tensor got = post.apply(x);
        System.out.println("PostNormBlock " + x.shape() + " -> " + got.shape());
        assertThat(got.shape()).isEqualTo(Shape.of(2, 5, 12));
        assertThat(Fixtures.relativeError(got, expected)).isLessThan(1e-6);
        assertThat(Fixtures.relativeError(got, pre.apply(x))).as("post-norm is not pre-norm").isGreaterThan(1e-2);
    }

    @Test
    @DisplayName("Exercise 06.3: the stream grows through pre-norm blocks and stays at 1 through post-norm ones")
    void ex3_rmsAfterEachBlock() {
        Generator gen = new Generator(6);
        List<TransformerEncoderBlock> preNorm = new ArrayList<>();
        List<PostNormBlock> postNorm = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            TransformerEncoderBlock block = new TransformerEncoderBlock(32, 4, 4, 0f, Variant.TIMM, gen);
            preNorm.add(block);
            postNorm.add(new PostNormBlock(block));
        }
        Tensor x = Tensor.randn(Shape.of(2, 9, 32), gen);
        double[] pre = NormGrowth.rmsAfterEachBlock(preNorm, x);
        double[] post = NormGrowth.rmsAfterEachBlock(postNorm, x);
        assertThat(pre).hasSize(12);
        assertThat(post).hasSize(12);
        Tensor stream = x;
        for (int i = 0; i < 12; i++) {
            stream = preNorm.get(i).apply(stream);
            assertThat(pre[i]).as("pre-norm, after block %d", i).isCloseTo(rms(stream), offset(1e-4));
            assertThat(post[i]).as("post-norm, after block %d: a LayerNorm's output", i).isCloseTo(1.0, offset(1e-3));
        }
        System.out.printf("rms of the stream %s: pre-norm %.2f -> %.2f, post-norm %.2f -> %.2f%n", x.shape(),
            pre[0], pre[11], post[0], post[11]);
        assertThat(pre[11]).as("pre-norm: each block adds to the stream").isGreaterThan(pre[0]);
    }
}
