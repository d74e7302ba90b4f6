// SPDX-License-Identifier: MIT
package vit.tensor;

/** Reductions over one or more dimensions. */
public enum ReduceOp {
    SUM,
    MEAN,
    MAX,
    MIN,
    /** Index of the first maximum along a single dimension, as a float. */
    ARGMAX
}
