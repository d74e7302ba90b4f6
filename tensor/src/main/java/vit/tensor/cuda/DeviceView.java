// SPDX-License-Identifier: MIT
package vit.tensor.cuda;

import java.util.Arrays;
import vit.tensor.Tensor;

/**
 * What a kernel needs to know about a tensor: the device address of its storage, and the offset, sizes
 * and strides (in floats) of the view. Also describes scratch buffers that are not tensors.
 */
record DeviceView(long address, int offset, int[] sizes, int[] strides) {
    static DeviceView of(Tensor t) {
        if (!(t.storage() instanceof CudaStorage)) {
            throw new IllegalArgumentException("the CUDA backend was given a tensor of shape " + t.shape() + " on "
                + t.device() + "; move it with .to(Device.CUDA) first");
        }
        return new DeviceView(((CudaStorage) t.storage()).address(), t.offset(), t.shape().dims(), t.strides());
    }

    static DeviceView contiguous(long address, int[] sizes) {
        int[] strides = new int[sizes.length];
        int s = 1;
        for (int d = sizes.length - 1; d >= 0; d--) {
            strides[d] = s;
            s *= sizes[d];
        }
        return new DeviceView(address, 0, sizes.clone(), strides);
    }

    /** The same view with dim {@code d} removed (the lines of a softmax or a layer norm). */
    DeviceView without(int d) {
        return new DeviceView(address, offset, drop(sizes, d), drop(strides, d));
    }

    private static int[] drop(int[] a, int i) {
        int[] out = new int[a.length - 1];
        System.arraycopy(a, 0, out, 0, i);
        System.arraycopy(a, i + 1, out, i, a.length - i - 1);
        return out;
    }

    /** The device address of the view's element at flat storage distance {@code i} from its offset. */
    long element(long i) {
        return address + (offset + i) * Float.BYTES;
    }

    long numel() {
        long n = 1;
        for (int s : sizes) {
            n *= s;
        }
        return n;
    }

    @Override
    public String toString() {
        return "DeviceView" + Arrays.toString(sizes) + " strides " + Arrays.toString(strides) + " offset " + offset;
    }
}
