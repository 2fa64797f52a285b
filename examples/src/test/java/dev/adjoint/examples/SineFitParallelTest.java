package dev.adjoint.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adjoint.runtime.Result;
import dev.adjoint.runtime.ShardedFunction;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The sine fit on all cores: same steps on any number of threads, the least-squares optimum. */
class SineFitParallelTest {

  @Test
  void theShardedLossIsTheMeanOfTheGeneratedLoss() {
    SineData data = SineData.linspace(100_003);
    double[] point = {-0.09, 0.01, 0.85, 0.02};
    double[] plain = new double[4];
    double value =
        SineFitDerivatives.lossValueAndGradient(
            point[0], point[1], point[2], point[3], data.x(), data.y(), plain);
    try (ShardedFunction loss = SineFitParallel.loss(data, 10_000, 2)) {
      assertEquals(11, loss.shardCount());
      double[] g = new double[4];
      assertEquals(value / data.size(), loss.valueAndGradient(point, g), 1e-12 * value);
      for (int k = 0; k < 4; k++) {
        assertEquals(plain[k] / data.size(), g[k], 1e-12 * Math.abs(plain[k]), "component " + k);
      }
    }
    try (ShardedFunction loss = SineFitParallel.loss(data, 200_000, 2)) {
      double[] g = new double[4];
      assertEquals(value / data.size(), loss.valueAndGradient(point, g), 0.0, "one shard: exact");
    }
  }

  @Test
  void fitsTheLeastSquaresCubicTakingTheSameStepsOnAnyNumberOfThreads() {
    SineData data = SineData.linspace(300_000);
    Result one = SineFitParallel.fit(data, 16_384, 1);
    Result two = SineFitParallel.fit(data, 16_384, 2);
    Result three = SineFitParallel.fit(data, 16_384, 3);
    assertTrue(one.converged(), one.toString());
    for (Result r : new Result[] {two, three}) {
      assertArrayEquals(one.point(), r.point());
      assertEquals(one.value(), r.value(), 0.0);
      assertEquals(one.evaluations(), r.evaluations());
    }
    Cubic optimum = LeastSquaresCubic.fit(data);
    assertArrayEquals(optimum.coefficients(), one.point(), 1e-7);
    assertEquals(optimum.loss(data) / data.size(), one.value(), 1e-12);
  }

  @Test
  void printsTheSpeedUpAndTheFit() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    Result r = SineFitParallel.run(new String[] {"--points", "400000", "--threads", "2"}, out);
    String text = bytes.toString(StandardCharsets.UTF_8);
    assertTrue(r.converged(), r.toString());
    assertTrue(text.contains("the same run, bit for bit"), text);
    assertTrue(text.contains("400000 points in 7 shards of 65536"), text);
  }
}
