package dev.leakdiff.hprof;

/**
 * A CLASS_DUMP sub-record: the class's super class, loader, signers and protection domain, static fields with
 * their values and the declared instance fields (names as STRING ids, types as basic type codes), in dump order.
 */
public record ClassDump(
    long classId,
    long superClassId,
    long classLoaderId,
    long signersId,
    long protectionDomainId,
    int instanceSizeInDump,
    long[] staticNameIds,
    byte[] staticTypes,
    long[] staticValues,
    long[] fieldNameIds,
    byte[] fieldTypes) {

  /** Bytes of this class's own declared fields in the dump (without super classes). */
  public int ownFieldBytesInDump(int idSize) {
    int n = 0;
    for (byte t : fieldTypes) {
      n += BasicType.byCode(t).dumpSize(idSize);
    }
    return n;
  }
}
