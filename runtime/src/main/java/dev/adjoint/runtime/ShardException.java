package dev.adjoint.runtime;

/**
 * Thrown by a {@link ShardedFunction} when the function of one of its shards threw, or its {@link
 * ShardFactory} did: the cause is what was thrown, and the shard says where. When several shards
 * fail in the same evaluation, the exception is that of the lowest shard index (the others are
 * added as suppressed), so the report does not depend on the scheduling of the threads.
 */
public final class ShardException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** The index of the failing shard, from 0. */
  private final int shard;

  /** The shard's first sample. */
  private final int from;

  /** The end of the shard's samples, exclusive. */
  private final int to;

  /**
   * An exception for shard {@code shard}, covering the samples {@code [from, to)}.
   *
   * @param shard the shard index, from 0
   * @param from the first sample of the shard
   * @param to one past the last sample of the shard
   * @param cause what the shard's function or factory threw
   */
  public ShardException(int shard, int from, int to, Throwable cause) {
    super("shard " + shard + " (samples " + from + " to " + to + ") failed: " + cause, cause);
    this.shard = shard;
    this.from = from;
    this.to = to;
  }

  /**
   * The index of the shard that failed.
   *
   * @return the shard index, from 0
   */
  public int shard() {
    return shard;
  }

  /**
   * The first sample of the shard that failed.
   *
   * @return the start of its range, inclusive
   */
  public int from() {
    return from;
  }

  /**
   * One past the last sample of the shard that failed.
   *
   * @return the end of its range, exclusive
   */
  public int to() {
    return to;
  }
}
