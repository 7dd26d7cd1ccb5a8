package dev.leakdiff.hprof;

/** Turns the JVM's internal class names (java/lang/String, [B, [Ljava/lang/Object;) into Java source form. */
public final class ClassNames {
  private ClassNames() {}

  /** java/lang/String -> java.lang.String; [B -> byte[]; [[Ljava/lang/Object; -> java.lang.Object[][]; Android names pass. */
  public static String toJava(String internal) {
    int dims = 0;
    while (dims < internal.length() && internal.charAt(dims) == '[') {
      dims++;
    }
    if (dims == 0) {
      return internal.indexOf('/') >= 0 ? internal.replace('/', '.') : internal;
    }
    String element = internal.substring(dims);
    String base;
    if (element.length() == 1) {
      base = primitive(element.charAt(0));
      if (base == null) {
        return internal;
      }
    } else if (element.startsWith("L") && element.endsWith(";")) {
      base = element.substring(1, element.length() - 1).replace('/', '.');
    } else {
      return internal;
    }
    return base + "[]".repeat(dims);
  }

  private static String primitive(char c) {
    return switch (c) {
      case 'Z' -> "boolean";
      case 'C' -> "char";
      case 'F' -> "float";
      case 'D' -> "double";
      case 'B' -> "byte";
      case 'S' -> "short";
      case 'I' -> "int";
      case 'J' -> "long";
      default -> null;
    };
  }

  /** The name of a primitive array type: byte[], int[], ... */
  public static String primitiveArray(BasicType type) {
    return type.javaName + "[]";
  }
}
