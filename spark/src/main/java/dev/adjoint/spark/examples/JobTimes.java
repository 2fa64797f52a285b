package dev.adjoint.spark.examples;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobEnd;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.StageInfo;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Records every Spark job's call site and duration, to count and time the passes over the data an
 * optimizer makes: MLlib's L-BFGS evaluates its loss in jobs named {@code treeAggregate at
 * RDDLossFunction.scala}, a {@code SparkObjective} in {@code treeAggregate at PartialSums.java}.
 */
final class JobTimes extends SparkListener {

  /**
   * One finished job.
   *
   * @param name the call sites of its stages, joined
   * @param millis its duration on the scheduler's clock
   */
  record Job(String name, long millis) {}

  private final Map<Integer, Long> started = new HashMap<>();
  private final Map<Integer, String> names = new HashMap<>();
  private final List<Job> finished = new ArrayList<>();

  @Override
  public synchronized void onJobStart(SparkListenerJobStart event) {
    StringBuilder name = new StringBuilder();
    for (StageInfo stage : CollectionConverters.asJava(event.stageInfos())) {
      name.append(stage.name()).append("; ");
    }
    started.put(event.jobId(), event.time());
    names.put(event.jobId(), name.toString());
  }

  @Override
  public synchronized void onJobEnd(SparkListenerJobEnd event) {
    Long start = started.remove(event.jobId());
    if (start != null) {
      finished.add(new Job(names.remove(event.jobId()), event.time() - start));
    }
  }

  /** Forgets the jobs recorded so far. */
  synchronized void clear() {
    finished.clear();
  }

  /**
   * The durations of the finished jobs whose call sites contain {@code marker}, in order.
   *
   * @param marker for example {@code "RDDLossFunction"}
   * @return their durations in milliseconds
   */
  synchronized long[] durations(String marker) {
    return finished.stream()
        .filter(j -> j.name().contains(marker))
        .mapToLong(Job::millis)
        .toArray();
  }

  /**
   * Every finished job, in order.
   *
   * @return a copy of the list
   */
  synchronized List<Job> jobs() {
    return new ArrayList<>(finished);
  }
}
