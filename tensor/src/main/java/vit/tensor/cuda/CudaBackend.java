// SPDX-License-Identifier: MIT
package vit.tensor.cuda;

import vit.tensor.Backend;
import vit.tensor.BinaryOp;
import vit.tensor.Device;
import vit.tensor.ReduceOp;
import vit.tensor.Storage;
import vit.tensor.Tensor;
import vit.tensor.UnaryOp;

/**
 * The CUDA kernels: the {@code .cu} files next to this class (compiled by NVRTC for the GPU at hand) and
 * cuBLAS for the matrix product. Strides, offsets and broadcasts travel to the kernels as small structs
 * ({@link StridedLayout}); results match {@link vit.tensor.cpu.CpuBackend} within float32 rounding.
 */
public final class CudaBackend implements Backend {
    private final CudaContext context;
    private final Kernels kernels;
    private final Blas blas;

    CudaBackend(CudaContext context, boolean tf32) {
        this.context = context;
        this.kernels = new Kernels(context);
        this.blas = new Blas(context, tf32);
    }

    /** The GPU this backend runs on, in one line (name, architecture, memory, driver, NVRTC). */
    public String describe() {
        return context.info().describe() + (blas.tf32() ? ", TF32 matmul" : "");
    }

    /** Whether matrix products may use TF32 tensor cores (system property {@code vit.cuda.tf32}). */
    public boolean allowsTf32() {
        return blas.tf32();
    }

    /** {@code {free, total}} GPU memory in bytes, after pending work finished. */
    public long[] memoryInfo() {
        return context.memoryInfo();
    }

    /** Waits until every kernel launched so far has finished (for timing; results never need it). */
    public void synchronize() {
        context.synchronize();
    }

    @Override
    public Device device() {
        return Device.CUDA;
    }

    @Override
    public Storage allocate(long length) {
        return new CudaStorage(context, context.allocateZeroed(length), length);
    }

    @Override
    public Storage upload(float[] host) {
        CudaStorage s = (CudaStorage) allocate(host.length);
        context.upload(host, s.address());
        return s;
    }

    @Override
    public void download(Tensor src, float[] dst) {
        int n = Math.toIntExact(src.numel());
        DeviceView v = DeviceView.of(src);
        StridedLayout l = layout(src.shape().dims(), v);
        if (l.isContiguous(0)) {
            context.download(v.element(0), dst, n);
            return;
        }
        try (Scratch tmp = new Scratch(n)) {
            gather(v, tmp.view(src.shape().dims()));
            context.download(tmp.address(), dst, n);
        }
    }

    @Override
    public void copy(Tensor src, Tensor dst) {
        gather(DeviceView.of(src), DeviceView.of(dst));
    }

    /** {@code dst[i] = src[i]} over any strides. */
    private void gather(DeviceView src, DeviceView dst) {
        StridedLayout l = layout(src.sizes(), src, dst);
        long n = l.numel();
        if (n == 0) {
            return;
        }
        if (l.isContiguous(0) && l.isContiguous(1)) {
            context.copyDeviceToDevice(src.element(0), dst.element(0), n);
            return;
        }
        try (KernelArgs args = new KernelArgs()) {
            args.ints(l.dimsStruct()).pointer(src.address(), 0).ints(l.stridesStruct(0))
                .pointer(dst.address(), 0).ints(l.stridesStruct(1)).int64(n);
            kernels.launch("copy", "vit_copy", LaunchConfig.elementwise(n), args);
        }
    }

    @Override
    public void unary(UnaryOp op, Tensor x, Tensor out) {
        DeviceView a = DeviceView.of(x);
        DeviceView o = DeviceView.of(out);
        StridedLayout l = layout(out.shape().dims(), a, o);
        if (l.numel() == 0) {
            return;
        }
        try (KernelArgs args = new KernelArgs()) {
            args.int32(op.ordinal()).ints(l.dimsStruct()).pointer(a.address(), 0).ints(l.stridesStruct(0))
                .pointer(o.address(), 0).ints(l.stridesStruct(1)).int64(l.numel());
            kernels.launch("elementwise", "vit_unary", LaunchConfig.elementwise(l.numel()), args);
        }
    }

    @Override
    public void binary(BinaryOp op, Tensor x, Tensor y, Tensor out) {
        DeviceView a = DeviceView.of(x);
        DeviceView b = DeviceView.of(y);
        DeviceView o = DeviceView.of(out);
        StridedLayout l = layout(out.shape().dims(), a, b, o);
        if (l.numel() == 0) {
            return;
        }
        try (KernelArgs args = new KernelArgs()) {
            args.int32(op.ordinal()).ints(l.dimsStruct()).pointer(a.address(), 0).ints(l.stridesStruct(0))
                .pointer(b.address(), 0).ints(l.stridesStruct(1)).pointer(o.address(), 0).ints(l.stridesStruct(2))
                .int64(l.numel());
            kernels.launch("elementwise", "vit_binary", LaunchConfig.elementwise(l.numel()), args);
        }
    }

    @Override
    public void binaryScalar(BinaryOp op, Tensor x, float s, Tensor out) {
        DeviceView a = DeviceView.of(x);
        DeviceView o = DeviceView.of(out);
        StridedLayout l = layout(out.shape().dims(), a, o);
        if (l.numel() == 0) {
            return;
        }
        try (KernelArgs args = new KernelArgs()) {
            args.int32(op.ordinal()).ints(l.dimsStruct()).pointer(a.address(), 0).ints(l.stridesStruct(0)).float32(s)
                .pointer(o.address(), 0).ints(l.stridesStruct(1)).int64(l.numel());
            kernels.launch("elementwise", "vit_binary_scalar", LaunchConfig.elementwise(l.numel()), args);
        }
    }

    @Override
    public void where(Tensor cond, Tensor x, Tensor y, Tensor out) {
        DeviceView c = DeviceView.of(cond);
        DeviceView a = DeviceView.of(x);
        DeviceView b = DeviceView.of(y);
        DeviceView o = DeviceView.of(out);
        StridedLayout l = layout(out.shape().dims(), c, a, b, o);
        if (l.numel() == 0) {
            return;
        }
        try (KernelArgs args = new KernelArgs()) {
            args.ints(l.dimsStruct()).pointer(c.address(), 0).ints(l.stridesStruct(0)).pointer(a.address(), 0)
                .ints(l.stridesStruct(1)).pointer(b.address(), 0).ints(l.stridesStruct(2)).pointer(o.address(), 0)
                .ints(l.stridesStruct(3)).int64(l.numel());
            kernels.launch("elementwise", "vit_where", LaunchConfig.elementwise(l.numel()), args);
        }
    }

    @Override
    public void reduce(ReduceOp op, Tensor x, int[] dims, Tensor out) {
        DeviceView v = DeviceView.of(x);
        ReducePlan plan = ReducePlan.of(v.sizes(), v.strides(), v.offset(), dims);
        long outer = plan.outer().numel();
        long inner = plan.inner().numel();
        if (outer == 0) {
            return;
        }
        withContiguousOut(DeviceView.of(out), o -> {
            try (KernelArgs args = new KernelArgs()) {
                args.int32(op.ordinal()).ints(plan.outer().dimsStruct()).ints(plan.outer().stridesStruct(0))
                    .ints(plan.inner().dimsStruct()).ints(plan.inner().stridesStruct(0)).pointer(v.address(), 0)
                    .pointer(o.address(), o.offset()).int64(outer).int64(inner);
                kernels.launch("reduce", "vit_reduce", LaunchConfig.perLine(outer, inner), args);
            }
        });
    }

    @Override
    public void matmul(Tensor a, Tensor b, Tensor out) {
        new MatmulRun(this, DeviceView.of(a), DeviceView.of(b), DeviceView.of(out), a.size(-1)).run();
    }

    Blas blas() {
        return blas;
    }

    CudaContext context() {
        return context;
    }

    /** A contiguous copy of {@code v} in a scratch buffer (freed when the scratch closes). */
    Scratch contiguousCopy(DeviceView v) {
        Scratch tmp = new Scratch(v.numel());
        gather(v, tmp.view(v.sizes()));
        return tmp;
    }

    @Override
    public void softmax(Tensor x, int dim, boolean log, Tensor out) {
        DeviceView xv = DeviceView.of(x).without(dim);
        DeviceView ov = DeviceView.of(out).without(dim);
        int n = x.size(dim);
        StridedLayout lines = layout(xv.sizes(), xv, ov);
        long count = lines.numel();
        if (count == 0 || n == 0) {
            return;
        }
        try (KernelArgs args = new KernelArgs()) {
            args.ints(lines.dimsStruct()).ints(lines.stridesStruct(0)).ints(lines.stridesStruct(1))
                .pointer(xv.address(), 0).int32(x.strides()[dim]).pointer(ov.address(), 0).int32(out.strides()[dim])
                .int32(n).int64(count).int32(log ? 1 : 0);
            kernels.launch("softmax", "vit_softmax", LaunchConfig.perLine(count, n), args);
        }
    }

    @Override
    public void layerNorm(Tensor x, Tensor weight, Tensor bias, float eps, Tensor out, Tensor mean, Tensor rstd) {
        int last = x.rank() - 1;
        int n = x.size(-1);
        DeviceView xv = DeviceView.of(x).without(last);
        DeviceView ov = DeviceView.of(out).without(last);
        DeviceView mv = DeviceView.of(mean).without(last);
        DeviceView rv = DeviceView.of(rstd).without(last);
        DeviceView w = DeviceView.of(weight);
        DeviceView b = DeviceView.of(bias);
        StridedLayout rows = layout(xv.sizes(), xv, ov, mv, rv);
        long count = rows.numel();
        if (count == 0) {
            return;
        }
        try (KernelArgs args = new KernelArgs()) {
            args.ints(rows.dimsStruct()).ints(rows.stridesStruct(0)).ints(rows.stridesStruct(1))
                .ints(rows.stridesStruct(2)).ints(rows.stridesStruct(3))
                .pointer(xv.address(), 0).int32(x.strides()[last])
                .pointer(w.address(), w.offset()).int32(w.strides()[0])
                .pointer(b.address(), b.offset()).int32(b.strides()[0]).float32(eps)
                .pointer(ov.address(), 0).int32(out.strides()[last])
                .pointer(mv.address(), 0).pointer(rv.address(), 0).int32(n).int64(count);
            kernels.launch("layernorm", "vit_layer_norm", LaunchConfig.perLine(count, n), args);
        }
    }

    @Override
    public void im2col(Tensor x, int kh, int kw, int stride, int padding, Tensor out) {
        DeviceView xv = DeviceView.of(x);
        int[] s = xv.sizes();
        int oh = (s[2] + 2 * padding - kh) / stride + 1;
        int ow = (s[3] + 2 * padding - kw) / stride + 1;
        long total = out.numel();
        if (total == 0) {
            return;
        }
        withContiguousOut(DeviceView.of(out), o -> {
            try (KernelArgs args = new KernelArgs()) {
                args.pointer(xv.address(), 0).ints(stridesStruct(xv)).int32(s[0]).int32(s[1]).int32(s[2]).int32(s[3])
                    .int32(kh).int32(kw).int32(stride).int32(padding).int32(oh).int32(ow)
                    .pointer(o.address(), o.offset()).int64(total);
                kernels.launch("im2col", "vit_im2col", LaunchConfig.elementwise(total), args);
            }
        });
    }

    @Override
    public void col2im(Tensor cols, int kh, int kw, int stride, int padding, Tensor out) {
        DeviceView ov = DeviceView.of(out);
        int[] s = ov.sizes();
        int oh = (s[2] + 2 * padding - kh) / stride + 1;
        int ow = (s[3] + 2 * padding - kw) / stride + 1;
        long total = out.numel();
        if (total == 0) {
            return;
        }
        DeviceView cv = DeviceView.of(cols);
        boolean dense = layout(cv.sizes(), cv).isContiguous(0);
        try (Scratch tmp = dense ? null : contiguousCopy(cv); KernelArgs args = new KernelArgs()) {
            long c = dense ? cv.element(0) : tmp.address();
            args.pointer(c, 0).int32(s[0]).int32(s[1]).int32(s[2]).int32(s[3]).int32(kh).int32(kw).int32(stride)
                .int32(padding).int32(oh).int32(ow).pointer(ov.address(), 0).ints(stridesStruct(ov)).int64(total);
            kernels.launch("im2col", "vit_col2im", LaunchConfig.elementwise(total), args);
        }
    }

    /** The {@code Strides} struct of a 4-D tensor, dims not merged (the im2col kernels index n, c, y, x). */
    private static int[] stridesStruct(DeviceView v) {
        int[] s = new int[1 + StridedLayout.MAX_DIMS];
        s[0] = v.offset();
        System.arraycopy(v.strides(), 0, s, 1, v.strides().length);
        return s;
    }

    /** Runs {@code body} on out itself when it is contiguous, else on a scratch buffer copied into out afterwards. */
    void withContiguousOut(DeviceView out, java.util.function.Consumer<DeviceView> body) {
        if (layout(out.sizes(), out).isContiguous(0)) {
            body.accept(out);
            return;
        }
        try (Scratch tmp = new Scratch(out.numel())) {
            DeviceView t = tmp.view(out.sizes());
            body.accept(t);
            gather(t, out);
        }
    }

    static StridedLayout layout(int[] sizes, DeviceView... operands) {
        int[][] strides = new int[operands.length][];
        int[] offsets = new int[operands.length];
        for (int k = 0; k < operands.length; k++) {
            strides[k] = operands[k].strides();
            offsets[k] = operands[k].offset();
        }
        return StridedLayout.of(sizes, strides, offsets);
    }

    /** A temporary device buffer, freed on close. */
    final class Scratch implements AutoCloseable {
        private final CudaStorage storage;

        Scratch(long floats) {
            storage = (CudaStorage) allocate(floats);
        }

        long address() {
            return storage.address();
        }

        DeviceView view(int[] sizes) {
            return DeviceView.contiguous(storage.address(), sizes);
        }

        @Override
        public void close() {
            storage.release();
        }
    }
}
