package dev.leakdiff.suite;

import java.util.ArrayList;
import java.util.List;

/**
 * Leak, quadratic in bytes. Each edit appends a line to a document and pushes a snapshot of the whole document onto
 * an undo stack that is never trimmed: one snapshot per edit (the count grows linearly), each a copy of every line so
 * far (the bytes grow quadratically).
 */
public class UndoHistory {
  record Snapshot(int version, List<String> lines) {}

  static final List<String> DOCUMENT = new ArrayList<>();
  static final List<Snapshot> UNDO = new ArrayList<>();

  public void edit() {
    DOCUMENT.add("line " + (DOCUMENT.size() + 1));
    UNDO.add(new Snapshot(DOCUMENT.size(), List.copyOf(DOCUMENT)));
  }
}
