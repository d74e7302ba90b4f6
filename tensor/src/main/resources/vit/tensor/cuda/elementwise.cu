// SPDX-License-Identifier: MIT
// Elementwise kernels over strided, broadcast (stride 0) operands. The formulas are those of
// vit.tensor.cpu.Formulas; the op codes are the ordinals of vit.tensor.UnaryOp and vit.tensor.BinaryOp.
#include "common.cuh"

#define SQRT_2_OVER_PI 0.7978845608028654
#define INV_SQRT_2PI 0.3989422804014327
#define INV_SQRT_2 0.7071067811865476

// Phi(x) = (1 + erf(x / sqrt 2)) / 2, the standard normal CDF, in double.
__device__ __forceinline__ double vit_phi(double x) { return normcdf(x); }

__device__ float unary_formula(int op, float x) {
    switch (op) {
        case 0: return -x;                                   // NEG: -x
        case 1: return expf(x);                              // EXP: e^x
        case 2: return logf(x);                              // LOG: ln x
        case 3: return sqrtf(x);                             // SQRT: sqrt x (correctly rounded)
        case 4: return (float) (1.0 / sqrt((double) x));     // RSQRT: 1 / sqrt x, rounded once
        case 5: return fabsf(x);                             // ABS: |x|
        case 6: return tanhf(x);                             // TANH: tanh x
        case 7: return x > 0.0f ? x : (vit_isnan(x) ? x : 0.0f);   // RELU: max(x, 0), NaN stays NaN
        case 8: return x * normcdff(x);                      // GELU: x * Phi(x), the exact (erf) GELU
        case 9: {                                            // GELU_TANH: x/2 (1 + tanh(sqrt(2/pi)(x + 0.044715 x^3)))
            // 1 + tanh(u) = 2 / (1 + e^{-2u}): no cancellation for negative x.
            double u = SQRT_2_OVER_PI * ((double) x + 0.044715 * (double) x * x * x);
            return (float) ((double) x / (1.0 + exp(-2.0 * u)));
        }
        case 10: {                                           // GELU_GRAD: Phi(x) + x phi(x)
            // The two terms cancel near x = -0.75, so this one is evaluated in double like the CPU.
            double d = x;
            return (float) (vit_phi(d) + d * INV_SQRT_2PI * exp(-0.5 * d * d));
        }
        case 11: {                                           // GELU_TANH_GRAD: d/dx GELU_TANH(x), in double
            double d = x;
            double u = SQRT_2_OVER_PI * (d + 0.044715 * d * d * d);
            double t = tanh(u);
            return (float) (0.5 * (1 + t) + 0.5 * d * (1 - t * t) * SQRT_2_OVER_PI * (1 + 3 * 0.044715 * d * d));
        }
        case 12: return x > 0.0f ? 1.0f : 0.0f;              // STEP: 1 if x > 0 else 0
        case 13: return erff(x);                             // ERF: erf x
        default: return vit_nan();
    }
}

__device__ float binary_formula(int op, float a, float b) {
    switch (op) {
        case 0: return __fadd_rn(a, b);                      // ADD: a + b
        case 1: return __fsub_rn(a, b);                      // SUB: a - b
        case 2: return __fmul_rn(a, b);                      // MUL: a * b
        case 3: return __fdiv_rn(a, b);                      // DIV: a / b (IEEE division)
        case 4: return (float) pow((double) a, (double) b);  // POW: a ^ b, rounded once
        case 5: return vit_isnan(a) || vit_isnan(b) ? vit_nan() : fmaxf(a, b);   // MAX: NaN wins
        case 6: return vit_isnan(a) || vit_isnan(b) ? vit_nan() : fminf(a, b);   // MIN: NaN wins
        case 7: return a > b ? 1.0f : 0.0f;                  // GT: a > b
        case 8: return a < b ? 1.0f : 0.0f;                  // LT: a < b
        case 9: return a == b ? 1.0f : 0.0f;                 // EQ: a == b
        default: return vit_nan();
    }
}

// out[e] = op(x[e])
extern "C" __global__ void vit_unary(int op, Dims dims, const float* x, Strides xs, float* out, Strides os, long long n) {
    VIT_GRID_STRIDE(e, n) {
        out[vit_position(dims, os, e)] = unary_formula(op, x[vit_position(dims, xs, e)]);
    }
}

// out[e] = op(a[e], b[e]); a and b are already broadcast to out's dims (stride 0 where broadcast).
extern "C" __global__ void vit_binary(int op, Dims dims, const float* a, Strides as, const float* b, Strides bs,
                                      float* out, Strides os, long long n) {
    VIT_GRID_STRIDE(e, n) {
        out[vit_position(dims, os, e)] = binary_formula(op, a[vit_position(dims, as, e)], b[vit_position(dims, bs, e)]);
    }
}

// out[e] = op(a[e], s)
extern "C" __global__ void vit_binary_scalar(int op, Dims dims, const float* a, Strides as, float s, float* out,
                                             Strides os, long long n) {
    VIT_GRID_STRIDE(e, n) {
        out[vit_position(dims, os, e)] = binary_formula(op, a[vit_position(dims, as, e)], s);
    }
}

// out[e] = cond[e] != 0 ? a[e] : b[e]
extern "C" __global__ void vit_where(Dims dims, const float* cond, Strides cs, const float* a, Strides as,
                                     const float* b, Strides bs, float* out, Strides os, long long n) {
    VIT_GRID_STRIDE(e, n) {
        float c = cond[vit_position(dims, cs, e)];
        out[vit_position(dims, os, e)] = c != 0.0f ? a[vit_position(dims, as, e)] : b[vit_position(dims, bs, e)];
    }
}
