package dev.adjoint.runtime;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * A {@link StepListener} that reports a run's progress to a {@link PrintStream}: the iteration
 * count, loss, gradient norm, rate (iterations per second) and, when the run has an iteration
 * limit, the estimated time left. It reports every {@link #period()} iterations and every {@link
 * #interval()} of wall-clock time (by default once a second), and when the run ends prints a
 * summary line with the status, counts, best value and time.
 *
 * <p>On an interactive console ({@code System.console() != null} and the stream is {@code
 * System.out}) it draws a one-line progress bar that it redraws in place with a carriage return;
 * elsewhere (a file, a pipe, a test's stream) it prints one plain line per report:
 *
 * <pre>
 * iteration 100/2000  loss 1.234568e+00  |g| 3.210e-02  52.1 it/s  ETA 0:00:36
 * done: MAX_ITERATIONS after 2000 iterations, 2001 evaluations, best loss 8.817165e+00, 38.4 s
 * </pre>
 *
 * The iteration shown is the number of iterations reached, {@link Step#iteration()} + 1. The rate
 * is measured from the first step this listener saw in the run. Instances keep the state of the run
 * they report, so use one per concurrent run; the {@code with…} methods return fresh instances.
 */
public final class Progress implements StepListener {

  /** The default time between reports. */
  public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(1);

  private static final int BAR_WIDTH = 24;

  private final PrintStream out;
  private final int period;
  private final Duration interval;
  private final boolean bar;
  private final LongSupplier clock;

  private boolean running;
  private int lastIteration;
  private int firstIteration;
  private long startNanos;
  private long lastReportNanos;
  private boolean barDrawn;

  private Progress(
      PrintStream out, int period, Duration interval, boolean bar, LongSupplier clock) {
    if (out == null || clock == null) {
      throw new NullPointerException("out and clock must not be null");
    }
    if (period < 0) {
      throw new IllegalArgumentException("period must not be negative, got " + period);
    }
    if (interval != null && (interval.isNegative() || interval.isZero())) {
      throw new IllegalArgumentException("interval must be positive, got " + interval);
    }
    this.out = out;
    this.period = period;
    this.interval = interval;
    this.bar = bar;
    this.clock = clock;
  }

  /**
   * Reports to {@code out} once a second, with a progress bar when {@code out} is {@code
   * System.out} on an interactive console and plain lines otherwise.
   *
   * @param out the stream to print to
   * @return the listener
   */
  public static Progress to(PrintStream out) {
    boolean interactive = out == System.out && System.console() != null;
    return new Progress(out, 0, DEFAULT_INTERVAL, interactive, System::nanoTime);
  }

  /**
   * The number of iterations between reports.
   *
   * @return the period, 0 when reports are not counted in iterations
   */
  public int period() {
    return period;
  }

  /**
   * The wall-clock time between reports.
   *
   * @return the interval, null when reports are not timed
   */
  public Duration interval() {
    return interval;
  }

  /**
   * Whether this listener draws a progress bar rather than plain lines.
   *
   * @return true for the bar
   */
  public boolean progressBar() {
    return bar;
  }

  /**
   * Returns a copy that reports every {@code period} iterations (at iterations {@code period - 1},
   * {@code 2 period - 1}, …), in addition to the timed reports.
   *
   * @param period at least 1, or 0 for no counted reports
   * @return the new listener
   */
  public Progress withPeriod(int period) {
    return new Progress(out, period, interval, bar, clock);
  }

  /**
   * Returns a copy that reports whenever {@code interval} has passed since the last report, in
   * addition to the counted reports.
   *
   * @param interval positive, or null for no timed reports
   * @return the new listener
   */
  public Progress withInterval(Duration interval) {
    return new Progress(out, period, interval, bar, clock);
  }

  /**
   * Returns a copy that draws a progress bar redrawn in place ({@code true}) or prints plain lines
   * ({@code false}), whatever the stream.
   *
   * @param progressBar whether to draw the bar
   * @return the new listener
   */
  public Progress withProgressBar(boolean progressBar) {
    return new Progress(out, period, interval, progressBar, clock);
  }

  /** Returns a copy that reads time from {@code clock} (nanoseconds), for deterministic tests. */
  Progress withClock(LongSupplier clock) {
    return new Progress(out, period, interval, bar, clock);
  }

  @Override
  public void onStep(Step step) {
    long now = clock.getAsLong();
    int iteration = step.iteration();
    if (!running || iteration <= lastIteration) {
      running = true;
      firstIteration = iteration;
      startNanos = now;
      lastReportNanos = now;
      barDrawn = false;
    }
    lastIteration = iteration;
    boolean counted = period > 0 && (iteration + 1) % period == 0;
    boolean timed = interval != null && now - lastReportNanos >= interval.toNanos();
    if (counted || timed) {
      lastReportNanos = now;
      report(step, now);
    }
  }

  private void report(Step step, long now) {
    int reached = step.iteration() + 1;
    int limit = step.maxIterations();
    boolean bounded = limit != Integer.MAX_VALUE && limit > 0;
    double seconds = (now - startNanos) / 1e9;
    double rate = seconds > 0 ? (step.iteration() - firstIteration) / seconds : Double.NaN;
    StringBuilder line = new StringBuilder(120);
    if (bar && bounded) {
      int filled = (int) Math.min(BAR_WIDTH, (long) BAR_WIDTH * reached / limit);
      line.append('\r').append('[');
      line.append("#".repeat(filled)).append(".".repeat(BAR_WIDTH - filled)).append("] ");
      line.append(String.format(Locale.ROOT, "%3d%% ", 100L * Math.min(reached, limit) / limit));
    } else if (bar) {
      line.append('\r');
    }
    line.append(bar ? "" : "iteration ").append(reached);
    if (bounded) {
      line.append('/').append(limit);
    }
    line.append(
        String.format(Locale.ROOT, "  loss %.6e  |g| %.3e", step.value(), step.gradientNorm()));
    if (rate > 0 && Double.isFinite(rate)) {
      line.append(String.format(Locale.ROOT, "  %.1f it/s", rate));
      if (bounded) {
        line.append("  ETA ").append(clockTime(Math.max(0, limit - reached) / rate));
      }
    }
    if (bar) {
      out.print(line);
      out.flush();
      barDrawn = true;
    } else {
      out.println(line);
    }
  }

  @Override
  public void onFinish(Result result) {
    if (barDrawn) {
      out.println();
    }
    running = false;
    barDrawn = false;
    out.println(
        String.format(
            Locale.ROOT,
            "done: %s after %d iterations, %d evaluations, best loss %.6e, %.1f s",
            result.status(),
            result.iterations(),
            result.evaluations(),
            result.value(),
            result.elapsed().toNanos() / 1e9));
  }

  /** Formats seconds as {@code H:MM:SS}. */
  static String clockTime(double seconds) {
    if (!Double.isFinite(seconds)) {
      return "?";
    }
    long s = Math.round(seconds);
    return String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
  }

  @Override
  public String toString() {
    return "Progress[period=" + period + ", interval=" + interval + ", progressBar=" + bar + "]";
  }
}
