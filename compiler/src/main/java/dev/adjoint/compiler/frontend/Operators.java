package dev.adjoint.compiler.frontend;

import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.BinaryExpr;
import dev.adjoint.compiler.ir.BinOp;

/** Maps JavaParser operators to IR operators; null where the IR has none. */
final class Operators {
  private Operators() {}

  static BinOp binary(BinaryExpr.Operator op) {
    return switch (op) {
      case OR -> BinOp.OR;
      case AND -> BinOp.AND;
      case BINARY_OR -> BinOp.BOR;
      case BINARY_AND -> BinOp.BAND;
      case XOR -> BinOp.BXOR;
      case EQUALS -> BinOp.EQ;
      case NOT_EQUALS -> BinOp.NE;
      case LESS -> BinOp.LT;
      case GREATER -> BinOp.GT;
      case LESS_EQUALS -> BinOp.LE;
      case GREATER_EQUALS -> BinOp.GE;
      case LEFT_SHIFT -> BinOp.SHL;
      case SIGNED_RIGHT_SHIFT -> BinOp.SHR;
      case UNSIGNED_RIGHT_SHIFT -> BinOp.USHR;
      case PLUS -> BinOp.ADD;
      case MINUS -> BinOp.SUB;
      case MULTIPLY -> BinOp.MUL;
      case DIVIDE -> BinOp.DIV;
      case REMAINDER -> BinOp.REM;
    };
  }

  /** The binary operator of a compound assignment, or null for plain {@code =}. */
  static BinOp compound(AssignExpr.Operator op) {
    return op == AssignExpr.Operator.ASSIGN ? null : binary(op.toBinaryOperator().orElseThrow());
  }
}
