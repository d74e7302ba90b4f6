// SPDX-License-Identifier: MIT
package vit.training.data;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import vit.training.FashionMnist;

/**
 * The four files of Fashion-MNIST's original release (github.com/zalandoresearch/fashion-mnist, MIT licence) and
 * where a command finds them: in {@code --data DIR} when it is given, else in Debian's folder, else in the cache
 * folder; missing files are downloaded there (as torchvision's {@code FashionMNIST(download=True)} does), each
 * checked against its published MD5 before it is used.
 */
public final class FashionMnistFiles {
    /** The release's {@code data/fashion} folder on GitHub; the S3 copy the README also links holds the same files. */
    public static final String RELEASE_URL = "https://raw.githubusercontent.com/zalandoresearch/fashion-mnist/master/data/fashion/";

    /**
     * One file of the release.
     *
     * @param name e.g. {@code train-images-idx3-ubyte.gz}
     * @param md5 the MD5 of the {@code .gz} file, as the release's README publishes it
     * @param unpackedMd5 the MD5 of the IDX bytes inside: a copy packed again (Debian's package holds such copies:
     *     the same pictures, another gzip header) or not packed at all is accepted by this one
     */
    public record FileSpec(String name, String md5, String unpackedMd5) {
        /** The name without {@code .gz}. */
        public String unpackedName() {
            return name.endsWith(".gz") ? name.substring(0, name.length() - 3) : name;
        }
    }

    /**
     * The release. The {@code .gz} checksums are the README's (torchvision checks the same ones); the unpacked ones
     * were computed from Debian's {@code dataset-fashion-mnist} 0.0~git20200523, whose files unpack to the release's
     * sizes (47,040,016, 60,008, 7,840,016 and 10,008 bytes).
     */
    public static final List<FileSpec> RELEASE = List.of(
        new FileSpec("train-images-idx3-ubyte.gz", "8d4fb7e6c68d591d4c3dfef9ec88bf0d", "f4a8712d7a061bf5bd6d2ca38dc4d50a"),
        new FileSpec("train-labels-idx1-ubyte.gz", "25c81989df183df01b3e8a0aad5dffbe", "9018921c3c673c538a1fc5bad174d6f9"),
        new FileSpec("t10k-images-idx3-ubyte.gz", "bef4ecab320f06d8554ea6380940ec79", "8181f5470baa50b63fa0f6fddb340f0a"),
        new FileSpec("t10k-labels-idx1-ubyte.gz", "bb300cfdad3c16e7a12a480ee83cd310", "15d484375f8d13e6eb1aabb0c3f46965"));

    private FashionMnistFiles() {
    }

    /** The folder that holds all four files, downloading the missing ones from the release when {@code options} allow it. */
    public static Path locate(DataOptions options, PrintStream out) throws IOException {
        return locate(options, RELEASE, Download.standard(), out);
    }

    /** {@link #locate(DataOptions, PrintStream)} for other files (the tests' small ones) and another {@link Download}. */
    public static Path locate(DataOptions options, List<FileSpec> files, Download download, PrintStream out) throws IOException {
        Path target;
        if (options.data() != null) {
            target = options.data();
        } else if (FashionMnist.isPresent(FashionMnist.DEFAULT_DIR)) {
            return FashionMnist.DEFAULT_DIR;
        } else {
            target = options.cache();
        }
        List<FileSpec> missing = missing(target, files);
        if (missing.isEmpty()) {
            return target;
        }
        String source = options.mirror() != null ? options.mirror() : RELEASE_URL;
        if (!options.download()) {
            throw new NoSuchFileException(target.toString(), null, "Fashion-MNIST is not in " + target + " (missing " + names(missing)
                + ") and --no-download is set: put the files there (from " + source + " or Debian's dataset-fashion-mnist), or pass --data DIR");
        }
        out.println("Fashion-MNIST: downloading " + names(missing) + " from " + source + " into " + target);
        try {
            Files.createDirectories(target);
        } catch (IOException e) {
            throw new IOException("cannot create the folder " + target + " for Fashion-MNIST (" + e + "); pass --data DIR elsewhere", e);
        }
        for (FileSpec f : missing) {
            try {
                download.fetch(source, f, target, out);
            } catch (Download.Unreachable e) {
                throw new IOException("cannot download Fashion-MNIST (" + e.getMessage() + "): put " + names(missing) + " in " + target
                    + " by hand (from " + source + "), or pass --data DIR or --mirror URL", e);
            }
        }
        return target;
    }

    /** The files of {@code files} that {@code dir} holds neither packed nor unpacked. */
    static List<FileSpec> missing(Path dir, List<FileSpec> files) {
        List<FileSpec> out = new ArrayList<>();
        for (FileSpec f : files) {
            if (!Files.isReadable(dir.resolve(f.name())) && !Files.isReadable(dir.resolve(f.unpackedName()))) {
                out.add(f);
            }
        }
        return out;
    }

    private static String names(List<FileSpec> files) {
        return String.join(", ", files.stream().map(FileSpec::name).toList());
    }
}
