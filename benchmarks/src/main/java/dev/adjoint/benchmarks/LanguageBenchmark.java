package dev.adjoint.benchmarks;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.hipparchus.analysis.differentiation.DSFactory;
import org.hipparchus.analysis.differentiation.DerivativeStructure;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Generated gradients of an MLP loss and of a time-stepping loss against hand-written adjoints
 * (also with the reusable workspace), and the sine fit's tangent and Hessian against its primal
 * loss and Hipparchus {@code DerivativeStructure} (order 2).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(2)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 5, time = 1)
public class LanguageBenchmark {
  double[][] w1;
  double[] b1;
  double[] w2;
  double b2 = 0.1;
  double[][] mx;
  double[] my;
  double[] mlpGradient;
  double[] hidden;
  MlpLossDerivatives.LossWorkspace mlpWorkspace = new MlpLossDerivatives.LossWorkspace();

  double k = 4.0;
  double c = 0.5;
  double dt = 0.01;
  double[] observed;
  double[] oscGradient = new double[2];
  double[] xs;
  double[] vs;
  OscillatorLossDerivatives.LossWorkspace oscWorkspace =
      new OscillatorLossDerivatives.LossWorkspace();

  double a = -0.09;
  double b = 0.01;
  double sc = 0.85;
  double d = 0.02;
  double[] x;
  double[] y;
  double[] direction = {0.3, -0.2, 0.5, 0.1};
  double[] gradient = new double[4];
  double[][] hessian = new double[4][4];

  @Setup
  public void setUp() {
    Random r = new Random(1);
    int h = 16;
    w1 = new double[h][2];
    b1 = new double[h];
    w2 = new double[h];
    for (int j = 0; j < h; j++) {
      w1[j][0] = r.nextGaussian();
      w1[j][1] = r.nextGaussian();
      b1[j] = r.nextGaussian();
      w2[j] = r.nextGaussian();
    }
    mx = new double[64][2];
    my = new double[64];
    for (int n = 0; n < 64; n++) {
      mx[n][0] = r.nextGaussian();
      mx[n][1] = r.nextGaussian();
      my[n] = Math.sin(mx[n][0]) * mx[n][1];
    }
    mlpGradient = new double[h * 2 + h + h + 1];
    hidden = new double[h];
    observed = new double[1000];
    double px = 1;
    double pv = 0;
    for (int t = 0; t < observed.length; t++) {
      double acc = -4 * px - 0.5 * pv;
      px += dt * pv;
      pv += dt * acc;
      observed[t] = px + 0.02 * r.nextGaussian();
    }
    xs = new double[observed.length];
    vs = new double[observed.length];
    SineData data = SineData.linspace(SineData.POINTS);
    x = data.x();
    y = data.y();
  }

  @Benchmark
  public double mlpGenerated() {
    return MlpLossDerivatives.lossValueAndGradient(w1, b1, w2, b2, mx, my, mlpGradient);
  }

  @Benchmark
  public double mlpGeneratedWorkspace() {
    return MlpLossDerivatives.lossValueAndGradient(
        w1, b1, w2, b2, mx, my, mlpGradient, mlpWorkspace);
  }

  @Benchmark
  public double mlpHandWritten() {
    return MlpLoss.handWritten(w1, b1, w2, b2, mx, my, mlpGradient, hidden);
  }

  @Benchmark
  public double oscillatorGenerated() {
    return OscillatorLossDerivatives.lossValueAndGradient(k, c, observed, dt, oscGradient);
  }

  @Benchmark
  public double oscillatorGeneratedWorkspace() {
    return OscillatorLossDerivatives.lossValueAndGradient(
        k, c, observed, dt, oscGradient, oscWorkspace);
  }

  @Benchmark
  public double oscillatorHandWritten() {
    return OscillatorLoss.handWritten(k, c, observed, dt, oscGradient, xs, vs);
  }

  @Benchmark
  public double sinePrimal() {
    double sum = 0;
    for (int i = 0; i < x.length; i++) {
      double yPred = a * x[i] * x[i] * x[i] + b * x[i] * x[i] + sc * x[i] + d;
      sum += (yPred - y[i]) * (yPred - y[i]);
    }
    return sum;
  }

  @Benchmark
  public double sineTangent() {
    return SecondOrderLossDerivatives.lossTangent(a, b, sc, d, x, y, direction);
  }

  @Benchmark
  public double sineHessian() {
    return SecondOrderLossDerivatives.lossHessian(a, b, sc, d, x, y, gradient, hessian);
  }

  /** Hipparchus forward mode, order 2 in 4 parameters: what a Java user has today for a Hessian. */
  @Benchmark
  public double sineHessianHipparchus() {
    DSFactory f = new DSFactory(4, 2);
    DerivativeStructure pa = f.variable(0, a);
    DerivativeStructure pb = f.variable(1, b);
    DerivativeStructure pc = f.variable(2, sc);
    DerivativeStructure pd = f.variable(3, d);
    DerivativeStructure sum = f.constant(0);
    for (int i = 0; i < x.length; i++) {
      double xi = x[i];
      DerivativeStructure r =
          pa.multiply(xi * xi * xi)
              .add(pb.multiply(xi * xi))
              .add(pc.multiply(xi))
              .add(pd)
              .subtract(y[i]);
      sum = sum.add(r.multiply(r));
    }
    hessian[0][0] = sum.getPartialDerivative(2, 0, 0, 0);
    return sum.getValue();
  }
}
