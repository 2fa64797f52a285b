package dev.adjoint.compiler.ir;

/** Binary operators of the IR with their Java spelling and precedence (higher binds tighter). */
public enum BinOp {
  OR("||", 3),
  AND("&&", 4),
  BOR("|", 5),
  BXOR("^", 6),
  BAND("&", 7),
  EQ("==", 8),
  NE("!=", 8),
  LT("<", 9),
  LE("<=", 9),
  GT(">", 9),
  GE(">=", 9),
  SHL("<<", 10),
  SHR(">>", 10),
  USHR(">>>", 10),
  ADD("+", 11),
  SUB("-", 11),
  MUL("*", 12),
  DIV("/", 12),
  REM("%", 12);

  private final String symbol;
  private final int precedence;

  BinOp(String symbol, int precedence) {
    this.symbol = symbol;
    this.precedence = precedence;
  }

  public String symbol() {
    return symbol;
  }

  public int precedence() {
    return precedence;
  }

  /** Comparisons yield a boolean from numeric operands. */
  public boolean isComparison() {
    return precedence == 8 || precedence == 9;
  }

  public boolean isLogical() {
    return this == AND || this == OR;
  }

  /** Operators defined on integral operands only. */
  public boolean isBitwise() {
    return this == BOR || this == BXOR || this == BAND || precedence == 10;
  }

  public boolean isArithmetic() {
    return this == ADD || this == SUB || this == MUL || this == DIV || this == REM;
  }

  /** The comparison with swapped operands: {@code a < b} is {@code b > a}. */
  public BinOp swapped() {
    return switch (this) {
      case LT -> GT;
      case LE -> GE;
      case GT -> LT;
      case GE -> LE;
      default -> this;
    };
  }
}
