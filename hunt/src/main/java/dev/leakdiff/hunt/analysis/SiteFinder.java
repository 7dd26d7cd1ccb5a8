package dev.leakdiff.hunt.analysis;

import dev.leakdiff.graph.ClassTable;
import dev.leakdiff.graph.Frame;
import dev.leakdiff.graph.HeapGraph;
import dev.leakdiff.hunt.findings.AllocationSites;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where each leak's kept objects were created: the recording's samples are matched to the last dump's objects by
 * address (the class checked too), and a sample belongs to a leak when one of the leak's growing instances keeps it
 * alive ({@code SetRetained}'s owners). A sample's site is its first frames in the application's own code, with the
 * library frame it called above them.
 */
final class SiteFinder {
  /** The application's frames a site names, at most. */
  static final int CODE_FRAMES = 2;

  private final AllocationSamples.Recording recording;
  /** The recordings written before the last, read for the lines that made lambdas only when a leak is a lambda's. */
  private final List<java.nio.file.Path> earlier;
  private final java.util.function.Consumer<String> warn;
  private Map<String, Frame> madeAt;
  private final UserCode code;
  private final HeapGraph graph;
  /** The samples matched: their objects in the graph, and the samples. */
  final int[] objects;
  private final List<AllocationSamples.Sample> samples;

  /**
   * Matches the samples allocated after the given time (null: all) to the graph's objects; the lines that made lambdas
   * are looked for in earlier recordings too, what cannot be read of them a warning.
   */
  SiteFinder(AllocationSamples.Recording recording, List<java.nio.file.Path> earlier, HeapGraph graph, Instant after,
      java.util.function.Consumer<String> warn) {
    this.recording = recording;
    this.earlier = earlier;
    this.warn = warn;
    this.code = recording.userCode();
    this.graph = graph;
    List<Integer> objs = new ArrayList<>();
    List<AllocationSamples.Sample> kept = new ArrayList<>();
    BitSet seen = new BitSet(graph.objectCount());
    for (AllocationSamples.Sample s : recording.samples()) {
      if (after != null && s.allocated() != null && s.allocated().isBefore(after)) {
        continue;
      }
      int o = graph.objectOf(s.address());
      if (o < 0 || seen.get(o) || !sameClass(o, s.className())) {
        continue;
      }
      seen.set(o);
      objs.add(o);
      kept.add(s);
    }
    this.objects = objs.stream().mapToInt(Integer::intValue).toArray();
    this.samples = kept;
  }

  private boolean sameClass(int object, String sampled) {
    String name = graph.className(object);
    if (name.equals(sampled)) {
      return true;
    }
    String key = AllocationSamples.lambdaKey(sampled);
    return key != null && key.equals(AllocationSamples.lambdaKey(graph.values().jvmClassName(classId(graph.classIndex(object)))));
  }

  private long classId(int classIndex) {
    return graph.classes().get(classIndex).classId();
  }

  /**
   * The sites of one leak, from the owners of the samples in its set (its growing instances, those of its own class and
   * of the suspects it holds): owners[k] is the index in the set of the instance that keeps sample k alive, or -1.
   * Instances are counted of the leak's own class.
   */
  AllocationSites sites(String leakClass, int[] set, int[] owners) {
    BitSet own = new BitSet(set.length); // the set's instances of the leak's own class
    for (int m = 0; m < set.length; m++) {
      if (graph.className(set[m]).equals(leakClass)) {
        own.set(m);
      }
    }
    BitSet sampledOwners = new BitSet(set.length);
    Map<List<Object>, Group> groups = new LinkedHashMap<>();
    int count = 0;
    for (int k = 0; k < objects.length; k++) {
      if (owners == null || owners[k] < 0) {
        continue;
      }
      count++;
      if (own.get(owners[k])) {
        sampledOwners.set(owners[k]);
      }
      AllocationSamples.Sample s = samples.get(k);
      Frame library = null;
      List<Frame> mine = new ArrayList<>();
      List<Frame> stack = s.stack();
      for (int i = 0; i < stack.size(); i++) {
        if (code.user(stack.get(i).className())) {
          // the library frame called: the nearest above that is no frame of a class the JVM spun (a LambdaForm's)
          for (int j = i - 1; j >= 0 && library == null; j--) {
            library = spun(stack.get(j).className()) ? null : stack.get(j);
          }
          for (int j = i; j < stack.size() && mine.size() < CODE_FRAMES && code.user(stack.get(j).className()); j++) {
            mine.add(stack.get(j));
          }
          break;
        }
      }
      if (mine.isEmpty() && !stack.isEmpty()) {
        library = stack.get(0);
      }
      Group g = groups.computeIfAbsent(List.of(library == null ? "" : library, mine), x -> new Group());
      g.classes.merge(graph.className(objects[k]), 1, Integer::sum);
      g.library = library;
      g.code = mine;
      g.samples++;
      if (own.get(owners[k])) {
        g.owners.set(owners[k]);
      }
    }
    List<AllocationSites.Site> sites = new ArrayList<>();
    for (Group g : groups.values()) {
      List<String> classes = g.classes.entrySet().stream() // the leak's own class first, then the most samples
          .sorted(Comparator.comparing((Map.Entry<String, Integer> e) -> !e.getKey().equals(leakClass))
              .thenComparing(Map.Entry.<String, Integer>comparingByValue().reversed()))
          .map(Map.Entry::getKey).toList();
      sites.add(new AllocationSites.Site(classes, g.library, g.code, g.samples, g.owners.cardinality()));
    }
    // the leak's own objects' sites first, then the sites of most samples
    sites.sort(Comparator.comparing((AllocationSites.Site x) -> !x.classes().contains(leakClass))
        .thenComparing(Comparator.comparingLong(AllocationSites.Site::instances).reversed())
        .thenComparing(Comparator.comparingInt(AllocationSites.Site::samples).reversed()));
    return new AllocationSites(own.cardinality(), sampledOwners.cardinality(), count, sites, madeAt(leakClass),
        recording.sampledWell());
  }

  /**
   * A class the JVM made at run time (a LambdaForm's, a lambda's proxy), or the JDK's inner plumbing (method handles,
   * Unsafe): never the library frame the application called.
   */
  private static boolean spun(String className) {
    return className.contains("+0x") || className.contains("/0x") || className.startsWith("java.lang.invoke.")
        || className.startsWith("jdk.internal.");
  }

  /** Where a lambda's class was made: the line with the lambda or method reference, or null. */
  Frame madeAt(String className) {
    if (!className.contains("$$Lambda")) {
      return null;
    }
    ClassTable classes = graph.classes();
    int c = classes.indexOfName(className);
    if (c < 0) {
      return null;
    }
    String key = AllocationSamples.lambdaKey(graph.values().jvmClassName(classes.get(c).classId()));
    if (key == null) {
      return null;
    }
    if (madeAt == null) {
      madeAt = new java.util.HashMap<>(recording.lambdaMadeAt());
      for (java.nio.file.Path e : earlier) {
        try {
          AllocationSamples.read(e).lambdaMadeAt().forEach(madeAt::putIfAbsent);
        } catch (java.io.IOException x) {
          warn.accept(x.getMessage());
        }
      }
    }
    return madeAt.get(key);
  }

  private static final class Group {
    final Map<String, Integer> classes = new LinkedHashMap<>();
    Frame library;
    List<Frame> code;
    int samples;
    final BitSet owners = new BitSet();
  }
}
