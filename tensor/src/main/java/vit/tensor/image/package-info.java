// SPDX-License-Identifier: MIT
/**
 * Images in, tensors out: reading PNG/JPEG as PIL does ({@link vit.tensor.image.Images}) and torchvision's
 * preprocessing ({@link vit.tensor.image.Transforms}), exact to the byte on 8-bit images
 * ({@link vit.tensor.image.Image8}) and within a level on float tensors.
 */
package vit.tensor.image;
