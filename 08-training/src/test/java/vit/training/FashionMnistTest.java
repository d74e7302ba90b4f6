// SPDX-License-Identifier: MIT
package vit.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FashionMnistTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "gzip {0}")
    @ValueSource(booleans = {true, false})
    void readsBothSplitsGzippedOrNot(boolean gzip) throws IOException {
        IdxFiles.fashion(dir, 12, 5, gzip);
        assertThat(FashionMnist.isPresent(dir)).isTrue();
        FashionMnist train = FashionMnist.load(dir, FashionMnist.Split.TRAIN);
        FashionMnist test = FashionMnist.load(dir, FashionMnist.Split.TEST);
        System.out.println("FashionMnist images [" + train.size() + ", " + train.height() + ", " + train.width() + "]");
        assertThat(train.size()).isEqualTo(12);
        assertThat(train.height()).isEqualTo(5);
        assertThat(train.width()).isEqualTo(5);
        assertThat(train.label(11)).isEqualTo(1);
        assertThat(train.images().unsigned(11 * 25 + 24)).isEqualTo(110);
        assertThat(test.images().unsigned(7 * 25)).isEqualTo(71);
        assertThat(train.head(3).size()).isEqualTo(3);
        assertThat(train.head(3).images().data()).hasSize(3 * 25);
        assertThat(train.head(100).size()).isEqualTo(12);
    }

    @Test
    void unsignedBytesAbove127StayPositive() throws IOException {
        Path f = IdxFiles.write(dir.resolve("x-idx1-ubyte"), IdxFiles.bytes(0x801, new int[] {3}, new byte[] {0, (byte) 200, (byte) 255}));
        Idx idx = Idx.read(f, 1);
        assertThat(idx.dims()).containsExactly(3);
        assertThat(new int[] {idx.unsigned(0), idx.unsigned(1), idx.unsigned(2)}).containsExactly(0, 200, 255);
    }

    @Test
    void aMissingFileSaysWhereToGetTheData() throws IOException {
        IdxFiles.fashion(dir, 2, 3, true);
        Files.delete(dir.resolve("t10k-labels-idx1-ubyte.gz"));
        assertThat(FashionMnist.isPresent(dir)).isFalse();
        assertThatThrownBy(() -> FashionMnist.load(dir, FashionMnist.Split.TEST)).isInstanceOf(NoSuchFileException.class)
            .hasMessageContaining("t10k-labels-idx1-ubyte.gz").hasMessageContaining("dataset-fashion-mnist")
            .hasMessageContaining("--data DIR");
    }

    @Test
    void aWrongMagicNumberIsNamedWithTheFile() throws IOException {
        Path f = IdxFiles.write(dir.resolve("train-images-idx3-ubyte"), IdxFiles.bytes(0x801, new int[] {1}, new byte[1]));
        assertThatThrownBy(() -> Idx.read(f, 3)).hasMessageContaining(f.toString())
            .hasMessageContaining("magic number 0x00000801, expected 0x00000803 (unsigned bytes, 3 dimensions)");
        Path gz = dir.resolve("gzipped-without-gz");
        IdxFiles.write(dir.resolve("tmp.gz"), IdxFiles.bytes(0x801, new int[] {1}, new byte[1]));
        Files.move(dir.resolve("tmp.gz"), gz);
        assertThatThrownBy(() -> Idx.read(gz, 1)).hasMessageContaining("it looks gzipped, name it .gz");
    }

    @Test
    void sizesThatDoNotMatchTheDataAreErrors() throws IOException {
        Path shortFile = IdxFiles.write(dir.resolve("short"), IdxFiles.bytes(0x803, new int[] {2, 3, 3}, new byte[17]));
        assertThatThrownBy(() -> Idx.read(shortFile, 3)).hasMessageContaining("sizes [2, 3, 3] promise 18 bytes of data, the file holds 17");
        Path longFile = IdxFiles.write(dir.resolve("long"), IdxFiles.bytes(0x801, new int[] {2}, new byte[3]));
        assertThatThrownBy(() -> Idx.read(longFile, 1)).hasMessageContaining("more data than the sizes [2] promise (2 bytes)");
        Path header = IdxFiles.write(dir.resolve("header"), IdxFiles.bytes(0x803, new int[] {2}, new byte[0]));
        assertThatThrownBy(() -> Idx.read(header, 3)).hasMessageContaining("header ends before size 1 of 3");
        Path empty = IdxFiles.write(dir.resolve("empty"), new byte[0]);
        assertThatThrownBy(() -> Idx.read(empty, 1)).hasMessageContaining("empty or truncated IDX file");
    }

    @Test
    void labelsMustBeClassesAndMatchTheImages() throws IOException {
        IdxFiles.fashion(dir, 4, 2, false);
        IdxFiles.write(dir.resolve("train-labels-idx1-ubyte"), IdxFiles.bytes(0x801, new int[] {4}, new byte[] {0, 1, 10, 2}));
        assertThatThrownBy(() -> FashionMnist.load(dir, FashionMnist.Split.TRAIN))
            .hasMessageContaining("train-labels-idx1-ubyte: label 10 at position 2 is not a class 0 to 9");
        IdxFiles.write(dir.resolve("train-labels-idx1-ubyte"), IdxFiles.bytes(0x801, new int[] {3}, new byte[3]));
        assertThatThrownBy(() -> FashionMnist.load(dir, FashionMnist.Split.TRAIN)).hasMessageContaining("3 labels for 4 images");
    }
}
