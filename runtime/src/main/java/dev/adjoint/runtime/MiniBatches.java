package dev.adjoint.runtime;

import java.util.SplittableRandom;

/**
 * How a stochastic {@code train} run splits {@code sampleCount} samples into mini-batches: every
 * epoch a fresh random permutation of the indices, cut into batches of {@link #batchSize()} (the
 * last one shorter when the batch size does not divide the sample count), so that every sample is
 * used exactly once per epoch. The permutations come from a {@link SplittableRandom} seeded with
 * {@link #seed()}, so a run is reproducible.
 *
 * <p>Instances are immutable configuration; {@link #sampler()} starts a sequence of epochs.
 */
public final class MiniBatches {

  private final int sampleCount;
  private final int batchSize;
  private final long seed;

  /**
   * Mini-batches of {@code batchSize} out of {@code sampleCount} samples, shuffled with {@code
   * seed}.
   *
   * @param sampleCount the number of samples, at least 1
   * @param batchSize the number of samples per batch, in {@code [1, sampleCount]}
   * @param seed the seed of the shuffles
   */
  public MiniBatches(int sampleCount, int batchSize, long seed) {
    if (sampleCount < 1) {
      throw new IllegalArgumentException("sampleCount must be at least 1, got " + sampleCount);
    }
    if (batchSize < 1 || batchSize > sampleCount) {
      throw new IllegalArgumentException(
          "batchSize must be in [1, " + sampleCount + "], got " + batchSize);
    }
    this.sampleCount = sampleCount;
    this.batchSize = batchSize;
    this.seed = seed;
  }

  /**
   * The number of samples.
   *
   * @return the size of every epoch
   */
  public int sampleCount() {
    return sampleCount;
  }

  /**
   * The batch size.
   *
   * @return the length of every batch but possibly the last of an epoch
   */
  public int batchSize() {
    return batchSize;
  }

  /**
   * The seed of the shuffles.
   *
   * @return the seed
   */
  public long seed() {
    return seed;
  }

  /**
   * The number of batches per epoch.
   *
   * @return {@code ceil(sampleCount / batchSize)}
   */
  public int batchesPerEpoch() {
    return (sampleCount + batchSize - 1) / batchSize;
  }

  /**
   * Returns a copy with a different seed.
   *
   * @param seed the seed of the shuffles
   * @return the new configuration, sizes kept
   */
  public MiniBatches withSeed(long seed) {
    return new MiniBatches(sampleCount, batchSize, seed);
  }

  /**
   * Starts a sequence of epochs from the seed: two samplers of equal configurations produce the
   * same batches.
   *
   * @return a new sampler, before its first epoch
   */
  public Sampler sampler() {
    return new Sampler();
  }

  @Override
  public String toString() {
    return "MiniBatches[sampleCount="
        + sampleCount
        + ", batchSize="
        + batchSize
        + ", seed="
        + seed
        + "]";
  }

  /**
   * A sequence of shuffled epochs. {@link #nextEpoch()} shuffles; {@link #batch(int)} copies a
   * batch's indices into one of two arrays allocated once (one of the full batch size, one of the
   * last batch's size), so drawing batches allocates nothing. Not thread-safe.
   */
  public final class Sampler {

    private final SplittableRandom random = new SplittableRandom(seed);
    private final int[] permutation = new int[sampleCount];
    private final int[] full = new int[batchSize];
    private final int[] last;
    private int epoch = -1;

    private Sampler() {
      for (int i = 0; i < sampleCount; i++) {
        permutation[i] = i;
      }
      int rest = sampleCount % batchSize;
      last = rest == 0 ? full : new int[rest];
    }

    /**
     * Starts the next epoch with a new permutation (a Fisher–Yates shuffle of the previous one).
     *
     * @return the index of the epoch started, from 0
     */
    public int nextEpoch() {
      for (int i = sampleCount - 1; i > 0; i--) {
        int j = random.nextInt(i + 1);
        int t = permutation[i];
        permutation[i] = permutation[j];
        permutation[j] = t;
      }
      return ++epoch;
    }

    /**
     * The number of batches per epoch.
     *
     * @return {@link MiniBatches#batchesPerEpoch()}
     */
    public int batchCount() {
      return batchesPerEpoch();
    }

    /**
     * The sample indices of batch {@code b} of the current epoch. The array is reused by the next
     * call: read it, do not keep or write it.
     *
     * @param b the batch, in {@code [0, batchCount())}
     * @return the indices, {@link #batchSize()} of them except in a shorter last batch
     * @throws IllegalStateException before the first {@link #nextEpoch()}
     */
    public int[] batch(int b) {
      if (epoch < 0) {
        throw new IllegalStateException("call nextEpoch() before batch()");
      }
      if (b < 0 || b >= batchCount()) {
        throw new IndexOutOfBoundsException("batch " + b + " of " + batchCount());
      }
      int from = b * batchSize;
      int[] out = from + batchSize <= sampleCount ? full : last;
      System.arraycopy(permutation, from, out, 0, out.length);
      return out;
    }
  }
}
