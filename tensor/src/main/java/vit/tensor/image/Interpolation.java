// SPDX-License-Identifier: MIT
package vit.tensor.image;

/**
 * The resampling filters of PIL (and of torchvision's {@code InterpolationMode}), each a kernel
 * {@code k(x)} that is zero outside {@code [-support, support]}.
 */
public enum Interpolation {
    /** The triangle {@code k(x) = max(0, 1 - |x|)}, support 1. */
    BILINEAR(1.0),
    /**
     * Keys' cubic convolution with {@code a = -0.5}, support 2:
     * {@code k(x) = (a+2)|x|^3 - (a+3)|x|^2 + 1} for {@code |x| < 1},
     * {@code a(|x|^3 - 5|x|^2 + 8|x| - 4)} for {@code 1 <= |x| < 2}.
     */
    BICUBIC(2.0);

    private static final double A = -0.5;

    private final double support;

    Interpolation(double support) {
        this.support = support;
    }

    /** Half the width of the kernel, in input pixels, before it is stretched for downscaling. */
    public double support() {
        return support;
    }

    /** The kernel's value at {@code x}. */
    public double kernel(double x) {
        double t = Math.abs(x);
        if (this == BILINEAR) {
            return t < 1.0 ? 1.0 - t : 0.0;
        }
        if (t < 1.0) {
            return ((A + 2.0) * t - (A + 3.0)) * t * t + 1.0;
        }
        if (t < 2.0) {
            return (((t - 5.0) * t + 8.0) * t - 4.0) * A;
        }
        return 0.0;
    }
}
