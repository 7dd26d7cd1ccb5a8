package dev.leakdiff.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leakdiff.diff.ClassHistogram;
import java.io.PrintWriter;

/** The JSON output shared by the commands; its schema is in the README. */
final class Json {
  private Json() {}

  /** Bumped when a field changes meaning or disappears; new fields may come without it. */
  static final int SCHEMA_VERSION = 1;

  static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  static ObjectNode dump(ClassHistogram h, String label) {
    ObjectNode d = MAPPER.createObjectNode();
    if (label != null) {
      d.put("label", label);
    }
    d.put("file", h.source());
    d.put("dumpIndex", h.dumpIndex());
    d.put("dumpCount", h.dumpCount());
    d.put("timestampMillis", h.timestampMillis());
    d.put("objects", h.totalObjects());
    d.put("bytes", h.totalBytes());
    d.put("layout", h.layout().layout().name());
    d.put("layoutInferred", h.layout().inferred());
    d.put("truncated", h.truncated());
    d.set("warnings", MAPPER.valueToTree(h.warnings()));
    return d;
  }

  static void print(PrintWriter out, ObjectNode root) {
    try {
      out.println(MAPPER.writeValueAsString(root));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
