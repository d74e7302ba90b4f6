// SPDX-License-Identifier: MIT
package vit.tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Reshapes, permutations, slices and joins: mostly views that share storage, each with its gradient. */
final class Views {
    private Views() {
    }

    static Tensor copy(Tensor x) {
        x.checkOpen();
        Tensor out = Tensor.wrap(x.backend().allocateUninitialized(x.numel()), x.shape());
        x.backend().copy(x, out);
        return Autograd.record(out, "CopyBackward", new Tensor[] {x}, g -> new Tensor[] {g});
    }

    /** Resolves one {@code -1} and checks the element count, as PyTorch does. */
    static Shape inferShape(Shape from, int[] dims) {
        int[] d = dims.clone();
        int infer = -1;
        long known = 1;
        for (int i = 0; i < d.length; i++) {
            if (d[i] == -1) {
                if (infer >= 0) {
                    throw new IllegalArgumentException("only one dimension can be inferred (-1) in " + Arrays.toString(dims) + " for shape " + from);
                }
                infer = i;
            } else if (d[i] < 0) {
                throw new IllegalArgumentException("invalid shape dimension " + d[i] + " in " + Arrays.toString(dims) + " for shape " + from);
            } else {
                known *= d[i];
            }
        }
        if (infer >= 0) {
            if (known == 0 || from.numel() % known != 0) {
                throw new IllegalArgumentException("shape '" + Arrays.toString(dims) + "' is invalid for input of size " + from.numel()
                    + " (shape " + from + ")");
            }
            d[infer] = (int) (from.numel() / known);
        } else if (known != from.numel()) {
            throw new IllegalArgumentException("shape '" + Arrays.toString(dims) + "' is invalid for input of size " + from.numel()
                + " (shape " + from + ")");
        }
        return Shape.of(d);
    }

    static Tensor reshape(Tensor x, int[] dims) {
        Shape target = inferShape(x.shape(), dims);
        int[] strides = viewStrides(x, target);
        Tensor src = strides != null ? x : x.copy();
        if (strides == null) {
            strides = target.contiguousStrides();
        }
        Tensor out = src.view(target, strides, src.offset());
        return Autograd.record(out, "ReshapeBackward", new Tensor[] {src}, g -> new Tensor[] {g.reshape(src.shape().dims())});
    }

    static Tensor view(Tensor x, int[] dims) {
        Shape target = inferShape(x.shape(), dims);
        int[] strides = viewStrides(x, target);
        if (strides == null) {
            throw new IllegalArgumentException("view size " + target + " is not compatible with input tensor's size " + x.shape()
                + " and strides " + Arrays.toString(x.strides()) + " (at least one dimension spans across two contiguous subspaces); use reshape instead");
        }
        Tensor out = x.view(target, strides, x.offset());
        return Autograd.record(out, "ViewBackward", new Tensor[] {x}, g -> new Tensor[] {g.reshape(x.shape().dims())});
    }

    /**
     * Strides that present {@code x}'s storage as {@code target} without copying, or null if none exist
     * (PyTorch's {@code computeStride}: each run of merged dimensions must be contiguous within itself).
     */
    static int[] viewStrides(Tensor x, Shape target) {
        int[] oldSizes = x.shape().dims();
        int[] oldStrides = x.strides();
        int[] newSizes = target.dims();
        int[] newStrides = new int[newSizes.length];
        if (x.numel() == 0 || oldSizes.length == 0) {
            return target.contiguousStrides(); // nothing to walk, or a scalar seen as [1, 1, ...]
        }
        int viewD = newSizes.length - 1;
        long chunkBaseStride = oldStrides.length > 0 ? oldStrides[oldStrides.length - 1] : 1;
        long tensorNumel = 1;
        long viewNumel = 1;
        for (int tensorD = oldSizes.length - 1; tensorD >= 0; tensorD--) {
            tensorNumel *= oldSizes[tensorD];
            if (tensorD == 0 || (oldSizes[tensorD - 1] != 1 && oldStrides[tensorD - 1] != tensorNumel * chunkBaseStride)) {
                while (viewD >= 0 && (viewNumel < tensorNumel || newSizes[viewD] == 1)) {
                    newStrides[viewD] = (int) (viewNumel * chunkBaseStride);
                    viewNumel *= newSizes[viewD];
                    viewD--;
                }
                if (viewNumel != tensorNumel) {
                    return null;
                }
                if (tensorD > 0) {
                    chunkBaseStride = oldStrides[tensorD - 1];
                    tensorNumel = 1;
                    viewNumel = 1;
                }
            }
        }
        if (viewD != -1) {
            return null;
        }
        return newStrides;
    }

    static Tensor permute(Tensor x, int[] dims) {
        int r = x.rank();
        if (dims.length != r) {
            throw new IllegalArgumentException("permute: number of dims " + dims.length + " does not match the rank " + r
                + " of shape " + x.shape());
        }
        int[] sizes = new int[r];
        int[] strides = new int[r];
        int[] inverse = new int[r];
        boolean[] used = new boolean[r];
        int[] xs = x.strides();
        for (int i = 0; i < r; i++) {
            int d = x.shape().normalize(dims[i]);
            if (used[d]) {
                throw new IllegalArgumentException("permute: dim " + d + " repeated in " + Arrays.toString(dims) + " for shape " + x.shape());
            }
            used[d] = true;
            sizes[i] = x.size(d);
            strides[i] = xs[d];
            inverse[d] = i;
        }
        Tensor out = x.view(Shape.of(sizes), strides, x.offset());
        return Autograd.record(out, "PermuteBackward", new Tensor[] {x}, g -> new Tensor[] {g.permute(inverse)});
    }

    static Tensor transpose(Tensor x, int d0, int d1) {
        int[] p = new int[x.rank()];
        for (int i = 0; i < p.length; i++) {
            p[i] = i;
        }
        int a = x.shape().normalize(d0);
        int b = x.shape().normalize(d1);
        p[a] = b;
        p[b] = a;
        return permute(x, p);
    }

    static Tensor select(Tensor x, int dim, int index) {
        int d = x.shape().normalize(dim);
        int n = x.size(d);
        int i = index < 0 ? index + n : index;
        if (i < 0 || i >= n) {
            throw new IndexOutOfBoundsException("index " + index + " is out of bounds for dimension " + dim + " with size " + n
                + " (shape " + x.shape() + ")");
        }
        int[] sizes = remove(x.shape().dims(), d);
        int[] strides = remove(x.strides(), d);
        Tensor out = x.view(Shape.of(sizes), strides, x.offset() + i * x.strides()[d]);
        return Autograd.recordSelect(out, x, d, i);
    }

    static Tensor slice(Tensor x, int dim, int start, int end, int step) {
        if (step <= 0) {
            throw new IllegalArgumentException("slice step must be positive, got " + step + " (dim " + dim + " of shape " + x.shape() + ")");
        }
        int d = x.shape().normalize(dim);
        int n = x.size(d);
        int s = clamp(start < 0 ? start + n : start, n);
        int e = clamp(end < 0 ? end + n : end, n);
        int len = e > s ? (e - s + step - 1) / step : 0;
        int[] sizes = x.shape().dims();
        int[] strides = x.strides();
        int off = x.offset() + s * strides[d];
        sizes[d] = len;
        strides[d] = strides[d] * step;
        Tensor out = x.view(Shape.of(sizes), strides, off);
        return Autograd.record(out, "SliceBackward", new Tensor[] {x}, g -> {
            Tensor full = Tensor.zeros(x.shape(), g.device());
            full.backend().copy(g, full.slice(d, s, e, step));
            return new Tensor[] {full};
        });
    }

    private static int clamp(int v, int n) {
        return Math.max(0, Math.min(n, v));
    }

    static Tensor expand(Tensor x, int[] dims) {
        int r = dims.length;
        int xr = x.rank();
        if (r < xr) {
            throw new IllegalArgumentException("expand: the number of sizes provided (" + r + ") must be greater or equal to the rank "
                + xr + " of shape " + x.shape());
        }
        int[] sizes = new int[r];
        int[] strides = new int[r];
        int[] xs = x.strides();
        for (int i = 0; i < r; i++) {
            int xi = i - (r - xr);
            int want = dims[i];
            if (xi < 0) {
                if (want < 0) {
                    throw new IllegalArgumentException("expand: -1 not allowed for a new leading dimension, sizes " + Arrays.toString(dims)
                        + ", tensor shape " + x.shape());
                }
                sizes[i] = want;
                strides[i] = 0;
            } else {
                int have = x.size(xi);
                if (want == -1 || want == have) {
                    sizes[i] = have;
                    strides[i] = xs[xi];
                } else if (have == 1) {
                    sizes[i] = want;
                    strides[i] = 0;
                } else {
                    throw new IllegalArgumentException("expand: the expanded size (" + want + ") must match the existing size (" + have
                        + ") at non-singleton dimension " + i + "; target sizes " + Arrays.toString(dims) + ", tensor shape " + x.shape());
                }
            }
        }
        Shape target = Shape.of(sizes);
        if (target.equals(x.shape())) {
            return x;
        }
        Tensor out = x.view(target, strides, x.offset());
        return Autograd.record(out, "ExpandBackward", new Tensor[] {x}, g -> new Tensor[] {Reductions.sumTo(g, x.shape())});
    }

    static Tensor repeat(Tensor x, int[] times) {
        if (times.length < x.rank()) {
            throw new IllegalArgumentException("repeat: number of repeat dims (" + times.length + ") can not be smaller than the rank "
                + x.rank() + " of shape " + x.shape());
        }
        int lead = times.length - x.rank();
        int[] xs = new int[times.length];
        for (int i = 0; i < times.length; i++) {
            xs[i] = i < lead ? 1 : x.size(i - lead);
        }
        // [a, b] repeated [r, s] = expand [r, a, s, b], then merge pairs.
        int[] interleavedSrc = new int[2 * times.length];
        int[] interleaved = new int[2 * times.length];
        int[] result = new int[times.length];
        for (int i = 0; i < times.length; i++) {
            interleavedSrc[2 * i] = 1;
            interleavedSrc[2 * i + 1] = xs[i];
            interleaved[2 * i] = times[i];
            interleaved[2 * i + 1] = xs[i];
            result[i] = times[i] * xs[i];
        }
        return x.reshape(interleavedSrc).expand(interleaved).reshape(result);
    }

    static Tensor unsqueeze(Tensor x, int dim) {
        int r = x.rank() + 1;
        int d = dim < 0 ? dim + r : dim;
        if (d < 0 || d >= r) {
            throw new IllegalArgumentException("unsqueeze: dimension out of range (expected to be in range of [" + (-r) + ", " + (r - 1)
                + "], but got " + dim + ") for shape " + x.shape());
        }
        int[] sizes = insert(x.shape().dims(), d, 1);
        int[] strides = insert(x.strides(), d, d < x.rank() ? x.strides()[d] * x.size(d) : 1);
        Tensor out = x.view(Shape.of(sizes), strides, x.offset());
        return Autograd.record(out, "UnsqueezeBackward", new Tensor[] {x}, g -> new Tensor[] {g.squeeze(d)});
    }

    static Tensor squeeze(Tensor x, int dim) {
        int d = x.shape().normalize(dim);
        if (x.size(d) != 1) {
            return x;
        }
        Tensor out = x.view(Shape.of(remove(x.shape().dims(), d)), remove(x.strides(), d), x.offset());
        return Autograd.record(out, "SqueezeBackward", new Tensor[] {x}, g -> new Tensor[] {g.unsqueeze(d)});
    }

    static Tensor flatten(Tensor x, int start, int end) {
        if (x.rank() == 0) {
            return x.reshape(1);
        }
        int s = x.shape().normalize(start);
        int e = x.shape().normalize(end);
        if (s > e) {
            throw new IllegalArgumentException("flatten: start dim " + start + " comes after end dim " + end + " for shape " + x.shape());
        }
        int[] dims = x.shape().dims();
        int[] out = new int[dims.length - (e - s)];
        int k = 0;
        for (int i = 0; i < s; i++) {
            out[k++] = dims[i];
        }
        int merged = 1;
        for (int i = s; i <= e; i++) {
            merged *= dims[i];
        }
        out[k++] = merged;
        for (int i = e + 1; i < dims.length; i++) {
            out[k++] = dims[i];
        }
        return x.reshape(out);
    }

    static Tensor cat(List<Tensor> tensors, int dim) {
        if (tensors.isEmpty()) {
            throw new IllegalArgumentException("cat: expected a non-empty list of tensors");
        }
        Tensor first = tensors.get(0);
        int d = first.shape().normalize(dim);
        int total = 0;
        for (int i = 0; i < tensors.size(); i++) {
            Tensor t = tensors.get(i);
            if (t.rank() != first.rank()) {
                throw new IllegalArgumentException("cat: tensor " + i + " has shape " + t.shape() + ", rank differs from tensor 0's " + first.shape());
            }
            if (t.device() != first.device()) {
                throw new IllegalArgumentException("cat: tensor " + i + " is on " + t.device() + ", tensor 0 on " + first.device());
            }
            for (int k = 0; k < t.rank(); k++) {
                if (k != d && t.size(k) != first.size(k)) {
                    throw new IllegalArgumentException("cat: sizes of tensors must match except in dimension " + d + ": tensor " + i
                        + " has shape " + t.shape() + ", tensor 0 has " + first.shape());
                }
            }
            total += t.size(d);
        }
        Tensor out = Tensor.zeros(first.shape().with(d, total), first.device());
        int at = 0;
        int[] starts = new int[tensors.size()];
        for (int i = 0; i < tensors.size(); i++) {
            Tensor t = tensors.get(i);
            starts[i] = at;
            out.backend().copy(t, out.slice(d, at, at + t.size(d)));
            at += t.size(d);
        }
        Tensor[] inputs = tensors.toArray(new Tensor[0]);
        return Autograd.record(out, "CatBackward", inputs, g -> {
            Tensor[] gs = new Tensor[inputs.length];
            for (int i = 0; i < inputs.length; i++) {
                gs[i] = g.slice(d, starts[i], starts[i] + inputs[i].size(d));
            }
            return gs;
        });
    }

    static Tensor stack(List<Tensor> tensors, int dim) {
        if (tensors.isEmpty()) {
            throw new IllegalArgumentException("stack: expected a non-empty list of tensors");
        }
        Shape s = tensors.get(0).shape();
        List<Tensor> parts = new ArrayList<>();
        for (int i = 0; i < tensors.size(); i++) {
            if (!tensors.get(i).shape().equals(s)) {
                throw new IllegalArgumentException("stack expects each tensor to be equal size, but got " + s + " at entry 0 and "
                    + tensors.get(i).shape() + " at entry " + i);
            }
            parts.add(tensors.get(i).unsqueeze(dim));
        }
        return cat(parts, dim);
    }

    static List<Tensor> chunk(Tensor x, int chunks, int dim) {
        if (chunks <= 0) {
            throw new IllegalArgumentException("chunk expects a positive number of chunks, got " + chunks + " (shape " + x.shape() + ")");
        }
        int n = x.size(dim);
        int size = (n + chunks - 1) / chunks;
        return split(x, Math.max(size, 1), dim);
    }

    static List<Tensor> split(Tensor x, int size, int dim) {
        if (size <= 0) {
            throw new IllegalArgumentException("split expects a positive split size, got " + size + " (shape " + x.shape() + ")");
        }
        int n = x.size(dim);
        List<Tensor> out = new ArrayList<>();
        for (int s = 0; s < n; s += size) {
            out.add(slice(x, dim, s, Math.min(n, s + size), 1));
        }
        return out;
    }

    static List<Tensor> split(Tensor x, int[] sizes, int dim) {
        int n = x.size(dim);
        int sum = Arrays.stream(sizes).sum();
        if (sum != n || Arrays.stream(sizes).anyMatch(s -> s < 0)) {
            throw new IllegalArgumentException("split sizes " + Arrays.toString(sizes) + (sum != n ? " add up to " + sum + ", but" : " must be"
                + " non-negative;") + " dimension " + dim + " of shape " + x.shape() + " has size " + n);
        }
        List<Tensor> out = new ArrayList<>();
        int at = 0;
        for (int s : sizes) {
            out.add(slice(x, dim, at, at + s, 1));
            at += s;
        }
        return out;
    }

    static int[] remove(int[] a, int i) {
        int[] out = new int[a.length - 1];
        System.arraycopy(a, 0, out, 0, i);
        System.arraycopy(a, i + 1, out, i, a.length - i - 1);
        return out;
    }

    static int[] insert(int[] a, int i, int v) {
        int[] out = new int[a.length + 1];
        System.arraycopy(a, 0, out, 0, i);
        out[i] = v;
        System.arraycopy(a, i, out, i + 1, a.length - i);
        return out;
    }
}
