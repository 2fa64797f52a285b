package dev.adjoint.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The record form of the sine fit agrees with the array form, step for step. */
class SineFitRecordTest {

  private static final SineData DATA = SineData.tutorial();

  private static void assertRelative(double expected, double actual, double tolerance) {
    assertEquals(expected, actual, tolerance * Math.max(Math.abs(expected), 1e-300));
  }

  @Test
  void gradientRecordEqualsTheArrayGradient() {
    Cubic p = new Cubic(0.3, -0.2, 0.7, 0.1);
    SineFitRecordDerivatives.LossGradient r =
        SineFitRecordDerivatives.lossGradient(p, DATA.x(), DATA.y());
    double[] g = new double[4];
    double value =
        SineFitDerivatives.lossValueAndGradient(0.3, -0.2, 0.7, 0.1, DATA.x(), DATA.y(), g);
    assertEquals(value, r.value(), 0);
    assertEquals(g[0], r.p().a(), 0);
    assertEquals(g[1], r.p().b(), 0);
    assertEquals(g[2], r.p().c(), 0);
    assertEquals(g[3], r.p().d(), 0);
    double[] flat = new double[4];
    assertEquals(value, SineFitRecordDerivatives.lossValueAndGradient(p, DATA.x(), DATA.y(), flat));
    assertEquals(g[0], flat[0], 0);
    assertEquals(g[3], flat[3], 0);
  }

  @Test
  void sameCoefficientsAsTheArrayFitAfterTheSameSteps() {
    double[][] starts = {{0, 0, 0, 0}, SineFitOptions.parse().initialValues(), {1, -1, 0.5, 2}};
    for (double[] init : starts) {
      Cubic expected = SineFit.train(DATA, init, 1e-6, 2000, SineFit.LossLog.NONE);
      Cubic actual =
          SineFitRecord.train(
              DATA,
              new Cubic(init[0], init[1], init[2], init[3]),
              1e-6,
              2000,
              SineFit.LossLog.NONE);
      assertRelative(expected.a(), actual.a(), 1e-12);
      assertRelative(expected.b(), actual.b(), 1e-12);
      assertRelative(expected.c(), actual.c(), 1e-12);
      assertRelative(expected.d(), actual.d(), 1e-12);
      // The generated code is the same arithmetic in the same order: in fact bit for bit.
      assertEquals(expected, actual);
    }
  }

  @Test
  void seedFiguresAfter2000StepsFromZeros() {
    Cubic fit = SineFitRecord.train(DATA, new Cubic(0, 0, 0, 0), 1e-6, 2000, SineFit.LossLog.NONE);
    assertEquals(9.01295, fit.loss(DATA), 1e-4);
    assertEquals(-0.0913917, fit.a(), 1e-6);
    assertEquals(0.8431111, fit.c(), 1e-6);
  }

  @Test
  void programLogsTheLossAndPrintsTheCoefficients() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    SineFitRecord.run(new String[0], out);
    String text = bytes.toString(StandardCharsets.UTF_8);
    List<Double> losses = new ArrayList<>();
    text.lines()
        .filter(l -> l.matches("\\d+ [0-9.E-]+"))
        .forEach(l -> losses.add(Double.parseDouble(l.split(" ")[1])));
    assertEquals(20, losses.size(), text);
    assertTrue(losses.get(19) < losses.get(0), text);
    assertTrue(text.contains("Result: y = "), text);
    assertTrue(text.contains("Least squares:"), text);
  }
}
