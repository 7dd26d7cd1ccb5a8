package dev.leakdiff.hunt.findings;

import dev.leakdiff.graph.Frame;
import java.util.List;

/**
 * Where a leak's kept objects were created, from the allocation samples the dumped JVM recorded of objects still alive
 * (matched to the last dump's objects by address): the samples among what the leak's growing instances keep alive, and
 * which of those instances they fall in.
 *
 * @param instances the leak's growing instances of its own class in the last dump (on the routes that grew)
 * @param instancesSampled how many of them keep at least one sampled object alive (themselves included)
 * @param samples the samples among what they and the suspects they hold keep alive
 * @param sites those samples by where they were created, the most instances first
 * @param madeAt for a lambda's class, the line that made it (the call site that spun the class), else null
 * @param sampledWell whether the JVM ran with the flags that let small objects be sampled
 */
public record AllocationSites(long instances, long instancesSampled, int samples, List<Site> sites, Frame madeAt,
    boolean sampledWell) {
  public AllocationSites {
    sites = List.copyOf(sites);
  }

  /**
   * A place where sampled objects were created.
   *
   * @param classes the classes of the objects sampled there (the leak's own or what it holds), the most samples first
   * @param library the frame of library or JDK code the application called, that allocated them (null when the
   *     application's own frame allocated them)
   * @param code the frames of the application's own code, the innermost first (at most a few)
   * @param samples how many samples were created there
   * @param instances in how many of the leak's instances (of its own class) they fall
   */
  public record Site(List<String> classes, Frame library, List<Frame> code, int samples, long instances) {
    public Site {
      classes = List.copyOf(classes);
      code = List.copyOf(code);
    }
  }
}
