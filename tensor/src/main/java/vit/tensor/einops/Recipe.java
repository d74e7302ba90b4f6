// SPDX-License-Identifier: MIT
package vit.tensor.einops;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import vit.tensor.Shape;
import vit.tensor.Tensor;

/**
 * Applies a checked {@link Pattern} to one tensor with the public {@link Tensor} operations only, so the
 * result has gradients and runs on any device:
 * <ol>
 * <li>reshape the input to its elementary axes ({@code (h s1)} becomes {@code h, s1}),</li>
 * <li>reduce the axes missing on the right (reduce only),</li>
 * <li>permute the rest into the order of the right side,</li>
 * <li>insert and expand the axes new on the right (repeat only),</li>
 * <li>reshape to the right side's groups ({@code h, w} becomes {@code (h w)}).</li>
 * </ol>
 * Elementary axes are known by keys: the name, {@code ...0, ...1} for the dimensions the ellipsis covers,
 * and {@code 3#L0} for an anonymous axis (unique, so it never matches another).
 */
final class Recipe {
    private final Operation op;
    private final Pattern pattern;
    private final Shape in;

    private Recipe(Operation op, Pattern pattern, Shape in) {
        this.op = op;
        this.pattern = pattern;
        this.in = in;
    }

    static Tensor apply(Operation op, Pattern p, Map<String, Integer> sizes, Reduction reduction, Tensor x) {
        return new Recipe(op, p, x.shape()).run(sizes, reduction, x);
    }

    private Tensor run(Map<String, Integer> sizes, Reduction reduction, Tensor x) {
        int rank = in.rank();
        int covered = ellipsisLength(rank);
        List<List<String>> leftDims = expand(pattern.left(), covered, "L");
        List<List<String>> rightDims = expand(pattern.right(), covered, "R");
        Map<String, Integer> known = new HashMap<>(sizes);
        anonymousSizes(leftDims, known);
        anonymousSizes(rightDims, known);
        for (int d = 0; d < rank; d++) {
            resolve(d, leftDims.get(d), known);
        }
        List<String> leftAxes = flatten(leftDims);
        List<String> rightAxes = flatten(rightDims);
        Set<String> rightSet = new HashSet<>(rightAxes);

        Tensor y = reshapeIfNeeded(x, sizesOf(leftAxes, known));
        List<String> kept = new ArrayList<>();
        List<Integer> reduced = new ArrayList<>();
        for (int i = 0; i < leftAxes.size(); i++) {
            if (rightSet.contains(leftAxes.get(i))) {
                kept.add(leftAxes.get(i));
            } else {
                reduced.add(i);
            }
        }
        if (!reduced.isEmpty()) {
            y = reduction.apply(y, reduced.stream().mapToInt(Integer::intValue).toArray());
        }
        List<String> order = new ArrayList<>(rightAxes);
        order.retainAll(kept);
        int[] perm = order.stream().mapToInt(kept::indexOf).toArray();
        if (!isIdentity(perm)) {
            y = y.permute(perm);
        }
        if (order.size() < rightAxes.size()) {
            int[] withOnes = new int[rightAxes.size()];
            for (int i = 0; i < withOnes.length; i++) {
                withOnes[i] = order.contains(rightAxes.get(i)) ? known.get(rightAxes.get(i)) : 1;
            }
            y = y.reshape(withOnes).expand(sizesOf(rightAxes, known));
        }
        int[] out = new int[rightDims.size()];
        for (int d = 0; d < out.length; d++) {
            out[d] = product(sizesOf(rightDims.get(d), known));
        }
        return reshapeIfNeeded(y, out);
    }

    /** How many input dimensions the ellipsis covers (0 without one), or an error if the rank does not fit. */
    private int ellipsisLength(int rank) {
        int named = pattern.left().size();
        String left = pattern.text().substring(0, pattern.text().indexOf("->")).trim();
        if (Pattern.hasEllipsis(pattern.left())) {
            if (rank < named - 1) {
                throw error("the left side \"" + left + "\" needs at least " + (named - 1) + " dimensions, but the input has shape " + in);
            }
            return rank - (named - 1);
        }
        if (rank != named) {
            throw error("the left side \"" + left + "\" has " + named + " dimension" + (named == 1 ? "" : "s")
                + ", but the input has shape " + in + " (" + rank + " dimension" + (rank == 1 ? "" : "s") + ")");
        }
        return 0;
    }

    /** The elementary-axis keys of each dimension of one side, with the ellipsis expanded. */
    private static List<List<String>> expand(List<Group> side, int covered, String tag) {
        List<List<String>> dims = new ArrayList<>();
        int anon = 0;
        for (Group g : side) {
            List<String> keys = new ArrayList<>();
            for (Axis a : g.axes()) {
                if (a.isEllipsis()) {
                    for (int i = 0; i < covered; i++) {
                        keys.add(Axis.ELLIPSIS + i);
                    }
                } else {
                    keys.add(a.isAnonymous() ? a.size() + "#" + tag + anon++ : a.name());
                }
            }
            if (g.hasEllipsis() && !g.parenthesised()) {
                keys.forEach(k -> dims.add(List.of(k)));
            } else {
                dims.add(keys);
            }
        }
        return dims;
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
        int product = product(sizesOf(given, known));
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
        return keys.size() == 1 ? head : head + "=" + product(sizesOf(keys, known));
    }

    /** Keys as the pattern wrote them: {@code 3#L0} is the anonymous axis {@code 3}. */
    private static List<String> labels(List<String> keys) {
        return keys.stream().map(k -> k.contains("#") ? k.substring(0, k.indexOf('#')) : k).toList();
    }

    private static Tensor reshapeIfNeeded(Tensor x, int[] dims) {
        return Arrays.equals(x.shape().dims(), dims) ? x : x.reshape(dims);
    }

    private static List<String> flatten(List<List<String>> dims) {
        List<String> out = new ArrayList<>();
        dims.forEach(out::addAll);
        return out;
    }

    private static int[] sizesOf(List<String> keys, Map<String, Integer> known) {
        return keys.stream().mapToInt(known::get).toArray();
    }

    private static int product(int[] sizes) {
        int p = 1;
        for (int s : sizes) {
            p *= s;
        }
        return p;
    }

    private static boolean isIdentity(int[] perm) {
        for (int i = 0; i < perm.length; i++) {
            if (perm[i] != i) {
                return false;
            }
        }
        return true;
    }

    private EinopsException error(String reason) {
        return op.error(pattern, reason);
    }
}
