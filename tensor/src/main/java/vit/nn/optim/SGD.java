// SPDX-License-Identifier: MIT
package vit.nn.optim;

import java.util.List;
import vit.nn.Parameter;
import vit.tensor.Tensor;

/**
 * Stochastic gradient descent with momentum, as {@code torch.optim.SGD}:
 * <pre>
 *   g = grad + weightDecay * p                      (L2 weight decay, added to the gradient)
 *   b = momentum * b + (1 - dampening) * g          (b = g on the first step)
 *   g = nesterov ? g + momentum * b : b             (only when momentum != 0)
 *   p = p - lr * g
 * </pre>
 */
public final class SGD extends Optimizer {
    private final double momentum;
    private final double dampening;
    private final double weightDecay;
    private final boolean nesterov;
    private final List<Tensor> buffers;
    private final boolean[] started;

    /** Plain SGD: {@code p = p - lr * grad}. */
    public SGD(List<Parameter> params, double lr) {
        this(params, lr, 0, 0, 0, false);
    }

    public SGD(List<Parameter> params, double lr, double momentum, double dampening, double weightDecay, boolean nesterov) {
        super(params, lr);
        if (momentum < 0 || weightDecay < 0) {
            throw new IllegalArgumentException("invalid momentum " + momentum + " or weight decay " + weightDecay);
        }
        if (nesterov && (momentum <= 0 || dampening != 0)) {
            throw new IllegalArgumentException("Nesterov momentum requires a momentum and zero dampening");
        }
        this.momentum = momentum;
        this.dampening = dampening;
        this.weightDecay = weightDecay;
        this.nesterov = nesterov;
        this.buffers = momentum != 0 ? zerosLikeParameters() : null;
        this.started = new boolean[params.size()];
    }

    @Override
    protected void update(int i, Tensor p, Tensor grad) {
        Tensor g = weightDecay != 0 ? grad.add(p.mul((float) weightDecay)) : grad;
        if (momentum != 0) {
            Tensor b = buffers.get(i);
            assign(b, started[i] ? b.mul((float) momentum).add(g.mul((float) (1 - dampening))) : g);
            started[i] = true;
            g = nesterov ? g.add(b.mul((float) momentum)) : b;
        }
        assign(p, p.sub(g.mul((float) lr())));
    }

    /** The momentum buffer of parameter {@code index} (null without momentum), e.g. for a checkpoint. */
    public Tensor momentumBuffer(int index) {
        return buffers == null ? null : buffers.get(index);
    }
}
