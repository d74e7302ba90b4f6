// SPDX-License-Identifier: MIT
package vit.model;

import java.util.List;
import vit.tensor.Shape;
import vit.tensor.Tensor;
import vit.tensor.image.Interpolation;
import vit.tensor.image.Transforms;

/**
 * Resizes learned position embeddings to another patch grid, so a checkpoint trained at 224x224 runs at
 * 384x384: the cls token keeps its position, the {@code g x g} grid of patch positions is resampled to
 * {@code G x G} per channel, as timm does when it loads a checkpoint into a model of another image size
 * ({@code F.interpolate(grid [1, E, g, g], size=(G, G), mode='bicubic', align_corners=False)}, no antialiasing).
 *
 * <p>That is PyTorch's bicubic, not PIL's: Keys' cubic convolution with {@code A = -0.75},
 * {@code k(x) = (A+2)|x|^3 - (A+3)|x|^2 + 1} for {@code |x| <= 1}, {@code A|x|^3 - 5A|x|^2 + 8A|x| - 4A} for
 * {@code 1 < |x| < 2}; output pixel {@code o} samples the input at {@code (o + 0.5) * g / G - 0.5}, taps
 * outside the grid repeat the edge, and the kernel is never widened (no antialiasing when shrinking).
 *
 * <p>timm 0.9 and later pass {@code antialias=True} by default, which makes PyTorch use another filter even
 * when enlarging: PIL's, with {@code A = -0.5}, taps outside the grid dropped and the weights renormalized,
 * the kernel widened when shrinking. {@link Mode#BICUBIC_ANTIALIAS} gives that one.
 */
public final class Resample {
    static final float A = -0.75f;

    private Resample() {
    }

    /** Which of PyTorch's bicubic filters: {@code antialias=False} (the default here) or {@code antialias=True}. */
    public enum Mode {
        BICUBIC("bicubic"),
        BICUBIC_ANTIALIAS("bicubic-antialias");

        private final String flag;

        Mode(String flag) {
            this.flag = flag;
        }

        public String flag() {
            return flag;
        }

        /** Parses {@code bicubic} or {@code bicubic-antialias}. */
        public static Mode parse(String s) {
            for (Mode m : values()) {
                if (m.flag.equals(s)) {
                    return m;
                }
            }
            throw new IllegalArgumentException("unknown resampling '" + s + "' (expected bicubic or bicubic-antialias)");
        }
    }

    /** {@link #positions(Tensor, int, Mode)} with PyTorch's plain bicubic. */
    public static Tensor positions(Tensor pos, int newGrid) {
        return positions(pos, newGrid, Mode.BICUBIC);
    }

    /**
     * Position embeddings {@code [1, 1 + g*g, E]} (timm's {@code pos_embed}) or {@code [1 + g*g, E]} resampled
     * to a {@code newGrid x newGrid} grid, in the same rank; the input itself when the grid already fits.
     */
    public static Tensor positions(Tensor pos, int newGrid, Mode mode) {
        if (pos.rank() != 2 && !(pos.rank() == 3 && pos.size(0) == 1)) {
            throw new IllegalArgumentException("position embeddings must be [1, 1 + g*g, E] or [1 + g*g, E], got " + pos.shape());
        }
        int tokens = pos.size(-2);
        int e = pos.size(-1);
        int g = (int) Math.round(Math.sqrt(tokens - 1));
        if (g * g != tokens - 1 || g < 1) {
            throw new IllegalArgumentException("position embeddings " + pos.shape() + " hold " + (tokens - 1)
                + " patch positions after the cls token, not a square grid");
        }
        if (newGrid < 1) {
            throw new IllegalArgumentException("the new grid must be at least 1x1, got " + newGrid);
        }
        if (newGrid == g) {
            return pos;
        }
        Shape s = pos.rank() == 3 ? Shape.of(1, 1 + newGrid * newGrid, e) : Shape.of(1 + newGrid * newGrid, e);
        if (mode == Mode.BICUBIC_ANTIALIAS) {
            Tensor flat = pos.reshape(tokens, e);
            Tensor grid = flat.slice(0, 1, tokens).reshape(g, g, e).permute(2, 0, 1).contiguous();          // [E, g, g]
            Tensor resized = Transforms.resize(grid, newGrid, newGrid, Interpolation.BICUBIC);             // [E, G, G]
            Tensor back = resized.permute(1, 2, 0).reshape(newGrid * newGrid, e);                           // [G*G, E]
            return Tensor.cat(List.of(flat.slice(0, 0, 1), back), 0).reshape(s);
        }
        float[] in = pos.contiguous().toFloatArray();
        float[] out = new float[(1 + newGrid * newGrid) * e];
        System.arraycopy(in, 0, out, 0, e);                                  // the cls token's position
        float[] grid = bicubic(in, e, g, g, newGrid, newGrid, e);
        System.arraycopy(grid, 0, out, e, grid.length);
        return Tensor.of(out, s).to(pos.device());
    }

    /**
     * PyTorch's bicubic upsampling of a channels-last grid: {@code in[offset + (y * w + x) * c + ch]}, {@code h x w}
     * pixels of {@code c} channels, to {@code outH x outW}; like PyTorch, interpolates 4 rows along x, then along y.
     */
    static float[] bicubic(float[] in, int offset, int h, int w, int outH, int outW, int c) {
        float[] out = new float[outH * outW * c];
        float scaleY = (float) h / outH;
        float scaleX = (float) w / outW;
        float[] wx = new float[4];
        float[] wy = new float[4];
        float[] rows = new float[4];
        for (int oy = 0; oy < outH; oy++) {
            float realY = scaleY * (oy + 0.5f) - 0.5f;
            int iy = (int) Math.floor(realY);
            weights(realY - iy, wy);
            for (int ox = 0; ox < outW; ox++) {
                float realX = scaleX * (ox + 0.5f) - 0.5f;
                int ix = (int) Math.floor(realX);
                weights(realX - ix, wx);
                for (int ch = 0; ch < c; ch++) {
                    for (int k = 0; k < 4; k++) {
                        int y = clamp(iy - 1 + k, h);
                        float acc = 0f;
                        for (int j = 0; j < 4; j++) {
                            acc += wx[j] * in[offset + (y * w + clamp(ix - 1 + j, w)) * c + ch];
                        }
                        rows[k] = acc;
                    }
                    out[(oy * outW + ox) * c + ch] = wy[0] * rows[0] + wy[1] * rows[1] + wy[2] * rows[2] + wy[3] * rows[3];
                }
            }
        }
        return out;
    }

    /** The four tap weights at distances {@code t + 1, t, 1 - t, 2 - t} from the sample point, {@code 0 <= t < 1}. */
    static void weights(float t, float[] w) {
        w[0] = far(t + 1f);
        w[1] = near(t);
        w[2] = near(1f - t);
        w[3] = far(2f - t);
    }

    /** {@code k(x)} for {@code |x| <= 1}. */
    private static float near(float x) {
        return ((A + 2f) * x - (A + 3f)) * x * x + 1f;
    }

    /** {@code k(x)} for {@code 1 < |x| < 2}. */
    private static float far(float x) {
        return ((A * x - 5f * A) * x + 8f * A) * x - 4f * A;
    }

    private static int clamp(int i, int n) {
        return Math.max(0, Math.min(n - 1, i));
    }
}
