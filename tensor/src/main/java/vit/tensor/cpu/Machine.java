// SPDX-License-Identifier: MIT
package vit.tensor.cpu;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import jdk.incubator.vector.FloatVector;

/**
 * What this machine reports about itself, as far as the kernels care: the processor, the width of the vectors the
 * JIT will use, how many vector registers it has, and the sizes of the data caches. {@link Blocking} turns it into
 * block sizes; {@code bench} prints it as its header line.
 *
 * <p>Everything is read once, from sources that may be missing (a container without {@code /sys}, a runtime image
 * without {@code jdk.management}); each falls back to a conservative default, never to a guess that fits one chip:
 * 16 vector registers, 32 KiB of L1, 256 KiB of L2. The cache sizes come from {@code -Dvit.l1d} and {@code -Dvit.l2}
 * when given, else from Linux's {@code /sys}, else from {@code getconf -a} (glibc asks the processor itself,
 * {@code cpuid} on x86: a virtual machine that shows no caches in {@code /sys} still reports them there), else from
 * those defaults; {@link #cacheSource} says which.
 *
 * @param cacheSource where {@link #l1dBytes} and {@link #l2Bytes} came from: {@code "sysfs"}, {@code "getconf"},
 *                    {@code "default"}, {@code "forced by -Dvit.l1d=16K -Dvit.l2=64K"}, or one per cache
 *                    ({@code "L1d default, L2 getconf"})
 */
public record Machine(String cpu, String arch, int vectorBits, String vectorFlags, int vectorRegisters, int l1dBytes, int l2Bytes,
                      String cacheSource, String jdk) {
    /** Used when the machine does not say. */
    static final int DEFAULT_L1D = 32 * 1024;
    static final int DEFAULT_L2 = 256 * 1024;
    static final int DEFAULT_REGISTERS = 16;

    private static final Machine CURRENT = detect();

    /** This machine, read once. */
    public static Machine current() {
        return CURRENT;
    }

    /** One line for a benchmark's header: processor, vectors, caches, JDK. */
    public String describe() {
        return String.format(Locale.ROOT, "CPU %s (%s); vectors %d-bit%s, %d registers; L1d %d KiB, L2 %d KiB (%s); JDK %s", cpu,
            arch, vectorBits, vectorFlags.isEmpty() ? "" : " (forced by " + vectorFlags + ")", vectorRegisters, l1dBytes / 1024,
            l2Bytes / 1024, cacheSource, jdk);
    }

    private static Machine detect() {
        String arch = System.getProperty("os.arch", "unknown");
        int bits = FloatVector.SPECIES_PREFERRED.vectorBitSize();
        Optional<String> useAvx = vmOption("UseAVX");
        StringBuilder flags = new StringBuilder();
        for (String name : new String[] {"UseAVX", "MaxVectorSize"}) {
            vmOptionSetByUser(name).ifPresent(v -> flags.append(flags.length() == 0 ? "" : " ").append("-XX:").append(name).append('=').append(v));
        }
        if (System.getProperty("vit.vectorRegisters") != null) {
            flags.append(flags.length() == 0 ? "" : " ").append("-Dvit.vectorRegisters=").append(System.getProperty("vit.vectorRegisters"));
        }
        Sized l1 = forced("vit.l1d");
        Sized l2 = forced("vit.l2");
        l1 = l1 != null ? l1 : sysfsCache(1);
        l2 = l2 != null ? l2 : sysfsCache(2);
        if ((l1 == null || l2 == null) && System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("linux")) {
            String getconf = getconf();
            l1 = l1 != null ? l1 : fromGetconf(getconf, "LEVEL1_DCACHE_SIZE");
            l2 = l2 != null ? l2 : fromGetconf(getconf, "LEVEL2_CACHE_SIZE");
        }
        l1 = l1 != null ? l1 : new Sized(DEFAULT_L1D, "default");
        l2 = l2 != null ? l2 : new Sized(DEFAULT_L2, "default");
        String source = l1.source.equals(l2.source) ? l1.source
            : l1.source.startsWith("forced") && l2.source.startsWith("forced") ? l1.source + l2.source.substring("forced by".length())
            : "L1d " + l1.source + ", L2 " + l2.source;
        return new Machine(cpuName(arch), arch, bits, flags.toString(), registers(arch, bits, useAvx), l1.bytes, l2.bytes, source,
            System.getProperty("java.vm.vendor", "") + " " + Runtime.version());
    }

    /**
     * Vector registers the JIT can allocate: 32 on ARM (NEON and SVE) and on x86 with AVX-512 (which also gives 256- and
     * 128-bit code registers 16 to 31), 16 with AVX2 and below. {@code -Dvit.vectorRegisters=N} overrides it, so that the
     * kernels of every row of {@link Blocking} can be tested on any machine.
     */
    private static int registers(String arch, int bits, Optional<String> useAvx) {
        Integer forced = Integer.getInteger("vit.vectorRegisters");
        if (forced != null) {
            return forced;
        }
        if (arch.equals("aarch64") || arch.equals("arm64")) {
            return 32;
        }
        if (useAvx.isPresent()) {
            try {
                return Integer.parseInt(useAvx.get()) >= 3 ? 32 : 16;
            } catch (NumberFormatException e) {
                return DEFAULT_REGISTERS;
            }
        }
        return bits >= 512 ? 32 : DEFAULT_REGISTERS;
    }

    /** A HotSpot flag's value, if this JVM has the management API and the flag. */
    private static Optional<String> vmOption(String name) {
        return flag(name, false);
    }

    /** The flag's value when the command line or the environment set it, not the JVM's own choice. */
    private static Optional<String> vmOptionSetByUser(String name) {
        return flag(name, true);
    }

    /** Every use of the management API stays inside the try: the GPU bundle's runtime has no jdk.management. */
    private static Optional<String> flag(String name, boolean setByUser) {
        try {
            var option = ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class).getVMOption(name);
            var origin = option.getOrigin();
            boolean user = origin == com.sun.management.VMOption.Origin.VM_CREATION
                || origin == com.sun.management.VMOption.Origin.ENVIRON_VAR || origin == com.sun.management.VMOption.Origin.CONFIG_FILE;
            return !setByUser || user ? Optional.of(option.getValue()) : Optional.empty();
        } catch (Throwable e) {            // no jdk.management in this runtime, or no such flag on this JVM
            return Optional.empty();
        }
    }

    private static String cpuName(String arch) {
        try {
            String name = null;
            String family = null;
            String model = null;
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                int colon = line.indexOf(':');
                if (colon < 0) {
                    if (name != null) {
                        break;                    // the first processor is enough
                    }
                    continue;
                }
                String key = line.substring(0, colon).trim();
                String value = line.substring(colon + 1).trim();
                if (key.equals("model name") && name == null) {
                    name = value;
                } else if (key.equals("cpu family") && family == null) {
                    family = value;
                } else if (key.equals("model") && model == null) {
                    model = value;
                }
            }
            if (name == null) {
                return arch;
            }
            return family == null ? name : name + ", family " + family + " model " + model;
        } catch (IOException | RuntimeException e) {
            return arch;
        }
    }

    /** A cache size and where it was read. */
    private record Sized(int bytes, String source) {
    }

    /**
     * {@code -Dvit.l1d=48K}, {@code -Dvit.l2=1M}: a size given on the command line, for a system that reports none
     * (macOS has neither {@code /sys} nor glibc), and so that the kernel tests can run with the smallest blocks on any
     * machine ({@code .ci/run}). Null when unset, or (with a warning) when not a size.
     */
    private static Sized forced(String property) {
        String value = System.getProperty(property);
        if (value == null) {
            return null;
        }
        int bytes = parseSize(value.trim(), 0);
        if (bytes <= 0) {
            // Read while the kernels' classes initialise, where an exception would surface as an opaque
            // ExceptionInInitializerError: one line on stderr, and the machine's own size.
            System.err.println("warning: -D" + property + "=" + value + " is not a cache size (expected e.g. 48K, 1M or a byte"
                + " count); using the size the machine reports");
            return null;
        }
        return new Sized(bytes, "forced by -D" + property + "=" + value.trim());
    }

    /** The size of the level-{@code level} data (or unified) cache of CPU 0, as Linux reports it; null if it does not. */
    private static Sized sysfsCache(int level) {
        Path dir = Path.of("/sys/devices/system/cpu/cpu0/cache");
        for (int index = 0; index < 8; index++) {
            Path entry = dir.resolve("index" + index);
            try {
                if (!Files.isDirectory(entry)) {
                    return null;
                }
                int l = Integer.parseInt(Files.readString(entry.resolve("level")).trim());
                String type = Files.readString(entry.resolve("type")).trim();
                if (l == level && !type.equals("Instruction")) {
                    int bytes = parseSize(Files.readString(entry.resolve("size")).trim(), 0);
                    return bytes > 0 ? new Sized(bytes, "sysfs") : null;
                }
            } catch (IOException | RuntimeException e) {
                return null;
            }
        }
        return null;
    }

    private static Sized fromGetconf(String output, String name) {
        int bytes = getconfValue(output, name);
        return bytes > 0 ? new Sized(bytes, "getconf") : null;
    }

    /**
     * What {@code getconf -a} prints, or "" when it cannot run or takes more than two seconds. Its 12 KiB or so fit the
     * pipe, so the process ends before its output is read.
     */
    private static String getconf() {
        try {
            Process p = new ProcessBuilder("getconf", "-a").redirectErrorStream(true).start();
            try {
                p.getOutputStream().close();
                if (!p.waitFor(2, java.util.concurrent.TimeUnit.SECONDS) || p.exitValue() != 0) {
                    return "";
                }
                return new String(p.getInputStream().readNBytes(1 << 20), java.nio.charset.StandardCharsets.US_ASCII);
            } finally {
                p.destroy();
            }
        } catch (IOException | RuntimeException e) {        // no getconf (musl, a sandbox that forbids processes)
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    /**
     * The byte count on {@code name}'s line of {@code getconf -a}'s output ({@code "LEVEL2_CACHE_SIZE   1048576"}), or 0
     * when the line is missing, empty (glibc on some ARM cores) or not a positive number.
     */
    static int getconfValue(String output, String name) {
        for (String line : output.split("\n")) {
            String[] words = line.trim().split("\\s+");
            if (words.length == 2 && words[0].equals(name)) {
                try {
                    long v = Long.parseLong(words[1]);
                    return v > 0 && v <= Integer.MAX_VALUE ? (int) v : 0;
                } catch (NumberFormatException e) {
                    return 0;
                }
            }
        }
        return 0;
    }

    /** {@code "48K"}, {@code "1024K"}, {@code "2M"} or a plain byte count. */
    static int parseSize(String s, int fallback) {
        try {
            char unit = Character.toUpperCase(s.charAt(s.length() - 1));
            long scale = unit == 'K' ? 1024 : unit == 'M' ? 1024 * 1024 : 1;
            long n = Long.parseLong(scale == 1 ? s : s.substring(0, s.length() - 1));
            long bytes = n * scale;
            return bytes > 0 && bytes <= Integer.MAX_VALUE ? (int) bytes : fallback;
        } catch (RuntimeException e) {
            return fallback;
        }
    }
}
