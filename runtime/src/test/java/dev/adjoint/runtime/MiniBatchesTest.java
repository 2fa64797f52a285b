package dev.adjoint.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The shuffled batches and the stochastic training loop. */
class MiniBatchesTest {

  private static List<int[]> epochs(MiniBatches batches, int count) {
    MiniBatches.Sampler sampler = batches.sampler();
    List<int[]> out = new ArrayList<>();
    for (int e = 0; e < count; e++) {
      assertEquals(e, sampler.nextEpoch());
      int[] order = new int[batches.sampleCount()];
      int at = 0;
      for (int b = 0; b < sampler.batchCount(); b++) {
        int[] batch = sampler.batch(b);
        int expected = Math.min(batches.batchSize(), batches.sampleCount() - at);
        assertEquals(expected, batch.length);
        System.arraycopy(batch, 0, order, at, batch.length);
        at += batch.length;
      }
      assertEquals(batches.sampleCount(), at);
      out.add(order);
    }
    return out;
  }

  @Test
  void everySampleOnceAnEpochInBatchesOfExactLength() {
    MiniBatches batches = new MiniBatches(103, 10, 42);
    assertEquals(11, batches.batchesPerEpoch());
    for (int[] order : epochs(batches, 5)) {
      int[] sorted = order.clone();
      Arrays.sort(sorted);
      for (int i = 0; i < sorted.length; i++) {
        assertEquals(i, sorted[i]);
      }
    }
  }

  @Test
  void theSameSeedGivesTheSameBatchesAndOtherSeedsOthers() {
    MiniBatches batches = new MiniBatches(50, 8, 7);
    List<int[]> a = epochs(batches, 3);
    List<int[]> b = epochs(new MiniBatches(50, 8, 7), 3);
    List<int[]> c = epochs(batches.withSeed(8), 3);
    for (int e = 0; e < 3; e++) {
      assertArrayEquals(a.get(e), b.get(e));
      assertFalse(Arrays.equals(a.get(e), c.get(e)));
    }
    assertFalse(Arrays.equals(a.get(0), a.get(1)), "each epoch is shuffled anew");
  }

  @Test
  void batchArraysAreReused() {
    MiniBatches.Sampler sampler = new MiniBatches(10, 4, 1).sampler();
    assertThrows(IllegalStateException.class, () -> sampler.batch(0));
    sampler.nextEpoch();
    assertSame(sampler.batch(0), sampler.batch(1));
    assertEquals(2, sampler.batch(2).length);
    sampler.nextEpoch();
    assertSame(sampler.batch(0), sampler.batch(1));
    assertThrows(IndexOutOfBoundsException.class, () -> sampler.batch(3));
    assertThrows(IllegalArgumentException.class, () -> new MiniBatches(10, 11, 1));
    assertThrows(IllegalArgumentException.class, () -> new MiniBatches(0, 1, 1));
  }

  /** Mean squared error of y = a x + b over samples x_i = i / n, y_i = 2 x_i - 1. */
  private static final int N = 64;

  private static double[] meanSquaredError(double[] p, double[] g, int[] samples, int count) {
    double f = 0;
    g[0] = 0;
    g[1] = 0;
    for (int k = 0; k < count; k++) {
      int i = samples == null ? k : samples[k];
      double x = (double) i / N;
      double r = p[0] * x + p[1] - (2 * x - 1);
      f += r * r / count;
      g[0] += 2 * r * x / count;
      g[1] += 2 * r / count;
    }
    return new double[] {f};
  }

  /** A batched objective that rebinds its batch in place and returns the same function. */
  private static final class Rebinding implements BatchedFunction {
    int[] batch;
    final List<Integer> seen = new ArrayList<>();
    final DifferentiableFunction function =
        DifferentiableFunction.of(2, (p, g) -> meanSquaredError(p, g, batch, batch.length)[0]);

    @Override
    public DifferentiableFunction on(int[] batch) {
      this.batch = batch;
      if (batch.length < N) {
        for (int i : batch) {
          seen.add(i);
        }
      }
      return function;
    }
  }

  @Test
  void trainingVisitsEverySampleAndReportsTheFullLoss() {
    Rebinding objective = new Rebinding();
    LossHistory steps = new LossHistory();
    Result r =
        new Adam(0.05, 1)
            .onStep(steps)
            .train(objective, new MiniBatches(N, 10, 3), 40, new double[] {0, 0});
    assertEquals(Status.MAX_ITERATIONS, r.status());
    assertEquals(40 * 7, r.iterations());
    assertEquals(40 * 7, steps.size());
    assertEquals(40 * N, objective.seen.size());
    double[] g = new double[2];
    double full = meanSquaredError(r.point(), g, null, N)[0];
    assertEquals(full, r.value(), 1e-15, "the value is the loss on all samples");
    assertEquals(meanSquaredError(r.lastPoint(), g, null, N)[0], r.lastValue(), 1e-15);
    assertTrue(r.value() < 1e-3, r::toString);
    assertArrayEquals(new double[] {2, -1}, r.point(), 0.1);
    // Initial and epoch-end evaluations on all samples, plus one per batch.
    assertEquals(41 + 40 * 7, r.evaluations());
  }

  @Test
  void trainingIsReproducibleAndTheSeedMatters() {
    MiniBatches batches = new MiniBatches(N, 8, 11);
    GradientDescent sgd = new GradientDescent(0.1, 1).withMomentum(0.9);
    Result a = sgd.train(new Rebinding(), batches, 5, new double[] {0, 0});
    Result b = sgd.train(new Rebinding(), batches, 5, new double[] {0, 0});
    Result c = sgd.train(new Rebinding(), batches.withSeed(12), 5, new double[] {0, 0});
    assertArrayEquals(a.lastPoint(), b.lastPoint(), 0);
    assertFalse(Arrays.equals(a.lastPoint(), c.lastPoint()));
  }

  @Test
  void aHeldOutFunctionMeasuresThePointsAndStopsTraining() {
    // Held-out samples: the same line, evaluated at other x.
    DifferentiableFunction heldOut =
        DifferentiableFunction.of(
            2,
            (p, g) -> {
              double[] f = meanSquaredError(p, g, new int[] {1, 17, 33, 49}, 4);
              return f[0];
            });
    Result r =
        new AdamW(0.05, 1)
            .withWeightDecay(0)
            .withStopping(StoppingCriteria.none().withGradientTolerance(1e-2))
            .withSchedule(LearningRateSchedule.step(20, 0.5))
            .train(new Rebinding(), new MiniBatches(N, 16, 5), 1000, heldOut, new double[] {0, 0});
    assertEquals(Status.CONVERGED_GRADIENT, r.status(), r::toString);
    assertTrue(r.gradientNorm() <= 1e-2, r::toString);
    assertEquals(heldOut.value(r.point()), r.value(), 1e-15);
    assertEquals(0, r.iterations() % 4, "stops at an epoch's end");
  }

  @Test
  void aListenerCanStopTrainingMidEpoch() {
    Result r =
        new GradientDescent(0.1, 1)
            .onStep(
                s -> {
                  if (s.iteration() == 9) {
                    s.stop();
                  }
                })
            .train(new Rebinding(), new MiniBatches(N, 16, 5), 10, new double[] {0, 0});
    assertEquals(Status.STOPPED_BY_LISTENER, r.status());
    assertEquals(9, r.iterations());
  }
}
