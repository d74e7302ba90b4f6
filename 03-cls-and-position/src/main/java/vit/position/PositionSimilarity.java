// SPDX-License-Identifier: MIT
package vit.position;

import vit.tensor.Tensor;

/**
 * The paper's Figure 7 (centre): the cosine similarity of each patch's position embedding with every
 * other patch's, laid out on the patch grid. Learned positions that work show a bright spot at their own
 * place and stripes along their row and column; random ones show noise.
 */
public final class PositionSimilarity {
    private PositionSimilarity() {
    }

    /**
     * @param positions {@code [N + 1, E]} or {@code [1, N + 1, E]}, the cls token's position first
     * @return {@code [N, g, g]} with {@code g = sqrt(N)}: tile {@code i} is patch i's similarity to every patch
     */
    public static Tensor of(Tensor positions) {
        Tensor p = positions.rank() == 3 ? positions.select(0, 0) : positions;   // [N + 1, E]
        Tensor patches = p.slice(0, 1, p.size(0));                              // [N, E]
        int n = patches.size(0);
        int g = (int) Math.round(Math.sqrt(n));
        if (g * g != n) {
            throw new IllegalArgumentException("positions " + positions.shape() + " hold " + n + " patches, not a square grid");
        }
        Tensor unit = patches.div(patches.mul(patches).sum(-1, true).sqrt());    // rows of length 1
        Tensor cos = unit.matmul(unit.mT());                                    // [N, N]
        return cos.reshape(n, g, g);
    }
}
