// SPDX-License-Identifier: MIT
/**
 * The tutorial's figures as PNG files ({@link vit.tensor.plot.Plots}): attention heat maps, tiles of
 * position-embedding similarities, image grids, loss curves and bar charts. Runs headless.
 */
package vit.tensor.plot;
