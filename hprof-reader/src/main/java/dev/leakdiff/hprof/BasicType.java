package dev.leakdiff.hprof;

/** The value types of the format: code in the dump, size in the dump and size in memory. */
public enum BasicType {
  OBJECT(2, 0, "Object"),
  BOOLEAN(4, 1, "boolean"),
  CHAR(5, 2, "char"),
  FLOAT(6, 4, "float"),
  DOUBLE(7, 8, "double"),
  BYTE(8, 1, "byte"),
  SHORT(9, 2, "short"),
  INT(10, 4, "int"),
  LONG(11, 8, "long");

  private static final BasicType[] BY_CODE = new BasicType[12];

  static {
    for (BasicType t : values()) {
      BY_CODE[t.code] = t;
    }
  }

  public final int code;
  /** Size of a value of this type in memory and in the dump; 0 for OBJECT (it depends on the ids / the layout). */
  public final int size;
  public final String javaName;

  BasicType(int code, int size, String javaName) {
    this.code = code;
    this.size = size;
    this.javaName = javaName;
  }

  /** The type for a code, or null if the code is not one of the format's. */
  public static BasicType byCode(int code) {
    return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
  }

  /** Size in the dump, where object references take the id size. */
  public int dumpSize(int idSize) {
    return this == OBJECT ? idSize : size;
  }
}
