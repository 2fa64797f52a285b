package dev.adjoint.spark;

import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.broadcast.Broadcast;

/**
 * The closures Spark ships to the executors, built in static methods so that they capture only what
 * they name (a broadcast handle, the loss, numbers), never the objective that owns the
 * SparkContext.
 *
 * <p>An accumulator is a {@code double[dimension + 1]}: the gradient, then the value in the last
 * slot.
 */
final class PartialSums {

  private PartialSums() {}

  /** Sums by {@code treeAggregate}, as MLlib's {@code RDDLossFunction} does. */
  static double[] treeAggregate(
      JavaRDD<DataBlock> blocks,
      Broadcast<double[]> point,
      PartitionLoss loss,
      int dimension,
      double totalRows,
      int depth) {
    Function2<double[], DataBlock, double[]> add =
        (acc, block) -> addBlock(acc, block, point.value(), loss, dimension, totalRows);
    Function2<double[], double[], double[]> merge = PartialSums::merge;
    return blocks.treeAggregate(new double[dimension + 1], add, merge, depth);
  }

  /** One partial sum per partition, collected in partition order and summed in that order. */
  static double[] ordered(
      JavaRDD<DataBlock> blocks,
      Broadcast<double[]> point,
      PartitionLoss loss,
      int dimension,
      double totalRows) {
    FlatMapFunction<Iterator<DataBlock>, double[]> partial =
        it -> {
          double[] acc = new double[dimension + 1];
          while (it.hasNext()) {
            addBlock(acc, it.next(), point.value(), loss, dimension, totalRows);
          }
          return List.of(acc).iterator();
        };
    double[] total = new double[dimension + 1];
    for (double[] p : blocks.mapPartitions(partial, true).collect()) {
      merge(total, p);
    }
    return total;
  }

  /**
   * Adds one block's loss and gradient into {@code acc}; with {@code totalRows > 0} (the MEAN
   * reduction) weighted by the block's share of the rows. Empty blocks are skipped: a mean over no
   * rows would be 0/0.
   */
  static double[] addBlock(
      double[] acc,
      DataBlock block,
      double[] point,
      PartitionLoss loss,
      int dimension,
      double totalRows) {
    if (block.rows() == 0) {
      return acc;
    }
    double[] g = new double[dimension];
    double v = loss.valueAndGradient(point, block, g);
    if (totalRows > 0) {
      double w = block.rows() / totalRows;
      for (int i = 0; i < dimension; i++) {
        acc[i] += w * g[i];
      }
      acc[dimension] += w * v;
    } else {
      for (int i = 0; i < dimension; i++) {
        acc[i] += g[i];
      }
      acc[dimension] += v;
    }
    return acc;
  }

  static double[] merge(double[] a, double[] b) {
    for (int i = 0; i < a.length; i++) {
      a[i] += b[i];
    }
    return a;
  }
}
