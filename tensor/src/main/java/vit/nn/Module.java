// SPDX-License-Identifier: MIT
package vit.nn;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import vit.tensor.Device;
import vit.tensor.Shape;
import vit.tensor.Tensor;

/**
 * The base of every layer, like {@code torch.nn.Module}: it owns named parameters and named child
 * modules, so the whole tree can be counted, moved, saved ({@link #stateDict()}) and loaded
 * ({@link #loadStateDict}). Subclasses implement {@link #forward}; callers use {@link #apply}, which
 * is PyTorch's {@code module(x)} (it also lets {@link Summary} see every layer).
 */
public abstract class Module implements UnaryOperator<Tensor> {
    private final Map<String, Parameter> parameters = new LinkedHashMap<>();
    private final Map<String, Module> children = new LinkedHashMap<>();
    private boolean training = true;

    /** The computation of this layer. */
    public abstract Tensor forward(Tensor x);

    /** Runs {@link #forward}, reporting the call to a {@link Summary} being recorded on this thread. */
    @Override
    public final Tensor apply(Tensor x) {
        Summary.Recorder r = Summary.recorder();
        if (r == null) {
            return forward(x);
        }
        Tensor y = forward(x);
        r.record(this, y);
        return y;
    }

    /** Registers a learnable tensor under {@code name} (e.g. {@code weight}). */
    protected final Parameter registerParameter(String name, Tensor initial) {
        checkName(name);
        Parameter p = new Parameter(initial);
        parameters.put(name, p);
        return p;
    }

    /** Registers a child module under {@code name}; its parameters appear as {@code name.child}. */
    protected final <M extends Module> M registerModule(String name, M module) {
        checkName(name);
        children.put(name, module);
        return module;
    }

    private void checkName(String name) {
        if (name.isEmpty() || name.contains(".") || parameters.containsKey(name) || children.containsKey(name)) {
            throw new IllegalArgumentException("invalid or duplicate name '" + name + "' in " + getClass().getSimpleName());
        }
    }

    /** This module's own parameters (not its children's), by local name. */
    public final Map<String, Parameter> localParameters() {
        return java.util.Collections.unmodifiableMap(parameters);
    }

    /** The direct children, by name, in registration order. */
    public final Map<String, Module> namedChildren() {
        return java.util.Collections.unmodifiableMap(children);
    }

    /** Every parameter of the tree under its dotted path, e.g. {@code 1.0.0.fn.1.qkv.weight}. */
    public final Map<String, Parameter> namedParameters() {
        Map<String, Parameter> out = new LinkedHashMap<>();
        collect("", out);
        return out;
    }

    private void collect(String prefix, Map<String, Parameter> out) {
        parameters.forEach((n, p) -> out.put(prefix + n, p));
        children.forEach((n, c) -> c.collect(prefix + n + ".", out));
    }

    public final List<Parameter> parameters() {
        return new ArrayList<>(namedParameters().values());
    }

    /** The number of learnable numbers in the whole tree. */
    public final long parameterCount() {
        long n = 0;
        for (Parameter p : namedParameters().values()) {
            n += p.numel();
        }
        return n;
    }

    /** Training mode (dropout active) for the whole tree. */
    public Module train(boolean on) {
        training = on;
        children.values().forEach(c -> c.train(on));
        return this;
    }

    /** Evaluation mode (dropout is the identity) for the whole tree. */
    public Module eval() {
        return train(false);
    }

    public final boolean isTraining() {
        return training;
    }

    /** Moves every parameter to {@code device}. */
    public Module to(Device device) {
        for (Parameter p : namedParameters().values()) {
            p.to(device);
        }
        return this;
    }

    public final void zeroGrad() {
        namedParameters().values().forEach(Parameter::zeroGrad);
    }

    /** The current parameter values by dotted name. */
    public final Map<String, Tensor> stateDict() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        namedParameters().forEach((n, p) -> out.put(n, p.value()));
        return out;
    }

    /**
     * Loads every parameter from {@code state}, strictly ({@link StrictLoad}): if any key is missing, unexpected or
     * of the wrong shape, nothing is loaded and the error names the offending keys.
     */
    public final void loadStateDict(Map<String, Tensor> state) {
        Map<String, Parameter> mine = namedParameters();
        Map<String, Shape> expected = new LinkedHashMap<>();
        mine.forEach((k, p) -> expected.put(k, p.shape()));
        Map<String, Shape> actual = new LinkedHashMap<>();
        state.forEach((k, t) -> actual.put(k, t.shape()));
        List<String> problems = StrictLoad.problems(expected, actual);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("error(s) in loading state dict for " + getClass().getSimpleName() + ": "
                + StrictLoad.describe(problems));
        }
        Device device = mine.isEmpty() ? Device.CPU : mine.values().iterator().next().value().device();
        mine.forEach((k, p) -> p.set(state.get(k).to(device)));
    }

    /** The layer's name in summaries: its class name, plus its settings where that helps. */
    @Override
    public String toString() {
        return getClass().getSimpleName() + "()";
    }
}
