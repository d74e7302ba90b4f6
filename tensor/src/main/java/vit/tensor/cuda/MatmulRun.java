// SPDX-License-Identifier: MIT
package vit.tensor.cuda;

import java.util.ArrayList;
import java.util.List;

/**
 * One batched matrix product on the GPU: operands cuBLAS cannot read in place (no unit stride in either
 * direction, broadcast rows) are copied to contiguous scratch first, then {@link GemmPlan} drives cuBLAS.
 */
final class MatmulRun {
    private final CudaBackend backend;
    private DeviceView a;
    private DeviceView b;
    private final DeviceView out;
    private final int k;

    MatmulRun(CudaBackend backend, DeviceView a, DeviceView b, DeviceView out, int k) {
        this.backend = backend;
        this.a = a;
        this.b = b;
        this.out = out;
        this.k = k;
    }

    void run() {
        int[] sizes = out.sizes();
        int r = sizes.length;
        int m = sizes[r - 2];
        int n = sizes[r - 1];
        if (out.numel() == 0) {
            return;
        }
        List<CudaBackend.Scratch> scratch = new ArrayList<>();
        try {
            if (GemmPlan.matrix(m, k, a.strides()[r - 2], a.strides()[r - 1]) == null) {
                a = copy(a, scratch);
            }
            if (GemmPlan.matrix(k, n, b.strides()[r - 2], b.strides()[r - 1]) == null) {
                b = copy(b, scratch);
            }
            DeviceView a0 = a;
            DeviceView b0 = b;
            backend.withContiguousOut(out, o -> {
                if (k == 0) {
                    backend.context().fillZero(o.element(0), o.numel());
                    return;
                }
                GemmPlan plan = GemmPlan.of(sizes, k, a0.strides(), b0.strides(), o.strides());
                if (plan == null) {
                    throw new IllegalStateException("no cuBLAS plan for " + a0 + " x " + b0 + " -> " + o);
                }
                backend.blas().gemm(plan, a0.element(0), b0.element(0), o.element(0));
            });
        } finally {
            for (CudaBackend.Scratch s : scratch) {
                s.close();
            }
        }
    }

    private DeviceView copy(DeviceView v, List<CudaBackend.Scratch> scratch) {
        CudaBackend.Scratch s = backend.contiguousCopy(v);
        scratch.add(s);
        return s.view(v.sizes());
    }
}
