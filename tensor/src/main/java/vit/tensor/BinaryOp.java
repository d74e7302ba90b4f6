// SPDX-License-Identifier: MIT
package vit.tensor;

/** Elementwise functions of two arguments; comparisons give 1 for true and 0 for false. */
public enum BinaryOp {
    /** {@code a + b} */
    ADD,
    /** {@code a - b} */
    SUB,
    /** {@code a * b} */
    MUL,
    /** {@code a / b} */
    DIV,
    /** {@code a ^ b} */
    POW,
    /** {@code max(a, b)} */
    MAX,
    /** {@code min(a, b)} */
    MIN,
    /** {@code a > b} */
    GT,
    /** {@code a < b} */
    LT,
    /** {@code a == b} */
    EQ
}
