// SPDX-License-Identifier: MIT
package vit.tensor.cuda;

import vit.tensor.Backend;
import vit.tensor.DeviceUnavailableException;

/** Entry point to the CUDA backend: a probe that runs once and never crashes, and the backend itself. */
public final class Cuda {
    private Cuda() {
    }

    /** Whether CUDA is usable, and if not, why (what was looked for, what was found). */
    public record Probe(boolean available, String reason) {
    }

    private static final Probe PROBE = new Probe(false, "the CUDA backend is not built yet");

    public static Probe probe() {
        return PROBE;
    }

    public static Backend backend() {
        throw new DeviceUnavailableException("CUDA is not usable: " + PROBE.reason());
    }
}
