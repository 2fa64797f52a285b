package dev.adjoint.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adjoint.benchmarks.CheckpointsTable.Variant;
import org.junit.jupiter.api.Test;

/**
 * Every checkpointed variant of {@link CheckpointsLoss} computes the gradient of full storage, and
 * the memory of a checkpointed gradient does not grow with the number of steps.
 */
class CheckpointsAgreeTest {

  private static final double[] U0 = CheckpointsTable.initialState(CheckpointsTable.CELLS);

  private static double[] gradient(Variant v, int steps) {
    double[] g = new double[U0.length + 1];
    double value = v.gradient().valueAndGradient(U0, CheckpointsTable.KAPPA, steps, g);
    assertEquals(
        CheckpointsLoss.energyFull(U0, CheckpointsTable.KAPPA, steps),
        value,
        0.0,
        "value of N = " + v.checkpoints() + " at " + steps + " steps");
    return g;
  }

  @Test
  void everyVariantGivesTheFullStorageGradient() {
    assertEquals(0, CheckpointsTable.VARIANTS.get(0).checkpoints());
    for (int steps : new int[] {0, 1, 2, 500}) {
      double[] full = gradient(CheckpointsTable.VARIANTS.get(0), steps);
      double largest = 0;
      for (double x : full) {
        largest = Math.max(largest, Math.abs(x));
      }
      assertTrue(largest > 0, "a zero gradient at " + steps + " steps");
      for (Variant v : CheckpointsTable.VARIANTS) {
        double[] g = gradient(v, steps);
        for (int k = 0; k < full.length; k++) {
          assertEquals(
              full[k],
              g[k],
              1e-12 * largest,
              "element " + k + " of N = " + v.checkpoints() + " at " + steps + " steps");
        }
      }
    }
  }

  @Test
  void checkpointedMemoryDoesNotGrowWithTheSteps() {
    assertTrue(Allocation.supported(), "per-thread allocation counting is needed");
    Variant n32 =
        CheckpointsTable.VARIANTS.stream().filter(v -> v.checkpoints() == 32).findFirst().get();
    double[] g = new double[U0.length + 1];
    double[] bytes = new double[2];
    int[] steps = {2_000, 20_000};
    for (int k = 0; k < steps.length; k++) {
      int s = steps[k];
      bytes[k] =
          Allocation.bytesPerCall(
              () -> n32.gradient().valueAndGradient(U0, CheckpointsTable.KAPPA, s, g), 20, 3);
    }
    // Full storage allocates about ten times more at 20 000 steps than at 2 000; 32 snapshots of
    // 64 cells take 16 KiB at either count.
    assertTrue(
        bytes[1] - bytes[0] <= 4096,
        "N = 32: " + bytes[0] + " bytes per call at 2 000 steps, " + bytes[1] + " at 20 000");
  }

  private static double[] direction() {
    double[] v = new double[U0.length + 1];
    for (int k = 0; k < v.length; k++) {
      v[k] = Math.sin(3.0 * k + 1);
    }
    return v;
  }

  @Test
  void checkpointedHessianVectorProductEqualsFullStorage() {
    double[] v = direction();
    for (int steps : new int[] {0, 1, 2, 300}) {
      double[] g = new double[v.length];
      double[] full = new double[v.length];
      double[] checkpointed = new double[v.length];
      CheckpointsSecondOrderDerivatives.energyFullHessianVector(
          U0, CheckpointsTable.KAPPA, steps, v, g, full);
      CheckpointsSecondOrderDerivatives.energyN32HessianVector(
          U0, CheckpointsTable.KAPPA, steps, v, g, checkpointed);
      double largest = 0;
      for (double x : full) {
        largest = Math.max(largest, Math.abs(x));
      }
      assertTrue(largest > 0, "a zero product at " + steps + " steps");
      for (int k = 0; k < full.length; k++) {
        assertEquals(full[k], checkpointed[k], 1e-12 * largest, "element " + k + " at " + steps);
      }
    }
  }

  @Test
  void checkpointedHessianVectorMemoryDoesNotGrowWithTheSteps() {
    assertTrue(Allocation.supported(), "per-thread allocation counting is needed");
    double[] v = direction();
    double[] g = new double[v.length];
    double[] hv = new double[v.length];
    int[] steps = {2_000, 20_000};
    double[] bytes = new double[2];
    for (int k = 0; k < steps.length; k++) {
      int s = steps[k];
      bytes[k] =
          Allocation.bytesPerCall(
              () -> {
                CheckpointsSecondOrderDerivatives.energyN32HessianVector(
                    U0, CheckpointsTable.KAPPA, s, v, g, hv);
                return hv[0];
              },
              5,
              3);
    }
    assertTrue(
        bytes[1] - bytes[0] <= 8192,
        "N = 32: " + bytes[0] + " bytes per call at 2 000 steps, " + bytes[1] + " at 20 000");
  }
}
