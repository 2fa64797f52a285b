package dev.adjoint.compiler.ir;

import java.util.List;
import java.util.Optional;

/**
 * The typing rules of the IR, which are Java's for the types the IR has: the result type of every
 * operator, cast, conditional and {@link Fn} call from its operand types. The front end types what
 * it lowers with them, the {@link Verifier} checks the passes' output against them, and the {@link
 * Interpreter} picks the overload it computes by them. Restrictions of the supported language
 * (which Java programs Adjoint rejects although javac would accept them) are the front end's, not
 * these rules.
 */
public final class Typing {
  private Typing() {}

  /** What an operator needs of its operands, when it rejects them. */
  public enum Needs {
    BOOLEAN("boolean"),
    NUMERIC("numeric"),
    NUMERIC_OR_BOOLEAN("numeric or boolean"),
    INTEGRAL("int or long");

    private final String description;

    Needs(String description) {
      this.description = description;
    }

    /** How messages name it: "operator + needs numeric operands". */
    public String description() {
      return description;
    }
  }

  /** The outcome of typing an operator: its result type, or what it needs instead. */
  public sealed interface Result {
    /** The operator applies; its value has type {@code type}. */
    record Typed(Type type) implements Result {}

    /** The operator does not apply to these operands; it {@code needs} others. */
    record Rejected(Needs needs) implements Result {}
  }

  /**
   * {@code l op r}: boolean for logical operators and comparisons; binary numeric promotion (JLS
   * 5.6.2) for arithmetic and bitwise operators; the left operand's type for shifts (JLS 15.19).
   * {@code &}, {@code |} and {@code ^} also apply to two booleans, as in Java.
   */
  public static Result binary(BinOp op, Type l, Type r) {
    if (op.isLogical()) {
      return l == Type.BOOLEAN && r == Type.BOOLEAN
          ? typed(Type.BOOLEAN)
          : new Result.Rejected(Needs.BOOLEAN);
    }
    if (op == BinOp.EQ || op == BinOp.NE) {
      return (l.isNumeric() && r.isNumeric()) || (l == Type.BOOLEAN && r == Type.BOOLEAN)
          ? typed(Type.BOOLEAN)
          : new Result.Rejected(Needs.NUMERIC_OR_BOOLEAN);
    }
    if (op.isComparison()) {
      return l.isNumeric() && r.isNumeric()
          ? typed(Type.BOOLEAN)
          : new Result.Rejected(Needs.NUMERIC);
    }
    if (op.isArithmetic()) {
      return l.isNumeric() && r.isNumeric()
          ? typed(Type.promote(l, r))
          : new Result.Rejected(Needs.NUMERIC);
    }
    if (isShift(op)) {
      return l.isIntegral() && r.isIntegral() ? typed(l) : new Result.Rejected(Needs.INTEGRAL);
    }
    // &, |, ^
    if (l == Type.BOOLEAN && r == Type.BOOLEAN) {
      return typed(Type.BOOLEAN);
    }
    return l.isIntegral() && r.isIntegral()
        ? typed(Type.promote(l, r))
        : new Result.Rejected(Needs.INTEGRAL);
  }

  /** {@code <<}, {@code >>} and {@code >>>}. */
  public static boolean isShift(BinOp op) {
    return op == BinOp.SHL || op == BinOp.SHR || op == BinOp.USHR;
  }

  /**
   * The type both operands of a comparison are converted to before they are compared (binary
   * numeric promotion; boolean for {@code ==} and {@code !=} of booleans).
   */
  public static Type comparisonType(Type l, Type r) {
    return l == Type.BOOLEAN || r == Type.BOOLEAN ? Type.BOOLEAN : Type.promote(l, r);
  }

  /** {@code op t}: {@code !} of a boolean, {@code -} of a number, {@code ~} of an int or long. */
  public static Result unary(UnOp op, Type t) {
    return switch (op) {
      case NOT -> t == Type.BOOLEAN ? typed(t) : new Result.Rejected(Needs.BOOLEAN);
      case NEG -> t.isNumeric() ? typed(t) : new Result.Rejected(Needs.NUMERIC);
      case BNOT -> t.isIntegral() ? typed(t) : new Result.Rejected(Needs.INTEGRAL);
    };
  }

  /** Whether {@code (to) e} is legal for an {@code e} of type {@code from}: identity or numeric. */
  public static boolean castable(Type from, Type to) {
    return from == to || (from.isNumeric() && to.isNumeric());
  }

  /**
   * {@code c ? a : b}: the branches' common type (JLS 15.25 for the IR's types), or empty when they
   * have none.
   */
  public static Optional<Type> conditional(Type a, Type b) {
    if (a == b) {
      return Optional.of(a);
    }
    return a.isNumeric() && b.isNumeric() ? Optional.of(Type.promote(a, b)) : Optional.empty();
  }

  /**
   * The overload of {@code fn} that javac picks for arguments of these types: the first (most
   * specific) one that every argument converts to by widening; empty when none applies.
   */
  public static Optional<Overload> call(Fn fn, List<Type> args) {
    for (Overload o : fn.overloads()) {
      if (applies(o, args)) {
        return Optional.of(o);
      }
    }
    return Optional.empty();
  }

  /** Whether an argument of type {@code arg} fits parameter {@code j} of some overload of fn. */
  public static boolean accepts(Fn fn, int j, Type arg) {
    return fn.overloads().stream()
        .anyMatch(o -> j < o.params().size() && Type.assignable(arg, o.params().get(j)));
  }

  private static boolean applies(Overload o, List<Type> args) {
    if (o.params().size() != args.size()) {
      return false;
    }
    for (int j = 0; j < args.size(); j++) {
      if (!Type.assignable(args.get(j), o.params().get(j))) {
        return false;
      }
    }
    return true;
  }

  private static Result typed(Type t) {
    return new Result.Typed(t);
  }
}
