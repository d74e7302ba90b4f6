// SPDX-License-Identifier: MIT
package vit.nn;

import vit.tensor.Device;
import vit.tensor.MemoryScope;
import vit.tensor.Shape;
import vit.tensor.Tensor;

/**
 * A learnable tensor of a {@link Module}. It holds its current value (replaced when weights are loaded,
 * moved to another device, or updated by an optimiser) and always requires a gradient.
 */
public final class Parameter {
    private Tensor value;

    public Parameter(Tensor initial) {
        this.value = owned(initial.detach().requiresGrad(true));
    }

    /** A parameter outlives any {@link MemoryScope} open while it is made, loaded or moved. */
    private static Tensor owned(Tensor t) {
        MemoryScope.forget(t);
        return t;
    }

    /** The current value, a leaf of the autograd graph. */
    public Tensor value() {
        return value;
    }

    public Shape shape() {
        return value.shape();
    }

    public long numel() {
        return value.numel();
    }

    /** Replaces the value; the shape must stay the same. */
    public void set(Tensor newValue) {
        if (!newValue.shape().equals(value.shape())) {
            throw new IllegalArgumentException("parameter of shape " + value.shape() + " cannot take a tensor of shape " + newValue.shape());
        }
        Tensor old = value;
        value = owned(newValue.detach().requiresGrad(true));
        if (old.storage() != value.storage()) {
            old.close();
        }
    }

    /** The gradient accumulated by the last backward passes, or null. */
    public Tensor grad() {
        return value.grad();
    }

    public void zeroGrad() {
        value.zeroGrad();
    }

    void to(Device device) {
        if (value.device() != device) {
            Tensor moved = value.detach().to(device);
            value.close();
            value = owned(moved.requiresGrad(true));
        }
    }

    @Override
    public String toString() {
        return "Parameter" + value.shape();
    }
}
