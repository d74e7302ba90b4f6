// SPDX-License-Identifier: MIT
package vit.tensor.io;

import java.util.ArrayList;
import java.util.List;

/**
 * A strict JSON parser (RFC 8259) for safetensors headers, so the module needs no JSON library.
 *
 * <p>Values become {@link Obj} (members kept in order, duplicates kept so the caller can name them),
 * {@code List<Object>}, {@link String}, {@link Num} (the literal, so big or fractional numbers can be
 * reported as written), {@link Boolean} and {@link #NULL}. Nesting is limited to {@value #MAX_DEPTH}
 * levels so a hostile header cannot overflow the stack.
 */
final class Json {
    static final int MAX_DEPTH = 64;

    /** JSON's {@code null}. */
    static final Object NULL = new Object() {
        @Override
        public String toString() {
            return "null";
        }
    };

    /** An object's members in the order written, duplicates included. */
    record Obj(List<String> keys, List<Object> values) {
    }

    /** A number as written, e.g. {@code 12}, {@code -3}, {@code 2.5e3}. */
    record Num(String text) {
        /** The value if it is a plain non-negative integer that fits a long, else -1. */
        long asNonNegativeLong() {
            for (int i = 0; i < text.length(); i++) {
                if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                    return -1;
                }
            }
            return text.length() > 18 && (text.length() > 19 || text.compareTo("9223372036854775807") > 0)
                ? -1 : Long.parseLong(text);
        }
    }

    /** Where and why the text is not JSON. */
    static final class SyntaxError extends Exception {
        private static final long serialVersionUID = 1L;

        SyntaxError(String message, int position) {
            super(message + " at character " + position);
        }
    }

    private final String s;
    private int pos;

    private Json(String s) {
        this.s = s;
    }

    /** The single value in {@code text}, which may be surrounded by whitespace only. */
    static Object parse(String text) throws SyntaxError {
        Json p = new Json(text);
        p.skipWhitespace();
        Object v = p.value(0);
        p.skipWhitespace();
        if (p.pos != text.length()) {
            throw p.error("unexpected " + p.describe() + " after the value");
        }
        return v;
    }

    /** How a value is called in an error message: "an object", "the string \"x\"", ... */
    static String describe(Object v) {
        if (v instanceof Obj) {
            return "an object";
        } else if (v instanceof List) {
            return "an array";
        } else if (v instanceof String str) {
            return "the string \"" + (str.length() <= 40 ? str : str.substring(0, 40) + "...") + "\"";
        } else if (v instanceof Num n) {
            return n.text();
        }
        return String.valueOf(v);
    }

    private Object value(int depth) throws SyntaxError {
        if (depth >= MAX_DEPTH) {
            throw error("nesting deeper than " + MAX_DEPTH + " levels");
        }
        if (pos >= s.length()) {
            throw error("unexpected end of header, expected a value");
        }
        char c = s.charAt(pos);
        switch (c) {
            case '{':
                return object(depth);
            case '[':
                return array(depth);
            case '"':
                return string();
            case 't':
                return literal("true", Boolean.TRUE);
            case 'f':
                return literal("false", Boolean.FALSE);
            case 'n':
                return literal("null", NULL);
            default:
                if (c == '-' || (c >= '0' && c <= '9')) {
                    return number();
                }
                throw error("unexpected " + describe() + ", expected a value");
        }
    }

    private Obj object(int depth) throws SyntaxError {
        pos++; // '{'
        List<String> keys = new ArrayList<>();
        List<Object> values = new ArrayList<>();
        skipWhitespace();
        if (peek() == '}') {
            pos++;
            return new Obj(keys, values);
        }
        while (true) {
            skipWhitespace();
            if (peek() != '"') {
                throw error("unexpected " + describe() + ", expected a member name in quotes");
            }
            keys.add(string());
            skipWhitespace();
            expect(':', "':'");
            skipWhitespace();
            values.add(value(depth + 1));
            skipWhitespace();
            if (peek() == '}') {
                pos++;
                return new Obj(keys, values);
            }
            expect(',', "',' or '}'");
        }
    }

    private List<Object> array(int depth) throws SyntaxError {
        pos++; // '['
        List<Object> items = new ArrayList<>();
        skipWhitespace();
        if (peek() == ']') {
            pos++;
            return items;
        }
        while (true) {
            skipWhitespace();
            items.add(value(depth + 1));
            skipWhitespace();
            if (peek() == ']') {
                pos++;
                return items;
            }
            expect(',', "',' or ']'");
        }
    }

    private String string() throws SyntaxError {
        pos++; // opening quote
        StringBuilder out = new StringBuilder();
        while (true) {
            if (pos >= s.length()) {
                throw error("unterminated string");
            }
            char c = s.charAt(pos++);
            if (c == '"') {
                return out.toString();
            } else if (c < 0x20) {
                throw error("unescaped control character U+" + String.format("%04X", (int) c) + " in a string");
            } else if (c != '\\') {
                out.append(c);
                continue;
            }
            if (pos >= s.length()) {
                throw error("unterminated string");
            }
            char e = s.charAt(pos++);
            switch (e) {
                case '"', '\\', '/' -> out.append(e);
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'u' -> out.append(unicodeEscape());
                default -> {
                    pos--;
                    throw error("invalid escape \\" + e);
                }
            }
        }
    }

    /** The code unit(s) of a backslash-u escape, pairing surrogates; a lone surrogate is an error. */
    private String unicodeEscape() throws SyntaxError {
        char hi = hex4();
        if (Character.isLowSurrogate(hi)) {
            throw error("lone low surrogate \\u" + String.format("%04X", (int) hi));
        }
        if (!Character.isHighSurrogate(hi)) {
            return String.valueOf(hi);
        }
        if (!s.startsWith("\\u", pos)) {
            throw error("high surrogate \\u" + String.format("%04X", (int) hi) + " not followed by a low one");
        }
        pos += 2;
        char lo = hex4();
        if (!Character.isLowSurrogate(lo)) {
            throw error("high surrogate \\u" + String.format("%04X", (int) hi) + " not followed by a low one");
        }
        return new String(new char[] {hi, lo});
    }

    private char hex4() throws SyntaxError {
        if (pos + 4 > s.length()) {
            throw error("truncated \\u escape");
        }
        int v = 0;
        for (int i = 0; i < 4; i++) {
            int d = Character.digit(s.charAt(pos), 16);
            if (d < 0 || s.charAt(pos) > 'f') {
                throw error("invalid hex digit " + describe() + " in a \\u escape");
            }
            v = v * 16 + d;
            pos++;
        }
        return (char) v;
    }

    /** {@code -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?} */
    private Num number() throws SyntaxError {
        int start = pos;
        if (peek() == '-') {
            pos++;
        }
        if (peek() == '0') {
            pos++;
        } else if (isDigit(peek())) {
            digits();
        } else {
            throw error("expected a digit but found " + describe());
        }
        if (peek() == '.') {
            pos++;
            if (!isDigit(peek())) {
                throw error("expected a digit after the decimal point but found " + describe());
            }
            digits();
        }
        if (peek() == 'e' || peek() == 'E') {
            pos++;
            if (peek() == '+' || peek() == '-') {
                pos++;
            }
            if (!isDigit(peek())) {
                throw error("expected a digit in the exponent but found " + describe());
            }
            digits();
        }
        return new Num(s.substring(start, pos));
    }

    private void digits() {
        while (isDigit(peek())) {
            pos++;
        }
    }

    private static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }

    private Object literal(String word, Object v) throws SyntaxError {
        if (!s.startsWith(word, pos)) {
            throw error("unexpected " + describe() + ", expected a value");
        }
        pos += word.length();
        return v;
    }

    private void expect(char c, String expected) throws SyntaxError {
        if (peek() != c) {
            throw error("expected " + expected + " but found " + describe());
        }
        pos++;
    }

    /** The next character, or -1 at the end. */
    private int peek() {
        return pos < s.length() ? s.charAt(pos) : -1;
    }

    private void skipWhitespace() {
        while (pos < s.length()) {
            char c = s.charAt(pos);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            pos++;
        }
    }

    /** The character at the cursor, for error messages. */
    private String describe() {
        if (pos >= s.length()) {
            return "end of header";
        }
        char c = s.charAt(pos);
        return c >= 0x20 && c < 0x7f ? "'" + c + "'" : String.format("U+%04X", (int) c);
    }

    private SyntaxError error(String message) {
        return new SyntaxError(message, pos);
    }
}
