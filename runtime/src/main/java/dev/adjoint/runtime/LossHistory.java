package dev.adjoint.runtime;

import java.util.Arrays;

/**
 * A {@link StepListener} that records the iteration index, value and gradient norm of every step it
 * sees, for plotting a loss curve. The records are kept in primitive arrays that double when full,
 * so recording allocates only now and then. Wrap it in {@link StepListener#every} to record fewer
 * points. Not thread-safe; a second run appends to the first unless {@link #clear()} is called.
 *
 * <pre>{@code
 * LossHistory history = new LossHistory();
 * new Adam(0.01, 3000).onStep(history).minimize(f, x0);
 * double[] losses = history.values();
 * }</pre>
 */
public final class LossHistory implements StepListener {

  private int[] iterations = new int[64];
  private double[] values = new double[64];
  private double[] gradientNorms = new double[64];
  private int size;

  /** An empty history. */
  public LossHistory() {}

  @Override
  public void onStep(Step step) {
    if (size == iterations.length) {
      int capacity = 2 * size;
      iterations = Arrays.copyOf(iterations, capacity);
      values = Arrays.copyOf(values, capacity);
      gradientNorms = Arrays.copyOf(gradientNorms, capacity);
    }
    iterations[size] = step.iteration();
    values[size] = step.value();
    gradientNorms[size] = step.gradientNorm();
    size++;
  }

  /**
   * The number of steps recorded.
   *
   * @return the length of the arrays {@link #iterations()}, {@link #values()} and {@link
   *     #gradientNorms()} return
   */
  public int size() {
    return size;
  }

  /**
   * The iteration index of record {@code i}.
   *
   * @param i the record, in {@code [0, size())}
   * @return its iteration
   */
  public int iteration(int i) {
    return iterations[check(i)];
  }

  /**
   * The value of record {@code i}.
   *
   * @param i the record, in {@code [0, size())}
   * @return its value
   */
  public double value(int i) {
    return values[check(i)];
  }

  /**
   * The gradient norm of record {@code i}.
   *
   * @param i the record, in {@code [0, size())}
   * @return its gradient norm
   */
  public double gradientNorm(int i) {
    return gradientNorms[check(i)];
  }

  /**
   * The recorded iteration indices.
   *
   * @return a fresh array of {@link #size()} indices
   */
  public int[] iterations() {
    return Arrays.copyOf(iterations, size);
  }

  /**
   * The recorded values.
   *
   * @return a fresh array of {@link #size()} values
   */
  public double[] values() {
    return Arrays.copyOf(values, size);
  }

  /**
   * The recorded gradient norms.
   *
   * @return a fresh array of {@link #size()} norms
   */
  public double[] gradientNorms() {
    return Arrays.copyOf(gradientNorms, size);
  }

  /** Forgets every record, keeping the storage. */
  public void clear() {
    size = 0;
  }

  private int check(int i) {
    if (i < 0 || i >= size) {
      throw new IndexOutOfBoundsException("record " + i + " of " + size);
    }
    return i;
  }

  @Override
  public String toString() {
    return "LossHistory[size=" + size + "]";
  }
}
