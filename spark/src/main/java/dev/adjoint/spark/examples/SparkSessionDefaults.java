package dev.adjoint.spark.examples;

/** Whether the examples run under {@code spark-submit} (which sets the master) or on their own. */
final class SparkSessionDefaults {

  private SparkSessionDefaults() {}

  /**
   * Whether {@code spark-submit} (or {@code -Dspark.master}) chose a master.
   *
   * @return true if the system property {@code spark.master} is set
   */
  static boolean hasMaster() {
    return System.getProperty("spark.master") != null;
  }
}
