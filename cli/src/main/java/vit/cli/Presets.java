// SPDX-License-Identifier: MIT
package vit.cli;

import java.util.Iterator;
import vit.model.ViTConfig;

/** The preset names, for {@code --preset}'s help and shell completion. */
final class Presets implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
        return ViTConfig.presets().keySet().iterator();
    }
}
