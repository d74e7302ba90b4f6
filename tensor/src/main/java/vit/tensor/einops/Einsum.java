// SPDX-License-Identifier: MIT
package vit.tensor.einops;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import vit.tensor.Tensor;

/**
 * Einstein summation over one or two tensors: each letter of the equation names a dimension, letters
 * shared by the operands are multiplied together, and letters missing from the output are summed over.
 * The attention scores and the weighted values of the ViT are
 * <pre>{@code
 * einsum("bhqd, bhkd -> bhqk", q, k)   // == q.matmul(k.mT()),  [b, h, q, d] x [b, h, k, d] -> [b, h, q, k]
 * einsum("bhal, bhlv -> bhav", att, v) // == att.matmul(v),     [b, h, a, l] x [b, h, l, v] -> [b, h, a, v]
 * }</pre>
 * Two operands become one batched matrix product: every index is a batch index (in both operands and the
 * output), a contracted index (in both, not in the output) or a free index of one operand; indices in one
 * operand only and not in the output are summed first. Then {@code a} is permuted to
 * {@code [batch..., aFree, contracted]} and {@code b} to {@code [batch..., contracted, bFree]} (each group of free
 * and contracted indices reshaped to one dimension, the batch indices left as they are), multiplied with
 * {@link Tensor#matmul}, and the product is reshaped and permuted into the output order. Only public tensor operations are used, so gradients and devices come for free.
 */
public final class Einsum {
    private Einsum() {
    }

    /** One operand: permutations ({@code "ij->ji"}) and sums ({@code "ij->i"}, {@code "ij->"}). */
    public static Tensor einsum(String equation, Tensor a) {
        EinsumEquation eq = EinsumEquation.parse(equation, 1);
        sizes(eq, a);
        String in = eq.inputs().get(0);
        Tensor x = sumOut(a, in, eq.output(), "");
        return permuteTo(x, keep(in, eq.output()), eq.output());
    }

    /** Two operands, e.g. {@code "bhqd,bhkd->bhqk"}; the implicit form without {@code ->} is accepted too. */
    public static Tensor einsum(String equation, Tensor a, Tensor b) {
        EinsumEquation eq = EinsumEquation.parse(equation, 2);
        Map<Character, Integer> sizes = sizes(eq, a, b);
        String out = eq.output();
        String ta = eq.inputs().get(0);
        String tb = eq.inputs().get(1);
        // Indices in one operand only and not in the output are summed away first.
        Tensor x = sumOut(a, ta, out, tb);
        Tensor y = sumOut(b, tb, out, ta);
        String xi = keep(ta, out + tb);
        String yi = keep(tb, out + ta);
        StringBuilder batch = new StringBuilder();
        StringBuilder contracted = new StringBuilder();
        StringBuilder aFree = new StringBuilder();
        StringBuilder bFree = new StringBuilder();
        for (char c : xi.toCharArray()) {
            boolean inB = yi.indexOf(c) >= 0;
            boolean inOut = out.indexOf(c) >= 0;
            (inB ? (inOut ? batch : contracted) : aFree).append(c);
        }
        for (char c : yi.toCharArray()) {
            if (xi.indexOf(c) < 0) {
                bFree.append(c);
            }
        }
        int m = product(aFree, sizes);
        int k = product(contracted, sizes);
        int n = product(bFree, sizes);
        // The batch indices stay separate dimensions: merged into one, they would force a copy of an operand whose
        // batch strides do not nest (q, k and v cut from one qkv tensor, at a batch of more than one image).
        int[] batchDims = dims(batch.toString(), sizes);
        Tensor aB = permuteTo(x, xi, "" + batch + aFree + contracted).reshape(with(batchDims, m, k)); // [batch..., aFree, contracted]
        Tensor bB = permuteTo(y, yi, "" + batch + contracted + bFree).reshape(with(batchDims, k, n)); // [batch..., contracted, bFree]
        String productOrder = "" + batch + aFree + bFree;
        Tensor c = aB.matmul(bB).reshape(dims(productOrder, sizes)); // [batch..., aFree..., bFree...]
        return permuteTo(c, productOrder, out);
    }

    /** {@code dims} followed by {@code rows} and {@code cols}. */
    private static int[] with(int[] dims, int rows, int cols) {
        int[] all = java.util.Arrays.copyOf(dims, dims.length + 2);
        all[dims.length] = rows;
        all[dims.length + 1] = cols;
        return all;
    }

    /** Each index's size, or an error naming the operand, the index and the sizes that disagree. */
    private static Map<Character, Integer> sizes(EinsumEquation eq, Tensor... operands) {
        Map<Character, Integer> sizes = new HashMap<>();
        Map<Character, Integer> firstSeen = new HashMap<>();
        for (int i = 0; i < operands.length; i++) {
            String term = eq.inputs().get(i);
            Tensor t = operands[i];
            if (t == null) {
                throw EinsumEquation.error(eq.text(), "operand " + i + " is null");
            }
            if (term.length() != t.rank()) {
                throw EinsumEquation.error(eq.text(), "operand " + i + " \"" + term + "\" names " + plural(term.length(), "dimension")
                    + ", but its tensor has shape " + t.shape() + " (" + plural(t.rank(), "dimension") + ")");
            }
            for (int d = 0; d < term.length(); d++) {
                char c = term.charAt(d);
                Integer before = sizes.putIfAbsent(c, t.size(d));
                firstSeen.putIfAbsent(c, i);
                if (before != null && before != t.size(d)) {
                    int j = firstSeen.get(c);
                    throw EinsumEquation.error(eq.text(), "index '" + c + "' has size " + before + " in operand " + j + " (shape "
                        + operands[j].shape() + ") but size " + t.size(d) + " in operand " + i + " (shape " + t.shape() + ")");
                }
            }
        }
        return sizes;
    }

    private static String plural(int n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }

    /** Sums {@code t} over the indices of {@code term} found in neither {@code out} nor {@code other}. */
    private static Tensor sumOut(Tensor t, String term, String out, String other) {
        List<Integer> dims = new ArrayList<>();
        for (int d = 0; d < term.length(); d++) {
            char c = term.charAt(d);
            if (out.indexOf(c) < 0 && other.indexOf(c) < 0) {
                dims.add(d);
            }
        }
        return dims.isEmpty() ? t : t.sum(dims.stream().mapToInt(Integer::intValue).toArray(), false);
    }

    /** The letters of {@code term} that also occur in {@code in}, in {@code term}'s order. */
    private static String keep(String term, String in) {
        StringBuilder sb = new StringBuilder();
        for (char c : term.toCharArray()) {
            if (in.indexOf(c) >= 0) {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /** {@code t}, whose dimensions are named by {@code from}, with its dimensions in the order {@code to}. */
    private static Tensor permuteTo(Tensor t, String from, String to) {
        if (from.equals(to)) {
            return t;
        }
        int[] perm = new int[to.length()];
        for (int i = 0; i < perm.length; i++) {
            perm[i] = from.indexOf(to.charAt(i));
        }
        return t.permute(perm);
    }

    private static int product(CharSequence indices, Map<Character, Integer> sizes) {
        int p = 1;
        for (int i = 0; i < indices.length(); i++) {
            p *= sizes.get(indices.charAt(i));
        }
        return p;
    }

    private static int[] dims(String indices, Map<Character, Integer> sizes) {
        int[] d = new int[indices.length()];
        for (int i = 0; i < d.length; i++) {
            d[i] = sizes.get(indices.charAt(i));
        }
        return d;
    }
}
