// SPDX-License-Identifier: MIT
package vit.tensor.cuda;

import vit.tensor.Device;

/** Prints what {@code Device.parse("auto")} picks and the probe's reason; run in a child JVM by {@link CudaProbeIsolationTest}. */
public final class ProbeMain {
    private ProbeMain() {
    }

    public static void main(String[] args) {
        System.out.println("auto=" + Device.parse("auto") + " reason=" + Cuda.probe().reason());
    }
}
