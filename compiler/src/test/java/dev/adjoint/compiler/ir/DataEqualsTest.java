package dev.adjoint.compiler.ir;

import static dev.adjoint.compiler.ir.Exprs.ref;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.adjoint.compiler.ir.Stmt.Return;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The data test {@link Expr.DataEquals} of a String or enum parameter: its Java text, its value in
 * the interpreter (with Java's null behaviour of the generated text), and the verifier's rule that
 * such a value is read by nothing else.
 */
class DataEqualsTest {
  enum Kind {
    RELU,
    TANH
  }

  private static final Var S = new Var("s", Type.OBJECT);
  private static final Var X = new Var("x", Type.DOUBLE);

  private static Function returning(Expr e) {
    return new Function("f", List.of(S, X), e.type(), List.of(new Return(e)));
  }

  @Test
  void printsAsEqualsOrReferenceComparison() {
    assertEquals(
        "s.equals(\"a\\\"b\\\\\\n\")",
        Printer.expr(new Expr.DataEquals(ref(S), null, "a\"b\\\n", true)));
    assertEquals("\"relu\".equals(s)", Printer.expr(new Expr.DataEquals(ref(S), null, "relu")));
    assertEquals(
        "s.equals(Model.Kind.RELU)",
        Printer.expr(new Expr.DataEquals(ref(S), "Model.Kind", "RELU", true)));
    assertEquals(
        "s == Model.Kind.RELU", Printer.expr(new Expr.DataEquals(ref(S), "Model.Kind", "RELU")));
    assertEquals(
        "!(s == Model.Kind.RELU)",
        Printer.expr(
            new Expr.Unary(
                UnOp.NOT, new Expr.DataEquals(ref(S), "Model.Kind", "RELU"), Type.BOOLEAN)));
  }

  @Test
  void interpretsLikeTheGeneratedText() {
    Function string = returning(new Expr.DataEquals(ref(S), null, "relu", true));
    Verifier.check(string);
    assertEquals(true, Interpreter.run(string, "relu", 1.0));
    assertEquals(false, Interpreter.run(string, "tanh", 1.0));
    assertThrows(NullPointerException.class, () -> Interpreter.run(string, null, 1.0));
    Function nullSafe = returning(new Expr.DataEquals(ref(S), null, "relu"));
    assertEquals(false, Interpreter.run(nullSafe, null, 1.0)); // "relu".equals(null)
    Function selector = returning(new Expr.DataEquals(ref(S), "DataEqualsTest.Kind", "RELU", true));
    assertThrows(NullPointerException.class, () -> Interpreter.run(selector, null, 1.0));
    Function kind = returning(new Expr.DataEquals(ref(S), "DataEqualsTest.Kind", "RELU"));
    Verifier.check(kind);
    assertEquals(true, Interpreter.run(kind, Kind.RELU, 1.0));
    assertEquals(false, Interpreter.run(kind, Kind.TANH, 1.0));
    assertEquals(false, Interpreter.run(kind, null, 1.0)); // == of null is false, as in Java
  }

  @Test
  void aDataValueIsReadOnlyByADataTest() {
    assertThrows(
        IllegalStateException.class,
        () ->
            Verifier.check(
                new Function("f", List.of(S, X), Type.OBJECT, List.of(new Return(ref(S))))));
    assertThrows(
        IllegalStateException.class,
        () -> Verifier.check(returning(new Expr.DataEquals(ref(X), null, "relu"))));
  }
}
