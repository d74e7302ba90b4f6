// SPDX-License-Identifier: MIT
// Strided copies: downloads of views, Tensor.copy, and the contiguous operands cuBLAS needs.
#include "common.cuh"

// dst[position(dstStrides, e)] = src[position(srcStrides, e)] for e in [0, n), both walked over the same dims.
extern "C" __global__ void vit_copy(Dims dims, const float* src, Strides srcStrides, float* dst, Strides dstStrides,
                                    long long n) {
    VIT_GRID_STRIDE(e, n) {
        dst[vit_position(dims, dstStrides, e)] = src[vit_position(dims, srcStrides, e)];
    }
}

// dst[i] = value for i in [0, n).
extern "C" __global__ void vit_fill(float* dst, float value, long long n) {
    VIT_GRID_STRIDE(i, n) {
        dst[i] = value;
    }
}
