// SPDX-License-Identifier: MIT
package vit.tensor;

/** Elementwise functions of one argument. Each documents its formula; every backend computes the same. */
public enum UnaryOp {
    /** {@code -x} */
    NEG,
    /** {@code e^x} */
    EXP,
    /** {@code ln x} */
    LOG,
    /** {@code sqrt x} */
    SQRT,
    /** {@code 1 / sqrt x} */
    RSQRT,
    /** {@code |x|} */
    ABS,
    /** {@code tanh x} */
    TANH,
    /** {@code max(x, 0)} */
    RELU,
    /** {@code x * Phi(x) = x/2 * (1 + erf(x / sqrt 2))}, the exact GELU */
    GELU,
    /** {@code x/2 * (1 + tanh(sqrt(2/pi) * (x + 0.044715 x^3)))}, GELU's tanh approximation */
    GELU_TANH,
    /** {@code d/dx GELU(x) = Phi(x) + x * phi(x)} */
    GELU_GRAD,
    /** {@code d/dx GELU_TANH(x)} */
    GELU_TANH_GRAD,
    /** {@code 1 if x > 0 else 0}, ReLU's derivative */
    STEP,
    /** {@code erf x} */
    ERF
}
