// SPDX-License-Identifier: MIT
// Patch unfolding for convolutions (the ViT patch embedding is a conv with stride = kernel size).
// x and the image out of col2im are [N, C, H, W] with any strides; cols is contiguous
// [N, OH*OW, C*KH*KW] with features ordered (c, kh, kw), OH = (H + 2 pad - KH) / stride + 1 (likewise OW).
#include "common.cuh"

// cols[(n, oy, ox), (c, i, j)] = x[n, c, oy*stride - pad + i, ox*stride - pad + j], or 0 in the padding.
extern "C" __global__ void vit_im2col(const float* x, Strides xs, int N, int C, int H, int W, int KH, int KW,
                                      int stride, int pad, int OH, int OW, float* cols, long long total) {
    const int feat = C * KH * KW;
    VIT_GRID_STRIDE(e, total) {
        const int f = (int) (e % feat);
        const long long row = e / feat;
        const int pix = (int) (row % ((long long) OH * OW));
        const int n = (int) (row / ((long long) OH * OW));
        const int c = f / (KH * KW);
        const int i = (f / KW) % KH;
        const int j = f % KW;
        const int y = (pix / OW) * stride - pad + i;
        const int xx = (pix % OW) * stride - pad + j;
        float v = 0.0f;
        if (y >= 0 && y < H && xx >= 0 && xx < W) {
            v = x[xs.offset + (long long) n * xs.stride[0] + (long long) c * xs.stride[1] + (long long) y * xs.stride[2]
                  + (long long) xx * xs.stride[3]];
        }
        cols[e] = v;
    }
}

// The adjoint: image[n, c, y, x] += sum of cols[(n, oy, ox), (c, i, j)] over the windows with
// oy*stride - pad + i = y and ox*stride - pad + j = x. One thread per pixel, no atomics; the terms are
// added in the CPU's order (oy, ox ascending, i.e. i, j descending), so the sums match it exactly.
extern "C" __global__ void vit_col2im(const float* cols, int N, int C, int H, int W, int KH, int KW, int stride,
                                      int pad, int OH, int OW, float* image, Strides is, long long total) {
    const int feat = C * KH * KW;
    VIT_GRID_STRIDE(e, total) {
        const int xx = (int) (e % W);
        const int y = (int) ((e / W) % H);
        const int c = (int) ((e / ((long long) W * H)) % C);
        const int n = (int) (e / ((long long) W * H * C));
        const long long pos = is.offset + (long long) n * is.stride[0] + (long long) c * is.stride[1]
                              + (long long) y * is.stride[2] + (long long) xx * is.stride[3];
        float acc = image[pos];
        for (int i = KH - 1; i >= 0; --i) {
            const int ty = y + pad - i;
            if (ty < 0 || ty % stride != 0 || ty / stride >= OH) continue;
            const int oy = ty / stride;
            for (int j = KW - 1; j >= 0; --j) {
                const int tx = xx + pad - j;
                if (tx < 0 || tx % stride != 0 || tx / stride >= OW) continue;
                const int ox = tx / stride;
                acc = __fadd_rn(acc, cols[((long long) n * OH * OW + (long long) oy * OW + ox) * feat
                                          + c * KH * KW + i * KW + j]);
            }
        }
        image[pos] = acc;
    }
}
