package dev.adjoint.spark.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.adjoint.spark.DataBlock;
import dev.adjoint.spark.Packing;
import dev.adjoint.spark.PartitionLoss;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import org.junit.jupiter.api.Test;

/**
 * What Spark ships to executors survives Java serialization without Spark: the per-partition losses
 * (lambdas), the packed blocks and the packing.
 */
class SerializationTest {

  @SuppressWarnings("unchecked")
  private static <T> T roundTrip(T value) throws IOException, ClassNotFoundException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(value);
    }
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      return (T) in.readObject();
    }
  }

  @Test
  void sineLossAndBlockRoundTrip() throws Exception {
    double[][] xy = SineLoss.linspace(50);
    DataBlock block = new DataBlock(50, xy, new double[0], 0);
    PartitionLoss copy = roundTrip(SparkSineFit.LOSS);
    DataBlock blockCopy = roundTrip(block);
    double[] p = {0.3, -0.2, 0.9, 0.1};
    double[] g = new double[4];
    double[] gCopy = new double[4];
    double v = SparkSineFit.LOSS.valueAndGradient(p, block, g);
    assertEquals(v, copy.valueAndGradient(p, blockCopy, gCopy));
    assertArrayEquals(g, gCopy);
  }

  @Test
  void logisticLossRoundTrips() throws Exception {
    int n = 7;
    int d = 3;
    double[] x = new double[n * d];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      y[i] = i % 2;
      for (int j = 0; j < d; j++) {
        x[i * d + j] = Math.sin(i + 3 * j);
      }
    }
    DataBlock block = roundTrip(new DataBlock(n, new double[][] {y}, x, d));
    PartitionLoss copy = roundTrip(LogisticComparison.LOSS);
    double[] p = {0.5, -1, 0.25, 0.1};
    double[] g = new double[4];
    double[] expected = new double[4];
    double v =
        LogisticLossDerivatives.lossValueAndGradient(
            new double[] {0.5, -1, 0.25}, 0.1, x, y, expected);
    assertEquals(v, copy.valueAndGradient(p, block, g));
    assertArrayEquals(expected, g);
  }

  @Test
  void packingRoundTrips() throws Exception {
    Packing packing = Packing.columns("label").withMatrix("x0", "x1");
    assertEquals(packing, roundTrip(packing));
  }
}
