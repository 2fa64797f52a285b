package dev.adjoint.spark;

import org.apache.spark.storage.StorageLevel;

/**
 * How a {@link SparkObjective} combines and caches: {@link #defaults()} then the {@code with…}
 * methods.
 *
 * @param reduction how the partitions' losses make the total
 * @param aggregationDepth the depth of {@code treeAggregate} (MLlib's default is 2), at least 1
 * @param ordered whether the partitions' results are summed on the driver in partition order
 *     instead of by {@code treeAggregate} (see {@link SparkObjective} on determinism)
 * @param storageLevel how the packed blocks are persisted
 */
public record ObjectiveSettings(
    Reduction reduction, int aggregationDepth, boolean ordered, StorageLevel storageLevel) {

  /**
   * Checks the settings.
   *
   * @param reduction how the partitions' losses make the total
   * @param aggregationDepth at least 1
   * @param ordered whether to sum in partition order on the driver
   * @param storageLevel how the blocks are persisted
   */
  public ObjectiveSettings {
    if (reduction == null || storageLevel == null) {
      throw new NullPointerException("reduction and storageLevel must not be null");
    }
    if (aggregationDepth < 1) {
      throw new IllegalArgumentException(
          "aggregationDepth must be at least 1, got " + aggregationDepth);
    }
  }

  /**
   * {@link Reduction#SUM}, depth 2, {@code treeAggregate}, blocks persisted {@code MEMORY_AND_DISK}
   * (as MLlib caches its training instances).
   *
   * @return the defaults
   */
  public static ObjectiveSettings defaults() {
    return new ObjectiveSettings(Reduction.SUM, 2, false, StorageLevel.MEMORY_AND_DISK());
  }

  /**
   * These settings with another reduction.
   *
   * @param reduction how the partitions' losses make the total
   * @return the new settings
   */
  public ObjectiveSettings withReduction(Reduction reduction) {
    return new ObjectiveSettings(reduction, aggregationDepth, ordered, storageLevel);
  }

  /**
   * These settings with another {@code treeAggregate} depth.
   *
   * @param aggregationDepth at least 1
   * @return the new settings
   */
  public ObjectiveSettings withAggregationDepth(int aggregationDepth) {
    return new ObjectiveSettings(reduction, aggregationDepth, ordered, storageLevel);
  }

  /**
   * These settings with partition results summed on the driver in partition order (bit-for-bit
   * reproducible; each partition sends {@code dimension + 1} doubles to the driver) or by {@code
   * treeAggregate}.
   *
   * @param ordered true for the ordered sum
   * @return the new settings
   */
  public ObjectiveSettings withOrdered(boolean ordered) {
    return new ObjectiveSettings(reduction, aggregationDepth, ordered, storageLevel);
  }

  /**
   * These settings with another storage level for the packed blocks.
   *
   * @param storageLevel for example {@code StorageLevel.MEMORY_ONLY()}
   * @return the new settings
   */
  public ObjectiveSettings withStorageLevel(StorageLevel storageLevel) {
    return new ObjectiveSettings(reduction, aggregationDepth, ordered, storageLevel);
  }
}
