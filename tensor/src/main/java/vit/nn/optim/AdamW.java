// SPDX-License-Identifier: MIT
package vit.nn.optim;

import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import vit.nn.Parameter;
import vit.tensor.Tensor;

/**
 * Adam with decoupled weight decay (Loshchilov and Hutter, "Decoupled Weight Decay Regularization"), as
 * {@code torch.optim.AdamW}. At step t (from 1) of a parameter:
 * <pre>
 *   p = p - lr * weightDecay * p                    (decay the weights themselves, not the gradient)
 *   m = beta1 * m + (1 - beta1) * g
 *   v = beta2 * v + (1 - beta2) * g^2
 *   p = p - lr * (m / (1 - beta1^t)) / (sqrt(v / (1 - beta2^t)) + eps)
 * </pre>
 * PyTorch's defaults: lr 1e-3, betas (0.9, 0.999), eps 1e-8, weight decay 1e-2. Parameters named in
 * {@code noDecay} skip the first line, as PyTorch does with a second parameter group of weight decay 0
 * (timm's recipe puts biases, norms, {@code pos_embed} and {@code cls_token} there).
 */
public final class AdamW extends Optimizer {
    private final double beta1;
    private final double beta2;
    private final double eps;
    private final double weightDecay;
    private final List<Tensor> m;
    private final List<Tensor> v;
    private final long[] steps;
    private final boolean[] decays;

    /** PyTorch's defaults but for the learning rate and the weight decay. */
    public AdamW(List<Parameter> params, double lr, double weightDecay) {
        this(params, lr, 0.9, 0.999, 1e-8, weightDecay);
    }

    public AdamW(List<Parameter> params, double lr, double beta1, double beta2, double eps, double weightDecay) {
        this(params, lr, beta1, beta2, eps, weightDecay, List.of());
    }

    public AdamW(List<Parameter> params, double lr, double beta1, double beta2, double eps, double weightDecay,
                 Collection<Parameter> noDecay) {
        super(params, lr);
        if (!(beta1 >= 0 && beta1 < 1 && beta2 >= 0 && beta2 < 1)) {
            throw new IllegalArgumentException("invalid betas (" + beta1 + ", " + beta2 + "): each must be in [0, 1)");
        }
        if (!(eps >= 0 && weightDecay >= 0)) {
            throw new IllegalArgumentException("invalid eps " + eps + " or weight decay " + weightDecay);
        }
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        this.weightDecay = weightDecay;
        this.m = zerosLikeParameters();
        this.v = zerosLikeParameters();
        this.steps = new long[params.size()];
        Set<Parameter> excluded = Collections.newSetFromMap(new IdentityHashMap<>());
        excluded.addAll(noDecay);
        this.decays = new boolean[params.size()];
        for (int i = 0; i < decays.length; i++) {
            decays[i] = weightDecay != 0 && !excluded.remove(params.get(i));
        }
        if (!excluded.isEmpty()) {
            throw new IllegalArgumentException(excluded.size() + " parameter(s) excluded from weight decay are not among the optimised ones");
        }
    }

    @Override
    protected void update(int i, Tensor p, Tensor g) {
        long t = ++steps[i];
        double lr = lr();
        Tensor mi = m.get(i);
        Tensor vi = v.get(i);
        assign(mi, mi.mul((float) beta1).add(g.mul((float) (1 - beta1))));
        assign(vi, vi.mul((float) beta2).add(g.mul(g).mul((float) (1 - beta2))));
        double correction1 = 1 - Math.pow(beta1, t);
        double correction2 = 1 - Math.pow(beta2, t);
        Tensor denom = vi.sqrt().mul((float) (1 / Math.sqrt(correction2))).add((float) eps);
        Tensor decayed = decays[i] ? p.mul((float) (1 - lr * weightDecay)) : p;
        assign(p, decayed.sub(mi.div(denom).mul((float) (lr / correction1))));
    }

    /** The first-moment estimate {@code m} of parameter {@code index}. */
    public Tensor firstMoment(int index) {
        return m.get(index);
    }

    /** The second-moment estimate {@code v} of parameter {@code index}. */
    public Tensor secondMoment(int index) {
        return v.get(index);
    }

    /** How many updates parameter {@code index} has had (the {@code t} of the bias correction). */
    public long stepCount(int index) {
        return steps[index];
    }

    /** Restores the state saved from another run (moments are copied into this optimiser's buffers). */
    public void restore(int index, Tensor firstMoment, Tensor secondMoment, long stepCount) {
        assign(m.get(index), firstMoment);
        assign(v.get(index), secondMoment);
        steps[index] = stepCount;
    }
}
