// SPDX-License-Identifier: MIT
package vit.tensor;

/** Elementwise operations with NumPy broadcasting, and their gradients. */
final class Elementwise {
    private Elementwise() {
    }

    static void sameDevice(String op, Tensor a, Tensor b) {
        if (a.device() != b.device()) {
            throw new IllegalArgumentException(op + ": expected both tensors on the same device, got " + a.device() + " " + a.shape()
                + " and " + b.device() + " " + b.shape());
        }
    }

    static Tensor binary(BinaryOp op, Tensor a, Tensor b) {
        sameDevice(op.name().toLowerCase(java.util.Locale.ROOT), a, b);
        a.checkOpen();
        b.checkOpen();
        Shape s = Shape.broadcast(a.shape(), b.shape());
        Tensor out = Tensor.wrap(a.backend().allocateUninitialized(s.numel()), s);
        try (var off = GradMode.disabled()) {
            a.backend().binary(op, a.expand(s), b.expand(s), out);
        }
        if (!Autograd.needed(a, b)) {
            return out;
        }
        Tensor[] in = {a, b};
        switch (op) {
            case ADD:
                return Autograd.record(out, "AddBackward", in, g -> new Tensor[] {Reductions.sumTo(g, a.shape()), Reductions.sumTo(g, b.shape())});
            case SUB:
                return Autograd.record(out, "SubBackward", in, g -> new Tensor[] {Reductions.sumTo(g, a.shape()), Reductions.sumTo(g.neg(), b.shape())});
            case MUL:
                return Autograd.record(out, "MulBackward", in, g -> new Tensor[] {
                    a.requiresGrad() ? Reductions.sumTo(g.mul(b), a.shape()) : null,
                    b.requiresGrad() ? Reductions.sumTo(g.mul(a), b.shape()) : null});
            case DIV:
                return Autograd.record(out, "DivBackward", in, g -> new Tensor[] {
                    a.requiresGrad() ? Reductions.sumTo(g.div(b), a.shape()) : null,
                    b.requiresGrad() ? Reductions.sumTo(g.mul(out).div(b).neg(), b.shape()) : null});
            case POW:
                return Autograd.record(out, "PowBackward", in, g -> new Tensor[] {
                    a.requiresGrad() ? Reductions.sumTo(g.mul(b).mul(a.pow(b.sub(1f))), a.shape()) : null,
                    b.requiresGrad() ? Reductions.sumTo(g.mul(out).mul(a.log()), b.shape()) : null});
            case MAX:
            case MIN:
                // The gradient goes to the larger (smaller) input; ties split it evenly, as PyTorch does.
                return Autograd.record(out, op == BinaryOp.MAX ? "MaximumBackward" : "MinimumBackward", in, g -> {
                    Tensor ta = a.eq(out);
                    Tensor tb = b.eq(out);
                    Tensor share = ta.add(tb);
                    return new Tensor[] {Reductions.sumTo(g.mul(ta).div(share), a.shape()), Reductions.sumTo(g.mul(tb).div(share), b.shape())};
                });
            default:
                return out; // comparisons have no gradient
        }
    }

    static Tensor scalar(BinaryOp op, Tensor a, float s) {
        a.checkOpen();
        Tensor out = Tensor.wrap(a.backend().allocateUninitialized(a.numel()), a.shape());
        a.backend().binaryScalar(op, a, s, out);
        if (!Autograd.needed(a)) {
            return out;
        }
        Tensor[] in = {a};
        switch (op) {
            case ADD:
            case SUB:
                return Autograd.record(out, "AddScalarBackward", in, g -> new Tensor[] {g});
            case MUL:
                return Autograd.record(out, "MulScalarBackward", in, g -> new Tensor[] {g.mul(s)});
            case DIV:
                return Autograd.record(out, "DivScalarBackward", in, g -> new Tensor[] {g.div(s)});
            case POW:
                return Autograd.record(out, "PowScalarBackward", in, g -> new Tensor[] {g.mul(a.pow(s - 1f)).mul(s)});
            case MAX:
            case MIN:
                return Autograd.record(out, "ClampBackward", in, g -> new Tensor[] {g.mul(a.eq(out))});
            default:
                return out;
        }
    }

    static Tensor unary(UnaryOp op, Tensor x) {
        x.checkOpen();
        Tensor out = Tensor.wrap(x.backend().allocateUninitialized(x.numel()), x.shape());
        boolean record = Autograd.needed(x);
        if (op == UnaryOp.GELU && record) {
            // The derivative now, from the same pass (it shares the exponential and most of the rest with GELU): the
            // backward is then one product, and x need not be kept for it. In a training step at UseAVX=2 the backward's
            // own pass over the arithmetic was 7% of the time.
            Tensor d = Tensor.wrap(x.backend().allocateUninitialized(x.numel()), x.shape());
            x.backend().geluWithGrad(x, out, d);
            return Autograd.record(out, "GeluBackward", new Tensor[] {x}, g -> new Tensor[] {g.mul(d)});
        }
        x.backend().unary(op, x, out);
        if (!record) {
            return out;
        }
        Tensor[] in = {x};
        String name = op.name().charAt(0) + op.name().substring(1).toLowerCase(java.util.Locale.ROOT) + "Backward";
        switch (op) {
            case NEG:
                return Autograd.record(out, name, in, g -> new Tensor[] {g.neg()});
            case EXP:
                return Autograd.record(out, name, in, g -> new Tensor[] {g.mul(out)});
            case LOG:
                return Autograd.record(out, name, in, g -> new Tensor[] {g.div(x)});
            case SQRT:
                return Autograd.record(out, name, in, g -> new Tensor[] {g.div(out).mul(0.5f)});
            case RSQRT:
                return Autograd.record(out, name, in, g -> new Tensor[] {g.mul(out.pow(3f)).mul(-0.5f)});
            case ABS:
                return Autograd.record(out, name, in, g -> new Tensor[] {g.mul(x.gt(0f).sub(x.neg().gt(0f)))});
            case TANH:
                return Autograd.record(out, name, in, g -> new Tensor[] {g.mul(out.mul(out).neg().add(1f))});
            case RELU:
                return Autograd.record(out, name, in, g -> new Tensor[] {g.mul(unary(UnaryOp.STEP, x))});
            case GELU_TANH:
                return Autograd.record(out, name, in, g -> new Tensor[] {g.mul(unary(UnaryOp.GELU_TANH_GRAD, x))});
            case ERF:
                return Autograd.record(out, name, in, g -> new Tensor[] {g.mul(x.mul(x).neg().exp()).mul((float) (2 / Math.sqrt(Math.PI)))});
            default:
                return out; // STEP and the derivative kernels are used inside backward passes only
        }
    }

    static Tensor where(Tensor cond, Tensor a, Tensor b) {
        sameDevice("where", cond, a);
        sameDevice("where", a, b);
        Shape s = Shape.broadcast(Shape.broadcast(cond.shape(), a.shape()), b.shape());
        Tensor out = Tensor.wrap(a.backend().allocateUninitialized(s.numel()), s);
        try (var off = GradMode.disabled()) {
            a.backend().where(cond.expand(s), a.expand(s), b.expand(s), out);
        }
        return Autograd.record(out, "WhereBackward", new Tensor[] {cond, a, b}, g -> {
            Tensor zero = Tensor.zeros(Shape.scalar(), g.device());
            return new Tensor[] {null, Reductions.sumTo(where(cond, g, zero), a.shape()), Reductions.sumTo(where(cond, zero, g), b.shape())};
        });
    }
}
