package dev.adjoint.runtime;

/**
 * Where the shards of a {@link ShardedFunction} start and end, and how their results are scaled:
 * shard {@code s} is {@code [s * shardSize, min((s + 1) * shardSize, samples))}, a function of the
 * sample count and the shard size alone.
 *
 * @param samples the number of samples, at least 1
 * @param shardSize the samples per shard, at least 1
 * @param meanOver the divisor of the sum, or 0 for none
 * @param shardMeans whether each shard is weighted by its share of the samples
 */
record ShardLayout(int samples, int shardSize, int meanOver, boolean shardMeans) {

  /** Checks the sizes. */
  ShardLayout {
    if (samples < 1) {
      throw new IllegalArgumentException("samples must be at least 1, got " + samples);
    }
    if (shardSize < 1) {
      throw new IllegalArgumentException("shardSize must be at least 1, got " + shardSize);
    }
    if (meanOver < 0) {
      throw new IllegalArgumentException("count must be at least 1, got " + meanOver);
    }
  }

  int count() {
    return (int) (((long) samples + shardSize - 1) / shardSize);
  }

  int from(int shard) {
    if (shard < 0 || shard >= count()) {
      throw new IndexOutOfBoundsException("shard " + shard + " of " + count());
    }
    return shard * shardSize;
  }

  int to(int shard) {
    return (int) Math.min((long) from(shard) + shardSize, samples);
  }

  /** Shard {@code s} is {@code [bounds[s], bounds[s + 1])}. */
  int[] bounds() {
    int count = count();
    int[] bounds = new int[count + 1];
    for (int s = 0; s < count; s++) {
      bounds[s] = from(s);
    }
    bounds[count] = samples;
    return bounds;
  }

  /** The factor of each shard's result, {@code (to - from) / samples}, or null for none. */
  double[] weights() {
    if (!shardMeans) {
      return null;
    }
    int[] bounds = bounds();
    double[] weights = new double[count()];
    for (int s = 0; s < weights.length; s++) {
      weights[s] = (double) (bounds[s + 1] - bounds[s]) / samples;
    }
    return weights;
  }

  /** What the weighted sum is divided by at the end. */
  double divisor() {
    return meanOver == 0 ? 1 : meanOver;
  }
}
