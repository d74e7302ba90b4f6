// SPDX-License-Identifier: MIT
package vit.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Class names: ImageNet's 1000 for a 1000-class head, {@code class i} for any other. */
final class Labels {
    static final String RESOURCE = "/vit/data/imagenet_classes.txt";

    private Labels() {
    }

    static List<String> forClasses(int n) {
        if (n == 1000) {
            return imagenet();
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add("class " + i);
        }
        return out;
    }

    /** The 1000 ImageNet-1k class names in index order, from 01-data's resources. */
    static List<String> imagenet() {
        try (InputStream in = Labels.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("resource " + RESOURCE + " is missing from the classpath");
            }
            List<String> out = new ArrayList<>();
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (!line.isBlank()) {
                    out.add(line.strip());
                }
            }
            if (out.size() != 1000) {
                throw new IllegalStateException("resource " + RESOURCE + " has " + out.size() + " labels, expected 1000");
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read resource " + RESOURCE, e);
        }
    }
}
