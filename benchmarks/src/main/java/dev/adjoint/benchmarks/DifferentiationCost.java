package dev.adjoint.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The processor's own work per method: the CPU time of {@code Differentiation.run} (lower, check,
 * differentiate, clean up, verify; no javac, no emitting) for a few methods of the examples, at
 * {@code order = 1} and {@code order = 2}. Thread CPU time, not wall-clock, so that other work on a
 * shared machine does not count; the median of many warm repetitions.
 *
 * <p>Several builds of the compiler can be compared in one run: each {@code label=classpath}
 * argument loads the compiler from its own class loader, and the builds alternate repetition by
 * repetition, so they see the same machine. Usage: {@code DifferentiationCost before=old.jar:deps
 * after=new.jar:deps [--reps 40]} (the classpaths need javaparser and javapoet too).
 */
public final class DifferentiationCost {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  /** A method to differentiate: its source and the parameters marked {@code @NoDerivative}. */
  record Case(String name, String source, Set<String> noDerivative) {}

  private static final List<Case> CASES =
      List.of(
          new Case(
              "loss",
              """
              static double loss(double a, double b, double c, double d, double[] x, double[] y) {
                  double sum = 0;
                  for (int i = 0; i < x.length; i++) {
                      double yPred = a * x[i] * x[i] * x[i] + b * x[i] * x[i] + c * x[i] + d;
                      sum += (yPred - y[i]) * (yPred - y[i]);
                  }
                  return sum;
              }
              """,
              Set.of("x", "y")),
          new Case(
              "rosenbrock",
              """
              static double rosenbrock(double[] x) {
                  double s = 0;
                  for (int i = 0; i < x.length - 1; i++) {
                      double a = 1 - x[i];
                      double b = x[i + 1] - x[i] * x[i];
                      s += a * a + 100 * b * b;
                  }
                  return s;
              }
              """,
              Set.of()),
          new Case(
              "oscillator",
              """
              static double oscillator(double k, double c, double[] t, double[] observed) {
                  double x = 1, v = 0, dt = 0.01, loss = 0;
                  int j = 0;
                  for (int step = 0; step < 1000; step++) {
                      double a = -k * x - c * v;
                      x += dt * v;
                      v += dt * a;
                      if (j < t.length && step == (int) (t[j] / dt)) {
                          double r = x - observed[j];
                          loss += r * r;
                          j++;
                      }
                  }
                  return loss;
              }
              """,
              Set.of("t", "observed")),
          new Case(
              "mlp",
              """
              static double mlp(double[] w1, double[] b1, double[] w2, double b2, double[] xs, double[] ys) {
                  int hidden = b1.length;
                  double loss = 0;
                  for (int n = 0; n < xs.length; n++) {
                      double out = b2;
                      for (int h = 0; h < hidden; h++) {
                          out += w2[h] * Math.tanh(w1[h] * xs[n] + b1[h]);
                      }
                      double r = out - ys[n];
                      loss += r * r;
                  }
                  return loss / xs.length;
              }
              """,
              Set.of("xs", "ys")));

  private DifferentiationCost() {}

  public static void main(String[] args) throws Exception {
    int reps = 40;
    Map<String, Method> runs = new LinkedHashMap<>();
    Map<String, Constructor<?>> requests = new LinkedHashMap<>();
    for (int k = 0; k < args.length; k++) {
      if (args[k].equals("--reps")) {
        reps = Integer.parseInt(args[++k]);
        continue;
      }
      String[] labelled = args[k].split("=", 2);
      URL[] urls =
          Arrays.stream(labelled[1].split(":")).map(p -> toUrl(Path.of(p))).toArray(URL[]::new);
      ClassLoader loader = new URLClassLoader(urls, ClassLoader.getPlatformClassLoader());
      Class<?> request = loader.loadClass("dev.adjoint.compiler.frontend.MethodRequest");
      requests.put(labelled[0], request.getConstructors()[0]);
      runs.put(
          labelled[0],
          loader.loadClass("dev.adjoint.compiler.Differentiation").getMethod("run", request));
    }
    // warm every path of every build first: the JIT compiles the compiler before anything counts
    for (int rep = 0; rep < reps; rep++) {
      for (Case c : CASES) {
        for (int order = 1; order <= 2; order++) {
          for (String label : runs.keySet()) {
            runs.get(label).invoke(null, request(requests.get(label), c, order));
          }
        }
      }
    }
    System.out.printf(
        Locale.ROOT, "%-12s %5s %s%n", "method", "order", String.join("  ", runs.keySet()));
    for (Case c : CASES) {
      for (int order = 1; order <= 2; order++) {
        Map<String, List<Double>> times = new LinkedHashMap<>();
        for (int rep = 0; rep < reps; rep++) {
          for (String label : runs.keySet()) {
            Object request = request(requests.get(label), c, order);
            long t0 = THREADS.getCurrentThreadCpuTime();
            Object outcome = runs.get(label).invoke(null, request);
            double ms = (THREADS.getCurrentThreadCpuTime() - t0) / 1e6;
            if (!succeeded(outcome)) {
              throw new IllegalStateException(label + " rejected " + c.name());
            }
            times.computeIfAbsent(label, l -> new ArrayList<>()).add(ms);
          }
        }
        StringBuilder line = new StringBuilder();
        for (List<Double> t : times.values()) {
          line.append(String.format(Locale.ROOT, "%8.2f ms", median(t)));
        }
        System.out.printf(Locale.ROOT, "%-12s %5d %s%n", c.name(), order, line);
      }
    }
  }

  private static Object request(Constructor<?> constructor, Case c, int order)
      throws ReflectiveOperationException {
    return constructor.newInstance(
        "Owner", c.name(), c.source(), true, List.of(), order, c.noDerivative(), 17);
  }

  /** Whether the outcome (whatever its type in that build) has derivatives. */
  private static boolean succeeded(Object outcome) throws ReflectiveOperationException {
    for (Method m : outcome.getClass().getMethods()) {
      if (m.getName().equals("succeeded") && m.getParameterCount() == 0) {
        return (boolean) m.invoke(outcome);
      }
    }
    return !outcome.getClass().getSimpleName().contains("Rejected");
  }

  private static double median(List<Double> values) {
    double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  }

  private static URL toUrl(Path p) {
    try {
      return p.toUri().toURL();
    } catch (java.net.MalformedURLException e) {
      throw new IllegalArgumentException(p.toString(), e);
    }
  }
}
