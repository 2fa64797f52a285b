package dev.adjoint.spark;

import java.io.Serializable;

/**
 * The loss of one partition: typically one line calling a generated {@code mValueAndGradient} on
 * the block's arrays, for example {@code (p, block, g) -> SineLossDerivatives.lossValueAndGradient(
 * p[0], p[1], p[2], p[3], block.column(0), block.column(1), g)}.
 *
 * <p>Spark serializes it into every task, so it must capture only serializable values (a lambda
 * written in a static method and capturing nothing, or only numbers and arrays, is); it runs on the
 * executors, concurrently in several threads on one, so it must not share mutable state.
 */
@FunctionalInterface
public interface PartitionLoss extends Serializable {

  /**
   * Returns the loss of one block at {@code point} and <em>overwrites</em> {@code gradient} with
   * its gradient, in the flat layout of the generated code.
   *
   * @param point the parameters, only read (the same array is shared by the tasks of one executor)
   * @param data the packed rows of one partition, only read; never empty
   * @param gradient receives the gradient, every element written
   * @return the loss of these rows
   */
  double valueAndGradient(double[] point, DataBlock data, double[] gradient);
}
