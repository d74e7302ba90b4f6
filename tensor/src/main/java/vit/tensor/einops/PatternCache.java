// SPDX-License-Identifier: MIT
package vit.tensor.einops;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The last {@value #CAPACITY} patterns parsed, so a model that calls {@code rearrange} with the same few
 * patterns on every forward pass parses each once. Least recently used entries are dropped first. Only
 * patterns that parsed are kept; the checks that depend on the operation and the sizes run every call.
 */
final class PatternCache {
    static final int CAPACITY = 256;

    private static final Map<String, Pattern> CACHE = new LinkedHashMap<>(64, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Pattern> eldest) {
            return size() > CAPACITY;
        }
    };

    private PatternCache() {
    }

    /** {@code text} parsed now or earlier; {@code operation} names the caller in a parse error. */
    static Pattern parse(String operation, String text) {
        synchronized (CACHE) {
            Pattern p = CACHE.get(text);
            if (p != null) {
                return p;
            }
        }
        Pattern p = Pattern.parse(operation, text);
        synchronized (CACHE) {
            CACHE.put(text, p);
        }
        return p;
    }

    static int size() {
        synchronized (CACHE) {
            return CACHE.size();
        }
    }
}
