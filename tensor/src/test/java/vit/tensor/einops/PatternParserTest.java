// SPDX-License-Identifier: MIT
package vit.tensor.einops;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PatternParserTest {
    @Test
    void groupsAxesAndUnits() {
        Pattern p = Pattern.parse("rearrange", "  b c (h  s1) (w s2)->b (h w) (s1 s2 c) ");
        assertThat(p.left()).hasSize(4);
        assertThat(p.right()).hasSize(3);
        assertThat(p.left().get(2).axes()).extracting(Axis::name).containsExactly("h", "s1");
        assertThat(p).hasToString("b c (h s1) (w s2) -> b (h w) (s1 s2 c)");
        assertThat(p.text()).isEqualTo("  b c (h  s1) (w s2)->b (h w) (s1 s2 c) ");
    }

    @Test
    void onesAreUnitGroupsAndOtherNumbersAnonymousAxes() {
        Pattern p = Pattern.parse("repeat", "() 1 (1 n) e -> (b 1) n e 3");
        assertThat(p.left()).extracting(g -> g.axes().size()).containsExactly(0, 0, 1, 1);
        assertThat(p).hasToString("() 1 (n) e -> (b) n e 3");
        Axis three = p.right().get(3).axes().get(0);
        assertThat(three.isAnonymous()).isTrue();
        assertThat(three.size()).isEqualTo(3);
        assertThat(Pattern.anonymous(p.right())).containsExactly(three);
        assertThat(Pattern.identifiers(p.right())).containsExactly("b", "n", "e");
    }

    @Test
    void ellipsisAndUnicodeNames() {
        Pattern p = Pattern.parse("rearrange", "b ... γ_1 -> b (... γ_1)");
        assertThat(Pattern.hasEllipsis(p.left())).isTrue();
        assertThat(p.left().get(1).axes().get(0).isEllipsis()).isTrue();
        assertThat(p.right().get(1).hasEllipsis()).isTrue();
        assertThat(Pattern.identifiers(p.left())).containsExactly("b", "...", "γ_1");
    }

    @Test
    void emptySidesAreScalars() {
        Pattern p = Pattern.parse("reduce", "a b ->");
        assertThat(p.right()).isEmpty();
    }
}
