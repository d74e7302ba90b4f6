// SPDX-License-Identifier: MIT
package vit.tensor.einops;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
    private Recipe() {
    }

    /** {@code x} transformed by {@code pattern}, already checked for {@code op} and the sizes given by name. */
    static Tensor apply(Operation op, Pattern pattern, Map<String, Integer> sizes, Reduction reduction, Tensor x) {
        AxisSizes axisSizes = new AxisSizes(op, pattern, x.shape());
        int covered = axisSizes.ellipsisLength();
        List<List<String>> leftDims = expand(pattern.left(), covered, "L");
        List<List<String>> rightDims = expand(pattern.right(), covered, "R");
        Map<String, Integer> known = axisSizes.resolve(leftDims, rightDims, sizes);
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

    private static Tensor reshapeIfNeeded(Tensor x, int[] dims) {
        return Arrays.equals(x.shape().dims(), dims) ? x : x.reshape(dims);
    }

    private static List<String> flatten(List<List<String>> dims) {
        List<String> out = new ArrayList<>();
        dims.forEach(out::addAll);
        return out;
    }

    static int[] sizesOf(List<String> keys, Map<String, Integer> known) {
        return keys.stream().mapToInt(known::get).toArray();
    }

    static int product(int[] sizes) {
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
}
