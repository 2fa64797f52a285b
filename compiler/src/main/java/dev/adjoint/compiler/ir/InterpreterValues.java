package dev.adjoint.compiler.ir;

/**
 * The run-time values of the {@link Interpreter} and Java's operations on them: assignment
 * conversion, the typed arithmetic, bitwise and shift operators, and comparisons. Values are boxed
 * as {@link Double}, {@link Float}, {@link Integer}, {@link Long}, {@link Boolean} or primitive
 * arrays.
 */
final class InterpreterValues {
  private InterpreterValues() {}

  /** Marks a declared variable that has not been assigned yet. */
  static final Object UNASSIGNED = new Object();

  // --------------------------------------------------------------------------------- conversions

  /** Assignment conversion (JLS 5.2) of a run-time value to {@code to}: identity or widening. */
  static Object convert(Object v, Type to, String what) {
    switch (to) {
      case DOUBLE:
        if (v instanceof Double) {
          return v;
        }
        if (v instanceof Float || v instanceof Integer || v instanceof Long) {
          return toDouble(v, what);
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

  /** Whether {@code v} is boxed as a value of type {@code t}. */
  static boolean matches(Object v, Type t) {
    return switch (t) {
      case DOUBLE -> v instanceof Double;
      case FLOAT -> v instanceof Float;
      case INT -> v instanceof Integer;
      case LONG -> v instanceof Long;
      case BOOLEAN -> v instanceof Boolean;
      case DOUBLE_ARRAY -> v instanceof double[];
      case INT_ARRAY -> v instanceof int[];
      case LONG_ARRAY -> v instanceof long[];
      case BOOLEAN_ARRAY -> v instanceof boolean[];
      case DOUBLE_MATRIX -> v instanceof double[][];
      case FLOAT_ARRAY -> v instanceof float[];
      case FLOAT_MATRIX -> v instanceof float[][];
      case VOID -> false;
    };
  }

  /** Casting conversion (JLS 5.5) between numeric types, or identity. */
  static Object cast(Object v, Type to) {
    if (v instanceof Boolean || !to.isNumeric()) {
      return matches(v, to) ? v : null;
    }
    if (!(v instanceof Number n)) {
      return null;
    }
    return switch (to) {
      case DOUBLE -> n.doubleValue();
      case FLOAT -> n instanceof Double d ? (float) d.doubleValue() : flt(v);
      // Number.longValue and intValue narrow exactly as the casts do (JLS 5.1.3)
      case LONG -> n.longValue();
      case INT -> v instanceof Long l ? (int) l.longValue() : n.intValue();
      default -> null;
    };
  }

  static double toDouble(Object v, String what) {
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

  static long toLong(Object v) {
    if (v instanceof Long l) {
      return l;
    }
    if (v instanceof Integer i) {
      return i;
    }
    throw new IllegalStateException("expected an int or long value, got " + describe(v));
  }

  /** A float, int or long value widened to float. */
  static float flt(Object v) {
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

  static String describe(Object v) {
    if (v == null) {
      return "null";
    }
    if (v == UNASSIGNED) {
      return "an unassigned variable";
    }
    if (v instanceof double[] a) {
      return "double[" + a.length + "]";
    }
    if (v instanceof float[] a) {
      return "float[" + a.length + "]";
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

  // ----------------------------------------------------------------------------------- operators

  static double arithmetic(BinOp op, double x, double y) {
    return switch (op) {
      case ADD -> x + y;
      case SUB -> x - y;
      case MUL -> x * y;
      case DIV -> x / y;
      case REM -> x % y;
      default -> throw notArithmetic(op);
    };
  }

  /** Float arithmetic, rounded to float at every step as Java does. */
  static float arithmetic(BinOp op, float x, float y) {
    return switch (op) {
      case ADD -> x + y;
      case SUB -> x - y;
      case MUL -> x * y;
      case DIV -> x / y;
      case REM -> x % y;
      default -> throw notArithmetic(op);
    };
  }

  static long arithmetic(BinOp op, long x, long y) {
    return switch (op) {
      case ADD -> x + y;
      case SUB -> x - y;
      case MUL -> x * y;
      case DIV -> x / y;
      case REM -> x % y;
      case BAND -> x & y;
      case BOR -> x | y;
      case BXOR -> x ^ y;
      // the shift distance is masked to 6 bits by the JVM itself
      case SHL -> x << y;
      case SHR -> x >> y;
      case USHR -> x >>> y;
      default -> throw notArithmetic(op);
    };
  }

  static int arithmetic(BinOp op, int x, int y) {
    return switch (op) {
      case ADD -> x + y;
      case SUB -> x - y;
      case MUL -> x * y;
      case DIV -> x / y;
      case REM -> x % y;
      case BAND -> x & y;
      case BOR -> x | y;
      case BXOR -> x ^ y;
      // the shift distance is masked to 5 bits by the JVM itself
      case SHL -> x << y;
      case SHR -> x >> y;
      case USHR -> x >>> y;
      default -> throw notArithmetic(op);
    };
  }

  /** {@code &}, {@code |} and {@code ^} of booleans: both operands are evaluated. */
  static boolean logical(BinOp op, boolean x, boolean y) {
    return switch (op) {
      case BAND -> x && y; // both operands are values already: Java evaluated both
      case BOR -> x || y;
      case BXOR -> x ^ y;
      default -> throw notArithmetic(op);
    };
  }

  /** {@code l op r} for a comparison, in the promoted type of the operands' static types. */
  static boolean compare(BinOp op, Object l, Type lt, Object r, Type rt) {
    Type pt = Typing.comparisonType(lt, rt);
    if (pt == Type.BOOLEAN) {
      if (!(l instanceof Boolean x)
          || !(r instanceof Boolean y)
          || (op != BinOp.EQ && op != BinOp.NE)) {
        throw new IllegalStateException(
            "cannot compare " + describe(l) + " " + op.symbol() + " " + describe(r));
      }
      return (op == BinOp.EQ) == (x.booleanValue() == y.booleanValue());
    }
    if (pt.isFloating()) {
      // a float comparison is exact in double: widening floats changes no order or equality
      double x = pt == Type.FLOAT ? flt(l) : toDouble(l, "comparison operand");
      double y = pt == Type.FLOAT ? flt(r) : toDouble(r, "comparison operand");
      return switch (op) {
        case LT -> x < y;
        case LE -> x <= y;
        case GT -> x > y;
        case GE -> x >= y;
        case EQ -> x == y;
        case NE -> x != y;
        default -> throw notComparison(op);
      };
    }
    long x = toLong(l);
    long y = toLong(r);
    return switch (op) {
      case LT -> x < y;
      case LE -> x <= y;
      case GT -> x > y;
      case GE -> x >= y;
      case EQ -> x == y;
      case NE -> x != y;
      default -> throw notComparison(op);
    };
  }

  private static IllegalStateException notArithmetic(BinOp op) {
    return new IllegalStateException("not an operator of this type: " + op.symbol());
  }

  private static IllegalStateException notComparison(BinOp op) {
    return new IllegalStateException("not a comparison: " + op.symbol());
  }
}
