package dev.adjoint.compiler.ir;

import static dev.adjoint.compiler.ir.Exprs.add;
import static dev.adjoint.compiler.ir.Exprs.binary;
import static dev.adjoint.compiler.ir.Exprs.num;
import static dev.adjoint.compiler.ir.Exprs.ref;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adjoint.compiler.ir.Expr.Binary;
import dev.adjoint.compiler.ir.Expr.Call;
import dev.adjoint.compiler.ir.Expr.Cond;
import dev.adjoint.compiler.ir.Expr.Const;
import dev.adjoint.compiler.ir.Expr.Index;
import dev.adjoint.compiler.ir.Expr.Length;
import dev.adjoint.compiler.ir.Expr.Unary;
import dev.adjoint.compiler.ir.Stmt.Assign;
import dev.adjoint.compiler.ir.Stmt.Comment;
import dev.adjoint.compiler.ir.Stmt.Declare;
import dev.adjoint.compiler.ir.Stmt.Fill;
import dev.adjoint.compiler.ir.Stmt.For;
import dev.adjoint.compiler.ir.Stmt.If;
import dev.adjoint.compiler.ir.Stmt.Return;
import dev.adjoint.compiler.ir.Stmt.Store;
import java.util.List;
import org.junit.jupiter.api.Test;

class VerifierTest {
  static final Type D = Type.DOUBLE;
  static final Type I = Type.INT;
  static final Type L = Type.LONG;
  static final Type B = Type.BOOLEAN;
  static final Type DA = Type.DOUBLE_ARRAY;

  static final Var X = new Var("x", D);
  static final Var N = new Var("n", I);
  static final Var P = new Var("p", B);
  static final Var XS = new Var("xs", DA);
  static final Var G = new Var("g", DA);
  static final Var I0 = new Var("i", I);
  static final Var T = new Var("t", D);

  static Function fn(Stmt... body) {
    return new Function("f", List.of(X, N, P, XS, G), D, List.of(body));
  }

  /** A function returning the boolean {@code e}. */
  static Function pred(Expr e) {
    return new Function("f", List.of(X, N, P, XS, G), B, List.of(new Return(e)));
  }

  static Const ci(int v) {
    return Const.ofInt(v);
  }

  static Expr tru() {
    return Const.ofBoolean(true);
  }

  /** Asserts exactly one problem, containing every fragment. */
  static void fails(Function f, String... fragments) {
    List<String> problems = Verifier.verify(f);
    assertEquals(
        1,
        problems.size(),
        () -> "expected one problem, got " + problems + "\n" + Printer.function(f));
    for (String fragment : fragments) {
      assertTrue(
          problems.get(0).contains(fragment),
          () -> "'" + fragment + "' not in: " + problems.get(0));
    }
  }

  @Test
  void validFunctionsPass() {
    assertEquals(List.of(), Verifier.verify(InterpreterTest.sineFitLoss()));
    Function f =
        fn(
            new Comment("sum up"),
            new Declare(T, null),
            new If(ref(P), List.of(new Assign(T, ref(X))), List.of(new Assign(T, ref(N)))),
            new For(
                I0,
                ci(0),
                BinOp.LT,
                new Length(ref(G)),
                1,
                List.of(
                    new Store(ref(G), ref(I0), add(new Index(ref(G), ref(I0)), ref(T))),
                    new If(
                        binary(BinOp.GT, ref(I0), ci(2)),
                        List.of(new Declare(new Var("u", D), num(1))),
                        List.of(new Declare(new Var("u", D), num(2)))))),
            new For(
                I0, ci(0), BinOp.LT, ref(N), 2, List.of()), // sibling loops reuse the index name
            new Fill(ref(G), ci(0)),
            new Return(new Cond(ref(P), ref(N), ref(X), D)));
    assertEquals(List.of(), Verifier.verify(f));
    assertDoesNotThrow(() -> Verifier.check(f));
  }

  @Test
  void undeclaredVariables() {
    Var y = new Var("y", D);
    fails(fn(new Return(add(ref(X), ref(y)))), "undeclared variable 'y'", "x + y");
    fails(fn(new Assign(y, num(1)), new Return(ref(X))), "assignment of undeclared variable 'y'");
    Var arr = new Var("arr", DA);
    fails(fn(new Store(ref(arr), ci(0), num(1)), new Return(ref(X))), "undeclared variable 'arr'");
    // declared later than used
    fails(
        fn(new Assign(T, num(1)), new Declare(T, num(0)), new Return(ref(T))),
        "undeclared variable 't'");
    // same name, different type
    fails(fn(new Return(ref(new Var("n", D)))), "'n' as double but it is declared as int");
  }

  @Test
  void blockScoping() {
    // a declaration inside an if is invisible after it
    fails(
        fn(new If(ref(P), List.of(new Declare(T, num(1))), List.of()), new Return(ref(T))),
        "undeclared variable 't'");
    // loop body declarations and the index are invisible after the loop
    fails(
        fn(
            new For(I0, ci(0), BinOp.LT, ref(N), 1, List.of(new Declare(T, num(1)))),
            new Return(ref(T))),
        "undeclared variable 't'");
    fails(
        fn(new For(I0, ci(0), BinOp.LT, ref(N), 1, List.of()), new Return(ref(I0))),
        "undeclared variable 'i'");
  }

  @Test
  void redeclarations() {
    fails(
        fn(new Declare(T, num(0)), new Declare(T, num(1)), new Return(ref(T))),
        "redeclaration of 't'");
    fails(fn(new Declare(new Var("x", D), num(0)), new Return(ref(X))), "redeclaration of 'x'");
    fails(
        fn(
            new Declare(T, num(0)),
            new If(ref(P), List.of(new Declare(T, num(1))), List.of()),
            new Return(ref(T))),
        "redeclaration of 't'");
    fails(
        fn(new For(new Var("n", I), ci(0), BinOp.LT, ci(3), 1, List.of()), new Return(ref(X))),
        "redeclaration of 'n'");
    fails(
        fn(
            new For(
                I0,
                ci(0),
                BinOp.LT,
                ci(3),
                1,
                List.of(new For(I0, ci(0), BinOp.LT, ci(3), 1, List.of()))),
            new Return(ref(X))),
        "redeclaration of 'i'");
    fails(
        new Function("f", List.of(X, new Var("x", I)), D, List.of(new Return(num(0)))),
        "duplicate parameter 'x'");
  }

  @Test
  void assignability() {
    fails(
        fn(new Assign(N, ref(X)), new Return(ref(X))),
        "double value is not assignable to int",
        "n = x");
    fails(
        fn(new Declare(new Var("k", I), new Expr.Cast(L, ref(N))), new Return(ref(X))),
        "long value is not assignable to int");
    fails(
        fn(new Store(ref(G), ci(0), ref(P)), new Return(ref(X))),
        "boolean value is not assignable to double");
    fails(
        fn(new Fill(ref(G), tru()), new Return(ref(X))),
        "boolean value is not assignable to double");
    // widening is fine
    assertEquals(
        List.of(),
        Verifier.verify(
            fn(new Declare(new Var("k", L), ref(N)), new Assign(X, ref(N)), new Return(ref(N)))));
  }

  @Test
  void conditionsMustBeBoolean() {
    fails(
        fn(new If(ref(N), List.of(), List.of()), new Return(ref(X))),
        "if condition must be boolean, is int");
    fails(
        fn(new Return(new Cond(ref(X), ref(X), num(0), D))),
        "condition of ?: must be boolean, is double");
    fails(
        fn(new Return(new Cond(ref(P), ref(X), ref(P), D))),
        "incompatible types double and boolean");
    fails(
        fn(new Return(new Cond(ref(P), ref(N), ref(X), I))), "yields double, but it is typed int");
  }

  @Test
  void indexing() {
    fails(fn(new Return(new Index(ref(X), ci(0)))), "indexing a non-array of type double");
    fails(
        fn(new Return(new Index(ref(XS), new Expr.Cast(L, ref(N))))),
        "array index must be int, is long");
    fails(
        fn(new Store(ref(G), ref(X), num(0)), new Return(ref(X))),
        "array index must be int, is double");
    fails(fn(new Store(ref(X), ci(0), num(0)), new Return(ref(X))), "store into a non-array");
    fails(fn(new Return(new Length(ref(N)))), ".length of a non-array");
  }

  @Test
  void binaryOperandAndResultTypes() {
    fails(
        fn(new Return(new Binary(BinOp.ADD, ref(X), ref(P), D))),
        "operator + needs numeric operands");
    fails(pred(new Binary(BinOp.AND, ref(N), ref(P), B)), "operator && needs boolean operands");
    fails(
        fn(new Return(new Binary(BinOp.BAND, ref(X), ref(N), D))),
        "operator & needs int or long operands");
    fails(
        fn(new Return(new Binary(BinOp.SHL, ref(X), ref(N), D))),
        "operator << needs int or long operands");
    fails(pred(new Binary(BinOp.LT, ref(P), ref(P), B)), "operator < needs numeric operands");
    fails(
        pred(new Binary(BinOp.EQ, ref(P), ref(X), B)),
        "operator == needs numeric or boolean operands");
    assertEquals(
        List.of(),
        Verifier.verify(
            fn(new Return(new Cond(new Binary(BinOp.EQ, ref(P), tru(), B), ref(X), ref(X), D)))));
    fails(
        fn(new Return(new Binary(BinOp.ADD, ref(N), ref(X), I))),
        "yields double, but the expression is typed int");
    fails(
        fn(new Return(new Binary(BinOp.LT, ref(N), ref(X), D))),
        "yields boolean, but the expression is typed double");
    // a shift has the type of its left operand: int << long is int
    Expr shift = new Binary(BinOp.SHL, ref(N), new Expr.Cast(L, ref(N)), L);
    fails(fn(new Return(shift)), "yields int, but the expression is typed long");
    fails(pred(new Unary(UnOp.NOT, ref(X), B)), "operator ! cannot apply to double");
    fails(
        fn(new Return(new Unary(UnOp.NEG, ref(N), D))),
        "yields int, but the expression is typed double");
  }

  @Test
  void calls() {
    fails(
        fn(new Return(new Call("Math", Fn.POW, List.of(ref(X)), D))),
        "Math.pow takes 2 arguments, has 1");
    fails(
        fn(new Return(new Call("Math", Fn.SIN, List.of(ref(X), ref(X)), D))),
        "Math.sin takes 1 argument, has 2");
    fails(
        fn(new Return(new Call("Math", Fn.SIN, List.of(ref(P)), D))),
        "must be numeric, is boolean");
    fails(
        fn(new Return(new Call("Maths", Fn.SIN, List.of(ref(X)), D))),
        "owner must be Math or StrictMath");
    // Math.abs(int) is an int in Java; a double-typed call of it would print as an int expression
    fails(
        fn(new Return(new Call("Math", Fn.ABS, List.of(ref(N)), D))),
        "yields int, but the call is typed double");
    assertEquals(
        List.of(),
        Verifier.verify(
            fn(new Return(new Call("StrictMath", Fn.MAX, List.of(ref(N), ref(X)), D)))));
  }

  @Test
  void countedLoops() {
    fails(
        fn(new For(new Var("k", D), num(0), BinOp.LT, ref(X), 1, List.of()), new Return(ref(X))),
        "loop index 'k' must be int or long, is double");
    fails(
        fn(
            new For(I0, ci(0), BinOp.LT, ref(N), 1, List.of(new Assign(I0, add(ref(I0), ci(1))))),
            new Return(ref(X))),
        "loop index 'i' is assigned in the loop body");
    fails(
        fn(
            new For(
                I0,
                ci(0),
                BinOp.LT,
                ref(N),
                1,
                List.of(new If(ref(P), List.of(new Assign(N, ci(3))), List.of()))),
            new Return(ref(X))),
        "variable 'n' read by the loop bound is assigned in the loop body");
    Var ns = new Var("ns", Type.INT_ARRAY);
    fails(
        new Function(
            "f",
            List.of(ns),
            D,
            List.of(
                new For(
                    I0,
                    ci(0),
                    BinOp.LT,
                    new Index(ref(ns), ci(0)),
                    1,
                    List.of(new Store(ref(ns), ci(0), ci(1)))),
                new Return(num(0)))),
        "variable 'ns' read by the loop bound is assigned");
    // writing elements of an array whose length is the bound is fine
    assertEquals(
        List.of(),
        Verifier.verify(
            fn(
                new For(
                    I0,
                    ci(0),
                    BinOp.LT,
                    new Length(ref(G)),
                    1,
                    List.of(new Store(ref(G), ref(I0), num(0)))),
                new Return(ref(X)))));
    fails(
        fn(new For(I0, ci(0), BinOp.ADD, ref(N), 1, List.of()), new Return(ref(X))),
        "is not a comparison");
    fails(
        fn(new For(I0, ref(X), BinOp.LT, ref(N), 1, List.of()), new Return(ref(X))),
        "double start value is not assignable to loop index 'i'");
  }

  @Test
  void returns() {
    fails(
        fn(new Return(ref(X)), new Assign(X, num(1)), new Return(ref(X))),
        "return must be the last statement of the function body");
    fails(
        fn(new If(ref(P), List.of(new Return(ref(X))), List.of()), new Return(ref(X))),
        "return is only allowed as the last statement");
    fails(fn(new Return(ref(P))), "boolean is not assignable to the return type double");
    fails(fn(new Assign(X, num(1))), "does not end with a return");
    fails(fn(), "does not end with a return");
  }

  @Test
  void checkListsProblemsAndPrintsTheFunction() {
    Var y = new Var("y", D);
    Function f = fn(new Assign(N, ref(X)), new Return(ref(y)));
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> Verifier.check(f));
    String msg = e.getMessage();
    assertTrue(msg.contains("double value is not assignable to int: n = x;"), msg);
    assertTrue(msg.contains("undeclared variable 'y'"), msg);
    assertTrue(msg.endsWith(Printer.function(f)), msg);
    assertEquals(2, Verifier.verify(f).size());
  }
}
