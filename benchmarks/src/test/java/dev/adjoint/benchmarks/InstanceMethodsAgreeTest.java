package dev.adjoint.benchmarks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The instance-method, data-field and record forms of the sine-fit loss in {@link
 * InstanceMethodsBenchmark} compute what the static form computes, bit for bit, and their gradients
 * allocate nothing.
 */
class InstanceMethodsAgreeTest {
  @Test
  void everyFormComputesTheStaticValueAndGradient() {
    InstanceMethodsBenchmark s = new InstanceMethodsBenchmark();
    s.setUp();
    double[] expected = new double[4];
    double value = s.staticGradient();
    System.arraycopy(s.gradient, 0, expected, 0, 4);
    assertEquals(s.staticPrimal(), value, 0.0);
    assertEquals(value, s.fieldsPrimal(), 0.0);
    assertEquals(value, s.dataFieldsPrimal(), 0.0);
    assertEquals(value, s.recordPrimal(), 0.0);
    for (Runnable gradient :
        new Runnable[] {s::fieldsGradient, s::dataFieldsGradient, s::recordGradient}) {
      Arrays.fill(s.gradient, Double.NaN);
      gradient.run();
      assertArrayEquals(expected, s.gradient, 0.0);
    }
    assertEquals(value, s.fieldsGradient(), 0.0);
    assertEquals(value, s.dataFieldsGradient(), 0.0);
    assertEquals(value, s.recordGradient(), 0.0);
  }

  @Test
  void instanceAndRecordGradientsAllocateNothing() {
    assumeTrue(Allocation.supported(), "per-thread allocation counting unavailable");
    InstanceMethodsBenchmark s = new InstanceMethodsBenchmark();
    s.setUp();
    assertEquals(0.0, Allocation.bytesPerCall(s::fieldsGradient, 200, 100), "fields");
    assertEquals(0.0, Allocation.bytesPerCall(s::dataFieldsGradient, 200, 100), "data fields");
    assertEquals(0.0, Allocation.bytesPerCall(s::recordGradient, 200, 100), "record");
  }
}
