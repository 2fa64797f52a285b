package dev.adjoint.compiler.ir;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** An IR expression: side-effect free, typed, and printable as Java. */
public sealed interface Expr {

  /** Calls the visitor's method for this expression's kind. */
  <R> R accept(ExprVisitor<R> v);

  Type type();

  /** A literal or named constant; {@code text} is its Java spelling (kept as the user wrote it). */
  record Const(Type type, double value, String text) implements Expr {
    public static Const of(double value) {
      return new Const(Type.DOUBLE, value, doubleText(value));
    }

    public static Const ofFloat(float value) {
      return new Const(Type.FLOAT, value, Float.toString(value) + "f");
    }

    /** Zero of a numeric type: the start of every adjoint. */
    public static Const zero(Type t) {
      return t == Type.FLOAT
          ? ofFloat(0)
          : t == Type.DOUBLE ? of(0) : new Const(t, 0, t == Type.LONG ? "0L" : "0");
    }

    public static Const ofInt(long value) {
      return new Const(Type.INT, value, Long.toString(value));
    }

    public static Const ofBoolean(boolean value) {
      return new Const(Type.BOOLEAN, value ? 1 : 0, Boolean.toString(value));
    }

    /** True if this constant is numerically {@code v}. */
    public boolean is(double v) {
      return type != Type.BOOLEAN && value == v;
    }

    static String doubleText(double value) {
      if (Double.isNaN(value)) {
        return "Double.NaN";
      }
      if (Double.isInfinite(value)) {
        return value > 0 ? "Double.POSITIVE_INFINITY" : "Double.NEGATIVE_INFINITY";
      }
      return Double.toString(value);
    }

    @Override
    public <R> R accept(ExprVisitor<R> v) {
      return v.visit(this);
    }
  }

  /** A read of a variable. */
  record Ref(Var var) implements Expr {
    @Override
    public Type type() {
      return var.type();
    }

    @Override
    public <R> R accept(ExprVisitor<R> v) {
      return v.visit(this);
    }
  }

  /** An array element read {@code array[index]}. */
  record Index(Expr array, Expr index) implements Expr {
    @Override
    public Type type() {
      return array.type().elementType();
    }

    @Override
    public <R> R accept(ExprVisitor<R> v) {
      return v.visit(this);
    }
  }

  /** {@code array.length}. */
  record Length(Expr array) implements Expr {
    @Override
    public Type type() {
      return Type.INT;
    }

    @Override
    public <R> R accept(ExprVisitor<R> v) {
      return v.visit(this);
    }
  }

  record Unary(UnOp op, Expr operand, Type type) implements Expr {
    @Override
    public <R> R accept(ExprVisitor<R> v) {
      return v.visit(this);
    }
  }

  record Binary(BinOp op, Expr left, Expr right, Type type) implements Expr {
    @Override
    public <R> R accept(ExprVisitor<R> v) {
      return v.visit(this);
    }
  }

  /** A call of a {@link Fn}; {@code owner} is {@code Math} or {@code StrictMath}. */
  record Call(String owner, Fn fn, List<Expr> args, Type type) implements Expr {
    public Call {
      args = List.copyOf(args);
    }

    @Override
    public <R> R accept(ExprVisitor<R> v) {
      return v.visit(this);
    }
  }

  /**
   * A call of a user's method that has a custom derivative rule: {@code method} and each {@code
   * partials[j]} (or null) are qualified method names taking the same arguments.
   */
  record Invoke(String method, List<Expr> args, Type type, List<String> partials) implements Expr {
    public Invoke {
      args = List.copyOf(args);
      partials = Collections.unmodifiableList(new ArrayList<>(partials));
    }

    @Override
    public <R> R accept(ExprVisitor<R> v) {
      return v.visit(this);
    }
  }

  /**
   * A call of another function of the same program: a recursive helper method of the user's (which
   * inlining cannot express), or a derivative the passes made of one. {@code params} are the
   * callee's parameters (its signature, for typing and for naming its derivatives). {@code of} is
   * null for a user's helper, else what the callee is derived from (see {@link Applies}).
   */
  record Apply(String function, List<Var> params, Type type, List<Expr> args, Derivation of)
      implements Expr {
    public Apply {
      params = List.copyOf(params);
      args = List.copyOf(args);
    }

    /** A call of a user's helper. */
    public Apply(String function, List<Var> params, Type type, List<Expr> args) {
      this(function, params, type, args, null);
    }

    /** The same call with other arguments. */
    public Apply withArgs(List<Expr> newArgs) {
      return new Apply(function, params, type, newArgs, of);
    }

    @Override
    public <R> R accept(ExprVisitor<R> v) {
      return v.visit(this);
    }
  }

  /**
   * How a function of the program is derived from function {@code base}: its tangent with respect
   * to the parameters at the indexes {@code wrt}, or the gradient of its result with respect to the
   * one array parameter in {@code wrt}.
   */
  record Derivation(Kind kind, String base, List<Integer> wrt) {
    public Derivation {
      wrt = List.copyOf(wrt);
    }

    /** What the derived function computes. */
    public enum Kind {
      /**
       * The directional derivative of the result: {@code base}'s arguments, then one tangent per
       * parameter in {@code wrt}.
       */
      TANGENT,
      /** A new array: the gradient of the result with respect to an array parameter. */
      GRADIENT
    }
  }

  /** A primitive conversion {@code (type) operand}. */
  record Cast(Type type, Expr operand) implements Expr {
    @Override
    public <R> R accept(ExprVisitor<R> v) {
      return v.visit(this);
    }
  }

  /** The conditional operator {@code cond ? then : otherwise}. */
  record Cond(Expr cond, Expr then, Expr otherwise, Type type) implements Expr {
    @Override
    public <R> R accept(ExprVisitor<R> v) {
      return v.visit(this);
    }
  }

  /** {@code new T[size]}. */
  record NewArray(Type type, Expr size) implements Expr {
    @Override
    public <R> R accept(ExprVisitor<R> v) {
      return v.visit(this);
    }
  }

  /**
   * {@code new double[rows][cols]} (or {@code float}, by {@code type}), or {@code new
   * double[rows][]} when {@code cols} is null.
   */
  record NewMatrix(Type type, Expr rows, Expr cols) implements Expr {

    @Override
    public <R> R accept(ExprVisitor<R> v) {
      return v.visit(this);
    }
  }

  /** {@code java.util.Arrays.copyOf(array, length)}: the passes grow their stacks with it. */
  record CopyOf(Expr array, Expr length) implements Expr {
    @Override
    public Type type() {
      return array.type();
    }

    @Override
    public <R> R accept(ExprVisitor<R> v) {
      return v.visit(this);
    }
  }

  /**
   * Java code kept as the user wrote it: an expression outside the differentiable language whose
   * value does not depend on a differentiated input (a call on a data object or collection, {@code
   * xs.get(i)}, {@code s.weight()}, a static call without source). Its text is {@code parts}
   * interleaved with the {@code operands}, which the IR computes ({@code parts} has one more
   * element). It may have side effects, so it is only ever the initialiser of a declaration,
   * evaluated exactly once where the user's code evaluated it: the passes never copy, move, merge
   * or drop it, and the reverse sweep reads its value back from a tape instead of running it again.
   *
   * @param id unique within the method, for diagnostics and for checking that every pass kept it
   *     exactly once
   * @param type its IR type: a number, or {@code OBJECT} for a reference
   * @param javaType its Java type as javac resolved it (for messages)
   */
  record Opaque(int id, List<String> parts, List<Expr> operands, Type type, String javaType)
      implements Expr {
    public Opaque {
      parts = List.copyOf(parts);
      operands = List.copyOf(operands);
      if (parts.size() != operands.size() + 1) {
        throw new IllegalArgumentException("parts must surround the operands: " + parts);
      }
    }

    /** The same code with other operands. */
    public Opaque withOperands(List<Expr> newOperands) {
      return new Opaque(id, parts, newOperands, type, javaType);
    }

    @Override
    public <R> R accept(ExprVisitor<R> v) {
      return v.visit(this);
    }
  }

  /**
   * A test of an opaque data value (a {@code String} or enum parameter the method passes along, of
   * type {@link Type#OBJECT}) against a constant: {@code subject.equals("relu")} when {@code
   * enumType} is null, {@code subject == enumType.CONSTANT} otherwise ({@code enumType} spelled as
   * the generated class can name it). Boolean, never differentiated: the switch lowering compares a
   * String or enum selector with its labels by it. When {@code nullThrows}, a null subject throws
   * {@code NullPointerException} as Java's switch and {@code s.equals("c")} do (printed {@code
   * subject.equals(...)}); otherwise a null subject is unequal, as for {@code "c".equals(s)} and
   * {@code kind == Kind.C}.
   */
  record DataEquals(Expr subject, String enumType, String constant, boolean nullThrows)
      implements Expr {
    /** A null-safe comparison ({@code "c".equals(s)}, {@code kind == Kind.C}). */
    public DataEquals(Expr subject, String enumType, String constant) {
      this(subject, enumType, constant, false);
    }

    @Override
    public Type type() {
      return Type.BOOLEAN;
    }

    public boolean isEnum() {
      return enumType != null;
    }

    @Override
    public <R> R accept(ExprVisitor<R> v) {
      return v.visit(this);
    }
  }
}
