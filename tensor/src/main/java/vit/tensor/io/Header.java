// SPDX-License-Identifier: MIT
package vit.tensor.io;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A safetensors header, parsed and checked against the data buffer it describes: every tensor's
 * dtype, shape and byte range agree, and the ranges tile the buffer exactly (no overlap, no hole,
 * nothing after the last tensor). Once a header is built, reading the tensors cannot go wrong.
 *
 * <p>{@code dataStart} is where the data buffer begins in the file: after the length field and the header.
 */
record Header(List<Entry> entries, Map<String, String> metadata, long dataStart) {
    static final String METADATA_KEY = "__metadata__";
    private static final List<String> ENTRY_KEYS = List.of("dtype", "shape", "data_offsets");

    /** One tensor: its element type, sizes and byte range {@code [begin, end)} in the data buffer. */
    record Entry(String name, DType dtype, int[] dims, long begin, long end) {
        int numel() {
            return (int) ((end - begin) / dtype.size());
        }
    }

    /** Parses and validates {@code json} (the header bytes) for a data buffer of {@code bufferLength}. */
    static Header parse(String source, byte[] json, long bufferLength) throws SafeTensorsException {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(json)).toString();
        } catch (CharacterCodingException e) {
            throw new SafeTensorsException(source, "header is not valid UTF-8", e);
        }
        Object root;
        try {
            root = Json.parse(text);
        } catch (Json.SyntaxError e) {
            throw new SafeTensorsException(source, "header is not valid JSON: " + e.getMessage(), e);
        }
        if (!(root instanceof Json.Obj top)) {
            throw new SafeTensorsException(source, "header must be a JSON object but is " + Json.describe(root));
        }
        List<Entry> entries = new ArrayList<>();
        Map<String, String> metadata = Map.of();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < top.keys().size(); i++) {
            String name = top.keys().get(i);
            if (!seen.add(name)) {
                throw new SafeTensorsException(source, (name.equals(METADATA_KEY) ? METADATA_KEY : "tensor '" + name + "'")
                    + " appears twice in the header");
            }
            Object value = top.values().get(i);
            if (name.equals(METADATA_KEY)) {
                metadata = metadata(source, value);
            } else {
                entries.add(entry(source, name, value, bufferLength));
            }
        }
        checkLayout(source, entries, bufferLength);
        return new Header(Collections.unmodifiableList(entries), metadata, 8L + json.length);
    }

    private static Map<String, String> metadata(String source, Object value) throws SafeTensorsException {
        if (!(value instanceof Json.Obj obj)) {
            throw new SafeTensorsException(source, METADATA_KEY + " must be an object of strings but is " + Json.describe(value));
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < obj.keys().size(); i++) {
            String key = obj.keys().get(i);
            if (!(obj.values().get(i) instanceof String s)) {
                throw new SafeTensorsException(source, METADATA_KEY + " value of '" + key + "' must be a string but is "
                    + Json.describe(obj.values().get(i)));
            }
            if (out.put(key, s) != null) {
                throw new SafeTensorsException(source, METADATA_KEY + " key '" + key + "' appears twice");
            }
        }
        return Collections.unmodifiableMap(out);
    }

    private static Entry entry(String source, String name, Object value, long bufferLength) throws SafeTensorsException {
        String tensor = "tensor '" + name + "'";
        if (!(value instanceof Json.Obj obj)) {
            throw new SafeTensorsException(source, tensor + ": entry must be an object with dtype, shape and data_offsets but is "
                + Json.describe(value));
        }
        Object[] fields = new Object[ENTRY_KEYS.size()];
        for (int i = 0; i < obj.keys().size(); i++) {
            String key = obj.keys().get(i);
            int k = ENTRY_KEYS.indexOf(key);
            if (k < 0) {
                throw new SafeTensorsException(source, tensor + ": unexpected key '" + key + "' (expected dtype, shape, data_offsets)");
            }
            if (fields[k] != null) {
                throw new SafeTensorsException(source, tensor + ": key '" + key + "' appears twice");
            }
            fields[k] = obj.values().get(i);
        }
        for (int k = 0; k < fields.length; k++) {
            if (fields[k] == null) {
                throw new SafeTensorsException(source, tensor + ": missing key '" + ENTRY_KEYS.get(k) + "'");
            }
        }
        DType dtype = dtype(source, tensor, fields[0]);
        long[] shape = integers(source, tensor, "shape", fields[1], Integer.MAX_VALUE);
        long[] offsets = integers(source, tensor, "data_offsets", fields[2], Long.MAX_VALUE);
        if (offsets.length != 2) {
            throw new SafeTensorsException(source, tensor + ": data_offsets must be [begin, end] but has "
                + offsets.length + " entries");
        }
        long begin = offsets[0];
        long end = offsets[1];
        String range = "data_offsets [" + begin + ", " + end + "]";
        if (end < begin) {
            throw new SafeTensorsException(source, tensor + ": " + range + " end before they begin");
        }
        if (end > bufferLength) {
            throw new SafeTensorsException(source, tensor + ": " + range + " reach past the end of the data buffer, which has "
                + bufferLength + " bytes");
        }
        String shapeText = Arrays.toString(shape);
        long numel = 1;
        for (long d : shape) {
            numel = d == 0 || numel <= Long.MAX_VALUE / dtype.size() / d ? numel * d : Long.MAX_VALUE;
        }
        long needed = numel == Long.MAX_VALUE ? Long.MAX_VALUE : numel * dtype.size();
        if (needed != end - begin) {
            throw new SafeTensorsException(source, tensor + ": shape " + shapeText + " needs "
                + (needed == Long.MAX_VALUE ? "more than 2^63" : String.valueOf(needed)) + " bytes of " + dtype
                + " but " + range + " span " + (end - begin));
        }
        if (numel > Integer.MAX_VALUE) {
            throw new SafeTensorsException(source, tensor + ": shape " + shapeText + " has " + numel
                + " elements, more than a Java array holds (" + Integer.MAX_VALUE + ")");
        }
        int[] dims = new int[shape.length];
        for (int i = 0; i < dims.length; i++) {
            dims[i] = (int) shape[i];
        }
        return new Entry(name, dtype, dims, begin, end);
    }

    private static DType dtype(String source, String tensor, Object value) throws SafeTensorsException {
        if (!(value instanceof String name)) {
            throw new SafeTensorsException(source, tensor + ": dtype must be a string but is " + Json.describe(value));
        }
        DType dtype = DType.byName(name);
        if (dtype != null) {
            return dtype;
        }
        if (DType.UNSUPPORTED.contains(name)) {
            throw new SafeTensorsException(source, tensor + ": dtype " + name
                + " is not supported (this reader reads F32, F16 and BF16)");
        }
        throw new SafeTensorsException(source, tensor + ": unknown dtype " + Json.describe(value)
            + " (safetensors dtypes: F32, F16, BF16, " + String.join(", ", DType.UNSUPPORTED) + ")");
    }

    /** A JSON array of integers in {@code [0, max]}. */
    private static long[] integers(String source, String tensor, String key, Object value, long max) throws SafeTensorsException {
        if (!(value instanceof List<?> list)) {
            throw new SafeTensorsException(source, tensor + ": " + key + " must be an array of integers but is "
                + Json.describe(value));
        }
        long[] out = new long[list.size()];
        for (int i = 0; i < out.length; i++) {
            Object item = list.get(i);
            long v = item instanceof Json.Num n ? n.asNonNegativeLong() : -1;
            if (v < 0 || v > max) {
                throw new SafeTensorsException(source, tensor + ": " + key + "[" + i + "] must be an integer in [0, " + max
                    + "] but is " + Json.describe(item));
            }
            out[i] = v;
        }
        return out;
    }

    /** The byte ranges, in order, must tile {@code [0, bufferLength)}. */
    private static void checkLayout(String source, List<Entry> entries, long bufferLength) throws SafeTensorsException {
        List<Entry> byOffset = new ArrayList<>(entries);
        byOffset.sort((a, b) -> a.begin() != b.begin() ? Long.compare(a.begin(), b.begin()) : Long.compare(a.end(), b.end()));
        long covered = 0;
        Entry previous = null;
        for (Entry e : byOffset) {
            if (e.begin() < covered) {
                throw new SafeTensorsException(source, "tensors '" + previous.name() + "' (data_offsets [" + previous.begin()
                    + ", " + previous.end() + "]) and '" + e.name() + "' (data_offsets [" + e.begin() + ", " + e.end()
                    + "]) overlap");
            }
            if (e.begin() > covered) {
                throw new SafeTensorsException(source, "bytes [" + covered + ", " + e.begin() + ") of the data buffer belong to no tensor"
                    + " (tensor '" + e.name() + "' starts at " + e.begin() + ", expected " + covered + ")");
            }
            covered = e.end();
            previous = e;
        }
        if (covered != bufferLength) {
            throw new SafeTensorsException(source, "the data buffer has " + bufferLength + " bytes but the tensors cover "
                + covered + ": the last " + (bufferLength - covered) + " bytes belong to no tensor");
        }
    }
}
