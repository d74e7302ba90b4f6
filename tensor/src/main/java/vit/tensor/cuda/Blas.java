// SPDX-License-Identifier: MIT
package vit.tensor.cuda;

import static org.bytedeco.cuda.global.cublas.CUBLAS_DEFAULT_MATH;
import static org.bytedeco.cuda.global.cublas.CUBLAS_OP_N;
import static org.bytedeco.cuda.global.cublas.CUBLAS_OP_T;
import static org.bytedeco.cuda.global.cublas.CUBLAS_STATUS_SUCCESS;
import static org.bytedeco.cuda.global.cublas.CUBLAS_TF32_TENSOR_OP_MATH;

import org.bytedeco.cuda.cublas.cublasContext;
import org.bytedeco.cuda.global.cublas;

/**
 * The cuBLAS handle and the one call we make: {@code cublasSgemmStridedBatched}, driven by a
 * {@link GemmPlan}. TF32 tensor-core math is used only when asked for (it rounds the inputs to 10-bit
 * mantissas, far outside the 1e-5 agreement with the CPU).
 */
final class Blas {
    private final CudaContext context;
    private final cublasContext handle = new cublasContext();
    private final boolean tf32;

    Blas(CudaContext context, boolean tf32) {
        this.context = context;
        this.tf32 = tf32;
        context.makeCurrent();
        check(cublas.cublasCreate_v2(handle), "cublasCreate");
        check(cublas.cublasSetMathMode(handle, tf32 ? CUBLAS_TF32_TENSOR_OP_MATH : CUBLAS_DEFAULT_MATH), "cublasSetMathMode");
    }

    boolean tf32() {
        return tf32;
    }

    /**
     * Runs {@code plan} on row-major operands: {@code a}, {@code b} and {@code c} are element addresses of
     * matrix 0 (offsets already applied). Computed as {@code C^T = B^T A^T} in cuBLAS's column-major terms.
     */
    synchronized void gemm(GemmPlan plan, long a, long b, long c) {
        context.makeCurrent();
        try (var alpha = new org.bytedeco.javacpp.FloatPointer(new float[] {1f});
             var beta = new org.bytedeco.javacpp.FloatPointer(new float[] {0f})) {
            StridedLayout outer = plan.outerBatches();
            for (long e = 0, calls = plan.calls(); e < calls; e++) {
                long pa = a + outer.position(0, e) * Float.BYTES;
                long pb = b + outer.position(1, e) * Float.BYTES;
                long pc = c + outer.position(2, e) * Float.BYTES;
                // Column-major C^T (n x m) = B^T (n x k) A^T (k x m): the operands swap places.
                check(cublas.cublasSgemmStridedBatched(handle,
                    plan.b().transpose() ? CUBLAS_OP_T : CUBLAS_OP_N,
                    plan.a().transpose() ? CUBLAS_OP_T : CUBLAS_OP_N,
                    plan.n(), plan.m(), plan.k(), alpha,
                    new DevicePointer(pb), plan.b().ld(), plan.strideB(),
                    new DevicePointer(pa), plan.a().ld(), plan.strideA(),
                    beta, new DevicePointer(pc), plan.ldc(), plan.strideC(), plan.batchCount()), "cublasSgemmStridedBatched");
            }
        }
    }

    private static void check(int status, String call) {
        if (status != CUBLAS_STATUS_SUCCESS) {
            throw new CudaException(call + " failed: " + cublas.cublasGetStatusName(status).getString());
        }
    }
}
