package dev.adjoint.benchmarks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.adjoint.runtime.ShardedFunction;
import org.junit.jupiter.api.Test;

/** The sharded benchmark computes the plain generated loss: bit-identically on 1 and 2 threads. */
class ShardedSineFitAgreeTest {

  @Test
  void shardedLossAgreesWithTheGeneratedOneOnAnyNumberOfThreads() {
    SineData data = SineData.linspace(200_003);
    double[] point = {-0.09, 0.01, 0.85, 0.02};
    double[] plain = new double[4];
    double value =
        SineLossDerivatives.lossValueAndGradient(
            point[0], point[1], point[2], point[3], data.x(), data.y(), plain);
    double[] one = new double[4];
    double[] two = new double[4];
    try (ShardedFunction f = ShardedSineFitBenchmark.sharded(data.x(), data.y(), 16_384, 1);
        ShardedFunction g = ShardedSineFitBenchmark.sharded(data.x(), data.y(), 16_384, 2)) {
      double v1 = f.valueAndGradient(point, one);
      double v2 = g.valueAndGradient(point, two);
      assertEquals(v1, v2, 0.0);
      assertArrayEquals(one, two);
      assertEquals(value, v1, 1e-12 * value);
      for (int k = 0; k < 4; k++) {
        assertEquals(plain[k], one[k], 1e-11 * Math.abs(plain[k]), "component " + k);
      }
    }
  }
}
