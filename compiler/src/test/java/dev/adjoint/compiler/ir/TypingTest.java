package dev.adjoint.compiler.ir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adjoint.compiler.ir.Typing.Needs;
import dev.adjoint.compiler.ir.Typing.Result;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Java's typing rules for the IR's types, as the front end, verifier and interpreter use them. */
class TypingTest {
  private static final Type D = Type.DOUBLE;
  private static final Type F = Type.FLOAT;
  private static final Type I = Type.INT;
  private static final Type L = Type.LONG;
  private static final Type B = Type.BOOLEAN;

  private static Result typed(Type t) {
    return new Result.Typed(t);
  }

  private static Result rejected(Needs n) {
    return new Result.Rejected(n);
  }

  @Test
  void binaryNumericPromotion() {
    assertEquals(typed(D), Typing.binary(BinOp.ADD, I, D));
    assertEquals(typed(F), Typing.binary(BinOp.MUL, F, L));
    assertEquals(typed(L), Typing.binary(BinOp.SUB, I, L));
    assertEquals(typed(I), Typing.binary(BinOp.DIV, I, I));
    assertEquals(typed(D), Typing.binary(BinOp.REM, D, I));
    assertEquals(rejected(Needs.NUMERIC), Typing.binary(BinOp.ADD, D, B));
  }

  @Test
  void comparisonsAndLogicalOperatorsAreBoolean() {
    assertEquals(typed(B), Typing.binary(BinOp.LT, I, D));
    assertEquals(typed(B), Typing.binary(BinOp.EQ, B, B));
    assertEquals(rejected(Needs.NUMERIC), Typing.binary(BinOp.LT, B, B));
    assertEquals(rejected(Needs.NUMERIC_OR_BOOLEAN), Typing.binary(BinOp.NE, B, D));
    assertEquals(typed(B), Typing.binary(BinOp.AND, B, B));
    assertEquals(rejected(Needs.BOOLEAN), Typing.binary(BinOp.OR, B, I));
    assertEquals(F, Typing.comparisonType(F, I));
    assertEquals(B, Typing.comparisonType(B, B));
  }

  @Test
  void bitwiseAndShifts() {
    assertEquals(typed(L), Typing.binary(BinOp.BAND, I, L));
    assertEquals(typed(B), Typing.binary(BinOp.BXOR, B, B));
    assertEquals(rejected(Needs.INTEGRAL), Typing.binary(BinOp.BOR, D, I));
    // a shift has its left operand's type (JLS 15.19)
    assertEquals(typed(I), Typing.binary(BinOp.SHL, I, L));
    assertEquals(typed(L), Typing.binary(BinOp.USHR, L, I));
    assertEquals(rejected(Needs.INTEGRAL), Typing.binary(BinOp.SHR, B, I));
  }

  @Test
  void unaryCastsAndConditionals() {
    assertEquals(typed(F), Typing.unary(UnOp.NEG, F));
    assertEquals(rejected(Needs.BOOLEAN), Typing.unary(UnOp.NOT, D));
    assertEquals(rejected(Needs.INTEGRAL), Typing.unary(UnOp.BNOT, D));
    assertTrue(Typing.castable(D, I));
    assertTrue(Typing.castable(B, B));
    assertFalse(Typing.castable(B, D));
    assertEquals(Optional.of(D), Typing.conditional(I, D));
    assertEquals(
        Optional.of(Type.DOUBLE_ARRAY), Typing.conditional(Type.DOUBLE_ARRAY, Type.DOUBLE_ARRAY));
    assertEquals(Optional.empty(), Typing.conditional(B, D));
  }

  @Test
  void callsPickTheOverloadJavacPicks() {
    assertEquals(D, result(Fn.SIN, I));
    assertEquals(I, result(Fn.ABS, I));
    assertEquals(L, result(Fn.MIN, I, L));
    assertEquals(F, result(Fn.MAX, F, I));
    assertEquals(D, result(Fn.MAX, F, D));
    assertEquals(F, result(Fn.SIGNUM, F));
    assertEquals(B, result(Fn.IS_NAN, D));
    assertEquals(I, result(Fn.TOTAL_LENGTH, Type.DOUBLE_MATRIX));
    assertEquals(Optional.empty(), Typing.call(Fn.SIN, List.of(B)));
    assertEquals(Optional.empty(), Typing.call(Fn.POW, List.of(D)));
    assertTrue(Typing.accepts(Fn.ABS, 0, L));
    assertFalse(Typing.accepts(Fn.ABS, 0, B));
  }

  private static Type result(Fn fn, Type... args) {
    return Typing.call(fn, List.of(args)).orElseThrow().result();
  }
}
