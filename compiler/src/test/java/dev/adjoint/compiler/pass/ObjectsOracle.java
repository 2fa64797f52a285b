package dev.adjoint.compiler.pass;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.adjoint.compiler.frontend.Lowered;
import dev.adjoint.compiler.frontend.MethodLowering;
import dev.adjoint.compiler.ir.Var;
import dev.adjoint.compiler.testing.Classes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;

/**
 * Lowers a method of a class given as a compilation unit and checks it with {@link GradientOracle},
 * taking the arguments by the names of the IR function's parameters ({@code x}, a field {@code
 * weights}, a component {@code pA}), so that a test does not depend on the order in which the
 * frontend binds fields.
 */
final class ObjectsOracle {
  private ObjectsOracle() {}

  /** {@code owner.method} of {@code unit}, lowered without errors. */
  static Lowered lower(String unit, String owner, String method) {
    Classes classes = Classes.of(unit);
    Lowered lowered = MethodLowering.lower(classes.request(owner, method), classes.resolver(owner));
    assertEquals("[]", lowered.diagnostics().all().toString());
    return lowered;
  }

  /** The IR function's parameter names, in order. */
  static List<String> params(Lowered lowered) {
    return lowered.function().params().stream().map(Var::name).toList();
  }

  /** The differentiated IR parameters' names, in flat-layout order. */
  static List<String> wrt(Lowered lowered) {
    return lowered.wrt().stream().map(Var::name).toList();
  }

  /** The oracle on arguments given by parameter name; every parameter must be given. */
  static void check(Lowered lowered, Function<Random, Map<String, Object>> args, double tolerance) {
    GradientOracle.check(lowered, r -> ordered(lowered, args.apply(r)), tolerance);
  }

  static Object[] ordered(Lowered lowered, Map<String, Object> named) {
    List<Object> out = new ArrayList<>();
    for (Var p : lowered.function().params()) {
      if (!named.containsKey(p.name())) {
        throw new IllegalArgumentException(
            "no argument for " + p.name() + "; parameters are " + params(lowered));
      }
      out.add(named.get(p.name()));
    }
    assertEquals(named.size(), out.size(), "arguments for parameters that do not exist: " + named);
    return out.toArray();
  }

  static double[] vector(Random r, int n) {
    return GradientOracle.vector(r, n, -1, 1);
  }

  static double[][] matrix(Random r, int rows, int cols) {
    double[][] m = new double[rows][];
    for (int i = 0; i < rows; i++) {
      m[i] = vector(r, cols);
    }
    return m;
  }

  static double u(Random r, double lo, double hi) {
    return GradientOracle.uniform(r, lo, hi);
  }
}
