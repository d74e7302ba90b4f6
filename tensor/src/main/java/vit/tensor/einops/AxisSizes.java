// SPDX-License-Identifier: MIT
package vit.tensor.einops;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import vit.tensor.Shape;

/**
 * Learns the size of every elementary axis of a pattern from the input's shape, the sizes given by name
 * and the anonymous axes' written sizes, or explains why it cannot: the wrong number of dimensions, a
 * dimension not divisible by the known part of its group, or too many unknowns in one group.
 */
final class AxisSizes {
    private final Operation op;
    private final Pattern pattern;
    private final Shape in;

    AxisSizes(Operation op, Pattern pattern, Shape in) {
        this.op = op;
        this.pattern = pattern;
        this.in = in;
    }

    /** How many input dimensions the ellipsis covers (0 without one), or an error if the rank does not fit. */
    int ellipsisLength() {
        int rank = in.rank();
        int named = pattern.left().size();
        String left = pattern.text().substring(0, pattern.text().indexOf("->")).trim();
        if (Pattern.hasEllipsis(pattern.left())) {
            if (rank < named - 1) {
                throw error("the left side \"" + left + "\" needs at least " + dimensions(named - 1) + ", but the input has shape " + in);
            }
            return rank - (named - 1);
        }
        if (rank != named) {
            throw error("the left side \"" + left + "\" has " + dimensions(named) + ", but the input has shape " + in + " ("
                + dimensions(rank) + ")");
        }
        return 0;
    }

    private static String dimensions(int n) {
        return n + (n == 1 ? " dimension" : " dimensions");
    }

    /** Every key's size; {@code leftDims} and {@code rightDims} are the keys of each dimension of each side. */
    Map<String, Integer> resolve(List<List<String>> leftDims, List<List<String>> rightDims, Map<String, Integer> given) {
        Map<String, Integer> known = new HashMap<>(given);
        anonymousSizes(leftDims, known);
        anonymousSizes(rightDims, known);
        for (int d = 0; d < leftDims.size(); d++) {
            resolve(d, leftDims.get(d), known);
        }
        return known;
    }

    private static void anonymousSizes(List<List<String>> dims, Map<String, Integer> known) {
        for (List<String> keys : dims) {
            for (String k : keys) {
                int hash = k.indexOf('#');
                if (hash > 0) {
                    known.put(k, Integer.parseInt(k.substring(0, hash)));
                }
            }
        }
    }

    /** Learns the one unknown axis of input dimension {@code d}, or checks that the known ones fit. */
    private void resolve(int d, List<String> keys, Map<String, Integer> known) {
        int n = in.dim(d);
        List<String> unknown = new ArrayList<>();
        List<String> given = new ArrayList<>();
        for (String k : keys) {
            (known.containsKey(k) ? given : unknown).add(k);
        }
        int product = Recipe.product(Recipe.sizesOf(given, known));
        String where = "dimension " + d + " has size " + n;
        String shape = " (input shape " + in + ")";
        if (keys.isEmpty() && n != 1) {
            throw error(where + ", but the pattern has a unit axis there (() or 1), which needs size 1" + shape);
        }
        if (unknown.size() > 1) {
            throw error(where + " and is split into " + String.join("*", labels(keys)) + " with " + unknown.size()
                + " sizes unknown (" + String.join(", ", labels(unknown)) + "); only one can be inferred, give the others by name" + shape);
        }
        if (unknown.size() == 1) {
            if (n % product != 0) {
                throw error(where + ", which is not divisible by " + formula(given, known) + shape);
            }
            known.put(unknown.get(0), n / product);
        } else if (!keys.isEmpty() && n != product) {
            throw error(where + ", but the given sizes make it " + formula(given, known) + shape);
        }
    }

    /** {@code s1=16}, {@code s1*s2=16*16=256} for several axes, {@code 2*3=6} for anonymous ones. */
    private static String formula(List<String> keys, Map<String, Integer> known) {
        List<String> names = labels(keys);
        List<String> values = keys.stream().map(k -> String.valueOf(known.get(k))).toList();
        String head = String.join("*", names);
        if (!names.equals(values)) {
            head += "=" + String.join("*", values);
        }
        return keys.size() == 1 ? head : head + "=" + Recipe.product(Recipe.sizesOf(keys, known));
    }

    /** Keys as the pattern wrote them: {@code 3#L0} is the anonymous axis {@code 3}. */
    private static List<String> labels(List<String> keys) {
        return keys.stream().map(k -> k.contains("#") ? k.substring(0, k.indexOf('#')) : k).toList();
    }

    private EinopsException error(String reason) {
        return op.error(pattern, reason);
    }
}
