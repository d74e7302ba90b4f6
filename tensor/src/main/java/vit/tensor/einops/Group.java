// SPDX-License-Identifier: MIT
package vit.tensor.einops;

import java.util.List;
import java.util.stream.Collectors;

/**
 * One dimension of a tensor as a pattern describes it: the axes whose sizes multiply to its size, in
 * row-major order. {@code (h s1)} is a group of two axes; a bare {@code b} is a group of one; {@code ()}
 * and {@code 1} are groups of none (a dimension of size 1). A group holding the ellipsis stands for as
 * many dimensions as the ellipsis covers on the left, or one merged dimension on the right.
 *
 * @param axes          the axes, outermost first
 * @param parenthesised whether the pattern wrote it in parentheses (only kept to print it back)
 */
record Group(List<Axis> axes, boolean parenthesised) {
    Group {
        axes = List.copyOf(axes);
    }

    boolean hasEllipsis() {
        return axes.stream().anyMatch(Axis::isEllipsis);
    }

    @Override
    public String toString() {
        String inner = axes.stream().map(Axis::toString).collect(Collectors.joining(" "));
        return parenthesised ? "(" + inner + ")" : inner.isEmpty() ? "1" : inner;
    }
}
