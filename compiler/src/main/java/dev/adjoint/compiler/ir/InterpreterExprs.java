package dev.adjoint.compiler.ir;

import static dev.adjoint.compiler.ir.InterpreterValues.arithmetic;
import static dev.adjoint.compiler.ir.InterpreterValues.convert;
import static dev.adjoint.compiler.ir.InterpreterValues.describe;
import static dev.adjoint.compiler.ir.InterpreterValues.flt;
import static dev.adjoint.compiler.ir.InterpreterValues.toDouble;

import dev.adjoint.compiler.ir.Expr.Binary;
import dev.adjoint.compiler.ir.Expr.Call;
import dev.adjoint.compiler.ir.Expr.Cast;
import dev.adjoint.compiler.ir.Expr.Cond;
import dev.adjoint.compiler.ir.Expr.Const;
import dev.adjoint.compiler.ir.Expr.CopyOf;
import dev.adjoint.compiler.ir.Expr.Index;
import dev.adjoint.compiler.ir.Expr.Invoke;
import dev.adjoint.compiler.ir.Expr.Length;
import dev.adjoint.compiler.ir.Expr.NewArray;
import dev.adjoint.compiler.ir.Expr.NewMatrix;
import dev.adjoint.compiler.ir.Expr.Ref;
import dev.adjoint.compiler.ir.Expr.Unary;
import java.lang.reflect.Array;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;

/**
 * The expression half of the {@link Interpreter}: the value of an expression in a scope, with
 * Java's evaluation order and semantics. Operators are typed by {@link Typing}'s rules, calls of
 * {@link Fn}s run the kernel of the overload javac would pick.
 */
final class InterpreterExprs {
  private InterpreterExprs() {}

  /** The value of {@code e}, boxed as its type. */
  static Object eval(Expr e, InterpreterScope scope) {
    if (e instanceof Ref r) {
      return read(r, scope);
    } else if (e instanceof Const c) {
      return constant(c);
    } else if (e instanceof Binary b) {
      return binary(b, scope);
    } else if (e instanceof Index ix) {
      return index(ix, scope);
    } else if (e instanceof Call c) {
      return call(c, scope);
    } else if (e instanceof Unary u) {
      return unary(u, scope);
    } else if (e instanceof Cond c) {
      Object v = eval(bool(c.cond(), scope) ? c.then() : c.otherwise(), scope);
      return convert(v, c.type(), "conditional");
    } else if (e instanceof Cast c) {
      Object v = eval(c.operand(), scope);
      Object cast = InterpreterValues.cast(v, c.type());
      if (cast == null) {
        throw new IllegalStateException(
            "cannot cast " + describe(v) + " to " + c.type().javaName() + ": " + Printer.expr(c));
      }
      return cast;
    } else if (e instanceof Length l) {
      Object array = eval(l.array(), scope);
      if (array == null || !array.getClass().isArray()) {
        throw new IllegalStateException(".length of a non-array: " + Printer.expr(l.array()));
      }
      return Array.getLength(array);
    } else if (e instanceof Invoke i) {
      return invoke(i, scope);
    } else if (e instanceof Expr.Apply a) {
      return apply(a, scope);
    } else if (e instanceof NewMatrix m) {
      int rows = integer(m.rows(), scope);
      if (m.type() == Type.FLOAT_MATRIX) {
        return m.cols() == null ? new float[rows][] : new float[rows][integer(m.cols(), scope)];
      }
      return m.cols() == null ? new double[rows][] : new double[rows][integer(m.cols(), scope)];
    } else if (e instanceof CopyOf c) {
      return copyOf(c, scope);
    } else if (e instanceof Expr.DataEquals d) {
      return dataEquals(d, scope);
    } else if (e instanceof Expr.Opaque o) {
      throw new UnsupportedOperationException(
          "the interpreter cannot run Java code kept verbatim: " + Printer.expr(o));
    } else if (e instanceof NewArray n) {
      int size = integer(n.size(), scope);
      return switch (n.type()) {
        case DOUBLE_ARRAY -> new double[size];
        case FLOAT_ARRAY -> new float[size];
        case INT_ARRAY -> new int[size];
        case LONG_ARRAY -> new long[size];
        case BOOLEAN_ARRAY -> new boolean[size];
        default -> throw new IllegalStateException("new of non-array type " + n.type().javaName());
      };
    }
    throw new IllegalStateException("unknown expression " + e);
  }

  private static Object index(Index ix, InterpreterScope scope) {
    Object array = eval(ix.array(), scope);
    int i = integer(ix.index(), scope);
    if (array instanceof double[] a) {
      return a[i];
    } else if (array instanceof float[] a) {
      return a[i];
    } else if (array instanceof double[][] a) {
      return a[i];
    } else if (array instanceof float[][] a) {
      return a[i];
    } else if (array instanceof int[] a) {
      return a[i];
    } else if (array instanceof long[] a) {
      return a[i];
    } else if (array instanceof boolean[] a) {
      return a[i];
    }
    throw new IllegalStateException("indexing a non-array: " + Printer.expr(ix.array()));
  }

  /**
   * {@code s.equals("c")} (a null String throws, as the generated call does) or {@code e == Kind.C}
   * (an enum constant of that name; null is no constant).
   */
  private static Object dataEquals(Expr.DataEquals d, InterpreterScope scope) {
    Object v = eval(d.subject(), scope);
    if (v == null && d.nullThrows()) {
      throw new NullPointerException(Printer.expr(d.subject()) + " is null");
    }
    if (d.isEnum()) {
      return v instanceof Enum<?> constant && constant.name().equals(d.constant());
    }
    return d.constant().equals(v);
  }

  private static Object copyOf(CopyOf c, InterpreterScope scope) {
    Object array = eval(c.array(), scope);
    int length = integer(c.length(), scope);
    if (array instanceof double[] a) {
      return Arrays.copyOf(a, length);
    } else if (array instanceof float[] a) {
      return Arrays.copyOf(a, length);
    } else if (array instanceof int[] a) {
      return Arrays.copyOf(a, length);
    } else if (array instanceof long[] a) {
      return Arrays.copyOf(a, length);
    } else if (array instanceof boolean[] a) {
      return Arrays.copyOf(a, length);
    }
    throw new IllegalStateException("copyOf of a non-array: " + Printer.expr(c.array()));
  }

  private static Object read(Ref r, InterpreterScope scope) {
    Object v = scope.lookup(r.var()).value;
    if (v == InterpreterValues.UNASSIGNED) {
      throw new IllegalStateException(
          "variable '" + r.var().name() + "' read before it is assigned");
    }
    return v;
  }

  private static Object constant(Const c) {
    double v = c.value();
    return switch (c.type()) {
      case DOUBLE -> v;
      case FLOAT -> (float) v;
      case INT -> {
        if ((int) v != v) {
          throw new IllegalStateException("int constant " + c.text() + " has non-int value " + v);
        }
        yield (int) v;
      }
      case LONG -> {
        if ((long) v != v) {
          throw new IllegalStateException("long constant " + c.text() + " has non-long value " + v);
        }
        yield (long) v;
      }
      case BOOLEAN -> v != 0;
      default -> throw new IllegalStateException("constant of array type: " + c.text());
    };
  }

  // Typed evaluation, with fast paths that avoid boxing the intermediate values of arithmetic.

  /** {@code e} evaluated and widened to double ({@code e} must be numeric). */
  static double dbl(Expr e, InterpreterScope scope) {
    if (e instanceof Binary b && b.type() == Type.DOUBLE && b.op().isArithmetic()) {
      return arithmetic(b.op(), dbl(b.left(), scope), dbl(b.right(), scope));
    }
    if (e instanceof Const c && c.type() == Type.DOUBLE) {
      return c.value();
    }
    return toDouble(eval(e, scope), "operand");
  }

  /** {@code e} evaluated and widened to long ({@code e} must be int or long). */
  static long lng(Expr e, InterpreterScope scope) {
    Object v = eval(e, scope);
    if (v instanceof Long l) {
      return l;
    }
    if (v instanceof Integer i) {
      return i;
    }
    throw new IllegalStateException(
        "expected an int or long value, got " + describe(v) + " from " + Printer.expr(e));
  }

  /** {@code e} evaluated as an int ({@code e} must be int). */
  static int integer(Expr e, InterpreterScope scope) {
    Object v = eval(e, scope);
    if (v instanceof Integer i) {
      return i;
    }
    throw new IllegalStateException(
        "expected an int value, got " + describe(v) + " from " + Printer.expr(e));
  }

  static boolean bool(Expr e, InterpreterScope scope) {
    Object v = eval(e, scope);
    if (v instanceof Boolean b) {
      return b;
    }
    throw new IllegalStateException(
        "expected a boolean value, got " + describe(v) + " from " + Printer.expr(e));
  }

  /**
   * {@code l op r}, computed in the expression's type: its operands' promoted type for arithmetic
   * and bitwise operators, the left operand's for shifts (whose distance is an int or long).
   */
  private static Object binary(Binary b, InterpreterScope scope) {
    BinOp op = b.op();
    if (op == BinOp.AND) {
      return bool(b.left(), scope) && bool(b.right(), scope);
    }
    if (op == BinOp.OR) {
      return bool(b.left(), scope) || bool(b.right(), scope);
    }
    if (op.isComparison()) {
      Object l = eval(b.left(), scope);
      Object r = eval(b.right(), scope);
      return InterpreterValues.compare(op, l, b.left().type(), r, b.right().type());
    }
    boolean shift = Typing.isShift(op);
    return switch (b.type()) {
      case DOUBLE -> {
        if (!op.isArithmetic()) {
          throw illTyped(b);
        }
        yield arithmetic(op, dbl(b.left(), scope), dbl(b.right(), scope));
      }
      case FLOAT -> {
        if (!op.isArithmetic()) {
          throw illTyped(b);
        }
        yield arithmetic(op, flt(eval(b.left(), scope)), flt(eval(b.right(), scope)));
      }
      case LONG -> {
        long x = lng(b.left(), scope);
        yield arithmetic(op, x, lng(b.right(), scope));
      }
      case INT -> {
        int x = integer(b.left(), scope);
        yield arithmetic(op, x, shift ? (int) lng(b.right(), scope) : integer(b.right(), scope));
      }
      case BOOLEAN -> {
        boolean x = bool(b.left(), scope);
        yield InterpreterValues.logical(op, x, bool(b.right(), scope));
      }
      default -> throw illTyped(b);
    };
  }

  private static IllegalStateException illTyped(Expr e) {
    return new IllegalStateException(
        "operator cannot produce a " + e.type().javaName() + ": " + Printer.expr(e));
  }

  private static Object unary(Unary u, InterpreterScope scope) {
    Type t = u.type();
    return switch (u.op()) {
      case NOT -> !bool(u.operand(), scope);
      case NEG ->
          switch (t) {
            case DOUBLE -> -dbl(u.operand(), scope);
            case FLOAT -> -flt(eval(u.operand(), scope));
            case LONG -> -lng(u.operand(), scope);
            case INT -> -integer(u.operand(), scope);
            default -> throw illTyped(u);
          };
      case BNOT ->
          switch (t) {
            case INT -> ~integer(u.operand(), scope);
            case LONG -> ~lng(u.operand(), scope);
            default -> throw illTyped(u);
          };
    };
  }

  /** A call of another function of the program: its arguments evaluated, then its body run. */
  private static Object apply(Expr.Apply a, InterpreterScope scope) {
    Function callee = scope.library.get(a.function());
    if (callee == null) {
      throw new IllegalStateException("no function " + a.function() + " in the program");
    }
    Object[] args = new Object[a.args().size()];
    for (int k = 0; k < args.length; k++) {
      args[k] = eval(a.args().get(k), scope);
    }
    return Interpreter.run(scope.library, callee, args);
  }

  /** A user method with a derivative rule, called by reflection (tests only). */
  private static Object invoke(Invoke i, InterpreterScope scope) {
    int dot = i.method().lastIndexOf('.');
    Object[] args = new Object[i.args().size()];
    for (int k = 0; k < args.length; k++) {
      args[k] = eval(i.args().get(k), scope);
    }
    try {
      Class<?> owner = Class.forName(i.method().substring(0, dot));
      for (Method m : owner.getDeclaredMethods()) {
        if (m.getName().equals(i.method().substring(dot + 1))
            && m.getParameterCount() == args.length) {
          m.setAccessible(true);
          return convert(m.invoke(null, args), i.type(), "result of " + i.method());
        }
      }
    } catch (ReflectiveOperationException ex) {
      throw new IllegalStateException("cannot call " + i.method() + ": " + ex, ex);
    }
    throw new IllegalStateException("no method " + i.method());
  }

  /** A call of a {@link Fn}: the kernel of the overload javac picks for the argument types. */
  private static Object call(Call c, InterpreterScope scope) {
    Fn fn = c.fn();
    if (!fn.owners().contains(c.owner())) {
      throw new IllegalStateException("unknown owner '" + c.owner() + "' of " + fn.javaName());
    }
    List<Expr> args = c.args();
    Type[] types = new Type[args.size()];
    for (int j = 0; j < types.length; j++) {
      types[j] = args.get(j).type();
    }
    Overload o =
        Typing.call(fn, Arrays.asList(types))
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        c.owner()
                            + "."
                            + fn.javaName()
                            + " has no overload for "
                            + Arrays.toString(types)));
    Object[] values = new Object[args.size()];
    for (int j = 0; j < values.length; j++) {
      values[j] = convert(eval(args.get(j), scope), o.params().get(j), "argument");
    }
    return convert(o.apply(Fn.strict(c.owner()), values), c.type(), "call result");
  }
}
