// SPDX-License-Identifier: MIT
package vit.nn.optim;

import java.util.ArrayList;
import java.util.List;
import vit.nn.Parameter;
import vit.tensor.GradMode;
import vit.tensor.MemoryScope;
import vit.tensor.Tensor;

/**
 * Changes parameters along their gradients, like {@code torch.optim.Optimizer}: after
 * {@code loss.backward()}, {@link #step()} updates every parameter that received a gradient, and
 * {@link #zeroGrad()} forgets the gradients before the next batch.
 *
 * <p>Updates are written with tensor operations, so they run on whatever device the parameters live on.
 * Each step's temporaries are freed when the step ends; parameters and the optimiser's state (momentum,
 * moments) are overwritten in place, so they keep their storage from step to step. Build the optimiser
 * after moving the model to its device: its state is allocated beside the parameters.
 */
public abstract class Optimizer {
    private final List<Parameter> params;
    private double lr;

    protected Optimizer(List<Parameter> params, double lr) {
        if (params.isEmpty()) {
            throw new IllegalArgumentException("optimizer got an empty parameter list");
        }
        if (!(lr >= 0)) {
            throw new IllegalArgumentException("invalid learning rate: " + lr);
        }
        this.params = List.copyOf(params);
        this.lr = lr;
    }

    /** One update of every parameter that has a gradient; parameters without one are left alone. */
    public final void step() {
        try (var off = GradMode.disabled(); var scope = MemoryScope.open()) {
            for (int i = 0; i < params.size(); i++) {
                Tensor g = params.get(i).grad();
                if (g != null) {
                    update(i, params.get(i).value(), g);
                }
            }
        }
    }

    /**
     * Updates parameter {@code index} (its current value {@code p}, its gradient {@code g}); called with
     * gradients off, inside a scope that frees every tensor made here.
     */
    protected abstract void update(int index, Tensor p, Tensor g);

    /**
     * Forgets every parameter's gradient (PyTorch's {@code zero_grad(set_to_none=True)}), freeing its
     * memory now rather than when the garbage collector runs: on a GPU that memory is scarce.
     */
    public final void zeroGrad() {
        for (Parameter p : params) {
            Tensor g = p.grad();
            p.zeroGrad();
            if (g != null) {
                g.close();
            }
        }
    }

    /** The learning rate the next step uses. */
    public final double lr() {
        return lr;
    }

    /** Sets the learning rate, as a schedule does before each step. */
    public final void setLr(double lr) {
        if (!(lr >= 0)) {
            throw new IllegalArgumentException("invalid learning rate: " + lr);
        }
        this.lr = lr;
    }

    public final List<Parameter> parameters() {
        return params;
    }

    /** A zero tensor beside each parameter, for per-parameter state. */
    protected final List<Tensor> zerosLikeParameters() {
        List<Tensor> out = new ArrayList<>(params.size());
        for (Parameter p : params) {
            out.add(p.value().zerosLike());
        }
        return out;
    }

    /** Overwrites {@code dst}'s numbers with {@code value}'s (same shape), keeping dst's storage. */
    protected static void assign(Tensor dst, Tensor value) {
        if (!value.shape().equals(dst.shape())) {
            throw new IllegalArgumentException("cannot assign a tensor of shape " + value.shape() + " to one of shape " + dst.shape());
        }
        dst.device().backend().copy(value.to(dst.device()), dst);
    }
}
