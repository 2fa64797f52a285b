package dev.adjoint.runtime;

/**
 * Makes the objective of one shard of the samples for a {@link ShardedFunction}: the same loss as
 * the whole, restricted to the samples {@code [from, to)}.
 *
 * <p>Typically a generated objective bound to slices of the data, {@code (from, to) ->
 * SineFitDerivatives.lossObjective(0, 0, 0, 0, Arrays.copyOfRange(x, from, to),
 * Arrays.copyOfRange(y, from, to))}, or one of a loss that takes the index range as arguments.
 * Every shard gets a function of its own, so a function that is not thread-safe (a generated
 * objective owns its workspace) is fine: the sharded function never calls one shard's function from
 * two threads at once.
 */
@FunctionalInterface
public interface ShardFactory {

  /**
   * The objective over the samples {@code [from, to)}.
   *
   * @param from the first sample of the shard
   * @param to one past the last sample of the shard, greater than {@code from}
   * @return a function of the same dimension for every shard; a new object per call
   */
  DifferentiableFunction shard(int from, int to);
}
