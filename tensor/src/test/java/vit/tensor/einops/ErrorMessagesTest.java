// SPDX-License-Identifier: MIT
package vit.tensor.einops;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import vit.tensor.Tensor;

/** Every error einops and einsum can raise, with its exact message. */
class ErrorMessagesTest {
    private static final Tensor IMG = Tensor.zeros(1, 3, 225, 224);

    private static void fails(ThrowingCallable call, String message) {
        assertThatThrownBy(call).isInstanceOf(EinopsException.class).isInstanceOf(IllegalArgumentException.class).hasMessage(message);
        System.out.println("rejected: " + message);
    }

    @Test
    void syntax() {
        fails(() -> Einops.rearrange(IMG, "b c h w"), "rearrange \"b c h w\": a pattern needs \"->\" between the input and the output side");
        fails(() -> Einops.rearrange(IMG, "b c h w -> b -> c"), "rearrange \"b c h w -> b -> c\": \"->\" appears more than once");
        fails(() -> Einops.rearrange(IMG, "b c h w -> b c (h*w)"), "rearrange \"b c h w -> b c (h*w)\": unexpected character '*' at position 17");
        fails(() -> Einops.rearrange(IMG, "b c h w -> b (c (h w))"),
            "rearrange \"b c h w -> b (c (h w))\": nested parenthesis at position 16 (groups cannot contain groups)");
        fails(() -> Einops.rearrange(IMG, "b c h w) -> b c h w"), "rearrange \"b c h w) -> b c h w\": ')' at position 7 closes no '('");
        fails(() -> Einops.rearrange(IMG, "b c (h w -> b c h w"), "rearrange \"b c (h w -> b c h w\": '(' at position 4 is never closed");
        fails(() -> Einops.rearrange(IMG, "b c h 2w -> b c h 2w"), "rearrange \"b c h 2w -> b c h 2w\": '2w' at position 6 is not a valid"
            + " axis name (names are letters, digits and _, not starting with a digit)");
        fails(() -> Einops.repeat(IMG, "b c h w -> b c h w 0"), "repeat \"b c h w -> b c h w 0\": anonymous axis 0 at position 19: sizes must be positive");
        fails(() -> Einops.repeat(IMG, "b c h w -> b c h w 99999999999"),
            "repeat \"b c h w -> b c h w 99999999999\": anonymous axis 99999999999 at position 19 is too large");
        fails(() -> Einops.rearrange(IMG, "b c b w -> b c w"), "rearrange \"b c b w -> b c w\": axis 'b' appears twice on the left side");
        fails(() -> Einops.rearrange(IMG, "b c h w -> b c h h"), "rearrange \"b c h w -> b c h h\": axis 'h' appears twice on the right side");
        fails(() -> Einops.rearrange(IMG, "b ... ... -> b"), "rearrange \"b ... ... -> b\": the ellipsis \"...\" appears twice on the left side");
        fails(() -> Einops.rearrange(IMG, "b (c ...) -> b c ..."),
            "rearrange \"b (c ...) -> b c ...\": the ellipsis \"...\" cannot be inside parentheses on the left side");
    }

    @Test
    void axesOnOneSideOnly() {
        fails(() -> Einops.rearrange(IMG, "b c h w -> b h w"), "rearrange \"b c h w -> b h w\": axis 'c' is only on the left side;"
            + " rearrange needs every axis on both sides (reduce removes axes)");
        fails(() -> Einops.rearrange(IMG, "b c h w -> b c h w x y"), "rearrange \"b c h w -> b c h w x y\": axes 'x', 'y' are only on the"
            + " right side; rearrange needs every axis on both sides (repeat adds axes)");
        fails(() -> Einops.rearrange(IMG, "b ... -> b"), "rearrange \"b ... -> b\": the ellipsis \"...\" is only on the left side;"
            + " rearrange needs every axis on both sides (reduce removes axes)");
        fails(() -> Einops.rearrange(IMG, "b c h w -> b c h w 3"), "rearrange \"b c h w -> b c h w 3\": anonymous axis 3 on the right side;"
            + " rearrange allows only 1 there (name the axis and give its size instead)");
        fails(() -> Einops.reduce(IMG, "b c h w -> b c h w x", "mean"), "reduce \"b c h w -> b c h w x\": axis 'x' is only on the right"
            + " side; reduce can only remove axes (repeat adds axes)");
        fails(() -> Einops.reduce(IMG, "b c h w -> b c h w 3", "max"), "reduce \"b c h w -> b c h w 3\": anonymous axis 3 on the right"
            + " side; reduce allows only 1 there (name the axis and give its size instead)");
        fails(() -> Einops.repeat(IMG, "b c h w -> b c w"), "repeat \"b c h w -> b c w\": axis 'h' is only on the left side; repeat can"
            + " only add axes (reduce removes axes)");
        fails(() -> Einops.repeat(IMG, "b c h w -> b c h w r"), "repeat \"b c h w -> b c h w r\": axis 'r' is new on the right side"
            + " without a size; give it, e.g. repeat(x, \"b c h w -> b c h w r\", \"r\", 4)");
        fails(() -> Einops.repeat(IMG, "b c h w -> b c h w r t"), "repeat \"b c h w -> b c h w r t\": axes 'r', 't' are new on the"
            + " right side without a size; give each, e.g. repeat(x, \"b c h w -> b c h w r t\", \"r\", 4)");
        fails(() -> Einops.repeat(IMG, "b c h w -> ... b c h w"), "repeat \"b c h w -> ... b c h w\": the ellipsis \"...\" is only on"
            + " the right side; repeat needs it on the left side too");
        fails(() -> Einops.repeat(IMG, "b 3 h w -> b h w"), "repeat \"b 3 h w -> b h w\": anonymous axis 3 on the left side; repeat"
            + " allows only 1 there (name the axis and give its size instead)");
    }

    @Test
    void sizesByName() {
        fails(() -> Einops.rearrange(IMG, "b c h w -> b c w h", "z", 3), "rearrange \"b c h w -> b c w h\": axis 'z' has a size (3) but"
            + " is not in the pattern");
        fails(() -> Einops.rearrange(IMG, "b c h w -> b c w h", "h", 0), "rearrange \"b c h w -> b c w h\": axis 'h' has size 0; sizes"
            + " must be positive");
        fails(() -> Einops.rearrange(IMG, "b c h w -> b c w h", "s1"), "rearrange \"b c h w -> b c w h\": axis sizes come in name, size"
            + " pairs, got 1 argument");
        fails(() -> Einops.rearrange(IMG, "b c h w -> b c w h", 3, "h"), "rearrange \"b c h w -> b c w h\": argument 0 of the sizes should"
            + " be an axis name, got Integer 3");
        fails(() -> Einops.rearrange(IMG, "b c h w -> b c w h", "h", 3L), "rearrange \"b c h w -> b c w h\": argument 1 of the sizes"
            + " should be the size of 'h' (an int), got Long 3");
        fails(() -> Einops.rearrange(IMG, "b c h w -> b c w h", "h", 225, "h", 225), "rearrange \"b c h w -> b c w h\": axis 'h' is"
            + " given a size twice");
        fails(() -> Einops.reduce(IMG, "b c h w -> b c", "avg"), "reduce \"b c h w -> b c\": unknown reduction \"avg\"; use one of"
            + " \"mean\", \"sum\", \"max\", \"min\"");
    }

    @Test
    void patternAgainstShape() {
        fails(() -> Einops.rearrange(IMG, "b c h -> b h c"), "rearrange \"b c h -> b h c\": the left side \"b c h\" has 3 dimensions,"
            + " but the input has shape [1, 3, 225, 224] (4 dimensions)");
        fails(() -> Einops.rearrange(Tensor.zeros(2, 2), "x -> x"), "rearrange \"x -> x\": the left side \"x\" has 1 dimension,"
            + " but the input has shape [2, 2] (2 dimensions)");
        fails(() -> Einops.rearrange(Tensor.zeros(3, 4), "b c h ... w -> b c h ... w"), "rearrange \"b c h ... w -> b c h ... w\": the"
            + " left side \"b c h ... w\" needs at least 4 dimensions, but the input has shape [3, 4]");
        fails(() -> Einops.rearrange(IMG, "b c (h s1) (w s2) -> b (h w) (s1 s2 c)", "s1", 16, "s2", 16), "rearrange \"b c (h s1) (w s2)"
            + " -> b (h w) (s1 s2 c)\": dimension 2 has size 225, which is not divisible by s1=16 (input shape [1, 3, 225, 224])");
        fails(() -> Einops.rearrange(IMG, "b c (h s1 s2) w -> b c h s1 s2 w", "s1", 4, "s2", 4), "rearrange \"b c (h s1 s2) w -> b c h"
            + " s1 s2 w\": dimension 2 has size 225, which is not divisible by s1*s2=4*4=16 (input shape [1, 3, 225, 224])");
        fails(() -> Einops.reduce(IMG, "b c (h 2) w -> b c h w", "max"), "reduce \"b c (h 2) w -> b c h w\": dimension 2 has size 225,"
            + " which is not divisible by 2 (input shape [1, 3, 225, 224])");
        fails(() -> Einops.reduce(IMG, "b c (h 2 3) w -> b c h w", "max"), "reduce \"b c (h 2 3) w -> b c h w\": dimension 2 has"
            + " size 225, which is not divisible by 2*3=6 (input shape [1, 3, 225, 224])");
        fails(() -> Einops.rearrange(IMG, "b c h w -> b c h w", "h", 224), "rearrange \"b c h w -> b c h w\": dimension 2 has size 225,"
            + " but the given sizes make it h=224 (input shape [1, 3, 225, 224])");
        fails(() -> Einops.rearrange(IMG, "b c (h s1) w -> b c h s1 w", "h", 15, "s1", 16), "rearrange \"b c (h s1) w -> b c h s1 w\":"
            + " dimension 2 has size 225, but the given sizes make it h*s1=15*16=240 (input shape [1, 3, 225, 224])");
        fails(() -> Einops.rearrange(IMG, "b c (h s1) w -> b c h s1 w"), "rearrange \"b c (h s1) w -> b c h s1 w\": dimension 2 has"
            + " size 225 and is split into h*s1 with 2 sizes unknown (h, s1); only one can be inferred, give the others by name"
            + " (input shape [1, 3, 225, 224])");
        fails(() -> Einops.rearrange(IMG, "b () h w -> b h w"), "rearrange \"b () h w -> b h w\": dimension 1 has size 3, but the pattern"
            + " has a unit axis there (() or 1), which needs size 1 (input shape [1, 3, 225, 224])");
    }

    @Test
    void layersCheckAtConstruction() {
        fails(() -> new Rearrange("b c h w -> b c w"), "rearrange \"b c h w -> b c w\": axis 'h' is only on the left side; rearrange"
            + " needs every axis on both sides (reduce removes axes)");
        fails(() -> new Reduce("b c h w -> b c", "average"), "reduce \"b c h w -> b c\": unknown reduction \"average\"; use one of"
            + " \"mean\", \"sum\", \"max\", \"min\"");
        fails(() -> new Rearrange("b (c -> b c"), "rearrange \"b (c -> b c\": '(' at position 2 is never closed");
    }

    @Test
    void einsum() {
        Tensor q = Tensor.zeros(2, 3, 5, 7);
        Tensor k = Tensor.zeros(2, 3, 6, 8);
        fails(() -> Einsum.einsum("bhqd,bhkd->bhqk", q, k), "einsum \"bhqd,bhkd->bhqk\": index 'd' has size 7 in operand 0 (shape"
            + " [2, 3, 5, 7]) but size 8 in operand 1 (shape [2, 3, 6, 8])");
        fails(() -> Einsum.einsum("bhqd,bhkd->bh->qk", q, k), "einsum \"bhqd,bhkd->bh->qk\": \"->\" appears more than once");
        fails(() -> Einsum.einsum("bhqd->bhqk", q, k), "einsum \"bhqd->bhqk\": the equation has 1 operand before \"->\", but 2 tensors"
            + " were given");
        fails(() -> Einsum.einsum("bhqd,bhkd->bhqk", q), "einsum \"bhqd,bhkd->bhqk\": the equation has 2 operands before \"->\", but 1"
            + " tensor was given");
        fails(() -> Einsum.einsum("bhq1,bhkd->bhqk", q, k), "einsum \"bhq1,bhkd->bhqk\": '1' in operand 0 \"bhq1\" is not an index;"
            + " indices are single letters a-z, A-Z");
        fails(() -> Einsum.einsum("...d,bhkd->bhqk", q, k), "einsum \"...d,bhkd->bhqk\": '.' in operand 0 \"...d\" is not an index;"
            + " indices are single letters a-z, A-Z (the ellipsis is not supported)");
        fails(() -> Einsum.einsum("bhqq,bhkd->bhqk", q, k), "einsum \"bhqq,bhkd->bhqk\": index 'q' appears twice in operand 0 \"bhqq\";"
            + " diagonals are not supported");
        fails(() -> Einsum.einsum("bhqd,bhkd->bhqq", q, k), "einsum \"bhqd,bhkd->bhqq\": index 'q' appears twice in the output \"bhqq\"");
        fails(() -> Einsum.einsum("bhqd,bhkd->bhqz", q, k), "einsum \"bhqd,bhkd->bhqz\": index 'z' of the output appears in no operand");
        fails(() -> Einsum.einsum("bhq,bhkd->bhqk", q, k), "einsum \"bhq,bhkd->bhqk\": operand 0 \"bhq\" names 3 dimensions, but its"
            + " tensor has shape [2, 3, 5, 7] (4 dimensions)");
        fails(() -> Einsum.einsum("i,bhkd->bhik", Tensor.zeros(2, 2), k), "einsum \"i,bhkd->bhik\": operand 0 \"i\" names 1 dimension,"
            + " but its tensor has shape [2, 2] (2 dimensions)");
        fails(() -> Einsum.einsum("bhqd,bhkd->bhqk", q, null), "einsum \"bhqd,bhkd->bhqk\": operand 1 is null");
    }
}
