// SPDX-License-Identifier: MIT
package vit.tensor.cuda;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.LongPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerPointer;

/**
 * A kernel's argument list for {@code cuLaunchKernel}: an array of pointers, each to one argument's bytes.
 * Structs ({@code Dims}, {@code Strides}) are all-int, so their bytes are just an int array. Native memory
 * is freed on {@link #close()}, which is safe right after the launch (the driver copies the arguments).
 */
final class KernelArgs implements AutoCloseable {
    private final List<Pointer> values = new ArrayList<>();

    KernelArgs ints(int... v) {
        values.add(new IntPointer(v));
        return this;
    }

    KernelArgs int32(int v) {
        return ints(v);
    }

    KernelArgs int64(long v) {
        values.add(new LongPointer(new long[] {v}));
        return this;
    }

    KernelArgs float32(float v) {
        values.add(new FloatPointer(new float[] {v}));
        return this;
    }

    /** A device pointer ({@code float*}) to element {@code offset} of the buffer at {@code address}. */
    KernelArgs pointer(long address, long offset) {
        return int64(address + offset * Float.BYTES);
    }

    PointerPointer<Pointer> array() {
        PointerPointer<Pointer> pp = new PointerPointer<>(values.size());
        for (int i = 0; i < values.size(); i++) {
            pp.put(i, values.get(i));
        }
        values.add(pp);
        return pp;
    }

    @Override
    public void close() {
        for (Pointer p : values) {
            p.close();
        }
        values.clear();
    }
}
