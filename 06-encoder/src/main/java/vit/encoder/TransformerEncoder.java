// SPDX-License-Identifier: MIT
package vit.encoder;

import vit.attention.Variant;
import vit.nn.Sequential;
import vit.tensor.Generator;

/** {@code depth} encoder blocks in a row: {@code [B, N, E] -> [B, N, E]}. */
public class TransformerEncoder extends Sequential {
    public TransformerEncoder(int depth, int embSize, int numHeads, int expansion, float dropout, Variant variant, Generator gen) {
        for (int i = 0; i < depth; i++) {
            add(new TransformerEncoderBlock(embSize, numHeads, expansion, dropout, variant, gen));
        }
    }

    public TransformerEncoderBlock block(int i) {
        return (TransformerEncoderBlock) get(i);
    }
}
