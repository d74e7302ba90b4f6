// SPDX-License-Identifier: MIT
package vit.tensor.einops;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The three einops operations and what each allows on one side of the arrow only: rearrange keeps every
 * axis, reduce may drop axes from the left, repeat may add axes on the right.
 */
enum Operation {
    REARRANGE("rearrange"),
    REDUCE("reduce"),
    REPEAT("repeat");

    private final String label;

    Operation(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }

    /** Checks the axes of {@code p} against this operation and the sizes given by name. */
    void check(Pattern p, Map<String, Integer> sizes) {
        Set<String> left = new LinkedHashSet<>(Pattern.identifiers(p.left()));
        Set<String> right = new LinkedHashSet<>(Pattern.identifiers(p.right()));
        List<String> onlyLeft = minus(left, right);
        List<String> onlyRight = minus(right, left);
        switch (this) {
            case REARRANGE:
                noAnonymous(p, p.left(), "left");
                noAnonymous(p, p.right(), "right");
                if (!onlyLeft.isEmpty()) {
                    throw error(p, describe(onlyLeft) + " only on the left side; rearrange needs every axis on both sides"
                        + " (reduce removes axes)");
                }
                if (!onlyRight.isEmpty()) {
                    throw error(p, describe(onlyRight) + " only on the right side; rearrange needs every axis on both sides"
                        + " (repeat adds axes)");
                }
                break;
            case REDUCE:
                noAnonymous(p, p.right(), "right");
                if (!onlyRight.isEmpty()) {
                    throw error(p, describe(onlyRight) + " only on the right side; reduce can only remove axes (repeat adds axes)");
                }
                break;
            default:
                noAnonymous(p, p.left(), "left");
                if (!onlyLeft.isEmpty()) {
                    throw error(p, describe(onlyLeft) + " only on the left side; repeat can only add axes (reduce removes axes)");
                }
                if (onlyRight.contains(Axis.ELLIPSIS)) {
                    throw error(p, "the ellipsis \"...\" is only on the right side; repeat needs it on the left side too");
                }
                List<String> unsized = new ArrayList<>();
                for (String name : onlyRight) {
                    if (!sizes.containsKey(name)) {
                        unsized.add(name);
                    }
                }
                if (!unsized.isEmpty()) {
                    String first = unsized.get(0);
                    throw error(p, describe(unsized) + " new on the right side without a size; give "
                        + (unsized.size() == 1 ? "it" : "each") + ", e.g. repeat(x, \"" + p.text() + "\", \"" + first + "\", 4)");
                }
        }
        for (Map.Entry<String, Integer> e : sizes.entrySet()) {
            if (!left.contains(e.getKey()) && !right.contains(e.getKey())) {
                throw error(p, "axis '" + e.getKey() + "' has a size (" + e.getValue() + ") but is not in the pattern");
            }
            if (e.getValue() == null || e.getValue() <= 0) {
                throw error(p, "axis '" + e.getKey() + "' has size " + e.getValue() + "; sizes must be positive");
            }
        }
    }

    private void noAnonymous(Pattern p, List<Group> side, String sideName) {
        List<Axis> anon = Pattern.anonymous(side);
        if (!anon.isEmpty()) {
            throw error(p, "anonymous axis " + anon.get(0) + " on the " + sideName + " side; " + label
                + " allows only 1 there (name the axis and give its size instead)");
        }
    }

    private static List<String> minus(Set<String> a, Set<String> b) {
        List<String> out = new ArrayList<>(a);
        out.removeAll(b);
        return out;
    }

    private static String describe(List<String> names) {
        if (names.size() == 1 && Axis.ELLIPSIS.equals(names.get(0))) {
            return "the ellipsis \"...\" is";
        }
        List<String> quoted = new ArrayList<>();
        for (String n : names) {
            quoted.add(Axis.ELLIPSIS.equals(n) ? "the ellipsis \"...\"" : "'" + n + "'");
        }
        return (names.size() == 1 ? "axis " : "axes ") + String.join(", ", quoted) + (names.size() == 1 ? " is" : " are");
    }

    EinopsException error(Pattern p, String reason) {
        return new EinopsException(label, p.text(), reason);
    }
}
