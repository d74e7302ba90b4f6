// SPDX-License-Identifier: MIT
package vit.tensor;

/**
 * Whether operations on this thread record the graph that {@link Tensor#backward()} walks.
 *
 * <pre>{@code
 * try (var off = GradMode.disabled()) {
 *     logits = model.forward(images); // inference: nothing recorded, nothing kept alive
 * }
 * }</pre>
 */
public final class GradMode {
    private static final ThreadLocal<Boolean> ENABLED = ThreadLocal.withInitial(() -> Boolean.TRUE);

    private GradMode() {
    }

    public static boolean isEnabled() {
        return ENABLED.get();
    }

    /** Turns recording off until the returned scope closes (PyTorch's {@code torch.no_grad()}). */
    public static Scope disabled() {
        return set(false);
    }

    /** Turns recording on until the returned scope closes. */
    public static Scope enabled() {
        return set(true);
    }

    private static Scope set(boolean on) {
        boolean previous = ENABLED.get();
        ENABLED.set(on);
        return () -> ENABLED.set(previous);
    }

    /** A scope that restores the previous mode; closing it never throws. */
    @FunctionalInterface
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }
}
