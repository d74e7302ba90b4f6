// SPDX-License-Identifier: MIT
package vit.tensor.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link Blocking}'s table against the budgets it promises, for machines other than this one too. */
class BlockingTest {
    private static Machine machine(int registers, int l1, int l2) {
        return new Machine("test", "amd64", 256, "", registers, l1, l2, "test", "17");
    }

    @Test
    void printsWhatThisRunUses() {
        // The CI log says which row of the table the kernel tests of this run exercised.
        System.out.println(Machine.current().describe());
        System.out.println(Blocking.CURRENT.describe());
        int registers = Machine.current().vectorRegisters();
        assertThat(3 * GemmKernel.MR + 2).as("GemmKernel's tile in %d registers", registers).isLessThanOrEqualTo(registers);
        assertThat(3 * GemmTransposed.NJ + 2).as("GemmTransposed's tile in %d registers", registers).isLessThanOrEqualTo(registers);
        assertThat((long) Gemm.KC * GemmKernel.NR * Float.BYTES).isLessThanOrEqualTo(Machine.current().l1dBytes() / 2);
        // .ci/run's run with the smallest blocks (-Dvit.l1d=16K -Dvit.l2=64K) must get them, not the machine's caches.
        String l1 = Machine.parseSize(System.getProperty("vit.l1d", ""), 0) > 0 ? System.getProperty("vit.l1d") : null;
        String l2 = Machine.parseSize(System.getProperty("vit.l2", ""), 0) > 0 ? System.getProperty("vit.l2") : null;
        if (l1 != null) {
            assertThat(Machine.current().l1dBytes()).isEqualTo(Machine.parseSize(l1, -1));
        }
        if (l2 != null) {
            assertThat(Machine.current().l2Bytes()).isEqualTo(Machine.parseSize(l2, -1));
        }
        if (l1 != null && l2 != null) {
            assertThat(Machine.current().cacheSource()).isEqualTo("forced by -Dvit.l1d=" + l1 + " -Dvit.l2=" + l2);
        }
    }

    @ParameterizedTest(name = "{0} registers, {1} lanes, L1 {2}, L2 {3}")
    @CsvSource({"16, 8, 32768, 524288", "16, 4, 32768, 262144", "32, 16, 32768, 1048576", "32, 4, 65536, 2097152",
        "16, 8, 49152, 2097152", "32, 16, 49152, 1310720"})
    void tilesFitTheRegistersAndBlocksFitTheCaches(int registers, int lanes, int l1, int l2) {
        Blocking b = Blocking.of(machine(registers, l1, l2), lanes);
        // 2r accumulators, 2 vectors of the streamed operand, up to r broadcasts live at once.
        assertThat(3 * b.kernelRows() + 2).isLessThanOrEqualTo(registers);
        assertThat(3 * b.transposedColumns() + 2).isLessThanOrEqualTo(registers);
        // At least 8 independent chains: two FMA pipes, 4 cycles of latency.
        assertThat(2 * b.kernelRows()).isGreaterThanOrEqualTo(8);
        assertThat(2 * b.transposedColumns()).isGreaterThanOrEqualTo(8);
        // A packed panel of B in half of L1; a block of A in an eighth of L2; GemmTransposed's block in three eighths.
        assertThat((long) b.kc() * 2 * lanes * Float.BYTES).isLessThanOrEqualTo(l1 / 2);
        assertThat(b.kc() % 16).isZero();
        assertThat((long) b.panelsPerBlock() * b.kernelRows() * b.kc() * Float.BYTES).isLessThanOrEqualTo(l2 / 8);
        assertThat(b.transposedBlockBytes()).isLessThanOrEqualTo(l2 / 8 * 3);
        // GemmTransposed stores whole 64-byte lines of C's rows, with the fewest tiles that make them.
        int columns = b.transposedStoreTiles() * b.transposedColumns();
        assertThat(columns % 16).isZero();
        for (int fewer = 1; fewer < b.transposedStoreTiles(); fewer++) {
            assertThat(fewer * b.transposedColumns() % 16).isNotZero();
        }
    }

    @Test
    void theTableRowsAreTheMeasuredOnes() {
        // Zen 4 (AVX-512, 32 KiB L1, 1 MiB L2): the sizes measured there before the table existed.
        Blocking zen4 = Blocking.of(machine(32, 32 * 1024, 1024 * 1024), 16);
        assertThat(zen4.kernelRows()).isEqualTo(6);
        assertThat(zen4.transposedColumns()).isEqualTo(6);
        assertThat(zen4.kc()).isEqualTo(128);
        assertThat(zen4.transposedBlockBytes()).isEqualTo(384 * 1024);
        assertThat(zen4.transposedRowsPerColumn()).isEqualTo(4);
        assertThat(zen4.transposedStoreTiles()).isEqualTo(8);
        // AVX2 with 16 registers: the 4-wide tiles.
        Blocking avx2 = Blocking.of(machine(16, 32 * 1024, 512 * 1024), 8);
        assertThat(avx2.kernelRows()).isEqualTo(4);
        assertThat(avx2.transposedColumns()).isEqualTo(4);
        assertThat(avx2.transposedRowsPerColumn()).isEqualTo(1);
        assertThat(avx2.transposedStoreTiles()).isEqualTo(4);
    }

    @Test
    void cacheSizesAsLinuxWritesThem() {
        assertThat(Machine.parseSize("48K", 1)).isEqualTo(48 * 1024);
        assertThat(Machine.parseSize("2M", 1)).isEqualTo(2 * 1024 * 1024);
        assertThat(Machine.parseSize("32768", 1)).isEqualTo(32768);
        assertThat(Machine.parseSize("", 7)).isEqualTo(7);
        assertThat(Machine.parseSize("lots", 7)).isEqualTo(7);
        assertThat(Machine.parseSize("0K", 7)).isEqualTo(7);
    }

    @Test
    void cacheSizesAsGetconfPrintsThem() {
        // Lines of glibc's `getconf -a` on a Zen 5 virtual machine; the ARM lines print no value.
        String out = "LEVEL1_ICACHE_SIZE                 32768\nLEVEL1_ICACHE_ASSOC                \n"
            + "LEVEL1_DCACHE_SIZE                 49152\nLEVEL1_DCACHE_ASSOC                12\n"
            + "LEVEL2_CACHE_SIZE                  1048576\nLEVEL3_CACHE_SIZE                  0\nLEVEL4_CACHE_SIZE                  \n";
        assertThat(Machine.getconfValue(out, "LEVEL1_DCACHE_SIZE")).isEqualTo(49152);
        assertThat(Machine.getconfValue(out, "LEVEL2_CACHE_SIZE")).isEqualTo(1048576);
        assertThat(Machine.getconfValue(out, "LEVEL3_CACHE_SIZE")).isZero();
        assertThat(Machine.getconfValue(out, "LEVEL4_CACHE_SIZE")).isZero();
        assertThat(Machine.getconfValue(out, "LEVEL1_DCACHE")).isZero();
        assertThat(Machine.getconfValue("", "LEVEL2_CACHE_SIZE")).isZero();
        assertThat(Machine.getconfValue("LEVEL2_CACHE_SIZE 99999999999\n", "LEVEL2_CACHE_SIZE")).isZero();
        assertThat(Machine.getconfValue("LEVEL2_CACHE_SIZE 1M\n", "LEVEL2_CACHE_SIZE")).isZero();
    }
}
