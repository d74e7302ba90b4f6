// SPDX-License-Identifier: MIT
/**
 * einops and einsum for {@link vit.tensor.Tensor}: the ViT article writes its reshapes as patterns
 * ({@code rearrange}, {@code reduce}, {@code repeat}, and the {@code Rearrange}/{@code Reduce} layers) and
 * its attention as {@code einsum}, so the Java chapters can too.
 *
 * <p>Pattern grammar, as einops: names ({@code b}, {@code s1}, {@code γ}), groups in parentheses
 * ({@code (h s1)}, outer axis first), unit dimensions {@code ()} or {@code 1}, anonymous sizes
 * ({@code 2}) where the operation allows them, and {@code ...} for the dimensions not named. Everything is
 * built from public {@code Tensor} operations (reshape, permute, expand, sum/mean/max/min, matmul), so
 * results have gradients and run on whichever device holds the input. Errors are
 * {@link vit.tensor.einops.EinopsException}s that quote the operation and the pattern.
 */
package vit.tensor.einops;
