package dev.adjoint.compiler.ir;

/** Unary operators of the IR. */
public enum UnOp {
  NEG("-"),
  NOT("!"),
  BNOT("~");

  private final String symbol;

  UnOp(String symbol) {
    this.symbol = symbol;
  }

  public String symbol() {
    return symbol;
  }
}
