package com.example;

import java.util.ArrayList;
import java.util.List;

/** Records a sample per call, on purpose: the report shows every one. */
public final class Metrics {
  static final List<Sample> SAMPLES = new ArrayList<>();

  /** One measurement. */
  public static final class Sample {
    final long nanos;

    Sample(long nanos) {
      this.nanos = nanos;
    }
  }

  public static void record(long nanos) {
    SAMPLES.add(new Sample(nanos));
  }
}
