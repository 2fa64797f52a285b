package dev.adjoint.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/** The generated gradient allocates nothing, so the training loop runs without garbage. */
class SineFitAllocationTest {

  private static final int CALLS = 10_000;

  /** Allows for the measurement itself; one allocation per call would already be ~160 KB. */
  private static final long BOUND_BYTES = 1024;

  @Test
  void lossValueAndGradientAllocatesNothing() {
    com.sun.management.ThreadMXBean bean = threadBean();
    SineData data = SineData.tutorial();
    double[] x = data.x();
    double[] y = data.y();
    double[] g = new double[4];
    double sink = 0;
    for (int k = 0; k < 2 * CALLS; k++) { // warm-up: get the method compiled
      sink += SineFitDerivatives.lossValueAndGradient(0.1, 0.2, 0.3, k, x, y, g);
    }
    bean.getCurrentThreadAllocatedBytes(); // the first call may allocate
    long before = bean.getCurrentThreadAllocatedBytes();
    for (int k = 0; k < CALLS; k++) {
      sink += SineFitDerivatives.lossValueAndGradient(0.1, 0.2, 0.3, k, x, y, g);
    }
    long allocated = bean.getCurrentThreadAllocatedBytes() - before;
    assertTrue(allocated < BOUND_BYTES, allocated + " bytes allocated over " + CALLS + " calls");
    assertTrue(Double.isFinite(sink));
  }

  @Test
  void trainingAllocatesOnlyItsResult() {
    com.sun.management.ThreadMXBean bean = threadBean();
    SineData data = SineData.tutorial();
    double[] init = new double[4];
    SineFit.train(data, init, 1e-6, 2000, SineFit.LossLog.NONE); // warm-up
    bean.getCurrentThreadAllocatedBytes();
    long before = bean.getCurrentThreadAllocatedBytes();
    Cubic fit = SineFit.train(data, init, 1e-6, 2000, SineFit.LossLog.NONE);
    long allocated = bean.getCurrentThreadAllocatedBytes() - before;
    // One double[4] and one Cubic: well under the bound; a per-step allocation would be ~32 KB.
    assertTrue(allocated < BOUND_BYTES, allocated + " bytes allocated by 2000 steps");
    assertEquals(-0.0913917, fit.a(), 1e-6);
  }

  private static com.sun.management.ThreadMXBean threadBean() {
    assumeTrue(
        ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean,
        "needs com.sun.management.ThreadMXBean");
    com.sun.management.ThreadMXBean bean =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    assumeTrue(bean.isThreadAllocatedMemorySupported(), "allocation measurement unsupported");
    bean.setThreadAllocatedMemoryEnabled(true);
    return bean;
  }
}
