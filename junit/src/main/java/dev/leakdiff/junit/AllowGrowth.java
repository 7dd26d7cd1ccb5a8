package dev.leakdiff.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Growth a {@link LeakTest} allows, with the reason: on the method, or on the class for all its leak tests.
 * When an allowed class is at the root of a leak, the suspects it holds are allowed with it. A passing test
 * with allowed growth says so in a report entry (key "leakdiff").
 */
@Target({ElementType.METHOD, ElementType.TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Repeatable(AllowGrowth.List.class)
public @interface AllowGrowth {
  /** Class names, simple names or globs (com.acme.Metrics*), as leakdiff run's --type. */
  String[] value();

  /** Why the growth is expected. */
  String reason();

  /** Holds repeated {@link AllowGrowth}s. */
  @Target({ElementType.METHOD, ElementType.TYPE})
  @Retention(RetentionPolicy.RUNTIME)
  @Documented
  @interface List {
    AllowGrowth[] value();
  }
}
