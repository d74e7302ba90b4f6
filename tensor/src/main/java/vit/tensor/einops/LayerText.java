// SPDX-License-Identifier: MIT
package vit.tensor.einops;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Prints a layer's sizes the way einops does, {@code , s1=16, s2=16}, in the order the pattern names them. */
final class LayerText {
    private LayerText() {
    }

    static String sizes(String pattern, Map<String, Integer> sizes) {
        Pattern p = PatternCache.parse("layer", pattern);
        List<String> order = new ArrayList<>(Pattern.identifiers(p.left()));
        for (String name : Pattern.identifiers(p.right())) {
            if (!order.contains(name)) {
                order.add(name);
            }
        }
        StringBuilder sb = new StringBuilder();
        for (String name : order) {
            if (sizes.containsKey(name)) {
                sb.append(", ").append(name).append('=').append(sizes.get(name));
            }
        }
        return sb.toString();
    }
}
