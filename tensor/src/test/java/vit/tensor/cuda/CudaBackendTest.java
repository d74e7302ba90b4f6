// SPDX-License-Identifier: MIT
package vit.tensor.cuda;

import static vit.tensor.cuda.GpuTensors.assertClose;
import static vit.tensor.cuda.GpuTensors.choices;
import static vit.tensor.cuda.GpuTensors.randn;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import vit.tensor.Backend;
import vit.tensor.BinaryOp;
import vit.tensor.Device;
import vit.tensor.ReduceOp;
import vit.tensor.Shape;
import vit.tensor.Tensor;
import vit.tensor.UnaryOp;
import vit.tensor.cpu.CpuBackend;
import vit.tensor.cuda.GpuTensors.Pair;

/**
 * Every backend kernel on the GPU against the CPU backend, on odd sizes and strided views (permuted,
 * stepped slices, broadcast): float32 agreement within 1e-5 relative. Runs only where a GPU is usable.
 */
@Tag("gpu")
class CudaBackendTest {
    private static final Backend CPU = CpuBackend.instance();
    private Backend gpu;

    @BeforeEach
    void gpu() {
        GpuTensors.assumeGpu();
        gpu = Cuda.backend();
    }

    /** [7, 5, 9] -> permute(2, 0, 1) -> slice(0, 1, 8, 2): a [4, 7, 5] view with no unit stride. */
    private static Tensor strided(Tensor base) {
        return base.permute(2, 0, 1).slice(0, 1, 8, 2);
    }

    private static Tensor out(Shape s, Device d) {
        return Tensor.zeros(s, d);
    }

    @Test
    void downloadAndCopyOfStridedViews() {
        Pair x = randn(1, CudaBackendTest::strided, 7, 5, 9);
        System.out.println("download " + x.cpu().shape() + " strides " + java.util.Arrays.toString(x.cpu().strides()));
        assertClose("download strided", x.gpu().toFloatArray(), x.cpu().toFloatArray(), 0);
        // copy into a transposed destination: dst is a permuted view of a fresh [5, 7, 4] tensor
        Tensor dc = out(Shape.of(5, 7, 4), Device.CPU);
        Tensor dg = out(Shape.of(5, 7, 4), Device.CUDA);
        CPU.copy(x.cpu(), dc.permute(2, 1, 0));
        gpu.copy(x.gpu(), dg.permute(2, 1, 0));
        assertClose("copy strided -> permuted", dg.toFloatArray(), dc.toFloatArray(), 0);
        Pair c = randn(2, t -> t, 3, 11);
        assertClose("download contiguous [3, 11]", c.gpu().toFloatArray(), c.cpu().toFloatArray(), 0);
        Pair s = randn(3, t -> t.slice(1, 2, 9), 3, 11);
        assertClose("download column slice", s.gpu().toFloatArray(), s.cpu().toFloatArray(), 0);
    }

    @Test
    void unaryOps() {
        Pair x = randn(4, t -> strided(t.mul(3f)), 7, 5, 9);
        for (UnaryOp op : UnaryOp.values()) {
            Tensor oc = out(x.cpu().shape(), Device.CPU);
            Tensor og = out(x.gpu().shape(), Device.CUDA);
            CPU.unary(op, x.cpu(), oc);
            gpu.unary(op, x.gpu(), og);
            // The floor covers results below 1e-12, where the CPU's double evaluation of 1 + erf or 1 + tanh
            // (GELU at x < -7) cancels; everything larger is held to 1e-5 relative.
            assertClose("unary " + op + " " + x.cpu().shape(), og.toFloatArray(), oc.toFloatArray(), 1e-12);
        }
    }

    @Test
    void binaryOpsWithBroadcasting() {
        Pair a = randn(5, CudaBackendTest::strided, 7, 5, 9);
        Pair b = randn(6, t -> t.unsqueeze(0).unsqueeze(0).expand(4, 7, 5), 5); // stride 0 on two dims
        Pair ia = choices(7, new float[] {-1, 0, 1, 2}, CudaBackendTest::strided, 7, 5, 9);
        Pair ib = choices(8, new float[] {-1, 0, 1, 2}, t -> t.unsqueeze(0).unsqueeze(0).expand(4, 7, 5), 5);
        for (BinaryOp op : BinaryOp.values()) {
            for (Pair[] ab : new Pair[][] {{a, b}, {ia, ib}}) {
                Tensor oc = out(Shape.of(4, 7, 5), Device.CPU);
                Tensor og = out(Shape.of(4, 7, 5), Device.CUDA);
                CPU.binary(op, ab[0].cpu(), ab[1].cpu(), oc);
                gpu.binary(op, ab[0].gpu(), ab[1].gpu(), og);
                assertClose("binary " + op + " [4, 7, 5] with [5] broadcast", og.toFloatArray(), oc.toFloatArray(), 1e-30);
            }
            Tensor oc = out(Shape.of(4, 7, 5), Device.CPU);
            Tensor og = out(Shape.of(4, 7, 5), Device.CUDA);
            float s = op == BinaryOp.POW ? 3f : 0.7f;
            CPU.binaryScalar(op, a.cpu(), s, oc);
            gpu.binaryScalar(op, a.gpu(), s, og);
            assertClose("binaryScalar " + op + " " + s, og.toFloatArray(), oc.toFloatArray(), 1e-30);
        }
    }

    @Test
    void whereWithBroadcastCondition() {
        Pair c = choices(9, new float[] {0, 1}, t -> t.unsqueeze(0).expand(4, 7, 5), 7, 5);
        Pair a = randn(10, CudaBackendTest::strided, 7, 5, 9);
        Pair b = randn(11, t -> t.expand(4, 7, 5), 1, 1, 5);
        Tensor oc = out(Shape.of(4, 7, 5), Device.CPU);
        Tensor og = out(Shape.of(4, 7, 5), Device.CUDA);
        CPU.where(c.cpu(), a.cpu(), b.cpu(), oc);
        gpu.where(c.gpu(), a.gpu(), b.gpu(), og);
        assertClose("where [4, 7, 5]", og.toFloatArray(), oc.toFloatArray(), 0);
    }

    @Test
    void reductionsOverDimSets() {
        Pair x = randn(12, CudaBackendTest::strided, 7, 5, 9);
        Pair ties = choices(13, new float[] {-2, 1, 3}, CudaBackendTest::strided, 7, 5, 9);
        Pair big = randn(14, t -> t.transpose(0, 1), 300, 3); // [3, 300]: lines longer than a block
        int[][] dimSets = {{0}, {1}, {2}, {0, 2}, {0, 1, 2}};
        for (ReduceOp op : ReduceOp.values()) {
            for (Pair p : new Pair[] {x, ties, big}) {
                int rank = p.cpu().rank();
                for (int[] dims : dimSets) {
                    if (dims[dims.length - 1] >= rank || (op == ReduceOp.ARGMAX && dims.length != 1)) {
                        continue;
                    }
                    int[] o = p.cpu().shape().dims();
                    for (int d : dims) {
                        o[d] = 1;
                    }
                    Tensor oc = out(Shape.of(o), Device.CPU);
                    Tensor og = out(Shape.of(o), Device.CUDA);
                    CPU.reduce(op, p.cpu(), dims, oc);
                    gpu.reduce(op, p.gpu(), dims, og);
                    assertClose("reduce " + op + " " + p.cpu().shape() + " over " + java.util.Arrays.toString(dims),
                        og.toFloatArray(), oc.toFloatArray(), 1e-6);
                }
            }
        }
    }

    /**
     * GPU and CPU products against a float64 product from plain loops. A float32 dot product's error scales with
     * {@code sum_p |a_ip| |b_pj|}, so that is the yardstick: each backend within 1e-5 of it from the exact value.
     */
    private void matmulCase(String name, Pair a, Pair b) {
        Shape os = a.cpu().shape().with(-1, b.cpu().size(-1));
        Tensor oc = out(os, Device.CPU);
        Tensor og = out(os, Device.CUDA);
        CPU.matmul(a.cpu(), b.cpu(), oc);
        gpu.matmul(a.gpu(), b.gpu(), og);
        int m = os.dim(-2);
        int n = os.dim(-1);
        int k = a.cpu().size(-1);
        float[] av = a.cpu().contiguous().toFloatArray();
        float[] bv = b.cpu().contiguous().toFloatArray();
        float[] g = og.toFloatArray();
        float[] c = oc.toFloatArray();
        double worst = 0;
        for (int batch = 0; batch < c.length / (m * n); batch++) {
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    double exact = 0;
                    double scale = 0;
                    for (int p = 0; p < k; p++) {
                        double x = av[(batch * m + i) * k + p];
                        double y = bv[(batch * k + p) * n + j];
                        exact += x * y;
                        scale += Math.abs(x * y);
                    }
                    int e = (batch * m + i) * n + j;
                    worst = Math.max(worst, Math.abs(g[e] - exact) / scale);
                    org.assertj.core.api.Assertions.assertThat(Math.abs(g[e] - exact))
                        .as("%s element %d: gpu %s exact %s", name, e, g[e], exact).isLessThanOrEqualTo(1e-5 * scale);
                    org.assertj.core.api.Assertions.assertThat(Math.abs(c[e] - exact))
                        .as("%s element %d: cpu %s exact %s", name, e, c[e], exact).isLessThanOrEqualTo(1e-5 * scale);
                }
            }
        }
        System.out.printf("matmul %-26s %s x %s -> %s ok, worst gpu error / sum|a||b| %.1e%n", name, a.cpu().shape(),
            b.cpu().shape(), os, worst);
    }

    @Test
    void matmulOnStridedBatchedAndBroadcastOperands() {
        matmulCase("plain", randn(20, t -> t, 13, 17), randn(21, t -> t, 17, 11));
        matmulCase("a^T", randn(22, t -> t.transpose(0, 1), 17, 13), randn(23, t -> t, 17, 11));
        matmulCase("b^T", randn(24, t -> t, 13, 17), randn(25, t -> t.transpose(0, 1), 11, 17));
        matmulCase("stepped a (copied)", randn(26, t -> t.slice(1, 0, 34, 2), 13, 34), randn(27, t -> t, 17, 11));
        matmulCase("batched, b broadcast", randn(28, t -> t, 3, 13, 17), randn(29, t -> t.unsqueeze(0).expand(3, 17, 11), 17, 11));
        // attention: q, k as [B, H, T, D] views of a [B, T, H, D] buffer
        Pair q = randn(30, t -> t.permute(0, 2, 1, 3), 2, 9, 3, 8);
        Pair k = randn(31, t -> t.permute(0, 2, 3, 1), 2, 9, 3, 8);
        matmulCase("attention q k^T", q, k);
        Pair w = randn(32, t -> t, 2, 3, 9, 9);
        matmulCase("attention weights v", w, q);
        matmulCase("large odd", randn(33, t -> t, 129, 257), randn(34, t -> t, 257, 65));
    }

    @Test
    void softmaxAndLogSoftmaxAlongEveryDim() {
        Pair x = randn(40, t -> strided(t.mul(4f)), 7, 5, 9);
        Pair wide = randn(41, t -> t, 3, 1000);
        Pair masked = choices(42, new float[] {Float.NEGATIVE_INFINITY, 0.5f, -1f}, t -> t, 6, 3);
        for (Pair p : new Pair[] {x, wide, masked}) {
            for (int dim = 0; dim < p.cpu().rank(); dim++) {
                for (boolean log : new boolean[] {false, true}) {
                    Tensor oc = out(p.cpu().shape(), Device.CPU);
                    Tensor og = out(p.cpu().shape(), Device.CUDA);
                    CPU.softmax(p.cpu(), dim, log, oc);
                    gpu.softmax(p.gpu(), dim, log, og);
                    assertClose((log ? "log-softmax " : "softmax ") + p.cpu().shape() + " dim " + dim, og.toFloatArray(),
                        oc.toFloatArray(), 1e-7);
                }
            }
        }
    }

    @Test
    void layerNormWithStatistics() {
        for (int n : new int[] {5, 33, 769}) {
            Pair x = randn(50 + n, t -> t.mul(2f).add(0.5f).permute(1, 0, 2), 3, 7, n);
            Pair w = randn(51 + n, t -> t, n);
            Pair b = randn(52 + n, t -> t.slice(0, 0, 2 * n, 2), 2 * n); // a stepped bias
            Shape stat = x.cpu().shape().with(-1, 1);
            Tensor[] c = {out(x.cpu().shape(), Device.CPU), out(stat, Device.CPU), out(stat, Device.CPU)};
            Tensor[] g = {out(x.cpu().shape(), Device.CUDA), out(stat, Device.CUDA), out(stat, Device.CUDA)};
            CPU.layerNorm(x.cpu(), w.cpu(), b.cpu(), 1e-5f, c[0], c[1], c[2]);
            gpu.layerNorm(x.gpu(), w.gpu(), b.gpu(), 1e-5f, g[0], g[1], g[2]);
            assertClose("layerNorm " + x.cpu().shape(), g[0].toFloatArray(), c[0].toFloatArray(), 1e-6);
            assertClose("layerNorm mean " + stat, g[1].toFloatArray(), c[1].toFloatArray(), 1e-7);
            assertClose("layerNorm rstd " + stat, g[2].toFloatArray(), c[2].toFloatArray(), 0);
        }
    }

    @Test
    void im2colAndCol2im() {
        int[][] cases = {{3, 4, 2, 1}, {4, 4, 4, 0}, {3, 3, 1, 1}}; // kh, kw, stride, padding
        for (int[] k : cases) {
            Pair x = randn(60 + k[0] * 10 + k[2], t -> t.permute(0, 3, 1, 2), 2, 11, 13, 3); // NCHW view of NHWC
            int oh = (11 + 2 * k[3] - k[0]) / k[2] + 1;
            int ow = (13 + 2 * k[3] - k[1]) / k[2] + 1;
            Shape cols = Shape.of(2, oh * ow, 3 * k[0] * k[1]);
            Tensor oc = out(cols, Device.CPU);
            Tensor og = out(cols, Device.CUDA);
            CPU.im2col(x.cpu(), k[0], k[1], k[2], k[3], oc);
            gpu.im2col(x.gpu(), k[0], k[1], k[2], k[3], og);
            String name = String.format("kernel %dx%d stride %d padding %d", k[0], k[1], k[2], k[3]);
            assertClose("im2col " + x.cpu().shape() + " -> " + cols + " " + name, og.toFloatArray(), oc.toFloatArray(), 0);
            Pair cp = randn(70 + k[0] + k[2], t -> t, 2, oh * ow, 3 * k[0] * k[1]);
            Tensor ic = out(Shape.of(2, 3, 11, 13), Device.CPU);
            Tensor ig = out(Shape.of(2, 3, 11, 13), Device.CUDA);
            CPU.col2im(cp.cpu(), k[0], k[1], k[2], k[3], ic);
            gpu.col2im(cp.gpu(), k[0], k[1], k[2], k[3], ig);
            assertClose("col2im " + cols + " -> [2, 3, 11, 13] " + name, ig.toFloatArray(), ic.toFloatArray(), 1e-6);
        }
    }

    @Test
    void storageReleaseIsImmediateAndIdempotent() {
        CudaStorage s = (CudaStorage) gpu.allocate(1000);
        s.release();
        s.release();
        org.assertj.core.api.Assertions.assertThat(s.isReleased()).isTrue();
        org.assertj.core.api.Assertions.assertThatThrownBy(s::address).hasMessageContaining("released");
    }
}
