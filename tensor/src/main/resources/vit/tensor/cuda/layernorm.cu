// SPDX-License-Identifier: MIT
// Layer norm over the last dim, one block per row, with the statistics the backward pass needs.
// Matches vit.tensor.cpu.CpuBackend.layerNorm: moments in double, the affine step in float.
#include "common.cuh"

#define VIT_LAYERNORM_THREADS 256

__device__ double vit_block_sum(double v, double* buf) {
    const int t = threadIdx.x;
    buf[t] = v;
    __syncthreads();
    for (int s = blockDim.x / 2; s > 0; s >>= 1) {
        if (t < s) buf[t] += buf[t + s];
        __syncthreads();
    }
    double r = buf[0];
    __syncthreads();
    return r;
}

// mu = (1/n) sum_i x_i,  var = (1/n) sum_i (x_i - mu)^2 (biased),  rstd = 1 / sqrt(var + eps),
// out_i = (x_i - mu) * rstd * weight_i + bias_i;  mean = mu, rstd = rstd.
extern "C" __global__ void vit_layer_norm(Dims rows, Strides xRows, Strides outRows, Strides meanRows,
                                          Strides rstdRows, const float* x, int xStep, const float* weight,
                                          int weightStep, const float* bias, int biasStep, float eps, float* out,
                                          int outStep, float* mean, float* rstd, int n, long long rowCount) {
    __shared__ double buf[VIT_LAYERNORM_THREADS];
    const int t = threadIdx.x;
    for (long long r = blockIdx.x; r < rowCount; r += gridDim.x) {
        const long long px = vit_position(rows, xRows, r);
        double s = 0.0;
        for (int i = t; i < n; i += blockDim.x) s += x[px + (long long) i * xStep];
        const double mu = vit_block_sum(s, buf) / n;
        double v = 0.0;
        for (int i = t; i < n; i += blockDim.x) {
            double d = x[px + (long long) i * xStep] - mu;
            v += d * d;
        }
        const double var = vit_block_sum(v, buf) / n;
        const float rs = (float) (1.0 / sqrt(var + (double) eps));
        const float m = (float) mu;
        const long long po = vit_position(rows, outRows, r);
        for (int i = t; i < n; i += blockDim.x) {
            float centered = __fsub_rn(x[px + (long long) i * xStep], m);
            float scaled = __fmul_rn(__fmul_rn(centered, rs), weight[(long long) i * weightStep]);
            out[po + (long long) i * outStep] = __fadd_rn(scaled, bias[(long long) i * biasStep]);
        }
        if (t == 0) {
            mean[vit_position(rows, meanRows, r)] = m;
            rstd[vit_position(rows, rstdRows, r)] = rs;
        }
    }
}
