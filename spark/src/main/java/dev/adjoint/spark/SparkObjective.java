package dev.adjoint.spark;

import dev.adjoint.runtime.DifferentiableFunction;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

/**
 * A loss summed over the partitions of a Spark Dataset or RDD, as a {@link DifferentiableFunction}
 * that the runtime's optimizers ({@code Lbfgs}, {@code GradientDescent}, …) drive unchanged from
 * the driver.
 *
 * <p>The data is packed once into one {@link DataBlock} per partition and persisted. Each
 * evaluation is one pass over it, the pattern of MLlib's own optimizers: broadcast the point, run
 * the {@link PartitionLoss} on every block, and sum value and gradient with {@code treeAggregate};
 * the broadcast is destroyed as soon as the sums are in.
 *
 * <pre>{@code
 * try (SparkObjective f = SparkObjective.over(dataset, Packing.columns("x", "y"), 4,
 *     (p, b, g) -> SineLossDerivatives.lossValueAndGradient(p[0], p[1], p[2], p[3],
 *         b.column(0), b.column(1), g))) {
 *   Result r = new Lbfgs().minimize(f, new double[4]);
 * }
 * }</pre>
 *
 * <p><b>Summation order.</b> Within a partition the loss sees the rows in the order the partition
 * yields them, so each partition's partial sums are reproducible. {@code treeAggregate} then merges
 * the partial sums in the order their tasks finish (and, at depth 2 with many partitions, in the
 * order the shuffle delivers them), so with more than two partitions the total can differ in the
 * last bits from run to run; with one or two partitions it cannot (addition is commutative). {@link
 * ObjectiveSettings#withOrdered(boolean)} collects the partitions' partial sums and adds them on
 * the driver in partition order instead: bit-for-bit reproducible for a fixed partitioning, at the
 * cost of {@code dimension + 1} doubles per partition sent to the driver, which is nothing for a
 * model of a few thousand parameters. It matters near a minimum: there a line search compares
 * values that differ by a few ulps, and values that change with the order of the sums make it fail
 * where the ordered sum lets L-BFGS converge on the gradient (the sine fit on 4 partitions: 141
 * passes and coefficients 5e-10 away from the single-machine fit by {@code treeAggregate}, 21
 * passes and the same coefficients to 7e-16 ordered).
 *
 * <p>The optimizer runs on the driver and calls {@link #valueAndGradient} from one thread; an
 * objective is not meant to be shared between concurrent optimizations. {@link #close()} unpersists
 * the blocks.
 */
public final class SparkObjective implements DifferentiableFunction, AutoCloseable {

  private final JavaRDD<DataBlock> blocks;
  private final JavaSparkContext context;
  private final int dimension;
  private final PartitionLoss loss;
  private final ObjectiveSettings settings;
  private final long rows;
  private final boolean ownsCache;
  private long evaluations;

  private SparkObjective(
      JavaRDD<DataBlock> blocks, int dimension, PartitionLoss loss, ObjectiveSettings settings) {
    if (dimension < 1) {
      throw new IllegalArgumentException("dimension must be at least 1, got " + dimension);
    }
    if (loss == null || settings == null) {
      throw new NullPointerException("loss and settings must not be null");
    }
    // Blocks the caller already persisted stay as they are, and close() leaves them cached.
    this.ownsCache = blocks.getStorageLevel().equals(StorageLevel.NONE());
    this.blocks = ownsCache ? blocks.persist(settings.storageLevel()) : blocks;
    this.context = JavaSparkContext.fromSparkContext(blocks.context());
    this.dimension = dimension;
    this.loss = loss;
    this.settings = settings;
    // Packs and caches every block now, so that no evaluation pays for it.
    this.rows = this.blocks.map(b -> (long) b.rows()).fold(0L, Long::sum);
  }

  /**
   * Packs numeric columns of a Dataset and persists the blocks, with the {@linkplain
   * ObjectiveSettings#defaults() default settings}.
   *
   * @param data the rows; its partitions become the blocks
   * @param packing the columns to pack
   * @param dimension the number of parameters
   * @param loss the loss of one block
   * @return the objective, its blocks packed and cached
   */
  public static SparkObjective over(
      Dataset<Row> data, Packing packing, int dimension, PartitionLoss loss) {
    return over(data, packing, dimension, loss, ObjectiveSettings.defaults());
  }

  /**
   * Packs numeric columns of a Dataset and persists the blocks.
   *
   * @param data the rows; its partitions become the blocks
   * @param packing the columns to pack
   * @param dimension the number of parameters
   * @param loss the loss of one block
   * @param settings reduction, aggregation and storage
   * @return the objective, its blocks packed and cached
   */
  public static SparkObjective over(
      Dataset<Row> data,
      Packing packing,
      int dimension,
      PartitionLoss loss,
      ObjectiveSettings settings) {
    return new SparkObjective(Blocks.pack(data, packing), dimension, loss, settings);
  }

  /**
   * An objective over blocks already packed (for example by {@link Blocks#pack(JavaRDD, int[],
   * int[])} from an RDD of arrays), which it persists unless they are persisted already.
   *
   * @param blocks the blocks, typically one per partition
   * @param dimension the number of parameters
   * @param loss the loss of one block
   * @param settings reduction, aggregation and storage
   * @return the objective, its blocks cached
   */
  public static SparkObjective overBlocks(
      JavaRDD<DataBlock> blocks, int dimension, PartitionLoss loss, ObjectiveSettings settings) {
    return new SparkObjective(blocks, dimension, loss, settings);
  }

  @Override
  public int dimension() {
    return dimension;
  }

  /**
   * One pass over the data: the total loss at {@code point}, its gradient written to {@code
   * gradient}.
   *
   * @param point the parameters, of length {@link #dimension()}; broadcast as a copy
   * @param gradient receives the gradient, of length {@link #dimension()}
   * @return the total loss
   */
  @Override
  public double valueAndGradient(double[] point, double[] gradient) {
    if (point.length != dimension || gradient.length != dimension) {
      throw new IllegalArgumentException(
          "point and gradient must have length "
              + dimension
              + ", got "
              + point.length
              + " and "
              + gradient.length);
    }
    Broadcast<double[]> shared = context.broadcast(point.clone());
    double[] total;
    try {
      double weightRows = settings.reduction() == Reduction.MEAN ? rows : 0;
      total =
          settings.ordered()
              ? PartialSums.ordered(blocks, shared, loss, dimension, weightRows)
              : PartialSums.treeAggregate(
                  blocks, shared, loss, dimension, weightRows, settings.aggregationDepth());
    } finally {
      shared.destroy();
    }
    System.arraycopy(total, 0, gradient, 0, dimension);
    evaluations++;
    return total[dimension];
  }

  /**
   * The number of rows packed.
   *
   * @return the sum of the blocks' rows
   */
  public long rows() {
    return rows;
  }

  /**
   * The number of blocks (partitions).
   *
   * @return the partitions of the packed RDD
   */
  public int blockCount() {
    return blocks.getNumPartitions();
  }

  /**
   * The number of passes over the data so far.
   *
   * @return the calls of {@link #valueAndGradient}
   */
  public long evaluations() {
    return evaluations;
  }

  /**
   * The settings.
   *
   * @return the reduction, aggregation and storage used
   */
  public ObjectiveSettings settings() {
    return settings;
  }

  /**
   * Unpersists the packed blocks, without waiting for the executors, unless they were persisted
   * before this objective was made.
   */
  @Override
  public void close() {
    if (ownsCache) {
      blocks.unpersist(false);
    }
  }

  @Override
  public String toString() {
    return "SparkObjective[dimension="
        + dimension
        + ", rows="
        + rows
        + ", blocks="
        + blockCount()
        + ", "
        + settings
        + "]";
  }
}
