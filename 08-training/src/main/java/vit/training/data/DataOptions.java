// SPDX-License-Identifier: MIT
package vit.training.data;

import java.nio.file.Path;

/**
 * Where the Fashion-MNIST files come from, as the command line says it ({@code --data}, {@code --mirror},
 * {@code --no-download}).
 *
 * @param data the folder given with {@code --data}, or null: then Debian's folder, else {@link #cache}
 * @param mirror where to download from instead of the original release ({@code --mirror}): an http(s) URL or a
 *     folder; null for {@link FashionMnistFiles#RELEASE_URL}
 * @param download whether missing files are downloaded ({@code --no-download} turns it off)
 * @param cache where downloads go when {@code --data} is not given: {@code $VIT_DATA}, else
 *     {@code ~/.cache/vit-java/fashion-mnist}
 */
public record DataOptions(Path data, String mirror, boolean download, Path cache) {
    /** The environment variable that moves the download folder. */
    public static final String ENV = "VIT_DATA";

    /** Nothing given: Debian's folder or the cache, downloading into the cache when needed. */
    public static DataOptions defaults() {
        return of(null, null, true);
    }

    /** The options of a command line, with the cache folder of this machine. */
    public static DataOptions of(Path data, String mirror, boolean download) {
        return new DataOptions(data, mirror, download, defaultCache());
    }

    /** {@code $VIT_DATA}, else {@code ~/.cache/vit-java/fashion-mnist}. */
    public static Path defaultCache() {
        String env = System.getenv(ENV);
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        return Path.of(System.getProperty("user.home"), ".cache", "vit-java", "fashion-mnist");
    }
}
