// SPDX-License-Identifier: MIT
package vit.tensor.einops;

import static vit.tensor.einops.Loops.assertMatches;
import static vit.tensor.einops.Loops.doubles;
import static vit.tensor.einops.Loops.randn;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vit.tensor.Tensor;

class EinsumTest {
    /**
     * The definition, in float64: for every assignment of every index, add the product of the operands'
     * elements to the output element. {@code outDims} receives the output's sizes.
     */
    static double[] loops(String equation, List<Tensor> operands, List<Integer> outDims) {
        String eq = equation.replace(" ", "");
        String[] sides = eq.split("->", -1);
        String[] terms = sides[0].split(",");
        String out = sides[1];
        Map<Character, Integer> size = new LinkedHashMap<>();
        List<double[]> values = new ArrayList<>();
        for (int t = 0; t < terms.length; t++) {
            values.add(doubles(operands.get(t)));
            for (int d = 0; d < terms[t].length(); d++) {
                size.put(terms[t].charAt(d), operands.get(t).size(d));
            }
        }
        List<Character> letters = new ArrayList<>(size.keySet());
        int[] outD = new int[out.length()];
        for (int d = 0; d < outD.length; d++) {
            outD[d] = size.get(out.charAt(d));
            outDims.add(outD[d]);
        }
        double[] result = new double[Loops.numel(outD)];
        int[] all = letters.stream().mapToInt(size::get).toArray();
        for (int f = 0; f < Loops.numel(all); f++) {
            int[] at = Loops.coords(all, f);
            double p = 1;
            for (int t = 0; t < terms.length; t++) {
                p *= values.get(t)[Loops.flat(operands.get(t).shape().dims(), pick(terms[t], letters, at))];
            }
            result[Loops.flat(outD, pick(out, letters, at))] += p;
        }
        return result;
    }

    private static int[] pick(String term, List<Character> letters, int[] at) {
        int[] idx = new int[term.length()];
        for (int d = 0; d < idx.length; d++) {
            idx[d] = at[letters.indexOf(term.charAt(d))];
        }
        return idx;
    }

    private static void check(String equation, Tensor... operands) {
        List<Integer> dims = new ArrayList<>();
        double[] expected = loops(equation, List.of(operands), dims);
        Tensor got = operands.length == 1 ? Einsum.einsum(equation, operands[0]) : Einsum.einsum(equation, operands[0], operands[1]);
        StringBuilder label = new StringBuilder("einsum " + equation + " of");
        for (Tensor t : operands) {
            label.append(' ').append(t.shape());
        }
        assertMatches(label.toString(), got, dims.stream().mapToInt(Integer::intValue).toArray(), expected, 1e-4);
    }

    @Test
    void attentionEquations() {
        Tensor q = randn(41, 2, 3, 5, 7);
        Tensor k = randn(42, 2, 3, 6, 7);
        Tensor att = randn(43, 2, 3, 5, 6);
        Tensor v = randn(44, 2, 3, 6, 4);
        check("bhqd, bhkd -> bhqk", q, k);
        check("bhal, bhlv -> bhav", att, v);
        assertMatches("q.matmul(k.mT())", q.matmul(k.mT()), new int[] {2, 3, 5, 6}, doubles(Einsum.einsum("bhqd,bhkd->bhqk", q, k)), 1e-5);
    }

    @Test
    void attentionOnQueriesKeysAndValuesCutFromOneTensor() {
        // As in a transformer: q, k and v are views of one [B, N, 3*H*D] tensor, so their batch dims b and h do not
        // nest (b's stride is not h's times H) and stay separate dimensions of the product.
        Tensor qkv = Einops.rearrange(randn(45, 3, 5, 3 * 2 * 4), "b n (qkv h d) -> qkv b h n d", Map.of("qkv", 3, "h", 2));
        Tensor q = qkv.select(0, 0);
        Tensor k = qkv.select(0, 1);
        Tensor v = qkv.select(0, 2);
        check("bhqd, bhkd -> bhqk", q, k);
        check("bhal, bhlv -> bhav", randn(46, 3, 2, 5, 5), v);
        check("bhqd, bhkd -> hbqk", q, k);
    }

    @Test
    void everyKindOfIndex() {
        check("ij,jk->ik", randn(1, 3, 5), randn(2, 5, 7));
        check("ij,jk->ki", randn(3, 3, 5), randn(4, 5, 7));
        check("i,j->ij", randn(5, 3), randn(6, 7));
        check("ij,ij->ij", randn(7, 3, 5), randn(8, 3, 5));
        check("ij,ij->", randn(9, 3, 5), randn(10, 3, 5));
        check("bij,jk->bki", randn(11, 2, 3, 5), randn(12, 5, 7));
        check("abc,cd->da", randn(13, 3, 4, 5), randn(14, 5, 2));
        check("xyz,zyw->wx", randn(15, 3, 4, 5), randn(16, 5, 4, 2));
        check("ij,kl->", randn(17, 2, 3), randn(18, 4, 5));
        check("ab,cd->dbca", randn(19, 2, 3), randn(20, 4, 5));
        check("b h q d, d -> h b q", randn(21, 2, 3, 5, 7), randn(22, 7));
    }

    @Test
    void implicitOutputIsTheIndicesUsedOnceInOrder() {
        Tensor a = randn(23, 3, 5);
        Tensor b = randn(24, 5, 7);
        List<Integer> dims = new ArrayList<>();
        assertMatches("einsum ij,jk (implicit ik)", Einsum.einsum("ij,jk", a, b), new int[] {3, 7},
            loops("ij,jk->ik", List.of(a, b), dims), 1e-4);
        assertMatches("einsum ba (implicit ab)", Einsum.einsum("ba", a), new int[] {5, 3}, doubles(a.mT()), 0);
    }

    @Test
    void oneOperand() {
        Tensor a = randn(25, 3, 4, 5);
        check("ijk->kij", a);
        check("ijk->k", a);
        check("ijk->", a);
        check("ijk->ki", a);
        check("ij->ji", randn(26, 3, 5));
    }

    /** d(sum(einsum * w)) by autograd against central differences of the float64 loops. */
    @Test
    void gradientsMatchFiniteDifferences() {
        String[][] cases = {{"bhqd,bhkd->bhqk", "1,2,3,4", "1,2,5,4"}, {"abc,cd->da", "2,3,4", "4,3"}, {"i,j->ij", "3", "4"},
            {"ij,ij->", "2,3", "2,3"}};
        long seed = 50;
        for (String[] c : cases) {
            Tensor a = randn(seed++, parse(c[1])).requiresGrad(true);
            Tensor b = randn(seed++, parse(c[2])).requiresGrad(true);
            Tensor out = Einsum.einsum(c[0], a, b);
            Tensor w = randn(seed++, out.shape().dims());
            out.mul(w).sum().backward();
            assertMatches("d einsum " + c[0] + " / da", a.grad(), a.shape().dims(), numeric(c[0], a, b, w, 0), 1e-4);
            assertMatches("d einsum " + c[0] + " / db", b.grad(), b.shape().dims(), numeric(c[0], a, b, w, 1), 1e-4);
        }
    }

    private static double[] numeric(String eq, Tensor a, Tensor b, Tensor w, int which) {
        double[] wv = doubles(w);
        double[][] v = {doubles(a), doubles(b)};
        Tensor[] ops = {a, b};
        double h = 1e-3;
        double[] grad = new double[v[which].length];
        for (int i = 0; i < grad.length; i++) {
            double keep = v[which][i];
            v[which][i] = keep + h;
            double plus = loss(eq, v, ops, wv);
            v[which][i] = keep - h;
            double minus = loss(eq, v, ops, wv);
            v[which][i] = keep;
            grad[i] = (plus - minus) / (2 * h);
        }
        return grad;
    }

    private static double loss(String eq, double[][] v, Tensor[] shapes, double[] w) {
        // loops() above, on perturbed float64 values instead of tensors, weighted by w and summed.
        String[] sides = eq.split("->", -1);
        String[] terms = sides[0].split(",");
        Map<Character, Integer> size = new LinkedHashMap<>();
        for (int t = 0; t < 2; t++) {
            for (int d = 0; d < terms[t].length(); d++) {
                size.put(terms[t].charAt(d), shapes[t].size(d));
            }
        }
        List<Character> letters = new ArrayList<>(size.keySet());
        int[] all = letters.stream().mapToInt(size::get).toArray();
        int[] outD = sides[1].chars().map(c -> size.get((char) c)).toArray();
        double total = 0;
        for (int f = 0; f < Loops.numel(all); f++) {
            int[] at = Loops.coords(all, f);
            double p = w[Loops.flat(outD, pick(sides[1], letters, at))];
            for (int t = 0; t < 2; t++) {
                p *= v[t][Loops.flat(shapes[t].shape().dims(), pick(terms[t], letters, at))];
            }
            total += p;
        }
        return total;
    }

    private static int[] parse(String csv) {
        return java.util.Arrays.stream(csv.split(",")).mapToInt(Integer::parseInt).toArray();
    }
}
