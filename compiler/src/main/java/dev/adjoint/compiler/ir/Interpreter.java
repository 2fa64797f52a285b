package dev.adjoint.compiler.ir;

import static dev.adjoint.compiler.ir.InterpreterExprs.bool;
import static dev.adjoint.compiler.ir.InterpreterExprs.eval;
import static dev.adjoint.compiler.ir.InterpreterExprs.integer;
import static dev.adjoint.compiler.ir.InterpreterValues.convert;
import static dev.adjoint.compiler.ir.InterpreterValues.flt;
import static dev.adjoint.compiler.ir.InterpreterValues.toDouble;

import dev.adjoint.compiler.ir.InterpreterScope.Slot;
import dev.adjoint.compiler.ir.Stmt.Assign;
import dev.adjoint.compiler.ir.Stmt.Comment;
import dev.adjoint.compiler.ir.Stmt.Declare;
import dev.adjoint.compiler.ir.Stmt.Fill;
import dev.adjoint.compiler.ir.Stmt.For;
import dev.adjoint.compiler.ir.Stmt.If;
import dev.adjoint.compiler.ir.Stmt.Return;
import dev.adjoint.compiler.ir.Stmt.Store;
import java.util.Arrays;
import java.util.List;

/**
 * Executes IR with exact Java semantics: the reference the tests compare generated code against.
 * This class runs functions and statements; {@link InterpreterExprs} evaluates expressions and
 * {@link InterpreterValues} holds the values and Java's operations on them.
 *
 * <p>Values are boxed as {@link Double}, {@link Integer}, {@link Long}, {@link Boolean} or the
 * primitive arrays {@code double[]}, {@code int[]}, {@code long[]}, {@code boolean[]}. Arrays are
 * shared by reference, so stores into a parameter array are visible to the caller. Java's own
 * run-time exceptions ({@link ArithmeticException} for integer division by zero, {@link
 * ArrayIndexOutOfBoundsException}, {@link NegativeArraySizeException}) propagate unchanged; an
 * ill-formed program raises {@link IllegalStateException}.
 */
public final class Interpreter {
  private Interpreter() {}

  /** Result of a block that completed without executing a {@code return}. */
  private static final Object NORMAL = new Object();

  /** What a {@code return;} of a void function yields. */
  private static final Object VOID_RETURN = new Object();

  /**
   * Runs {@code f} on {@code args} (one per parameter, converted like a Java method invocation: an
   * {@code Integer} may be passed for a {@code long} or {@code double} parameter) and returns the
   * value of its {@code return}, converted to the return type.
   */
  public static Object run(Function f, Object... args) {
    if (args.length != f.params().size()) {
      throw new IllegalArgumentException(
          f.name() + " takes " + f.params().size() + " arguments, got " + args.length);
    }
    InterpreterScope scope = new InterpreterScope(null);
    for (int k = 0; k < args.length; k++) {
      Var p = f.params().get(k);
      Object a;
      try {
        a = convert(args[k], p.type(), p.name());
      } catch (IllegalStateException e) {
        throw new IllegalArgumentException(
            "argument " + k + " of " + f.name() + ": " + e.getMessage());
      }
      scope.declare(p, a);
    }
    Object result = block(f.body(), scope);
    if (f.returnType() == Type.VOID) {
      return null;
    }
    if (result == NORMAL) {
      throw new IllegalStateException("function " + f.name() + " completed without a return");
    }
    return convert(result, f.returnType(), "the return value");
  }

  // ---------------------------------------------------------------------------------- statements

  /** Executes {@code stmts} in a fresh scope nested in {@code outer}. */
  private static Object block(List<Stmt> stmts, InterpreterScope outer) {
    InterpreterScope scope = new InterpreterScope(outer);
    for (int k = 0, n = stmts.size(); k < n; k++) {
      Object r = stmt(stmts.get(k), scope);
      if (r != NORMAL) {
        return r;
      }
    }
    return NORMAL;
  }

  private static Object stmt(Stmt s, InterpreterScope scope) {
    if (s instanceof Assign a) {
      Slot slot = scope.lookup(a.var());
      slot.value = convert(eval(a.value(), scope), slot.var.type(), a.var().name());
    } else if (s instanceof Declare d) {
      Object v =
          d.init() == null
              ? InterpreterValues.UNASSIGNED
              : convert(eval(d.init(), scope), d.var().type(), d.var().name());
      scope.declare(d.var(), v);
    } else if (s instanceof Store st) {
      store(st, scope);
    } else if (s instanceof For f) {
      return loop(f, scope);
    } else if (s instanceof Stmt.While w) {
      while (bool(w.cond(), scope)) {
        Object r = block(w.body(), scope);
        if (r != NORMAL) {
          return r;
        }
      }
    } else if (s instanceof Stmt.Loop l) {
      return loop(l, scope);
    } else if (s instanceof Stmt.Break b) {
      return new Jump(true, b.label());
    } else if (s instanceof Stmt.Continue c) {
      return new Jump(false, c.label());
    } else if (s instanceof If i) {
      return block(bool(i.cond(), scope) ? i.then() : i.otherwise(), scope);
    } else if (s instanceof Return r) {
      return r.value() == null ? VOID_RETURN : eval(r.value(), scope);
    } else if (s instanceof Fill fl) {
      fill(fl, scope);
    } else if (s instanceof Stmt.Require q) {
      if (!bool(q.cond(), scope)) {
        throw new IllegalArgumentException(q.message());
      }
    } else if (s instanceof Comment) {
      return NORMAL;
    } else {
      throw new IllegalStateException("unknown statement " + s);
    }
    return NORMAL;
  }

  private static void store(Store st, InterpreterScope scope) {
    // Java order: array reference, index, right-hand side, then the null and bounds checks.
    Object array = eval(st.array(), scope);
    int index = integer(st.index(), scope);
    Object value = eval(st.value(), scope);
    if (array instanceof double[] a) {
      a[index] = toDouble(value, "array element");
    } else if (array instanceof float[] a) {
      a[index] = flt(value);
    } else if (array instanceof double[][] a) {
      a[index] = (double[]) value;
    } else if (array instanceof float[][] a) {
      a[index] = (float[]) value;
    } else if (array instanceof int[] a) {
      a[index] = (Integer) convert(value, Type.INT, "array element");
    } else if (array instanceof long[] a) {
      a[index] = (Long) convert(value, Type.LONG, "array element");
    } else if (array instanceof boolean[] a) {
      a[index] = (Boolean) convert(value, Type.BOOLEAN, "array element");
    } else {
      throw new IllegalStateException("store into a non-array: " + Printer.expr(st.array()));
    }
  }

  private static void fill(Fill fl, InterpreterScope scope) {
    Object array = eval(fl.array(), scope);
    Object value = eval(fl.value(), scope);
    if (array instanceof double[] a) {
      Arrays.fill(a, toDouble(value, "array element"));
    } else if (array instanceof float[] a) {
      Arrays.fill(a, (Float) convert(value, Type.FLOAT, "array element"));
    } else if (array instanceof int[] a) {
      Arrays.fill(a, (Integer) convert(value, Type.INT, "array element"));
    } else if (array instanceof long[] a) {
      Arrays.fill(a, (Long) convert(value, Type.LONG, "array element"));
    } else if (array instanceof boolean[] a) {
      Arrays.fill(a, (Boolean) convert(value, Type.BOOLEAN, "array element"));
    } else {
      throw new IllegalStateException("fill of a non-array: " + Printer.expr(fl.array()));
    }
  }

  /** A pending {@code break} or {@code continue} to a labelled loop. */
  private record Jump(boolean isBreak, String label) {}

  private static Object loop(Stmt.Loop l, InterpreterScope scope) {
    boolean first = true;
    while (true) {
      if (!(l.testAtEnd() && first) && !bool(l.cond(), scope)) {
        return NORMAL;
      }
      first = false;
      Object r = block(l.body(), scope);
      if (r instanceof Jump j && j.label().equals(l.label())) {
        if (j.isBreak()) {
          return NORMAL;
        }
      } else if (r != NORMAL) {
        return r;
      }
      Object u = block(l.update(), scope);
      if (u != NORMAL) {
        return u;
      }
    }
  }

  /** {@code for (T i = from; i cmp bound; i += step) body}, the bound re-evaluated each test. */
  private static Object loop(For f, InterpreterScope outer) {
    Var index = f.index();
    Type it = index.type();
    if (!it.isIntegral()) {
      throw new IllegalStateException(
          "loop index '" + index.name() + "' must be int or long, is " + it.javaName());
    }
    if (!f.cmp().isComparison()) {
      throw new IllegalStateException(
          "loop condition operator " + f.cmp().symbol() + " is not a comparison");
    }
    InterpreterScope header = new InterpreterScope(outer);
    header.declare(index, convert(eval(f.from(), outer), it, index.name()));
    Slot slot = header.lookup(index);
    Type boundType = f.bound().type();
    long step = f.step();
    while (true) {
      Object bound = eval(f.bound(), header);
      if (!InterpreterValues.compare(f.cmp(), slot.value, it, bound, boundType)) {
        return NORMAL;
      }
      Object r = block(f.body(), header);
      if (r != NORMAL) {
        return r;
      }
      if (it == Type.INT) {
        slot.value = (int) ((Integer) slot.value + step); // i += step: (int) (i + step)
      } else {
        slot.value = (Long) slot.value + step;
      }
    }
  }
}
