// SPDX-License-Identifier: MIT
package vit.tensor;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;

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
 * collector. On the CPU closing only drops references, so a scope holds its CPU tensors weakly: an intermediate
 * nobody references any more is left to the garbage collector at once (a ViT-B/16 forward at batch 8 would
 * otherwise keep every activation of all 12 blocks until the scope closes). Scopes nest per thread; with gradients off,
 * {@code Sequential} gives each of its layers a nested one, so that on the CPU too a layer's intermediates are freed
 * (back to the array pool) as soon as it returns.
 */
public final class MemoryScope implements AutoCloseable {
    private static final ThreadLocal<ArrayDeque<MemoryScope>> STACK = ThreadLocal.withInitial(ArrayDeque::new);

    private final Set<Tensor> owned = Collections.newSetFromMap(new IdentityHashMap<>());
    private final List<Tensor> order = new ArrayList<>();
    /** The CPU tensors, weakly: {@link WeakHashMap} compares keys by identity, as Tensor keeps Object's equals. */
    private final Map<Tensor, Boolean> ownedOnCpu = new WeakHashMap<>();
    private boolean closed;

    private MemoryScope() {
    }

    public static MemoryScope open() {
        MemoryScope s = new MemoryScope();
        STACK.get().push(s);
        return s;
    }

    /** Whether a scope is open on this thread. */
    public static boolean isOpen() {
        return !STACK.get().isEmpty();
    }

    static void register(Tensor t) {
        MemoryScope s = STACK.get().peek();
        if (s != null) {
            s.add(t);
        }
    }

    private void add(Tensor t) {
        if (t.device() == Device.CPU) {
            ownedOnCpu.put(t, Boolean.TRUE);
        } else {
            owned.add(t);
            order.add(t);
        }
    }

    private boolean remove(Tensor t) {
        return owned.remove(t) | ownedOnCpu.remove(t) != null;
    }

    /**
     * Takes {@code t} out of every open scope of this thread: it lives until closed by hand. For long-lived
     * tensors made wherever a scope happens to be open: gradients, and a model's parameters.
     */
    public static void forget(Tensor t) {
        for (MemoryScope s : STACK.get()) {
            s.remove(t);
        }
    }

    /** Moves {@code t} out of this scope into the enclosing one (or none), so closing this one keeps it. */
    public Tensor keep(Tensor t) {
        if (remove(t)) {
            var stack = STACK.get();
            boolean seen = false;
            for (MemoryScope s : stack) {
                if (seen) {
                    s.add(t);
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
        for (Tensor t : new ArrayList<>(ownedOnCpu.keySet())) {
            t.close();
        }
        ownedOnCpu.clear();
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
