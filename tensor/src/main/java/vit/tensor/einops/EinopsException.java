// SPDX-License-Identifier: MIT
package vit.tensor.einops;

/**
 * A pattern that cannot be parsed, or that does not fit the tensor it is applied to. The message starts
 * with the operation and the pattern, then says what is wrong, e.g.
 * {@code rearrange "b c (h s1) (w s2) -> b (h w) (s1 s2 c)": dimension 2 has size 225, which is not divisible by s1=16}.
 */
public final class EinopsException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    EinopsException(String operation, String pattern, String reason) {
        super(operation + " \"" + pattern + "\": " + reason);
    }
}
