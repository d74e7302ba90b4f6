// SPDX-License-Identifier: MIT
package vit.tensor;

import java.util.Arrays;
import java.util.List;

/**
 * An n-dimensional array of float32 numbers on a {@link Device}, with PyTorch's semantics: row-major,
 * views that share storage (reshape, permute, select, slice, expand), NumPy broadcasting, negative dims,
 * and reverse-mode gradients ({@link #backward()}).
 *
 * <p>The numbers are only reachable through the device's {@link Backend}; nothing here assumes a Java
 * array. Operations live in small classes by family ({@link Views}, {@link Elementwise},
 * {@link Reductions}, {@link LinearAlgebra}, {@link Functional}); the methods here are their front door.
 */
public final class Tensor implements AutoCloseable {
    private final Shape shape;
    private final int[] strides;
    private final int offset;
    private final SharedStorage storage;
    private boolean closed;
    private boolean requiresGrad;
    private Tensor grad;
    private Node gradFn;

    /** A storage with a count of the tensors holding it, so the last one to close frees it. */
    static final class SharedStorage {
        final Storage storage;
        private int holders;

        SharedStorage(Storage storage) {
            this.storage = storage;
        }
    }

    Tensor(Shape shape, int[] strides, int offset, SharedStorage storage) {
        elements(shape);
        this.shape = shape;
        this.strides = strides;
        this.offset = offset;
        this.storage = storage;
        storage.holders++;
        MemoryScope.register(this);
    }

    /** The element count of {@code shape}, or a clear error before anything is allocated when it exceeds an int. */
    static int elements(Shape shape) {
        if (shape.numel() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("tensor of shape " + shape + " has more than 2^31-1 elements");
        }
        return (int) shape.numel();
    }

    /** A fresh contiguous tensor around a new storage. */
    static Tensor wrap(Storage s, Shape shape) {
        return new Tensor(shape, shape.contiguousStrides(), 0, new SharedStorage(s));
    }

    /** A view of this tensor's storage with other sizes and strides. */
    Tensor view(Shape newShape, int[] newStrides, int newOffset) {
        checkOpen();
        return new Tensor(newShape, newStrides, newOffset, storage);
    }

    // ---------------------------------------------------------------- creation

    /** A tensor holding a copy of {@code data} in row-major order, on the CPU. */
    public static Tensor of(float[] data, int... dims) {
        return of(data, Shape.of(dims), Device.CPU);
    }

    public static Tensor of(float[] data, Shape shape) {
        return of(data, shape, Device.CPU);
    }

    public static Tensor of(float[] data, Shape shape, Device device) {
        if (data.length != shape.numel()) {
            throw new IllegalArgumentException("data of length " + data.length + " does not fill shape " + shape
                + " (" + shape.numel() + " elements)");
        }
        return wrap(device.backend().upload(data.clone()), shape);
    }

    /** A 0-dimensional tensor holding {@code value}. */
    public static Tensor scalar(float value) {
        return of(new float[] {value}, Shape.scalar());
    }

    public static Tensor zeros(int... dims) {
        return zeros(Shape.of(dims), Device.CPU);
    }

    public static Tensor zeros(Shape shape) {
        return zeros(shape, Device.CPU);
    }

    public static Tensor zeros(Shape shape, Device device) {
        return wrap(device.backend().allocate(elements(shape)), shape);
    }

    public static Tensor ones(int... dims) {
        return full(Shape.of(dims), 1f, Device.CPU);
    }

    public static Tensor ones(Shape shape) {
        return full(shape, 1f, Device.CPU);
    }

    public static Tensor ones(Shape shape, Device device) {
        return full(shape, 1f, device);
    }

    public static Tensor full(Shape shape, float value) {
        return full(shape, value, Device.CPU);
    }

    public static Tensor full(Shape shape, float value, Device device) {
        float[] data = new float[elements(shape)];
        Arrays.fill(data, value);
        return wrap(device.backend().upload(data), shape);
    }

    /** {@code [0, 1, ..., n-1]}. */
    public static Tensor arange(int n) {
        return arange(0, n, 1);
    }

    /** {@code start, start+step, ...} below {@code end} (above it for a negative step), as PyTorch. */
    public static Tensor arange(float start, float end, float step) {
        if (step == 0) {
            throw new IllegalArgumentException("arange: step must be nonzero");
        }
        int n = (int) Math.max(0, Math.ceil((end - start) / step));
        float[] data = new float[n];
        for (int i = 0; i < n; i++) {
            data[i] = start + i * step;
        }
        return wrap(Device.CPU.backend().upload(data), Shape.of(n));
    }

    /** Uniform in [0, 1), from an explicit seeded generator. */
    public static Tensor rand(Shape shape, Generator gen) {
        float[] data = new float[elements(shape)];
        for (int i = 0; i < data.length; i++) {
            data[i] = gen.nextFloat();
        }
        return wrap(Device.CPU.backend().upload(data), shape);
    }

    /** Standard normal, from an explicit seeded generator. */
    public static Tensor randn(Shape shape, Generator gen) {
        float[] data = new float[elements(shape)];
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) gen.nextGaussian();
        }
        return wrap(Device.CPU.backend().upload(data), shape);
    }

    public Tensor zerosLike() {
        return zeros(shape, device());
    }

    public Tensor onesLike() {
        return full(shape, 1f, device());
    }

    // ---------------------------------------------------------------- metadata and data access

    public Shape shape() {
        return shape;
    }

    /** The size of dimension {@code d} (negative counts from the end). */
    public int size(int d) {
        return shape.dim(d);
    }

    public int rank() {
        return shape.rank();
    }

    public long numel() {
        return shape.numel();
    }

    /** Element steps between neighbours along each dimension (0 along a broadcast dimension). */
    public int[] strides() {
        return strides.clone();
    }

    public int offset() {
        return offset;
    }

    public Storage storage() {
        checkOpen();
        return storage.storage;
    }

    public Device device() {
        return storage.storage.device();
    }

    Backend backend() {
        return device().backend();
    }

    public boolean isContiguous() {
        int expected = 1;
        for (int i = shape.rank() - 1; i >= 0; i--) {
            int n = shape.dim(i);
            if (n != 1 && strides[i] != expected) {
                return false;
            }
            expected *= n;
        }
        return true;
    }

    /** A copy of the numbers in row-major order, on the host. */
    public float[] toFloatArray() {
        checkOpen();
        float[] out = new float[Math.toIntExact(numel())];
        backend().download(this, out);
        return out;
    }

    /** The value of a one-element tensor. */
    public float item() {
        if (numel() != 1) {
            throw new IllegalStateException("item() needs a tensor with one element, this one has shape " + shape);
        }
        return toFloatArray()[0];
    }

    /** The element at {@code index} (negative indices count from the end). */
    public float get(int... index) {
        if (index.length != rank()) {
            throw new IllegalArgumentException("index " + Arrays.toString(index) + " has " + index.length
                + " coordinates for a tensor of shape " + shape);
        }
        Tensor t = this;
        for (int i = 0; i < index.length; i++) {
            t = t.select(0, index[i]);
        }
        return t.item();
    }

    /** A copy on {@code target} (this tensor itself if it is there already). */
    public Tensor to(Device target) {
        if (target == device()) {
            return this;
        }
        Tensor out = wrap(target.backend().upload(toFloatArray()), shape);
        return Autograd.record(out, "ToDeviceBackward", new Tensor[] {this}, g -> new Tensor[] {g.to(device())});
    }

    // ---------------------------------------------------------------- gradients

    public boolean requiresGrad() {
        return requiresGrad;
    }

    /** Marks a leaf tensor as one whose gradient {@link #backward()} accumulates into {@link #grad()}. */
    public Tensor requiresGrad(boolean on) {
        if (gradFn != null && !on) {
            throw new IllegalStateException("cannot stop a non-leaf tensor (made by " + gradFn + ") from requiring grad; use detach()");
        }
        this.requiresGrad = on;
        return this;
    }

    /** The accumulated gradient, or null before any backward pass reached this leaf. */
    public Tensor grad() {
        return grad;
    }

    /** Forgets the accumulated gradient (PyTorch's {@code zero_grad(set_to_none=True)}). */
    public void zeroGrad() {
        grad = null;
    }

    /** Replaces the gradient (used by optimisers and gradient clipping). */
    public void setGrad(Tensor g) {
        if (g != null && !g.shape.equals(shape)) {
            throw new IllegalArgumentException("gradient of shape " + g.shape + " for a tensor of shape " + shape);
        }
        grad = g;
    }

    /** The operation that produced this tensor, or null for a leaf. */
    public Node gradFn() {
        return gradFn;
    }

    void setGradFn(Node fn) {
        this.gradFn = fn;
        this.requiresGrad = true;
    }

    void accumulateGrad(Tensor g) {
        Tensor old = grad;
        grad = old == null ? g.copy() : old.add(g);
        MemoryScope.forget(grad);
        if (old != null) {
            old.close();
        }
    }

    /** Back-propagates from this one-element tensor (a loss). */
    public void backward() {
        if (numel() != 1) {
            throw new IllegalStateException("backward() without a gradient needs a one-element tensor, this one has shape " + shape);
        }
        backward(onesLike());
    }

    /** Back-propagates {@code gradient} (d(something)/d(this), shaped like this). */
    public void backward(Tensor gradient) {
        if (!requiresGrad) {
            throw new IllegalStateException("this tensor of shape " + shape + " does not require grad and has no grad_fn");
        }
        if (!gradient.shape.equals(shape)) {
            throw new IllegalArgumentException("gradient of shape " + gradient.shape + " for a tensor of shape " + shape);
        }
        Autograd.backward(this, gradient);
    }

    /** The same numbers, cut from the graph. */
    public Tensor detach() {
        return view(shape, strides, offset);
    }

    // ---------------------------------------------------------------- views and copies

    public Tensor reshape(int... dims) {
        return Views.reshape(this, dims);
    }

    public Tensor reshape(Shape s) {
        return Views.reshape(this, s.dims());
    }

    /** Like {@link #reshape} but never copies: fails when the strides do not allow a view. */
    public Tensor view(int... dims) {
        return Views.view(this, dims);
    }

    public Tensor permute(int... dims) {
        return Views.permute(this, dims);
    }

    public Tensor transpose(int d0, int d1) {
        return Views.transpose(this, d0, d1);
    }

    /** The transpose of the last two dimensions (PyTorch's {@code mT}). */
    public Tensor mT() {
        return Views.transpose(this, -2, -1);
    }

    /** This tensor if contiguous, else a contiguous copy. */
    public Tensor contiguous() {
        return isContiguous() ? this : copy();
    }

    /** A contiguous copy that owns its storage. */
    public Tensor copy() {
        return Views.copy(this);
    }

    /** {@code t[index]} along dimension {@code dim}, dropping it ({@code qkv[0]} is {@code select(0, 0)}). */
    public Tensor select(int dim, int index) {
        return Views.select(this, dim, index);
    }

    /** {@code t[start:end:step]} along {@code dim}, with Python's clamping of out-of-range bounds. */
    public Tensor slice(int dim, int start, int end, int step) {
        return Views.slice(this, dim, start, end, step);
    }

    public Tensor slice(int dim, int start, int end) {
        return Views.slice(this, dim, start, end, 1);
    }

    /** Broadcasts size-1 dimensions (and new leading ones) to {@code dims}; {@code -1} keeps a size. */
    public Tensor expand(int... dims) {
        return Views.expand(this, dims);
    }

    public Tensor expand(Shape s) {
        return Views.expand(this, s.dims());
    }

    /** Tiles the tensor {@code times[i]} times along each dimension (PyTorch's {@code repeat}). */
    public Tensor repeat(int... times) {
        return Views.repeat(this, times);
    }

    public Tensor unsqueeze(int dim) {
        return Views.unsqueeze(this, dim);
    }

    public Tensor squeeze(int dim) {
        return Views.squeeze(this, dim);
    }

    /** Merges dimensions {@code start..end} (inclusive) into one. */
    public Tensor flatten(int start, int end) {
        return Views.flatten(this, start, end);
    }

    public static Tensor cat(List<Tensor> tensors, int dim) {
        return Views.cat(tensors, dim);
    }

    public static Tensor stack(List<Tensor> tensors, int dim) {
        return Views.stack(tensors, dim);
    }

    /** Splits into {@code chunks} pieces along {@code dim}, the last possibly smaller (PyTorch's rule). */
    public List<Tensor> chunk(int chunks, int dim) {
        return Views.chunk(this, chunks, dim);
    }

    /** Splits into pieces of {@code size} along {@code dim}, the last possibly smaller. */
    public List<Tensor> split(int size, int dim) {
        return Views.split(this, size, dim);
    }

    /** Splits into pieces of the given sizes along {@code dim}; they must add up to its size. */
    public List<Tensor> split(int[] sizes, int dim) {
        return Views.split(this, sizes, dim);
    }

    // ---------------------------------------------------------------- elementwise math

    public Tensor add(Tensor o) {
        return Elementwise.binary(BinaryOp.ADD, this, o);
    }

    public Tensor sub(Tensor o) {
        return Elementwise.binary(BinaryOp.SUB, this, o);
    }

    public Tensor mul(Tensor o) {
        return Elementwise.binary(BinaryOp.MUL, this, o);
    }

    public Tensor div(Tensor o) {
        return Elementwise.binary(BinaryOp.DIV, this, o);
    }

    public Tensor pow(Tensor o) {
        return Elementwise.binary(BinaryOp.POW, this, o);
    }

    public Tensor maximum(Tensor o) {
        return Elementwise.binary(BinaryOp.MAX, this, o);
    }

    public Tensor minimum(Tensor o) {
        return Elementwise.binary(BinaryOp.MIN, this, o);
    }

    public Tensor gt(Tensor o) {
        return Elementwise.binary(BinaryOp.GT, this, o);
    }

    public Tensor lt(Tensor o) {
        return Elementwise.binary(BinaryOp.LT, this, o);
    }

    public Tensor eq(Tensor o) {
        return Elementwise.binary(BinaryOp.EQ, this, o);
    }

    public Tensor add(float s) {
        return Elementwise.scalar(BinaryOp.ADD, this, s);
    }

    public Tensor sub(float s) {
        return Elementwise.scalar(BinaryOp.SUB, this, s);
    }

    public Tensor mul(float s) {
        return Elementwise.scalar(BinaryOp.MUL, this, s);
    }

    public Tensor div(float s) {
        return Elementwise.scalar(BinaryOp.DIV, this, s);
    }

    public Tensor pow(float s) {
        return Elementwise.scalar(BinaryOp.POW, this, s);
    }

    public Tensor gt(float s) {
        return Elementwise.scalar(BinaryOp.GT, this, s);
    }

    public Tensor neg() {
        return Elementwise.unary(UnaryOp.NEG, this);
    }

    public Tensor exp() {
        return Elementwise.unary(UnaryOp.EXP, this);
    }

    public Tensor log() {
        return Elementwise.unary(UnaryOp.LOG, this);
    }

    public Tensor sqrt() {
        return Elementwise.unary(UnaryOp.SQRT, this);
    }

    public Tensor rsqrt() {
        return Elementwise.unary(UnaryOp.RSQRT, this);
    }

    public Tensor abs() {
        return Elementwise.unary(UnaryOp.ABS, this);
    }

    public Tensor tanh() {
        return Elementwise.unary(UnaryOp.TANH, this);
    }

    public Tensor erf() {
        return Elementwise.unary(UnaryOp.ERF, this);
    }

    public Tensor relu() {
        return Elementwise.unary(UnaryOp.RELU, this);
    }

    /** The exact, erf-based GELU. */
    public Tensor gelu() {
        return Elementwise.unary(UnaryOp.GELU, this);
    }

    /** GELU's tanh approximation (PyTorch's {@code approximate='tanh'}). */
    public Tensor geluTanh() {
        return Elementwise.unary(UnaryOp.GELU_TANH, this);
    }

    /** {@code cond != 0 ? a : b}, broadcasting all three. */
    public static Tensor where(Tensor cond, Tensor a, Tensor b) {
        return Elementwise.where(cond, a, b);
    }

    /** This tensor with {@code value} wherever {@code mask} is nonzero (PyTorch's {@code masked_fill}). */
    public Tensor maskedFill(Tensor mask, float value) {
        return Elementwise.where(mask, full(Shape.scalar(), value, device()), this);
    }

    // ---------------------------------------------------------------- reductions

    public Tensor sum() {
        return Reductions.reduce(ReduceOp.SUM, this, allDims(), false);
    }

    public Tensor sum(int dim, boolean keepdim) {
        return Reductions.reduce(ReduceOp.SUM, this, new int[] {dim}, keepdim);
    }

    public Tensor sum(int[] dims, boolean keepdim) {
        return Reductions.reduce(ReduceOp.SUM, this, dims, keepdim);
    }

    public Tensor mean() {
        return Reductions.reduce(ReduceOp.MEAN, this, allDims(), false);
    }

    public Tensor mean(int dim, boolean keepdim) {
        return Reductions.reduce(ReduceOp.MEAN, this, new int[] {dim}, keepdim);
    }

    public Tensor mean(int[] dims, boolean keepdim) {
        return Reductions.reduce(ReduceOp.MEAN, this, dims, keepdim);
    }

    /** The largest value (PyTorch's {@code amax}); its gradient is shared among tied maxima. */
    public Tensor max() {
        return Reductions.reduce(ReduceOp.MAX, this, allDims(), false);
    }

    public Tensor max(int dim, boolean keepdim) {
        return Reductions.reduce(ReduceOp.MAX, this, new int[] {dim}, keepdim);
    }

    public Tensor max(int[] dims, boolean keepdim) {
        return Reductions.reduce(ReduceOp.MAX, this, dims, keepdim);
    }

    public Tensor min(int dim, boolean keepdim) {
        return Reductions.reduce(ReduceOp.MIN, this, new int[] {dim}, keepdim);
    }

    public Tensor min(int[] dims, boolean keepdim) {
        return Reductions.reduce(ReduceOp.MIN, this, dims, keepdim);
    }

    /** Index of the first maximum along {@code dim}, as floats. */
    public Tensor argmax(int dim, boolean keepdim) {
        return Reductions.reduce(ReduceOp.ARGMAX, this, new int[] {dim}, keepdim);
    }

    private int[] allDims() {
        int[] d = new int[rank()];
        for (int i = 0; i < d.length; i++) {
            d[i] = i;
        }
        return d;
    }

    // ---------------------------------------------------------------- linear algebra and nn functions

    /** PyTorch's {@code matmul}: 1-D operands become vectors, batch dimensions broadcast. */
    public Tensor matmul(Tensor o) {
        return LinearAlgebra.matmul(this, o);
    }

    public Tensor softmax(int dim) {
        return Functional.softmax(this, dim, false);
    }

    public Tensor logSoftmax(int dim) {
        return Functional.softmax(this, dim, true);
    }

    // ---------------------------------------------------------------- lifetime

    /**
     * Gives up this tensor's hold on its storage; the storage is freed once no tensor holds it. Calling it
     * twice is harmless. On the CPU it only drops references; on CUDA it frees device memory now.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        grad = null;
        gradFn = null;
        if (--storage.holders == 0) {
            storage.storage.release();
        }
    }

    public boolean isClosed() {
        return closed;
    }

    void checkOpen() {
        if (closed || storage.storage.isReleased()) {
            throw new IllegalStateException("tensor of shape " + shape + " on " + device() + " was closed and cannot be used");
        }
    }

    /** {@code tensor([2, 3], cpu)}; the shape in PyTorch's list form. */
    @Override
    public String toString() {
        return "tensor(" + shape + ", " + device() + (gradFn != null ? ", grad_fn=" + gradFn : requiresGrad ? ", requires_grad" : "") + ")";
    }
}
