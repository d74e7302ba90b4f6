// SPDX-License-Identifier: MIT
package vit.tensor.einops;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A parsed einops pattern such as {@code b c (h s1) (w s2) -> b (h w) (s1 s2 c)}: one {@link Group} per
 * dimension on each side of the arrow. Parsing checks only what needs no tensor and no operation (syntax,
 * names, duplicates); {@link Operation} checks which axes may appear on one side only, and {@link AxisSizes}
 * checks the pattern against a shape.
 *
 * @param text  the pattern as written, quoted in error messages
 * @param left  the input side, one group per input dimension (the ellipsis may cover several)
 * @param right the output side
 */
record Pattern(String text, List<Group> left, List<Group> right) {
    Pattern {
        left = List.copyOf(left);
        right = List.copyOf(right);
    }

    /** Parses {@code text}; {@code operation} only names the caller in error messages. */
    static Pattern parse(String operation, String text) {
        return new PatternParser(operation, text).parse();
    }

    /** The named axes and the ellipsis of one side, in order, without anonymous axes. */
    static List<String> identifiers(List<Group> side) {
        List<String> out = new ArrayList<>();
        for (Group g : side) {
            for (Axis a : g.axes()) {
                if (!a.isAnonymous()) {
                    out.add(a.name());
                }
            }
        }
        return out;
    }

    /** The anonymous axes of one side whose size is not 1 (a {@code 1} is a unit group, not an axis). */
    static List<Axis> anonymous(List<Group> side) {
        List<Axis> out = new ArrayList<>();
        for (Group g : side) {
            for (Axis a : g.axes()) {
                if (a.isAnonymous()) {
                    out.add(a);
                }
            }
        }
        return out;
    }

    static boolean hasEllipsis(List<Group> side) {
        return side.stream().anyMatch(Group::hasEllipsis);
    }

    /** The pattern in canonical spacing, e.g. {@code b e (h) (w) -> b (h w) e}. */
    @Override
    public String toString() {
        return side(left) + " -> " + side(right);
    }

    private static String side(List<Group> groups) {
        return groups.stream().map(Group::toString).collect(Collectors.joining(" "));
    }
}
