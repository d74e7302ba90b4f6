// SPDX-License-Identifier: MIT
package vit.tensor;

import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Collections;
import java.util.function.Function;

/** Records operations and runs reverse-mode differentiation over the recorded graph. */
final class Autograd {
    private Autograd() {
    }

    /** Whether an operation on these inputs must be recorded. */
    static boolean needed(Tensor... inputs) {
        if (!GradMode.isEnabled()) {
            return false;
        }
        for (Tensor t : inputs) {
            if (t != null && t.requiresGrad()) {
                return true;
            }
        }
        return false;
    }

    /** Attaches a backward function to {@code out} when any input requires a gradient. */
    static Tensor record(Tensor out, String name, Tensor[] inputs, Function<Tensor, Tensor[]> backward) {
        if (needed(inputs)) {
            out.setGradFn(new Node(name, inputs, backward));
        }
        return out;
    }

    /** As {@link #record}, for {@code out = x.select(dim, index)}: backward hands its gradient to {@link GradSum} as a slice. */
    static Tensor recordSelect(Tensor out, Tensor x, int dim, int index) {
        if (needed(x)) {
            out.setGradFn(Node.select(x, dim, index));
        }
        return out;
    }

    /** Accumulates d(root)/d(leaf) into every leaf's {@code grad}, seeding with {@code seed}. */
    static void backward(Tensor root, Tensor seed) {
        List<Tensor> topo = topologicalOrder(root);
        Map<Tensor, GradSum> grads = new IdentityHashMap<>();
        grads.computeIfAbsent(root, r -> new GradSum()).add(seed);
        try (var off = GradMode.disabled()) {
            for (Tensor t : topo) {
                GradSum sum = grads.remove(t);
                if (sum == null) {
                    continue;
                }
                Tensor g = sum.sum(t);
                Node fn = t.gradFn();
                if (fn == null) {
                    if (t.requiresGrad()) {
                        t.accumulateGrad(g);
                    }
                    continue;
                }
                Tensor[] inputs = fn.inputs();
                if (fn.selectDim() >= 0) {
                    Tensor in = inputs[0];
                    if (in.requiresGrad()) {
                        grads.computeIfAbsent(in, i -> new GradSum()).addSlice(in, fn.selectDim(), fn.selectIndex(), g);
                    }
                    continue;
                }
                Tensor[] gin = fn.apply(g);
                for (int i = 0; i < inputs.length; i++) {
                    Tensor in = inputs[i];
                    if (in == null || gin[i] == null || !in.requiresGrad()) {
                        continue;
                    }
                    if (!gin[i].shape().equals(in.shape())) {
                        throw new IllegalStateException(fn.name() + " gave a gradient of shape " + gin[i].shape()
                            + " for input " + i + " of shape " + in.shape());
                    }
                    grads.computeIfAbsent(in, x -> new GradSum()).add(gin[i]);
                }
            }
        }
    }

    private static List<Tensor> topologicalOrder(Tensor root) {
        List<Tensor> post = new ArrayList<>();
        Set<Tensor> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        ArrayDeque<Object[]> stack = new ArrayDeque<>();
        stack.push(new Object[] {root, Boolean.FALSE});
        while (!stack.isEmpty()) {
            Object[] top = stack.pop();
            Tensor t = (Tensor) top[0];
            if ((Boolean) top[1]) {
                post.add(t);
                continue;
            }
            if (!seen.add(t)) {
                continue;
            }
            if (t.isClosed()) {
                // close() drops the grad_fn, so walking on would treat an intermediate as a leaf: a silently wrong gradient.
                throw new IllegalStateException("backward() reached a closed tensor of shape " + t.shape() + " (closed by hand or by a"
                    + " MemoryScope); run backward() inside the scope that made the graph, or keep() the tensors it needs");
            }
            stack.push(new Object[] {t, Boolean.TRUE});
            Node fn = t.gradFn();
            if (fn != null) {
                for (Tensor in : fn.inputs()) {
                    if (in != null && in.requiresGrad() && !seen.contains(in)) {
                        stack.push(new Object[] {in, Boolean.FALSE});
                    }
                }
            }
        }
        Collections.reverse(post);
        return post;
    }
}
