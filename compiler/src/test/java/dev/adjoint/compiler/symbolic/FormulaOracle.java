package dev.adjoint.compiler.symbolic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.adjoint.compiler.frontend.Lowered;
import dev.adjoint.compiler.ir.Expr;
import dev.adjoint.compiler.ir.Exprs;
import dev.adjoint.compiler.ir.Function;
import dev.adjoint.compiler.ir.Interpreter;
import dev.adjoint.compiler.ir.Printer;
import dev.adjoint.compiler.ir.Stmt;
import dev.adjoint.compiler.ir.Type;
import dev.adjoint.compiler.ir.Var;
import dev.adjoint.compiler.pass.Pipeline;
import dev.adjoint.compiler.symbolic.SymbolicPartials.Partial;
import dev.adjoint.compiler.testing.Differences;
import dev.adjoint.compiler.testing.Sources;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * The tool's own gradient as the oracle of the formulas: each symbolic partial derivative, as an IR
 * expression before printing, is run by the interpreter and compared with the gradient component
 * the passes compute for the same method, at the given points.
 */
final class FormulaOracle {
  /** Makes the arguments of one evaluation point. */
  interface Args {
    Object[] make(Random random);
  }

  private FormulaOracle() {}

  /**
   * Checks every formula of {@code source} at {@code points} random points from {@code args}, then
   * at the {@code fixed} ones; returns the partials, which must cover {@code expected} inputs.
   */
  static List<Partial> check(String source, int expected, Args args, Object[]... fixed) {
    Lowered lowered = Sources.lower(source);
    Function primal = Pipeline.normalise(lowered.function());
    Function gradient = Pipeline.gradient(lowered.function(), lowered.wrt());
    List<Partial> partials = SymbolicPartials.of(primal, lowered.wrt());
    assertEquals(expected, partials.size(), "formulas of " + source);
    Random random = new Random(7);
    for (int point = 0; point < 6 + fixed.length; point++) {
      Object[] a = point < fixed.length ? fixed[point] : args.make(random);
      double[] g = new double[Differences.size(a, positions(lowered.wrt(), primal.params()))];
      Interpreter.run(gradient, append(Differences.copy(a), g));
      for (Partial p : partials) {
        double expectedValue = g[offset(lowered.wrt(), p.input(), a, primal.params())];
        Function f = function(primal, p.derivative());
        double actual = ((Number) Interpreter.run(f, Differences.copy(a))).doubleValue();
        if (!close(actual, expectedValue)) {
          fail(
              "∂/∂"
                  + p.input()
                  + " = "
                  + actual
                  + " but the gradient has "
                  + expectedValue
                  + " at "
                  + Arrays.deepToString(a)
                  + "\n"
                  + Printer.function(f));
        }
      }
    }
    return partials;
  }

  /** Equal up to rounding, or both the same non-finite value. */
  static boolean close(double a, double b) {
    if (Double.isNaN(a) || Double.isNaN(b) || Double.isInfinite(a) || Double.isInfinite(b)) {
      return Double.compare(a, b) == 0;
    }
    return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.max(Math.abs(a), Math.abs(b)));
  }

  /** A function of the primal's parameters computing {@code formula}. */
  static Function function(Function primal, Formula formula) {
    if (formula instanceof Formula.Closed c) {
      return new Function(
          "formula", primal.params(), Type.DOUBLE, List.of(new Stmt.Return(c.value())));
    }
    Formula.Summed s = (Formula.Summed) formula;
    Var sum = new Var("sum_", Type.DOUBLE);
    Formula.Loop l = s.loop();
    Expr next = Exprs.add(Exprs.ref(sum), s.term());
    return new Function(
        "formula",
        primal.params(),
        Type.DOUBLE,
        List.of(
            new Stmt.Declare(sum, s.outside()),
            new Stmt.For(
                l.index(),
                l.from(),
                l.cmp(),
                l.bound(),
                l.step(),
                List.of(new Stmt.Assign(sum, next))),
            new Stmt.Return(Exprs.ref(sum))));
  }

  /** Where {@code input} sits in the flat gradient: after the earlier inputs' slots. */
  private static int offset(List<Var> wrt, Var input, Object[] a, List<Var> params) {
    int k = 0;
    for (Var v : wrt) {
      if (v.equals(input)) {
        return k;
      }
      Object value = a[params.indexOf(v)];
      k += value instanceof double[] d ? d.length : 1;
    }
    throw new AssertionError(input + " is not differentiated");
  }

  private static int[] positions(List<Var> wrt, List<Var> params) {
    return wrt.stream().mapToInt(params::indexOf).toArray();
  }

  private static Object[] append(Object[] a, Object last) {
    Object[] out = Arrays.copyOf(a, a.length + 1);
    out[a.length] = last;
    return out;
  }
}
