// SPDX-License-Identifier: MIT
// Shared by every kernel: the strided index space the host packs (vit.tensor.cuda.StridedLayout).
// Compiled by NVRTC without system headers, so only built-in types and math functions are used.
#pragma once

#define VIT_MAX_DIMS 8

// The sizes of a row-major index space after the host merged contiguous dims (rank <= 8).
struct Dims {
    int rank;
    int size[VIT_MAX_DIMS];
};

// Where one operand keeps element (i_0, ..., i_{rank-1}): offset + sum_d i_d * stride[d] (stride 0 = broadcast).
struct Strides {
    int offset;
    int stride[VIT_MAX_DIMS];
};

// position(e) = offset + sum_d i_d(e) * stride[d], where i(e) is the row-major multi-index of linear index e.
__device__ __forceinline__ long long vit_position(const Dims& d, const Strides& s, long long e) {
    long long pos = s.offset;
#pragma unroll
    for (int k = VIT_MAX_DIMS - 1; k >= 0; --k) {
        if (k < d.rank) {
            int n = d.size[k];
            pos += (e % n) * (long long) s.stride[k];
            e /= n;
        }
    }
    return pos;
}

__device__ __forceinline__ float vit_inf() { return __int_as_float(0x7f800000); }
__device__ __forceinline__ float vit_nan() { return __int_as_float(0x7fc00000); }
__device__ __forceinline__ bool vit_isnan(float x) { return x != x; }

// Every kernel walks its elements with a grid-stride loop: any grid size covers any n.
#define VIT_GRID_STRIDE(i, n) \
    for (long long i = (long long) blockIdx.x * blockDim.x + threadIdx.x; i < (n); i += (long long) gridDim.x * blockDim.x)
