// SPDX-License-Identifier: MIT
package vit.tensor;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * Frees every tensor created inside it when it closes, except those {@linkplain #keep kept}.
 *
 * <pre>{@code
 * try (var scope = MemoryScope.open()) {
 *     Tensor logits = scope.keep(model.forward(x)); // survives; all intermediates are freed
 * }
 * }</pre>
 *
 * <p>This is how device memory is released deterministically: on CUDA nothing waits for the garbage
 * collector. On the CPU closing only drops references. Scopes nest per thread.
 */
public final class MemoryScope implements AutoCloseable {
    private static final ThreadLocal<ArrayDeque<MemoryScope>> STACK = ThreadLocal.withInitial(ArrayDeque::new);

    private final Set<Tensor> owned = Collections.newSetFromMap(new IdentityHashMap<>());
    private final List<Tensor> order = new ArrayList<>();
    private boolean closed;

    private MemoryScope() {
    }

    public static MemoryScope open() {
        MemoryScope s = new MemoryScope();
        STACK.get().push(s);
        return s;
    }

    static void register(Tensor t) {
        MemoryScope s = STACK.get().peek();
        if (s != null) {
            s.owned.add(t);
            s.order.add(t);
        }
    }

    /**
     * Takes {@code t} out of every open scope of this thread: it lives until closed by hand. For long-lived
     * tensors made wherever a scope happens to be open: gradients, and a model's parameters.
     */
    public static void forget(Tensor t) {
        for (MemoryScope s : STACK.get()) {
            s.owned.remove(t);
        }
    }

    /** Moves {@code t} out of this scope into the enclosing one (or none), so closing this one keeps it. */
    public Tensor keep(Tensor t) {
        if (owned.remove(t)) {
            var stack = STACK.get();
            boolean seen = false;
            for (MemoryScope s : stack) {
                if (seen) {
                    s.owned.add(t);
                    s.order.add(t);
                    break;
                }
                seen = s == this;
            }
        }
        return t;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        STACK.get().remove(this);
        for (int i = order.size() - 1; i >= 0; i--) {
            Tensor t = order.get(i);
            if (owned.contains(t)) {
                t.close();
            }
        }
        owned.clear();
        order.clear();
    }
}
