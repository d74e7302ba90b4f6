// SPDX-License-Identifier: MIT
package vit.cli;

import java.io.PrintStream;
import picocli.CommandLine.Option;
import vit.tensor.Device;
import vit.tensor.GradMode;
import vit.tensor.MemoryScope;
import vit.tensor.cuda.Cuda;

/** A command that runs a model without training it: {@code --device}, no autograd, and one MemoryScope around it all. */
abstract class ModelCommand extends VitCommand {
    /** What a model command runs with: where to print, and the device chosen by {@code --device}. */
    record Context(PrintStream out, PrintStream err, Device device) {
    }

    @Option(names = "--device", paramLabel = "cpu|cuda|auto", defaultValue = "cpu",
        description = "where to run (default: cpu; auto prefers cuda and says what it picked)")
    String device;

    @Override
    final int work() throws Exception {
        Device d = device();
        // In a scope, each layer's intermediates go back to the array pool as the layer returns (see Sequential).
        try (var g = GradMode.disabled(); var scope = MemoryScope.open()) {
            return run(new Context(out(), err(), d));
        }
    }

    abstract int run(Context ctx) throws Exception;

    /** {@code --device}: cpu, cuda (or a one-line reason why not), or auto, which says what it picked and why. */
    private Device device() {
        Device d;
        try {
            d = Device.parse(device);
        } catch (IllegalArgumentException e) {            // an unknown name; an unusable CUDA is not one
            throw usage(e.getMessage());
        }
        if (device.equalsIgnoreCase("auto")) {
            out().println(d == Device.CUDA ? "device: cuda (auto: CUDA is usable)"
                : "device: cpu (auto: CUDA is not usable: " + Cuda.probe().reason() + ")");
        }
        return d;
    }
}
