// SPDX-License-Identifier: MIT
/**
 * What {@code torch.optim} gives a training loop: {@link vit.nn.optim.SGD} and {@link vit.nn.optim.AdamW}
 * (both behind {@link vit.nn.optim.Optimizer}: {@code step()}, {@code zeroGrad()}), learning-rate
 * {@link vit.nn.optim.Schedules} (linear warm-up, then cosine decay to a floor), and
 * {@link vit.nn.optim.GradClip#clipGradNorm} ({@code clip_grad_norm_}). Each update follows PyTorch's
 * documented formulas, which the tests write out in double.
 */
package vit.nn.optim;
