// SPDX-License-Identifier: MIT
package vit.tensor.cuda;

import org.bytedeco.javacpp.FloatPointer;

/** A {@code float*} into GPU memory, for APIs such as cuBLAS that take pointers rather than addresses. */
final class DevicePointer extends FloatPointer {
    DevicePointer(long address) {
        this.address = address;
    }
}
