package dev.leakdiff.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** Reading run's JSON (schema version 2) in the tests: its findings by kind, and a route as one line of its values. */
final class RunJson {
  private RunJson() {}

  /** The findings of this kind. */
  static List<JsonNode> findings(JsonNode run, String kind) {
    List<JsonNode> out = new ArrayList<>();
    run.get("findings").forEach(f -> {
      if (f.get("kind").asText().equals(kind)) {
        out.add(f);
      }
    });
    return out;
  }

  /** The one finding of this kind, or null. */
  static JsonNode finding(JsonNode run, String kind) {
    List<JsonNode> all = findings(run, kind);
    if (all.size() > 1) {
      throw new AssertionError("more than one " + kind + ": " + all);
    }
    return all.isEmpty() ? null : all.get(0);
  }

  /** The text of the findings of this kind. */
  static List<String> texts(JsonNode run, String kind) {
    return findings(run, kind).stream().map(f -> f.get("text").asText()).toList();
  }

  /**
   * A route (a list of hops) as one line made from its values alone, not from the words leakdiff gives it:
   * "static com.acme.Foo.BAR -> java.util.HashMap[value] -> com.acme.Node.next* -> ...".
   */
  static String route(JsonNode hops) {
    List<String> parts = new ArrayList<>();
    for (JsonNode h : hops) {
      String owner = h.path("owner").asText();
      String name = h.path("name").asText();
      parts.add(switch (h.get("kind").asText()) {
        case "staticField" -> "static " + owner + "." + name;
        case "scenarioField" -> "the scenario " + owner + "." + name;
        case "field" -> owner + "." + name + (h.path("repeated").asBoolean() ? "*" : "");
        case "mapValue" -> owner + "[value]";
        case "mapKey" -> owner + "[key]";
        case "element", "arrayElement", "entry" -> owner + "[*]";
        case "threadLocalValue" -> owner + "[value" + (h.has("threadLocal") ? " of static " + h.get("threadLocal").get("owner")
            .asText() + "." + h.get("threadLocal").get("name").asText() : "") + "]";
        case "thread" -> "thread '" + h.get("thread").get("name").asText() + "'";
        case "classOf" -> owner + ".<class>";
        case "classSlot" -> "class " + owner + " " + name;
        default -> h.get("kind").asText();
      });
    }
    return String.join(" -> ", parts);
  }
}
