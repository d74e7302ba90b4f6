// SPDX-License-Identifier: MIT
package vit.model.exercises;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import vit.model.TimmNames;
import vit.model.ViT;
import vit.model.ViTConfig;
import vit.nn.Sequential;
import vit.tensor.Generator;
import vit.tensor.Shape;
import vit.tensor.Tensor;
import vit.tensor.testing.Fixtures;

/**
 * The checks of exercises 07.1 and 07.2: pooling by plain loops, and the head computed here in double from
 * PyTorch's encoded tokens (fixture {@code encoded}). Run them on your code with
 * {@code mvn -pl 07-head-and-vit test -Pexercises}.
 */
class PoolingTest {
    @Test
    @DisplayName("Exercise 07.1: mean pooling averages the tokens, cls pooling takes token 0")
    void ex1_pooling() {
        Tensor tokens = Tensor.randn(Shape.of(2, 5, 3), new Generator(1));
        Tensor mean = Pooling.mean(tokens);
        Tensor cls = Pooling.cls(tokens);
        System.out.println("pooling " + tokens.shape() + " -> " + mean.shape() + " and " + cls.shape());
        assertThat(mean.shape()).isEqualTo(Shape.of(2, 3));
        assertThat(cls.shape()).isEqualTo(Shape.of(2, 3));
        for (int b = 0; b < 2; b++) {
            for (int e = 0; e < 3; e++) {
                double sum = 0;
                for (int n = 0; n < 5; n++) {
                    sum += tokens.get(b, n, e);
                }
                assertThat((double) mean.get(b, e)).as("mean, image %d, channel %d", b, e).isCloseTo(sum / 5, offset(1e-6));
                assertThat(cls.get(b, e)).as("cls, image %d, channel %d", b, e).isEqualTo(tokens.get(b, 0, e));
            }
        }
    }

    @Test
    @DisplayName("Exercise 07.2: the article's ViT with cls pooling gives LayerNorm(encoded[:, 0]) @ W^T + b")
    void ex2_withClsPooling() {
        ViT vit = new ViT(ViTConfig.MINI_ARTICLE, new Generator(0));
        Map<String, Tensor> w = Fixtures.load("vit-mini/weights.safetensors");
        TimmNames.parameters(vit).forEach((name, p) -> p.set(w.get(name).reshape(p.shape())));
        Tensor input = Fixtures.load("vit-mini/input.safetensors").get("input");
        Tensor encoded = Fixtures.load("vit-mini/expected-article.safetensors").get("encoded"); // PyTorch's

        Sequential model = Pooling.withClsPooling(vit);
        assertThat(model.parameterCount()).as("no new weights").isEqualTo(vit.parameterCount());
        Tensor logits = model.apply(input);
        System.out.println("ViT with cls pooling " + input.shape() + " -> " + logits.shape());
        assertThat(logits.shape()).isEqualTo(Shape.of(2, 10));

        float[] g = w.get("norm.weight").toFloatArray();
        float[] beta = w.get("norm.bias").toFloatArray();
        float[] hw = w.get("head.weight").toFloatArray();
        float[] hb = w.get("head.bias").toFloatArray();
        for (int b = 0; b < 2; b++) {
            double[] t = new double[64];
            double mu = 0;
            for (int e = 0; e < 64; e++) {
                t[e] = encoded.get(b, 0, e);
                mu += t[e] / 64;
            }
            double var = 0;
            for (int e = 0; e < 64; e++) {
                var += (t[e] - mu) * (t[e] - mu) / 64;
            }
            for (int e = 0; e < 64; e++) {
                t[e] = (t[e] - mu) / Math.sqrt(var + 1e-5) * g[e] + beta[e];   // the article's eps
            }
            for (int c = 0; c < 10; c++) {
                double s = hb[c];
                for (int e = 0; e < 64; e++) {
                    s += t[e] * hw[c * 64 + e];
                }
                assertThat((double) logits.get(b, c)).as("image %d, class %d", b, c).isCloseTo(s, offset(1e-4));
            }
        }
    }
}
