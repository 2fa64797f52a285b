package dev.adjoint.spark;

/** How the losses of the partitions make the total. */
public enum Reduction {
  /** The sum of the partitions' losses: for a loss that sums over its rows. */
  SUM,
  /**
   * The partitions' losses weighted by their share of the rows, {@code Σ_p (n_p / N) loss_p}: for a
   * loss that averages over its rows (a mean log-loss), giving the mean over all {@code N} rows.
   */
  MEAN
}
