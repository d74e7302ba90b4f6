// SPDX-License-Identifier: MIT
package vit.model;

import vit.attention.Variant;
import vit.nn.LayerNorm;
import vit.nn.Linear;
import vit.nn.Module;
import vit.tensor.einops.Reduce;
import vit.nn.Sequential;
import vit.tensor.Generator;
import vit.tensor.Tensor;

/**
 * Turns the encoded tokens {@code [B, N, E]} into class scores {@code [B, classes]}.
 * <ul>
 *   <li>ARTICLE: {@code Reduce('b n e -> b e', 'mean')}, LayerNorm, Linear — the mean of all tokens;</li>
 *   <li>TIMM: LayerNorm, take token 0 (the cls token), Linear — as the paper and timm do.</li>
 * </ul>
 */
public class ClassificationHead extends Sequential {
    public ClassificationHead(int embSize, int nClasses, Variant variant, Generator gen) {
        super(variant == Variant.ARTICLE
            ? new Module[] {new Reduce("b n e -> b e", "mean"), new LayerNorm(embSize, variant.layerNormEps()), new Linear(embSize, nClasses, gen)}
            : new Module[] {new LayerNorm(embSize, variant.layerNormEps()), new ClsToken(), new Linear(embSize, nClasses, gen)});
    }

    /** The final LayerNorm (timm's {@code norm}). */
    public LayerNorm norm() {
        return (LayerNorm) (get(0) instanceof LayerNorm ? get(0) : get(1));
    }

    /** The last Linear (timm's {@code head}). */
    public Linear linear() {
        return (Linear) get(2);
    }

    /** The features the Linear sees, {@code [B, E]} (the fixtures' {@code pooled}). */
    public Tensor pool(Tensor tokens) {
        return get(1).apply(get(0).apply(tokens));
    }

    /** Takes the cls token: {@code [B, N, E] -> [B, E]}. */
    public static final class ClsToken extends Module {
        @Override
        public Tensor forward(Tensor x) {
            return x.select(1, 0);
        }
    }
}
