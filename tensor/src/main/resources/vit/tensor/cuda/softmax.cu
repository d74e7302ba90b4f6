// SPDX-License-Identifier: MIT
// Softmax along one dim, one block per line. Like vit.tensor.cpu.Formulas.softmaxRow, the exponentials are
// summed in double and each output is rounded once.
#include "common.cuh"

#define VIT_SOFTMAX_THREADS 256

// m = max_j x_j (0 if the line is fully -inf), s = sum_j e^{x_j - m};
// softmax: out_i = e^{x_i - m} / s;  log-softmax: out_i = x_i - m - ln s.
extern "C" __global__ void vit_softmax(Dims lines, Strides xLines, Strides outLines, const float* x, int xStep,
                                       float* out, int outStep, int n, long long lineCount, int logSoftmax) {
    __shared__ float smax[VIT_SOFTMAX_THREADS];
    __shared__ double ssum[VIT_SOFTMAX_THREADS];
    const int t = threadIdx.x;
    for (long long line = blockIdx.x; line < lineCount; line += gridDim.x) {
        const long long px = vit_position(lines, xLines, line);
        const long long po = vit_position(lines, outLines, line);
        float m = -vit_inf();
        for (int i = t; i < n; i += blockDim.x) {
            float v = x[px + (long long) i * xStep];
            m = (vit_isnan(v) || vit_isnan(m)) ? vit_nan() : fmaxf(m, v);
        }
        smax[t] = m;
        __syncthreads();
        for (int s = blockDim.x / 2; s > 0; s >>= 1) {
            if (t < s) {
                float a = smax[t], b = smax[t + s];
                smax[t] = (vit_isnan(a) || vit_isnan(b)) ? vit_nan() : fmaxf(a, b);
            }
            __syncthreads();
        }
        m = smax[0];
        if (m == -vit_inf()) m = 0.0f; // a fully masked line: every term is 0 and the result NaN, as in PyTorch
        double sum = 0.0;
        for (int i = t; i < n; i += blockDim.x) {
            sum += exp((double) __fsub_rn(x[px + (long long) i * xStep], m));
        }
        ssum[t] = sum;
        __syncthreads();
        for (int s = blockDim.x / 2; s > 0; s >>= 1) {
            if (t < s) ssum[t] += ssum[t + s];
            __syncthreads();
        }
        sum = ssum[0];
        const double lse = log(sum);
        const double inv = 1.0 / sum;
        for (int i = t; i < n; i += blockDim.x) {
            double d = (double) __fsub_rn(x[px + (long long) i * xStep], m);
            out[po + (long long) i * outStep] = logSoftmax ? (float) (d - lse) : (float) (exp(d) * inv);
        }
        __syncthreads();
    }
}
