package dev.adjoint.compiler.ir;

import static dev.adjoint.compiler.ir.Exprs.add;
import static dev.adjoint.compiler.ir.Exprs.binary;
import static dev.adjoint.compiler.ir.Exprs.call;
import static dev.adjoint.compiler.ir.Exprs.div;
import static dev.adjoint.compiler.ir.Exprs.mul;
import static dev.adjoint.compiler.ir.Exprs.neg;
import static dev.adjoint.compiler.ir.Exprs.num;
import static dev.adjoint.compiler.ir.Exprs.ref;
import static dev.adjoint.compiler.ir.Exprs.sub;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.adjoint.compiler.ir.Expr.Cast;
import dev.adjoint.compiler.ir.Expr.Cond;
import dev.adjoint.compiler.ir.Expr.Const;
import dev.adjoint.compiler.ir.Expr.Index;
import dev.adjoint.compiler.ir.Expr.Length;
import dev.adjoint.compiler.ir.Expr.NewArray;
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

class PrinterTest {
  static final Var A = new Var("a", Type.DOUBLE);
  static final Var B = new Var("b", Type.DOUBLE);
  static final Var C = new Var("c", Type.DOUBLE);
  static final Var X = new Var("x", Type.DOUBLE);
  static final Var N = new Var("n", Type.INT);
  static final Var I = new Var("i", Type.INT);
  static final Var P = new Var("p", Type.BOOLEAN);
  static final Var Q = new Var("q", Type.BOOLEAN);
  static final Var G = new Var("g", Type.DOUBLE_ARRAY);

  static Expr a = ref(A);
  static Expr b = ref(B);
  static Expr c = ref(C);
  static Expr x = ref(X);

  static String p(Expr e) {
    return Printer.expr(e);
  }

  @Test
  void parenthesesFollowPrecedenceAndAssociativity() {
    assertEquals("a - (b - c)", p(sub(a, sub(b, c))));
    assertEquals("a - b - c", p(sub(sub(a, b), c)));
    assertEquals("(a + b) * c", p(mul(add(a, b), c)));
    assertEquals("a + b * c", p(add(a, mul(b, c))));
    assertEquals("a * b / c", p(div(mul(a, b), c)));
    assertEquals("a / (b * c)", p(div(a, mul(b, c))));
    assertEquals("a + (b + c)", p(add(a, add(b, c)))); // floating-point addition is not associative
    assertEquals(
        "a < b && b < c || a == c",
        p(
            binary(
                BinOp.OR,
                binary(BinOp.AND, binary(BinOp.LT, a, b), binary(BinOp.LT, b, c)),
                binary(BinOp.EQ, a, c))));
    assertEquals("p && (q || p)", p(binary(BinOp.AND, ref(P), binary(BinOp.OR, ref(Q), ref(P)))));
  }

  @Test
  void unaryMinusNeverTouchesAnotherMinus() {
    assertEquals("-x", p(neg(x)));
    assertEquals("-(-x)", p(neg(neg(x))));
    assertEquals("-(-1.0)", p(neg(num(-1))));
    assertEquals("-(a + b)", p(neg(add(a, b))));
    assertEquals("-a * b", p(mul(neg(a), b)));
    assertEquals("a - -1.0", p(sub(a, num(-1))));
    assertEquals(
        "!(p && q)", p(new Unary(UnOp.NOT, binary(BinOp.AND, ref(P), ref(Q)), Type.BOOLEAN)));
  }

  @Test
  void castsCallsIndexingAndConstants() {
    assertEquals("(int) (a * b)", p(new Cast(Type.INT, mul(a, b))));
    assertEquals("(double) n / 2", p(div(new Cast(Type.DOUBLE, ref(N)), Const.ofInt(2))));
    assertEquals("Math.pow(a + b, 2.0)", p(call("Math", Fn.POW, add(a, b), num(2))));
    assertEquals("StrictMath.atan2(a, b)", p(call("StrictMath", Fn.ATAN2, a, b)));
    assertEquals(
        "g[i + 1] * g.length",
        p(mul(new Index(ref(G), add(ref(I), Const.ofInt(1))), new Length(ref(G)))));
    assertEquals("new double[n]", p(new NewArray(Type.DOUBLE_ARRAY, ref(N))));
    assertEquals("Double.NaN", p(num(Double.NaN)));
    assertEquals("1.0E-10", p(num(1e-10)));
  }

  @Test
  void conditionalNesting() {
    Expr p = ref(P);
    Expr q = ref(Q);
    assertEquals(
        "p ? a : q ? b : c", p(new Cond(p, a, new Cond(q, b, c, Type.DOUBLE), Type.DOUBLE)));
    assertEquals(
        "p ? (q ? a : b) : c", p(new Cond(p, new Cond(q, a, b, Type.DOUBLE), c, Type.DOUBLE)));
    assertEquals(
        "(p ? q : p) ? a : b", p(new Cond(new Cond(p, q, p, Type.BOOLEAN), a, b, Type.DOUBLE)));
    assertEquals("(p ? a : b) + c", p(add(new Cond(p, a, b, Type.DOUBLE), c)));
    assertEquals(
        "a < b ? a - b : b", p(new Cond(binary(BinOp.LT, a, b), sub(a, b), b, Type.DOUBLE)));
  }

  @Test
  void compoundAssignments() {
    assertEquals("x += a * b;", Printer.simple(new Assign(X, add(x, mul(a, b)))));
    assertEquals("x -= a - b;", Printer.simple(new Assign(X, sub(x, sub(a, b)))));
    assertEquals("x *= a;", Printer.simple(new Assign(X, mul(x, a))));
    assertEquals("x = a + x;", Printer.simple(new Assign(X, add(a, x))));
    assertEquals(
        "x = x < a ? x : a;",
        Printer.simple(new Assign(X, new Cond(binary(BinOp.LT, x, a), x, a, Type.DOUBLE))));
    assertEquals("n += 1;", Printer.simple(new Assign(N, add(ref(N), Const.ofInt(1)))));
    // an ill-typed int = int + double keeps its explicit form (n += x would hide the narrowing)
    assertEquals("n = n + x;", Printer.simple(new Assign(N, add(ref(N), x))));
    assertEquals(
        "g[i] += x;", Printer.simple(new Store(ref(G), ref(I), add(new Index(ref(G), ref(I)), x))));
    assertEquals("g[i] = x;", Printer.simple(new Store(ref(G), ref(I), x)));
    assertEquals("double t = 0.0;", Printer.simple(new Declare(new Var("t", Type.DOUBLE), num(0))));
    assertEquals("double t;", Printer.simple(new Declare(new Var("t", Type.DOUBLE), null)));
    assertEquals("java.util.Arrays.fill(g, 0.0);", Printer.simple(new Fill(ref(G), num(0))));
    assertEquals("// hi", Printer.simple(new Comment("hi")));
  }

  @Test
  void forHeaders() {
    assertEquals(
        "for (int i = 0; i < g.length; i++)",
        Printer.forHeader(new For(I, Const.ofInt(0), BinOp.LT, new Length(ref(G)), 1, List.of())));
    assertEquals(
        "for (int i = n - 1; i >= 0; i--)",
        Printer.forHeader(
            new For(I, sub(ref(N), Const.ofInt(1)), BinOp.GE, Const.ofInt(0), -1, List.of())));
    assertEquals(
        "for (int i = 0; i <= n; i += 2)",
        Printer.forHeader(new For(I, Const.ofInt(0), BinOp.LE, ref(N), 2, List.of())));
    assertEquals(
        "for (long j = 10; j > 0; j -= 2)",
        Printer.forHeader(
            new For(
                new Var("j", Type.LONG),
                Const.ofInt(10),
                BinOp.GT,
                Const.ofInt(0),
                -2,
                List.of())));
  }

  @Test
  void wholeFunction() {
    Var s = new Var("s", Type.DOUBLE);
    Function f =
        new Function(
            "sum",
            List.of(G, P),
            Type.DOUBLE,
            List.of(
                new Declare(s, num(0)),
                new For(
                    I,
                    Const.ofInt(0),
                    BinOp.LT,
                    new Length(ref(G)),
                    1,
                    List.of(
                        new If(
                            ref(P),
                            List.of(new Assign(s, add(ref(s), new Index(ref(G), ref(I))))),
                            List.of(new Assign(s, sub(ref(s), new Index(ref(G), ref(I)))))),
                        new If(
                            binary(BinOp.GT, ref(s), num(10)),
                            List.of(new Comment("big")),
                            List.of()))),
                new Return(ref(s))));
    assertEquals(
        String.join(
            "\n",
            "double sum(double[] g, boolean p) {",
            "  double s = 0.0;",
            "  for (int i = 0; i < g.length; i++) {",
            "    if (p) {",
            "      s += g[i];",
            "    } else {",
            "      s -= g[i];",
            "    }",
            "    if (s > 10.0) {",
            "      // big",
            "    }",
            "  }",
            "  return s;",
            "}",
            ""),
        Printer.function(f));
  }
}
