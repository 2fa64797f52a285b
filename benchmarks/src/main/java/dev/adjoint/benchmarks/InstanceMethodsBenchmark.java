package dev.adjoint.benchmarks;

import java.util.concurrent.TimeUnit;
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
 * The sine-fit loss (2000 points) differentiated as a static method taking arrays ({@link
 * SineLoss}), as an instance method whose data and coefficients are private final fields ({@link
 * SineModel}, {@code wrt} the coefficient fields), as an instance method with the data in fields
 * and the coefficients as parameters ({@link SineSamples}), and with the coefficients in a record
 * parameter ({@link SineRecordLoss}); each gradient with its primal. Not in the default suite; run
 * it by name ({@code InstanceMethodsBenchmark}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(2)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 5, time = 1)
public class InstanceMethodsBenchmark {
  double a = -0.09;
  double b = 0.01;
  double c = 0.85;
  double d = 0.02;
  double[] x;
  double[] y;
  SineModel model;
  SineSamples samples;
  SineRecordLoss.Coefficients coefficients;
  double[] gradient = new double[4];

  @Setup
  public void setUp() {
    SineData data = SineData.linspace(SineData.POINTS);
    x = data.x();
    y = data.y();
    model = new SineModel(x, y, a, b, c, d);
    samples = new SineSamples(x, y);
    coefficients = new SineRecordLoss.Coefficients(a, b, c, d);
  }

  @Benchmark
  public double staticPrimal() {
    return SineLoss.loss(a, b, c, d, x, y);
  }

  @Benchmark
  public double staticGradient() {
    return SineLossDerivatives.lossValueAndGradient(a, b, c, d, x, y, gradient);
  }

  @Benchmark
  public double fieldsPrimal() {
    return model.loss();
  }

  @Benchmark
  public double fieldsGradient() {
    return SineModelDerivatives.lossValueAndGradient(model, gradient);
  }

  @Benchmark
  public double dataFieldsPrimal() {
    return samples.loss(a, b, c, d);
  }

  @Benchmark
  public double dataFieldsGradient() {
    return SineSamplesDerivatives.lossValueAndGradient(samples, a, b, c, d, gradient);
  }

  @Benchmark
  public double recordPrimal() {
    return SineRecordLoss.loss(coefficients, x, y);
  }

  @Benchmark
  public double recordGradient() {
    return SineRecordLossDerivatives.lossValueAndGradient(coefficients, x, y, gradient);
  }
}
