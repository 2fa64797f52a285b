package dev.adjoint.compiler.ir;

import dev.adjoint.compiler.ir.Expr.Binary;
import dev.adjoint.compiler.ir.Expr.Call;
import dev.adjoint.compiler.ir.Expr.Cast;
import dev.adjoint.compiler.ir.Expr.Cond;
import dev.adjoint.compiler.ir.Expr.Const;
import dev.adjoint.compiler.ir.Expr.Index;
import dev.adjoint.compiler.ir.Expr.Length;
import dev.adjoint.compiler.ir.Expr.NewArray;
import dev.adjoint.compiler.ir.Expr.Ref;
import dev.adjoint.compiler.ir.Expr.Unary;
import dev.adjoint.compiler.ir.Stmt.Assign;
import dev.adjoint.compiler.ir.Stmt.Comment;
import dev.adjoint.compiler.ir.Stmt.Declare;
import dev.adjoint.compiler.ir.Stmt.Fill;
import dev.adjoint.compiler.ir.Stmt.For;
import dev.adjoint.compiler.ir.Stmt.If;
import dev.adjoint.compiler.ir.Stmt.Return;
import dev.adjoint.compiler.ir.Stmt.Store;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;

/**
 * Executes IR with exact Java semantics: the reference the tests compare generated code against.
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

  /** Marks a declared variable that has not been assigned yet. */
  private static final Object UNASSIGNED = new Object();

  /** Result of a block that completed without executing a {@code return}. */
  private static final Object NORMAL = new Object();

  /** What a {@code return;} of a void function yields. */
  private static final Object VOID_RETURN = new Object();

  private static final class Slot {
    final Var var;
    Object value;

    Slot(Var var, Object value) {
      this.var = var;
      this.value = value;
    }
  }

  /** One block's variables; the map is created on the first declaration. */
  private static final class Scope {
    final Scope parent;
    HashMap<String, Slot> vars;

    Scope(Scope parent) {
      this.parent = parent;
    }

    void declare(Var v, Object value) {
      if (vars == null) {
        vars = new HashMap<>(8);
      }
      vars.put(v.name(), new Slot(v, value));
    }

    Slot lookup(Var v) {
      for (Scope s = this; s != null; s = s.parent) {
        if (s.vars != null) {
          Slot slot = s.vars.get(v.name());
          if (slot != null) {
            if (slot.var.type() != v.type()) {
              throw new IllegalStateException(
                  "variable '"
                      + v.name()
                      + "' is declared as "
                      + slot.var.type().javaName()
                      + " but used as "
                      + v.type().javaName());
            }
            return slot;
          }
        }
      }
      throw new IllegalStateException("unknown variable '" + v.name() + "'");
    }
  }

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
    Scope scope = new Scope(null);
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
  private static Object block(List<Stmt> stmts, Scope outer) {
    Scope scope = new Scope(outer);
    for (int k = 0, n = stmts.size(); k < n; k++) {
      Object r = stmt(stmts.get(k), scope);
      if (r != NORMAL) {
        return r;
      }
    }
    return NORMAL;
  }

  private static Object stmt(Stmt s, Scope scope) {
    if (s instanceof Assign a) {
      Slot slot = scope.lookup(a.var());
      slot.value = convert(eval(a.value(), scope), slot.var.type(), a.var().name());
    } else if (s instanceof Declare d) {
      Object v =
          d.init() == null
              ? UNASSIGNED
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
    } else if (!(s instanceof Comment)) {
      throw new IllegalStateException("unknown statement " + s);
    }
    return NORMAL;
  }

  private static void store(Store st, Scope scope) {
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

  private static void fill(Fill fl, Scope scope) {
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

  private static Object loop(Stmt.Loop l, Scope scope) {
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
  private static Object loop(For f, Scope outer) {
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
    Scope header = new Scope(outer);
    header.declare(index, convert(eval(f.from(), outer), it, index.name()));
    Slot slot = header.lookup(index);
    Type boundType = f.bound().type();
    long step = f.step();
    while (true) {
      Object bound = eval(f.bound(), header);
      if (!compare(f.cmp(), slot.value, it, bound, boundType)) {
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

  // --------------------------------------------------------------------------------- expressions

  /** The value of {@code e}, boxed as its type. */
  private static Object eval(Expr e, Scope scope) {
    if (e instanceof Ref r) {
      return read(r, scope);
    }
    if (e instanceof Const c) {
      return constant(c);
    }
    if (e instanceof Binary b) {
      return binary(b, scope);
    }
    if (e instanceof Index ix) {
      Object array = eval(ix.array(), scope);
      int i = integer(ix.index(), scope);
      if (array instanceof double[] a) {
        return a[i];
      } else if (array instanceof float[] a) {
        return a[i];
      } else if (array instanceof double[][] a) {
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
    if (e instanceof Call c) {
      return call(c, scope);
    }
    if (e instanceof Unary u) {
      return unary(u, scope);
    }
    if (e instanceof Cond c) {
      Object v = eval(bool(c.cond(), scope) ? c.then() : c.otherwise(), scope);
      return convert(v, c.type(), "conditional");
    }
    if (e instanceof Cast c) {
      return cast(c, scope);
    }
    if (e instanceof Length l) {
      Object array = eval(l.array(), scope);
      if (array instanceof double[][] a) {
        return a.length;
      }
      if (array instanceof float[] a) {
        return a.length;
      }
      if (array instanceof double[] a) {
        return a.length;
      } else if (array instanceof int[] a) {
        return a.length;
      } else if (array instanceof long[] a) {
        return a.length;
      } else if (array instanceof boolean[] a) {
        return a.length;
      }
      throw new IllegalStateException(".length of a non-array: " + Printer.expr(l.array()));
    }
    if (e instanceof Expr.Invoke i) {
      return invoke(i, scope);
    }
    if (e instanceof Expr.NewMatrix m) {
      int rows = integer(m.rows(), scope);
      return m.cols() == null ? new double[rows][] : new double[rows][integer(m.cols(), scope)];
    }
    if (e instanceof Expr.CopyOf c) {
      Object array = eval(c.array(), scope);
      int length = integer(c.length(), scope);
      if (array instanceof double[] a) {
        return java.util.Arrays.copyOf(a, length);
      } else if (array instanceof float[] a) {
        return java.util.Arrays.copyOf(a, length);
      } else if (array instanceof int[] a) {
        return java.util.Arrays.copyOf(a, length);
      } else if (array instanceof long[] a) {
        return java.util.Arrays.copyOf(a, length);
      } else if (array instanceof boolean[] a) {
        return java.util.Arrays.copyOf(a, length);
      }
      throw new IllegalStateException("copyOf of a non-array: " + Printer.expr(c.array()));
    }
    if (e instanceof NewArray n) {
      int size = integer(n.size(), scope);
      switch (n.type()) {
        case DOUBLE_ARRAY:
          return new double[size];
        case FLOAT_ARRAY:
          return new float[size];
        case INT_ARRAY:
          return new int[size];
        case LONG_ARRAY:
          return new long[size];
        case BOOLEAN_ARRAY:
          return new boolean[size];
        default:
          throw new IllegalStateException("new of non-array type " + n.type().javaName());
      }
    }
    throw new IllegalStateException("unknown expression " + e);
  }

  private static Object read(Ref r, Scope scope) {
    Object v = scope.lookup(r.var()).value;
    if (v == UNASSIGNED) {
      throw new IllegalStateException(
          "variable '" + r.var().name() + "' read before it is assigned");
    }
    return v;
  }

  private static Object constant(Const c) {
    double v = c.value();
    switch (c.type()) {
      case DOUBLE:
        return v;
      case FLOAT:
        return (float) v;
      case INT:
        if ((int) v != v) {
          throw new IllegalStateException("int constant " + c.text() + " has non-int value " + v);
        }
        return (int) v;
      case LONG:
        if ((long) v != v) {
          throw new IllegalStateException("long constant " + c.text() + " has non-long value " + v);
        }
        return (long) v;
      case BOOLEAN:
        return v != 0;
      default:
        throw new IllegalStateException("constant of array type: " + c.text());
    }
  }

  // Typed evaluation, with fast paths that avoid boxing the intermediate values of arithmetic.

  /** {@code e} evaluated and widened to double ({@code e} must be numeric). */
  private static double dbl(Expr e, Scope scope) {
    if (e instanceof Binary b && b.type() == Type.DOUBLE && b.op().isArithmetic()) {
      return arithmetic(b.op(), dbl(b.left(), scope), dbl(b.right(), scope));
    }
    if (e instanceof Const c && c.type() == Type.DOUBLE) {
      return c.value();
    }
    return toDouble(eval(e, scope), "operand");
  }

  /** {@code e} evaluated and widened to long ({@code e} must be int or long). */
  private static long lng(Expr e, Scope scope) {
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
  private static int integer(Expr e, Scope scope) {
    Object v = eval(e, scope);
    if (v instanceof Integer i) {
      return i;
    }
    throw new IllegalStateException(
        "expected an int value, got " + describe(v) + " from " + Printer.expr(e));
  }

  private static boolean bool(Expr e, Scope scope) {
    Object v = eval(e, scope);
    if (v instanceof Boolean b) {
      return b;
    }
    throw new IllegalStateException(
        "expected a boolean value, got " + describe(v) + " from " + Printer.expr(e));
  }

  private static Object binary(Binary b, Scope scope) {
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
      return compare(op, l, b.left().type(), r, b.right().type());
    }
    Type t = b.type();
    if (op.isArithmetic()) {
      switch (t) {
        case DOUBLE:
          return arithmetic(op, dbl(b.left(), scope), dbl(b.right(), scope));
        case FLOAT:
          return arithmetic(op, flt(eval(b.left(), scope)), flt(eval(b.right(), scope)));
        case LONG:
          return arithmetic(op, lng(b.left(), scope), lng(b.right(), scope));
        case INT:
          return arithmetic(op, integer(b.left(), scope), integer(b.right(), scope));
        default:
          throw illTyped(b);
      }
    }
    if (op == BinOp.SHL || op == BinOp.SHR || op == BinOp.USHR) {
      // The shift distance is masked to 5 (int) or 6 (long) bits by the JVM itself.
      long distance = lng(b.right(), scope);
      if (t == Type.INT) {
        int x = integer(b.left(), scope);
        int n = (int) distance;
        return op == BinOp.SHL ? x << n : op == BinOp.SHR ? x >> n : x >>> n;
      }
      if (t == Type.LONG) {
        long x = lng(b.left(), scope);
        return op == BinOp.SHL ? x << distance : op == BinOp.SHR ? x >> distance : x >>> distance;
      }
      throw illTyped(b);
    }
    // BAND, BOR, BXOR
    if (t == Type.INT) {
      int x = integer(b.left(), scope);
      int y = integer(b.right(), scope);
      return op == BinOp.BAND ? x & y : op == BinOp.BOR ? x | y : x ^ y;
    }
    if (t == Type.LONG) {
      long x = lng(b.left(), scope);
      long y = lng(b.right(), scope);
      return op == BinOp.BAND ? x & y : op == BinOp.BOR ? x | y : x ^ y;
    }
    if (t == Type.BOOLEAN) {
      boolean x = bool(b.left(), scope);
      boolean y = bool(b.right(), scope);
      return op == BinOp.BAND ? x & y : op == BinOp.BOR ? x | y : x ^ y;
    }
    throw illTyped(b);
  }

  private static IllegalStateException illTyped(Binary b) {
    return new IllegalStateException(
        "operator "
            + b.op().symbol()
            + " cannot produce a "
            + b.type().javaName()
            + ": "
            + Printer.expr(b));
  }

  private static double arithmetic(BinOp op, double x, double y) {
    switch (op) {
      case ADD:
        return x + y;
      case SUB:
        return x - y;
      case MUL:
        return x * y;
      case DIV:
        return x / y;
      case REM:
        return x % y;
      default:
        throw new IllegalStateException("not arithmetic: " + op);
    }
  }

  /** Float arithmetic, rounded to float at every step as Java does. */
  private static float arithmetic(BinOp op, float x, float y) {
    switch (op) {
      case ADD:
        return x + y;
      case SUB:
        return x - y;
      case MUL:
        return x * y;
      case DIV:
        return x / y;
      default:
        return x % y;
    }
  }

  /** A float, int or long value widened to float. */
  private static float flt(Object v) {
    if (v instanceof Float f) {
      return f;
    }
    if (v instanceof Integer i) {
      return i;
    }
    if (v instanceof Long l) {
      return l;
    }
    throw new IllegalStateException("expected a float operand, got " + describe(v));
  }

  private static long arithmetic(BinOp op, long x, long y) {
    switch (op) {
      case ADD:
        return x + y;
      case SUB:
        return x - y;
      case MUL:
        return x * y;
      case DIV:
        return x / y;
      case REM:
        return x % y;
      default:
        throw new IllegalStateException("not arithmetic: " + op);
    }
  }

  private static int arithmetic(BinOp op, int x, int y) {
    switch (op) {
      case ADD:
        return x + y;
      case SUB:
        return x - y;
      case MUL:
        return x * y;
      case DIV:
        return x / y;
      case REM:
        return x % y;
      default:
        throw new IllegalStateException("not arithmetic: " + op);
    }
  }

  /** {@code l op r} for a comparison, in the promoted type of the operands' static types. */
  private static boolean compare(BinOp op, Object l, Type lt, Object r, Type rt) {
    if (lt == Type.BOOLEAN || rt == Type.BOOLEAN) {
      if (!(l instanceof Boolean x)
          || !(r instanceof Boolean y)
          || (op != BinOp.EQ && op != BinOp.NE)) {
        throw new IllegalStateException(
            "cannot compare " + describe(l) + " " + op.symbol() + " " + describe(r));
      }
      return op == BinOp.EQ
          ? x.booleanValue() == y.booleanValue()
          : x.booleanValue() != y.booleanValue();
    }
    Type pt = Type.promote(lt, rt);
    if (pt == Type.FLOAT) {
      float x = flt(l);
      float y = flt(r);
      l = (double) x;
      r = (double) y;
      pt = Type.DOUBLE;
    }
    if (pt == Type.DOUBLE) {
      double x = toDouble(l, "comparison operand");
      double y = toDouble(r, "comparison operand");
      switch (op) {
        case LT:
          return x < y;
        case LE:
          return x <= y;
        case GT:
          return x > y;
        case GE:
          return x >= y;
        case EQ:
          return x == y;
        default:
          return x != y;
      }
    }
    long x = toLong(l);
    long y = toLong(r);
    switch (op) {
      case LT:
        return x < y;
      case LE:
        return x <= y;
      case GT:
        return x > y;
      case GE:
        return x >= y;
      case EQ:
        return x == y;
      default:
        return x != y;
    }
  }

  private static Object unary(Unary u, Scope scope) {
    switch (u.op()) {
      case NOT:
        return !bool(u.operand(), scope);
      case NEG:
        switch (u.type()) {
          case DOUBLE:
            return -dbl(u.operand(), scope);
          case FLOAT:
            return -flt(eval(u.operand(), scope));
          case LONG:
            return -lng(u.operand(), scope);
          case INT:
            return -integer(u.operand(), scope);
          default:
            break;
        }
        break;
      case BNOT:
        if (u.type() == Type.INT) {
          return ~integer(u.operand(), scope);
        }
        if (u.type() == Type.LONG) {
          return ~lng(u.operand(), scope);
        }
        break;
      default:
        break;
    }
    throw new IllegalStateException(
        "operator "
            + u.op().symbol()
            + " cannot produce a "
            + u.type().javaName()
            + ": "
            + Printer.expr(u));
  }

  private static Object cast(Cast c, Scope scope) {
    Object v = eval(c.operand(), scope);
    switch (c.type()) {
      case DOUBLE:
        return toDouble(v, "cast operand");
      case FLOAT:
        return v instanceof Double d ? (float) d.doubleValue() : flt(v);
      case LONG:
        if (v instanceof Double d) {
          return (long) d.doubleValue();
        }
        if (v instanceof Float f) {
          return (long) f.floatValue();
        }
        return toLong(v);
      case INT:
        if (v instanceof Double d) {
          return (int) d.doubleValue();
        }
        if (v instanceof Float f) {
          return (int) f.floatValue();
        }
        if (v instanceof Long l) {
          return (int) l.longValue();
        }
        if (v instanceof Integer) {
          return v;
        }
        break;
      default:
        if (matches(v, c.type())) {
          return v;
        }
        break;
    }
    throw new IllegalStateException(
        "cannot cast " + describe(v) + " to " + c.type().javaName() + ": " + Printer.expr(c));
  }

  /** A user method with a derivative rule, called by reflection (tests only). */
  private static Object invoke(Expr.Invoke i, Scope scope) {
    int dot = i.method().lastIndexOf('.');
    Object[] args = new Object[i.args().size()];
    for (int k = 0; k < args.length; k++) {
      args[k] = eval(i.args().get(k), scope);
    }
    try {
      Class<?> owner = Class.forName(i.method().substring(0, dot));
      for (java.lang.reflect.Method m : owner.getDeclaredMethods()) {
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

  private static Object call(Call c, Scope scope) {
    if (c.fn().predicate()) {
      double v = dbl(c.args().get(0), scope);
      return switch (c.fn()) {
        case IS_NAN -> Double.isNaN(v);
        case IS_INFINITE -> Double.isInfinite(v);
        default -> Double.isFinite(v);
      };
    }
    String owner = c.owner();
    if (c.fn() == Fn.STOP_GRADIENT) {
      return eval(c.args().get(0), scope);
    }
    if (c.fn() == Fn.TOTAL_LENGTH) {
      int n = 0;
      for (double[] row : (double[][]) eval(c.args().get(0), scope)) {
        n += row.length;
      }
      return n;
    }
    boolean strict;
    if (owner.equals("Math") || owner.equals("java.lang.Math")) {
      strict = false;
    } else if (owner.equals("StrictMath") || owner.equals("java.lang.StrictMath")) {
      strict = true;
    } else {
      throw new IllegalStateException("unknown owner '" + owner + "' of " + c.fn().javaName());
    }
    Fn fn = c.fn();
    List<Expr> args = c.args();
    if (args.size() != fn.arity()) {
      throw new IllegalStateException(
          owner + "." + fn.javaName() + " takes " + fn.arity() + " arguments, got " + args.size());
    }
    Type t = c.type();
    if (t == Type.INT || t == Type.LONG) {
      if (!fn.integralOverload()) {
        throw new IllegalStateException(
            owner + "." + fn.javaName() + " has no " + t.javaName() + " overload");
      }
      if (t == Type.INT) {
        int x = integer(args.get(0), scope);
        switch (fn) {
          case ABS:
            return strict ? StrictMath.abs(x) : Math.abs(x);
          case MIN:
            return strict
                ? StrictMath.min(x, integer(args.get(1), scope))
                : Math.min(x, integer(args.get(1), scope));
          default:
            return strict
                ? StrictMath.max(x, integer(args.get(1), scope))
                : Math.max(x, integer(args.get(1), scope));
        }
      }
      long x = lng(args.get(0), scope);
      switch (fn) {
        case ABS:
          return strict ? StrictMath.abs(x) : Math.abs(x);
        case MIN:
          return strict
              ? StrictMath.min(x, lng(args.get(1), scope))
              : Math.min(x, lng(args.get(1), scope));
        default:
          return strict
              ? StrictMath.max(x, lng(args.get(1), scope))
              : Math.max(x, lng(args.get(1), scope));
      }
    }
    if (t != Type.DOUBLE && t != Type.FLOAT) {
      throw new IllegalStateException(
          owner + "." + fn.javaName() + " cannot return " + t.javaName());
    }
    double x = dbl(args.get(0), scope);
    double r;
    if (fn.arity() == 2) {
      double y = dbl(args.get(1), scope);
      r = strict ? strict2(fn, x, y) : math2(fn, x, y);
    } else {
      r = strict ? strict1(fn, x) : math1(fn, x);
    }
    // the float overloads (abs, min, max, signum) are exact in double, so rounding back is exact
    return t == Type.FLOAT ? (Object) (float) r : (Object) r;
  }

  private static double math1(Fn fn, double x) {
    switch (fn) {
      case SIN:
        return Math.sin(x);
      case COS:
        return Math.cos(x);
      case TAN:
        return Math.tan(x);
      case ASIN:
        return Math.asin(x);
      case ACOS:
        return Math.acos(x);
      case ATAN:
        return Math.atan(x);
      case SINH:
        return Math.sinh(x);
      case COSH:
        return Math.cosh(x);
      case TANH:
        return Math.tanh(x);
      case EXP:
        return Math.exp(x);
      case EXPM1:
        return Math.expm1(x);
      case LOG:
        return Math.log(x);
      case LOG10:
        return Math.log10(x);
      case LOG1P:
        return Math.log1p(x);
      case SQRT:
        return Math.sqrt(x);
      case CBRT:
        return Math.cbrt(x);
      case ABS:
        return Math.abs(x);
      case TO_RADIANS:
        return Math.toRadians(x);
      case TO_DEGREES:
        return Math.toDegrees(x);
      case FLOOR:
        return Math.floor(x);
      case CEIL:
        return Math.ceil(x);
      case RINT:
        return Math.rint(x);
      case SIGNUM:
        return Math.signum(x);
      default:
        throw new IllegalStateException("Math." + fn.javaName() + " is not unary");
    }
  }

  private static double strict1(Fn fn, double x) {
    switch (fn) {
      case SIN:
        return StrictMath.sin(x);
      case COS:
        return StrictMath.cos(x);
      case TAN:
        return StrictMath.tan(x);
      case ASIN:
        return StrictMath.asin(x);
      case ACOS:
        return StrictMath.acos(x);
      case ATAN:
        return StrictMath.atan(x);
      case SINH:
        return StrictMath.sinh(x);
      case COSH:
        return StrictMath.cosh(x);
      case TANH:
        return StrictMath.tanh(x);
      case EXP:
        return StrictMath.exp(x);
      case EXPM1:
        return StrictMath.expm1(x);
      case LOG:
        return StrictMath.log(x);
      case LOG10:
        return StrictMath.log10(x);
      case LOG1P:
        return StrictMath.log1p(x);
      case SQRT:
        return StrictMath.sqrt(x);
      case CBRT:
        return StrictMath.cbrt(x);
      case ABS:
        return StrictMath.abs(x);
      case TO_RADIANS:
        return StrictMath.toRadians(x);
      case TO_DEGREES:
        return StrictMath.toDegrees(x);
      case FLOOR:
        return StrictMath.floor(x);
      case CEIL:
        return StrictMath.ceil(x);
      case RINT:
        return StrictMath.rint(x);
      case SIGNUM:
        return StrictMath.signum(x);
      default:
        throw new IllegalStateException("StrictMath." + fn.javaName() + " is not unary");
    }
  }

  private static double math2(Fn fn, double x, double y) {
    switch (fn) {
      case ATAN2:
        return Math.atan2(x, y);
      case POW:
        return Math.pow(x, y);
      case HYPOT:
        return Math.hypot(x, y);
      case MIN:
        return Math.min(x, y);
      case MAX:
        return Math.max(x, y);
      default:
        throw new IllegalStateException("Math." + fn.javaName() + " is not binary");
    }
  }

  private static double strict2(Fn fn, double x, double y) {
    switch (fn) {
      case ATAN2:
        return StrictMath.atan2(x, y);
      case POW:
        return StrictMath.pow(x, y);
      case HYPOT:
        return StrictMath.hypot(x, y);
      case MIN:
        return StrictMath.min(x, y);
      case MAX:
        return StrictMath.max(x, y);
      default:
        throw new IllegalStateException("StrictMath." + fn.javaName() + " is not binary");
    }
  }

  // --------------------------------------------------------------------------------- conversions

  /** Assignment conversion (JLS 5.2) of a run-time value to {@code to}: identity or widening. */
  private static Object convert(Object v, Type to, String what) {
    switch (to) {
      case DOUBLE:
        if (v instanceof Double) {
          return v;
        }
        if (v instanceof Float f) {
          return (double) f;
        }
        if (v instanceof Integer i) {
          return (double) i;
        }
        if (v instanceof Long l) {
          return (double) l;
        }
        break;
      case LONG:
        if (v instanceof Long) {
          return v;
        }
        if (v instanceof Integer i) {
          return (long) i;
        }
        break;
      case FLOAT:
        if (v instanceof Float || v instanceof Integer || v instanceof Long) {
          return flt(v);
        }
        break;
      default:
        if (matches(v, to)) {
          return v;
        }
        break;
    }
    throw new IllegalStateException(
        "cannot assign " + describe(v) + " to " + to.javaName() + " " + what);
  }

  private static boolean matches(Object v, Type t) {
    switch (t) {
      case DOUBLE:
        return v instanceof Double;
      case FLOAT:
        return v instanceof Float;
      case INT:
        return v instanceof Integer;
      case LONG:
        return v instanceof Long;
      case BOOLEAN:
        return v instanceof Boolean;
      case DOUBLE_ARRAY:
        return v instanceof double[];
      case INT_ARRAY:
        return v instanceof int[];
      case LONG_ARRAY:
        return v instanceof long[];
      case BOOLEAN_ARRAY:
        return v instanceof boolean[];
      case DOUBLE_MATRIX:
        return v instanceof double[][];
      case FLOAT_ARRAY:
        return v instanceof float[];
      default:
        return false;
    }
  }

  private static double toDouble(Object v, String what) {
    if (v instanceof Double d) {
      return d;
    }
    if (v instanceof Float f) {
      return f;
    }
    if (v instanceof Integer i) {
      return i;
    }
    if (v instanceof Long l) {
      return l;
    }
    throw new IllegalStateException("expected a numeric " + what + ", got " + describe(v));
  }

  private static long toLong(Object v) {
    if (v instanceof Long l) {
      return l;
    }
    if (v instanceof Integer i) {
      return i;
    }
    throw new IllegalStateException("expected an int or long value, got " + describe(v));
  }

  private static String describe(Object v) {
    if (v == null) {
      return "null";
    }
    if (v == UNASSIGNED) {
      return "an unassigned variable";
    }
    if (v instanceof double[] a) {
      return "double[" + a.length + "]";
    }
    if (v instanceof int[] a) {
      return "int[" + a.length + "]";
    }
    if (v instanceof long[] a) {
      return "long[" + a.length + "]";
    }
    if (v instanceof boolean[] a) {
      return "boolean[" + a.length + "]";
    }
    return v.getClass().getSimpleName() + " " + v;
  }
}
