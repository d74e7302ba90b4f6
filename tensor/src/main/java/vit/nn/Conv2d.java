// SPDX-License-Identifier: MIT
package vit.nn;

import vit.tensor.Functional;
import vit.tensor.Generator;
import vit.tensor.Shape;
import vit.tensor.Tensor;

/**
 * 2-D convolution, as {@code nn.Conv2d(inChannels, outChannels, kernelSize, stride, padding)}: weight
 * {@code [out, in, k, k]}, bias {@code [out]}; input {@code [N, in, H, W]} to {@code [N, out, H', W']}.
 */
public final class Conv2d extends Module {
    private final int inChannels;
    private final int outChannels;
    private final int kernelSize;
    private final int stride;
    private final int padding;
    private final Parameter weight;
    private final Parameter bias;

    public Conv2d(int inChannels, int outChannels, int kernelSize, int stride, int padding, Generator gen) {
        this.inChannels = inChannels;
        this.outChannels = outChannels;
        this.kernelSize = kernelSize;
        this.stride = stride;
        this.padding = padding;
        int fanIn = inChannels * kernelSize * kernelSize;
        this.weight = registerParameter("weight", Init.fanIn(Shape.of(outChannels, inChannels, kernelSize, kernelSize), fanIn, gen));
        this.bias = registerParameter("bias", Init.fanIn(Shape.of(outChannels), fanIn, gen));
    }

    @Override
    public Tensor forward(Tensor x) {
        if (x.rank() != 4 || x.size(1) != inChannels) {
            throw new IllegalArgumentException(this + " expects input [N, " + inChannels + ", H, W], got " + x.shape());
        }
        return Functional.conv2d(x, weight.value(), bias.value(), stride, padding);
    }

    public Parameter weight() {
        return weight;
    }

    public Parameter bias() {
        return bias;
    }

    @Override
    public String toString() {
        return "Conv2d(" + inChannels + ", " + outChannels + ", kernel_size=(" + kernelSize + ", " + kernelSize + "), stride=(" + stride
            + ", " + stride + ")" + (padding != 0 ? ", padding=(" + padding + ", " + padding + ")" : "") + ")";
    }
}
