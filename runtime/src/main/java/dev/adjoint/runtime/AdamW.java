package dev.adjoint.runtime;

/**
 * Adam with decoupled weight decay (Loshchilov and Hutter, 2019), with the options, defaults and
 * update of {@code torch.optim.AdamW}: before the Adam step of {@link Adam} (without its coupled
 * decay), every step shrinks the point, {@code x *= 1 - lr_t weightDecay}, so that the decay is not
 * rescaled by the moment estimates. The default weight decay is PyTorch's 0.01.
 *
 * <pre>{@code
 * Result r = new AdamW(1e-3, 5000).withWeightDecay(0.05).minimize(f, initialWeights);
 * }</pre>
 *
 * <p>{@link #minimize} takes full-batch steps until a test of its {@link StoppingCriteria} fires
 * (by default only the iteration limit given to the constructor); {@link #train} takes mini-batch
 * steps over epochs. Both return the best point seen. The working arrays are allocated once per
 * run. Instances are immutable and may be shared.
 */
public final class AdamW extends AdaptiveMoments<AdamW> {

  /** The default learning rate, PyTorch's {@code AdamW} default. */
  public static final double DEFAULT_LEARNING_RATE = 1e-3;

  /** The default iteration limit of {@link #AdamW()}. */
  public static final int DEFAULT_MAX_ITERATIONS = 1000;

  /** The default decoupled weight decay, PyTorch's {@code AdamW} default. */
  public static final double DEFAULT_WEIGHT_DECAY = 1e-2;

  /**
   * AdamW with {@link #DEFAULT_LEARNING_RATE} and {@link #DEFAULT_WEIGHT_DECAY} for {@link
   * #DEFAULT_MAX_ITERATIONS} steps.
   */
  public AdamW() {
    this(DEFAULT_LEARNING_RATE, DEFAULT_MAX_ITERATIONS);
  }

  /**
   * AdamW taking at most {@code maxIterations} steps with the default betas, epsilon and weight
   * decay, and no other stopping test.
   *
   * @param learningRate the learning rate, finite and positive
   * @param maxIterations the number of steps, not negative
   */
  public AdamW(double learningRate, int maxIterations) {
    this(AdamSettings.defaults(learningRate, maxIterations, DEFAULT_WEIGHT_DECAY));
  }

  private AdamW(AdamSettings settings) {
    super(settings);
  }

  @Override
  AdamW copy(AdamSettings settings) {
    return new AdamW(settings);
  }

  @Override
  boolean decoupled() {
    return true;
  }
}
