// SPDX-License-Identifier: MIT
// Reductions over any set of dims: one block per output element, the host passes the kept dims (outer)
// and the reduced dims (inner) of x as two strided index spaces. Op codes are vit.tensor.ReduceOp ordinals.
#include "common.cuh"

#define VIT_REDUCE_THREADS 256

// ARGMAX order: a NaN beats any number, then the larger value, then the smaller index (the first maximum).
__device__ __forceinline__ bool vit_better(double v, long long j, double a, long long bj) {
    bool vn = v != v;
    bool an = a != a;
    if (vn) return !an || j < bj;
    if (an) return false;
    return v > a || (v == a && j < bj);
}

// SUM:    out = sum_j x_j            (accumulated in double, rounded once)
// MEAN:   out = (sum_j x_j) / count
// MAX:    out = max_j x_j            (NaN if any x_j is NaN)
// MIN:    out = min_j x_j            (NaN if any x_j is NaN)
// ARGMAX: out = the first j with x_j = max (the first NaN if any), as a float
extern "C" __global__ void vit_reduce(int op, Dims outer, Strides xOuter, Dims inner, Strides xInner, const float* x,
                                      float* out, long long outerCount, long long innerCount) {
    __shared__ double acc[VIT_REDUCE_THREADS];
    __shared__ long long idx[VIT_REDUCE_THREADS];
    const int t = threadIdx.x;
    const bool extremum = op == 2 || op == 3 || op == 4;
    for (long long o = blockIdx.x; o < outerCount; o += gridDim.x) {
        const long long base = vit_position(outer, xOuter, o);
        double a = op == 3 ? (double) vit_inf() : (extremum ? -(double) vit_inf() : 0.0);
        long long best = innerCount; // loses every tie against a real index
        for (long long j = t; j < innerCount; j += blockDim.x) {
            double v = x[base + vit_position(inner, xInner, j)];
            if (op == 0 || op == 1) {
                a += v;
            } else if (op == 2) {
                a = (v != v || a != a) ? (double) vit_nan() : fmax(a, v);
            } else if (op == 3) {
                a = (v != v || a != a) ? (double) vit_nan() : fmin(a, v);
            } else if (vit_better(v, j, a, best)) {
                a = v;
                best = j;
            }
        }
        acc[t] = a;
        idx[t] = best;
        __syncthreads();
        for (int s = blockDim.x / 2; s > 0; s >>= 1) {
            if (t < s) {
                double b = acc[t + s];
                if (op == 0 || op == 1) {
                    acc[t] += b;
                } else if (op == 2) {
                    acc[t] = (b != b || acc[t] != acc[t]) ? (double) vit_nan() : fmax(acc[t], b);
                } else if (op == 3) {
                    acc[t] = (b != b || acc[t] != acc[t]) ? (double) vit_nan() : fmin(acc[t], b);
                } else if (vit_better(b, idx[t + s], acc[t], idx[t])) {
                    acc[t] = b;
                    idx[t] = idx[t + s];
                }
            }
            __syncthreads();
        }
        if (t == 0) {
            double r = acc[0];
            if (op == 1) r = r / (double) innerCount;
            if (op == 4) r = (double) (idx[0] == innerCount ? 0 : idx[0]);
            out[o] = (float) r;
        }
        __syncthreads();
    }
}
