package dev.adjoint.benchmarks;

/**
 * Steps from the generated sine-fit gradient to the hand-written one, one difference at a time, to
 * find which difference costs time. Benchmarked by {@link GapBenchmark} (not part of the default
 * suite: {@code java -jar target/adjoint-benchmarks.jar GapBenchmark}).
 *
 * <p>Multiplications per point: generated 15 (yPred 6, the square 1, {@code 2.0 *} 1, the three
 * adjoint products 3 + 2 + 1), hand-written 9 (powers 2, yPred 3, square 1, adjoint products 3;
 * the factor 2 after the loop). Array loads: the JIT merges the repeated {@code x[i]} loads
 * (no stores in the loop), so both load {@code x[i]} and {@code y[i]} once.
 */
public final class GeneratedVsHandWritten {

  private GeneratedVsHandWritten() {}

  /**
   * Step 1: the generated code with {@code x[i]} read once into a local (loads only; same
   * arithmetic, so bit-identical results).
   */
  static double step1LocalX(
      double a, double b, double c, double d, double[] x, double[] y, double[] gradient) {
    double sum = 0;
    double aBar = 0.0;
    double bBar = 0.0;
    double cBar = 0.0;
    double dBar = 0.0;
    for (int i = 0; i < x.length; i++) {
      double xi = x[i];
      double yi = y[i];
      double yPred = a * xi * xi * xi + b * xi * xi + c * xi + d;
      sum += (yPred - yi) * (yPred - yi);
      double yPredBar = 2.0 * (yPred - yi);
      aBar += yPredBar * xi * xi * xi;
      bBar += yPredBar * xi * xi;
      cBar += yPredBar * xi;
      dBar += yPredBar;
    }
    gradient[0] = aBar;
    gradient[1] = bBar;
    gradient[2] = cBar;
    gradient[3] = dBar;
    return sum;
  }

  /**
   * Step 2: the adjoint products reuse the powers: {@code yPredBar * x3} instead of {@code
   * yPredBar * x * x * x} (15 → 11 multiplications; the primal expression unchanged).
   */
  static double step2SharedPowersInAdjoint(
      double a, double b, double c, double d, double[] x, double[] y, double[] gradient) {
    double sum = 0;
    double aBar = 0.0;
    double bBar = 0.0;
    double cBar = 0.0;
    double dBar = 0.0;
    for (int i = 0; i < x.length; i++) {
      double xi = x[i];
      double x2 = xi * xi;
      double x3 = x2 * xi;
      double yPred = a * xi * xi * xi + b * xi * xi + c * xi + d;
      double r = yPred - y[i];
      sum += r * r;
      double yPredBar = 2.0 * r;
      aBar += yPredBar * x3;
      bBar += yPredBar * x2;
      cBar += yPredBar * xi;
      dBar += yPredBar;
    }
    gradient[0] = aBar;
    gradient[1] = bBar;
    gradient[2] = cBar;
    gradient[3] = dBar;
    return sum;
  }

  /**
   * Step 3: the primal also uses the shared powers, {@code a * x3 + b * x2} (11 → 10
   * multiplications, counting the powers once).
   */
  static double step3SharedPowers(
      double a, double b, double c, double d, double[] x, double[] y, double[] gradient) {
    double sum = 0;
    double aBar = 0.0;
    double bBar = 0.0;
    double cBar = 0.0;
    double dBar = 0.0;
    for (int i = 0; i < x.length; i++) {
      double xi = x[i];
      double x2 = xi * xi;
      double x3 = x2 * xi;
      double r = a * x3 + b * x2 + c * xi + d - y[i];
      sum += r * r;
      double yPredBar = 2.0 * r;
      aBar += yPredBar * x3;
      bBar += yPredBar * x2;
      cBar += yPredBar * xi;
      dBar += yPredBar;
    }
    gradient[0] = aBar;
    gradient[1] = bBar;
    gradient[2] = cBar;
    gradient[3] = dBar;
    return sum;
  }
}
