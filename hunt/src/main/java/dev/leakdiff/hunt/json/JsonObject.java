package dev.leakdiff.hunt.json;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A JSON object under construction, fields in the order put; and typed reads of a parsed one ({@link #of}).
 */
public final class JsonObject extends LinkedHashMap<String, Object> {
  private static final long serialVersionUID = 1L;

  /** Puts a field; returns this. */
  public JsonObject with(String name, Object value) {
    put(name, value);
    return this;
  }

  /** Puts a field unless its value is null; returns this. */
  public JsonObject withNonNull(String name, Object value) {
    if (value != null) {
      put(name, value);
    }
    return this;
  }

  /** A parsed object's fields; fails with the field's name when the value is no object. */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> of(Object parsed, String what) {
    if (parsed instanceof Map<?, ?> m) {
      return (Map<String, Object>) m;
    }
    throw new IllegalArgumentException(what + " is not a JSON object");
  }

  /** A number field of a parsed object as a long, or null when absent or null. */
  public static Long longOf(Map<String, Object> o, String field) {
    Object v = o.get(field);
    if (v == null) {
      return null;
    }
    if (v instanceof Number n) {
      return n.longValue();
    }
    throw new IllegalArgumentException("'" + field + "' is not a number");
  }

  /** A string field of a parsed object, or null. */
  public static String stringOf(Map<String, Object> o, String field) {
    Object v = o.get(field);
    if (v == null || v instanceof String) {
      return (String) v;
    }
    throw new IllegalArgumentException("'" + field + "' is not a string");
  }

  /** A boolean field of a parsed object, or null. */
  public static Boolean booleanOf(Map<String, Object> o, String field) {
    Object v = o.get(field);
    if (v == null || v instanceof Boolean) {
      return (Boolean) v;
    }
    throw new IllegalArgumentException("'" + field + "' is not true or false");
  }

  /** An object field of a parsed object, or null. */
  public static Map<String, Object> objectOf(Map<String, Object> o, String field) {
    Object v = o.get(field);
    return v == null ? null : of(v, "'" + field + "'");
  }

  /** A list field of a parsed object, or null. */
  public static List<?> listOf(Map<String, Object> o, String field) {
    Object v = o.get(field);
    if (v == null || v instanceof List<?>) {
      return (List<?>) v;
    }
    throw new IllegalArgumentException("'" + field + "' is not a list");
  }
}
