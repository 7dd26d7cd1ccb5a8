package dev.leakdiff.hunt.json;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * leakdiff's JSON, written and read in one place with no library: documents are trees of {@link JsonObject} (or any
 * map with string keys), lists and arrays, strings, numbers, booleans and null. Written indented as people read it
 * (two spaces, {@code "name" : value}, short arrays of numbers on one line); read back by {@link #parse}, which takes
 * any JSON. Nothing reflective: writing a capture's sidecar leaves no generated accessor in the JVM it measures.
 */
public final class Json {
  private Json() {}

  /** A document as indented JSON text, without a final newline. */
  public static String write(Object document) {
    StringBuilder sb = new StringBuilder(1024);
    value(sb, document, 0);
    return sb.toString();
  }

  /** A document as JSON on one line (a JSON lines record): strings hold no raw line break, so the indentation goes. */
  public static String line(Object document) {
    return write(document).replaceAll("\n\\s*", "");
  }

  private static void value(StringBuilder sb, Object v, int indent) {
    if (v == null) {
      sb.append("null");
    } else if (v instanceof String s) {
      string(sb, s);
    } else if (v instanceof Double d) {
      sb.append(Double.isFinite(d) ? doubleText(d) : "null");
    } else if (v instanceof Float f) {
      value(sb, f.doubleValue(), indent);
    } else if (v instanceof Number || v instanceof Boolean) {
      sb.append(v);
    } else if (v instanceof Map<?, ?> m) {
      object(sb, m, indent);
    } else if (v instanceof long[] a) {
      List<Object> l = new ArrayList<>(a.length);
      for (long x : a) {
        l.add(x);
      }
      array(sb, l, indent);
    } else if (v instanceof int[] a) {
      List<Object> l = new ArrayList<>(a.length);
      for (int x : a) {
        l.add(x);
      }
      array(sb, l, indent);
    } else if (v instanceof double[] a) {
      List<Object> l = new ArrayList<>(a.length);
      for (double x : a) {
        l.add(x);
      }
      array(sb, l, indent);
    } else if (v instanceof Collection<?> c) {
      array(sb, c, indent);
    } else if (v instanceof Enum<?> e) {
      string(sb, e.name());
    } else {
      throw new IllegalArgumentException("not a JSON value: " + v.getClass().getName());
    }
  }

  /** A double as Java writes it, with a decimal point always (1.0, 0.25, 1.0E-5). */
  private static String doubleText(double d) {
    return Double.toString(d);
  }

  private static void object(StringBuilder sb, Map<?, ?> m, int indent) {
    if (m.isEmpty()) {
      sb.append("{ }");
      return;
    }
    sb.append("{\n");
    int i = 0;
    for (Map.Entry<?, ?> e : m.entrySet()) {
      pad(sb, indent + 1);
      string(sb, String.valueOf(e.getKey()));
      sb.append(" : ");
      value(sb, e.getValue(), indent + 1);
      sb.append(++i < m.size() ? ",\n" : "\n");
    }
    pad(sb, indent);
    sb.append('}');
  }

  private static void array(StringBuilder sb, Collection<?> c, int indent) {
    if (c.isEmpty()) {
      sb.append("[ ]");
      return;
    }
    boolean flat = c.stream().allMatch(x -> x == null || x instanceof Number || x instanceof Boolean || x instanceof String s
        && s.length() < 40);
    if (flat && c.size() <= 16) {
      sb.append("[ ");
      int i = 0;
      for (Object x : c) {
        value(sb, x, indent);
        sb.append(++i < c.size() ? ", " : " ");
      }
      sb.append(']');
      return;
    }
    sb.append("[\n");
    int i = 0;
    for (Object x : c) {
      pad(sb, indent + 1);
      value(sb, x, indent + 1);
      sb.append(++i < c.size() ? ",\n" : "\n");
    }
    pad(sb, indent);
    sb.append(']');
  }

  private static void pad(StringBuilder sb, int indent) {
    for (int i = 0; i < indent; i++) {
      sb.append("  ");
    }
  }

  private static void string(StringBuilder sb, String s) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      switch (ch) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        case '\b' -> sb.append("\\b");
        case '\f' -> sb.append("\\f");
        default -> {
          if (ch < 0x20 || ch == 0x2028 || ch == 0x2029) {
            sb.append(String.format("\\u%04x", (int) ch));
          } else {
            sb.append(ch);
          }
        }
      }
    }
    sb.append('"');
  }

  /**
   * Reads JSON text: objects as ordered maps, arrays as lists, integers as Long (BigDecimal past a long), other numbers
   * as Double, and strings, booleans and null.
   *
   * @throws IllegalArgumentException with the offset, when the text is not JSON
   */
  public static Object parse(String text) {
    Parser p = new Parser(text);
    p.space();
    Object v = p.value(0);
    p.space();
    if (p.at < text.length()) {
      throw p.error("more text after the JSON value");
    }
    return v;
  }

  /** A recursive descent over the text; nesting is bounded so that no input can overflow the stack. */
  private static final class Parser {
    private static final int MAX_DEPTH = 512;
    private final String s;
    private int at;

    Parser(String s) {
      this.s = s;
    }

    IllegalArgumentException error(String what) {
      return new IllegalArgumentException("not JSON at offset " + at + ": " + what);
    }

    void space() {
      while (at < s.length() && Character.isWhitespace(s.charAt(at))) {
        at++;
      }
    }

    Object value(int depth) {
      if (depth > MAX_DEPTH) {
        throw error("nested too deep");
      }
      if (at >= s.length()) {
        throw error("the text ends where a value was expected");
      }
      char ch = s.charAt(at);
      return switch (ch) {
        case '{' -> object(depth);
        case '[' -> array(depth);
        case '"' -> string();
        case 't' -> word("true", Boolean.TRUE);
        case 'f' -> word("false", Boolean.FALSE);
        case 'n' -> word("null", null);
        default -> number();
      };
    }

    private Object word(String w, Object v) {
      if (!s.startsWith(w, at)) {
        throw error("expected " + w);
      }
      at += w.length();
      return v;
    }

    private Map<String, Object> object(int depth) {
      Map<String, Object> m = new LinkedHashMap<>();
      at++;
      space();
      if (at < s.length() && s.charAt(at) == '}') {
        at++;
        return m;
      }
      while (true) {
        space();
        if (at >= s.length() || s.charAt(at) != '"') {
          throw error("expected a field name");
        }
        String key = string();
        space();
        expect(':');
        space();
        m.put(key, value(depth + 1));
        space();
        if (at < s.length() && s.charAt(at) == ',') {
          at++;
          continue;
        }
        expect('}');
        return m;
      }
    }

    private List<Object> array(int depth) {
      List<Object> l = new ArrayList<>();
      at++;
      space();
      if (at < s.length() && s.charAt(at) == ']') {
        at++;
        return l;
      }
      while (true) {
        space();
        l.add(value(depth + 1));
        space();
        if (at < s.length() && s.charAt(at) == ',') {
          at++;
          continue;
        }
        expect(']');
        return l;
      }
    }

    private void expect(char ch) {
      if (at >= s.length() || s.charAt(at) != ch) {
        throw error("expected '" + ch + "'");
      }
      at++;
    }

    private String string() {
      at++;
      StringBuilder sb = new StringBuilder();
      while (true) {
        if (at >= s.length()) {
          throw error("the text ends inside a string");
        }
        char ch = s.charAt(at++);
        if (ch == '"') {
          return sb.toString();
        }
        if (ch != '\\') {
          sb.append(ch);
          continue;
        }
        if (at >= s.length()) {
          throw error("the text ends inside a string");
        }
        char e = s.charAt(at++);
        switch (e) {
          case '"', '\\', '/' -> sb.append(e);
          case 'n' -> sb.append('\n');
          case 'r' -> sb.append('\r');
          case 't' -> sb.append('\t');
          case 'b' -> sb.append('\b');
          case 'f' -> sb.append('\f');
          case 'u' -> {
            if (at + 4 > s.length()) {
              throw error("a \\u escape is cut short");
            }
            try {
              sb.append((char) Integer.parseInt(s.substring(at, at + 4), 16));
            } catch (NumberFormatException x) {
              throw error("a \\u escape is not hexadecimal");
            }
            at += 4;
          }
          default -> throw error("unknown escape \\" + e);
        }
      }
    }

    private Object number() {
      int start = at;
      while (at < s.length() && "+-0123456789.eE".indexOf(s.charAt(at)) >= 0) {
        at++;
      }
      String n = s.substring(start, at);
      if (n.isEmpty()) {
        throw error("unexpected character '" + s.charAt(start) + "'");
      }
      try {
        if (n.indexOf('.') < 0 && n.indexOf('e') < 0 && n.indexOf('E') < 0) {
          BigDecimal b = new BigDecimal(n);
          return b.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) <= 0 && b.compareTo(BigDecimal.valueOf(Long.MIN_VALUE)) >= 0
              ? (Object) b.longValueExact() : b;
        }
        return Double.parseDouble(n);
      } catch (NumberFormatException | ArithmeticException x) {
        throw error("'" + n + "' is not a number");
      }
    }
  }
}
