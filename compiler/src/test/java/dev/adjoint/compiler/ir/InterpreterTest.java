package dev.adjoint.compiler.ir;

import static dev.adjoint.compiler.ir.Exprs.add;
import static dev.adjoint.compiler.ir.Exprs.binary;
import static dev.adjoint.compiler.ir.Exprs.call;
import static dev.adjoint.compiler.ir.Exprs.mul;
import static dev.adjoint.compiler.ir.Exprs.num;
import static dev.adjoint.compiler.ir.Exprs.ref;
import static dev.adjoint.compiler.ir.Exprs.sub;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adjoint.compiler.ir.Expr.Call;
import dev.adjoint.compiler.ir.Expr.Cast;
import dev.adjoint.compiler.ir.Expr.Cond;
import dev.adjoint.compiler.ir.Expr.Const;
import dev.adjoint.compiler.ir.Expr.Index;
import dev.adjoint.compiler.ir.Expr.Length;
import dev.adjoint.compiler.ir.Expr.NewArray;
import dev.adjoint.compiler.ir.Expr.Unary;
import dev.adjoint.compiler.ir.Stmt.Assign;
import dev.adjoint.compiler.ir.Stmt.Declare;
import dev.adjoint.compiler.ir.Stmt.Fill;
import dev.adjoint.compiler.ir.Stmt.For;
import dev.adjoint.compiler.ir.Stmt.If;
import dev.adjoint.compiler.ir.Stmt.Return;
import dev.adjoint.compiler.ir.Stmt.Store;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class InterpreterTest {
  static final Type D = Type.DOUBLE;
  static final Type I = Type.INT;
  static final Type L = Type.LONG;
  static final Type B = Type.BOOLEAN;

  static Var v(String name, Type t) {
    return new Var(name, t);
  }

  static Const ci(int v) {
    return Const.ofInt(v);
  }

  static Const cl(long v) {
    return new Const(L, v, v + "L");
  }

  static Function fn(Type ret, List<Var> params, Stmt... body) {
    return new Function("f", params, ret, List.of(body));
  }

  static Index at(Var array, Expr index) {
    return new Index(ref(array), index);
  }

  /** The sine-fit loss of the README: sum over i of (a x^3 + b x^2 + c x + d - y)^2. */
  static Function sineFitLoss() {
    Var a = v("a", D), b = v("b", D), c = v("c", D), d = v("d", D);
    Var x = v("x", Type.DOUBLE_ARRAY), y = v("y", Type.DOUBLE_ARRAY);
    Var sum = v("sum", D), i = v("i", I), xi = v("xi", D), r = v("r", D);
    Expr pred =
        add(
            add(
                add(
                    mul(ref(a), mul(ref(xi), mul(ref(xi), ref(xi)))),
                    mul(ref(b), mul(ref(xi), ref(xi)))),
                mul(ref(c), ref(xi))),
            ref(d));
    return new Function(
        "loss",
        List.of(a, b, c, d, x, y),
        D,
        List.of(
            new Declare(sum, num(0)),
            new For(
                i,
                ci(0),
                BinOp.LT,
                new Length(ref(x)),
                1,
                List.of(
                    new Declare(xi, at(x, ref(i))),
                    new Declare(r, sub(pred, at(y, ref(i)))),
                    new Assign(sum, add(ref(sum), mul(ref(r), ref(r)))))),
            new Return(ref(sum))));
  }

  @Test
  void sineFitLossMatchesJava() {
    Function f = sineFitLoss();
    Verifier.check(f);
    Random rnd = new Random(42);
    for (int trial = 0; trial < 200; trial++) {
      int n = rnd.nextInt(20);
      double[] x = new double[n];
      double[] y = new double[n];
      for (int k = 0; k < n; k++) {
        x[k] = rnd.nextDouble() * 6 - 3;
        y[k] = Math.sin(x[k]);
      }
      double a = rnd.nextGaussian(),
          b = rnd.nextGaussian(),
          c = rnd.nextGaussian(),
          d = rnd.nextGaussian();
      double expected = 0;
      for (int k = 0; k < n; k++) {
        double xi = x[k];
        double r = a * (xi * (xi * xi)) + b * (xi * xi) + c * xi + d - y[k];
        expected += r * r;
      }
      assertEquals(expected, (Double) Interpreter.run(f, a, b, c, d, x, y), 0.0);
    }
  }

  private static Object binop(BinOp op, Type t, Object l, Object r) {
    Var a = v("a", t), b = v("b", t);
    Function f =
        fn(
            binary(op, ref(a), ref(b)).type(),
            List.of(a, b),
            new Return(binary(op, ref(a), ref(b))));
    return Interpreter.run(f, l, r);
  }

  @Test
  void integerDivisionRemainderAndOverflow() {
    assertEquals(-3, binop(BinOp.DIV, I, -7, 2));
    assertEquals(-1, binop(BinOp.REM, I, -7, 2));
    assertEquals(1, binop(BinOp.REM, I, 7, -2));
    assertEquals(Integer.MIN_VALUE, binop(BinOp.DIV, I, Integer.MIN_VALUE, -1));
    assertEquals(Integer.MIN_VALUE, binop(BinOp.ADD, I, Integer.MAX_VALUE, 1));
    assertEquals(Integer.MAX_VALUE * 3, binop(BinOp.MUL, I, Integer.MAX_VALUE, 3));
    assertEquals(Long.MIN_VALUE, binop(BinOp.ADD, L, Long.MAX_VALUE, 1L));
    assertEquals(-3L, binop(BinOp.DIV, L, -7L, 2L));
    assertEquals(-0.5, binop(BinOp.REM, D, -7.5, 1.0));
    assertThrows(ArithmeticException.class, () -> binop(BinOp.DIV, I, 1, 0));
    assertEquals(Double.POSITIVE_INFINITY, binop(BinOp.DIV, D, 1.0, 0.0));
    assertEquals(-8 >> 1, binop(BinOp.SHR, I, -8, 1));
    assertEquals(-8 >>> 1, binop(BinOp.USHR, I, -8, 1));
    assertEquals(1 << 33, binop(BinOp.SHL, I, 1, 33)); // distance masked to 5 bits
    assertEquals(1L << 33, binop(BinOp.SHL, L, 1L, 33L));
    assertEquals(6 ^ 3, binop(BinOp.BXOR, I, 6, 3));
  }

  @Test
  void numericPromotionAndAssignmentConversion() {
    Var n = v("n", I), m = v("m", I), big = v("big", L), q = v("q", D), w = v("w", L);
    // double q = n / m;  (int division, then widening)   long w = n * m; (int overflow, then
    // widening)
    Function f =
        fn(
            D,
            List.of(n, m),
            new Declare(q, binary(BinOp.DIV, ref(n), ref(m))),
            new Declare(w, binary(BinOp.MUL, ref(n), ref(m))),
            new Declare(big, binary(BinOp.MUL, new Cast(L, ref(n)), ref(m))),
            new Return(add(add(ref(q), ref(w)), binary(BinOp.DIV, ref(big), ref(m)))));
    Verifier.check(f);
    int a = 100000, b = 30000;
    double q0 = a / b;
    long w0 = a * b;
    long big0 = (long) a * b;
    assertEquals(q0 + w0 + big0 / b, (Double) Interpreter.run(f, a, b), 0.0);
    // an int operand in a double-typed binary is converted: 1 / 2.0 == 0.5
    Function half = fn(D, List.of(n), new Return(binary(BinOp.DIV, ref(n), num(2))));
    assertEquals(0.5, Interpreter.run(half, 1));
    // comparisons compare in the promoted type: (long) 2^53 + 1 vs the double 2^53
    Var lv = v("lv", L), dv = v("dv", D);
    Function eq = fn(B, List.of(lv, dv), new Return(binary(BinOp.EQ, ref(lv), ref(dv))));
    assertEquals(
        (double) ((1L << 53) + 1) == 9007199254740992.0,
        Interpreter.run(eq, (1L << 53) + 1, 9007199254740992.0));
    Function lt = fn(B, List.of(lv, w), new Return(binary(BinOp.LT, ref(lv), ref(w))));
    assertEquals(true, Interpreter.run(lt, (1L << 53), (1L << 53) + 1));
    // an Integer argument for a double parameter widens like an invocation
    Function id = fn(D, List.of(q), new Return(ref(q)));
    assertEquals(3.0, Interpreter.run(id, 3));
  }

  @Test
  void castsAreJavaPrimitiveConversions() {
    Var x = v("x", D);
    Function toInt = fn(I, List.of(x), new Return(new Cast(I, ref(x))));
    Function toLong = fn(L, List.of(x), new Return(new Cast(L, ref(x))));
    for (double d :
        new double[] {3.9, -2.7, 3e10, -3e10, Double.NaN, Double.POSITIVE_INFINITY, 1e300, -0.5}) {
      assertEquals((int) d, Interpreter.run(toInt, d));
      assertEquals((long) d, Interpreter.run(toLong, d));
    }
    Var l = v("l", L);
    Function narrow = fn(I, List.of(l), new Return(new Cast(I, ref(l))));
    assertEquals((int) 0x1_0000_0005L, Interpreter.run(narrow, 0x1_0000_0005L));
  }

  @Test
  void shortCircuitAndConditionalEvaluateOnlyWhatJavaDoes() {
    Var x = v("x", Type.DOUBLE_ARRAY), i = v("i", I);
    Expr inBounds = binary(BinOp.LT, ref(i), new Length(ref(x)));
    Expr positive = binary(BinOp.GT, at(x, ref(i)), num(0));
    Function and = fn(B, List.of(x, i), new Return(binary(BinOp.AND, inBounds, positive)));
    Function or =
        fn(
            B,
            List.of(x, i),
            new Return(binary(BinOp.OR, binary(BinOp.GE, ref(i), new Length(ref(x))), positive)));
    double[] data = {1, -1};
    assertEquals(false, Interpreter.run(and, data, 2));
    assertEquals(true, Interpreter.run(and, data, 0));
    assertEquals(false, Interpreter.run(and, data, 1));
    assertEquals(true, Interpreter.run(or, data, 2));
    assertEquals(false, Interpreter.run(or, data, 1));
    // without the short circuit the same index is out of bounds
    Function bitAnd =
        fn(B, List.of(x, i), new Return(new Expr.Binary(BinOp.BAND, inBounds, positive, B)));
    assertThrows(ArrayIndexOutOfBoundsException.class, () -> Interpreter.run(bitAnd, data, 2));
    // ?: evaluates only the chosen branch, and promotes an int branch to double
    Function pick = fn(D, List.of(x, i), new Return(new Cond(inBounds, at(x, ref(i)), ci(7), D)));
    assertEquals(7.0, Interpreter.run(pick, data, 5));
    assertEquals(-1.0, Interpreter.run(pick, data, 1));
  }

  @Test
  void loopsCountDownWithStepMinusTwo() {
    Var n = v("n", I), i = v("i", I), s = v("s", L);
    Function f =
        fn(
            L,
            List.of(n),
            new Declare(s, cl(0)),
            new For(
                i,
                ref(n),
                BinOp.GE,
                ci(0),
                -2,
                List.of(new Assign(s, add(mul(ref(s), ci(100)), ref(i))))),
            new Return(ref(s)));
    Verifier.check(f);
    assertEquals(100806040200L, Interpreter.run(f, 10)); // 10, 8, 6, 4, 2, 0
    assertEquals(50301L, Interpreter.run(f, 5)); // 5, 3, 1
    assertEquals(0L, Interpreter.run(f, -1));
  }

  @Test
  void loopIndexOverflowsLikeJava() {
    Var i = v("i", I), c = v("c", I);
    // for (int i = MAX - 1; i > 0; i++) c++;  -> runs twice, then i wraps to MIN_VALUE
    Function f =
        fn(
            I,
            List.of(),
            new Declare(c, ci(0)),
            new For(
                i,
                ci(Integer.MAX_VALUE - 1),
                BinOp.GT,
                ci(0),
                1,
                List.of(new Assign(c, add(ref(c), ci(1))))),
            new Return(ref(c)));
    assertEquals(2, Interpreter.run(f));
    // a long index with an int bound, step 3: 0, 3, 6, 9
    Var j = v("j", L), t = v("t", L);
    Function g =
        fn(
            L,
            List.of(),
            new Declare(t, cl(0)),
            new For(j, ci(0), BinOp.LE, ci(10), 3, List.of(new Assign(t, add(ref(t), ref(j))))),
            new Return(ref(t)));
    Verifier.check(g);
    assertEquals(18L, Interpreter.run(g));
  }

  @Test
  void boundIsReevaluatedEveryIteration() {
    // for (int i = 0; i < n[0]; i++) n[0] = 3;  -- ill-formed for the Verifier, but Java runs it 3
    // times
    Var n = v("n", Type.INT_ARRAY), i = v("i", I), c = v("c", I);
    Function f =
        fn(
            I,
            List.of(n),
            new Declare(c, ci(0)),
            new For(
                i,
                ci(0),
                BinOp.LT,
                at(n, ci(0)),
                1,
                List.of(new Store(ref(n), ci(0), ci(3)), new Assign(c, add(ref(c), ci(1))))),
            new Return(ref(c)));
    assertEquals(3, Interpreter.run(f, (Object) new int[] {1}));
  }

  @Test
  void loopBodyDeclarationsAreFreshEachIteration() {
    Var i = v("i", I), total = v("total", D), k = v("k", D), buf = v("buf", Type.DOUBLE_ARRAY);
    Function f =
        fn(
            D,
            List.of(),
            new Declare(total, num(0)),
            new For(
                i,
                ci(0),
                BinOp.LT,
                ci(4),
                1,
                List.of(
                    new Declare(k, num(0)),
                    new Assign(k, add(ref(k), ref(i))),
                    new Declare(buf, new NewArray(Type.DOUBLE_ARRAY, ci(1))),
                    new Store(ref(buf), ci(0), add(at(buf, ci(0)), ref(k))),
                    new Assign(total, add(ref(total), at(buf, ci(0)))))),
            // sibling blocks may reuse a name
            new If(
                Const.ofBoolean(true),
                List.of(new Declare(k, num(100)), new Assign(total, add(ref(total), ref(k)))),
                List.of()),
            new Return(ref(total)));
    Verifier.check(f);
    assertEquals(0.0 + 1 + 2 + 3 + 100, Interpreter.run(f));

    Function leaks =
        fn(
            D,
            List.of(),
            new For(i, ci(0), BinOp.LT, ci(4), 1, List.of(new Declare(k, num(0)))),
            new Return(ref(k)));
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> Interpreter.run(leaks));
    assertTrue(e.getMessage().contains("unknown variable 'k'"), e.getMessage());
    Function index =
        fn(I, List.of(), new For(i, ci(0), BinOp.LT, ci(4), 1, List.of()), new Return(ref(i)));
    assertThrows(IllegalStateException.class, () -> Interpreter.run(index));
  }

  @Test
  void storesIntoParameterArraysAreVisibleToTheCaller() {
    Var x = v("x", Type.DOUBLE_ARRAY), g = v("gradient", Type.DOUBLE_ARRAY), i = v("i", I);
    Var flags = v("flags", Type.BOOLEAN_ARRAY), ls = v("ls", Type.LONG_ARRAY);
    Function f =
        fn(
            D,
            List.of(x, g, flags, ls),
            new Fill(ref(g), ci(0)),
            new For(
                i,
                ci(0),
                BinOp.LT,
                new Length(ref(x)),
                1,
                List.of(new Store(ref(g), ref(i), add(at(g, ref(i)), mul(num(2), at(x, ref(i))))))),
            new Fill(ref(flags), Const.ofBoolean(true)),
            new Store(ref(ls), ci(1), ci(7)), // int widened into a long element
            new Return(num(0)));
    Verifier.check(f);
    double[] x0 = {1, 2, 3};
    double[] g0 = {9, 9, 9};
    boolean[] fl = new boolean[2];
    long[] l0 = new long[2];
    Interpreter.run(f, x0, g0, fl, l0);
    assertArrayEquals(new double[] {2, 4, 6}, g0);
    assertArrayEquals(new boolean[] {true, true}, fl);
    assertArrayEquals(new long[] {0, 7}, l0);
    assertThrows(
        ArrayIndexOutOfBoundsException.class,
        () -> Interpreter.run(f, new double[] {1, 2}, new double[1], fl, l0));
  }

  @Test
  void mathAndStrictMathCalls() {
    Var x = v("x", D), y = v("y", D), n = v("n", I), m = v("m", L);
    Function pow = fn(D, List.of(x, y), new Return(call("Math", Fn.POW, ref(x), ref(y))));
    Function atan2 = fn(D, List.of(x, y), new Return(call("StrictMath", Fn.ATAN2, ref(x), ref(y))));
    Function sin =
        fn(
            D,
            List.of(x),
            new Return(add(call("Math", Fn.SIN, ref(x)), call("StrictMath", Fn.COS, ref(x)))));
    Random rnd = new Random(7);
    for (int k = 0; k < 100; k++) {
      double a = rnd.nextDouble() * 10 - 5, b = rnd.nextDouble() * 4 - 2;
      assertEquals(Math.pow(a, b), Interpreter.run(pow, a, b));
      assertEquals(StrictMath.atan2(a, b), Interpreter.run(atan2, a, b));
      assertEquals(Math.sin(a) + StrictMath.cos(a), Interpreter.run(sin, a));
    }
    Function absInt = fn(I, List.of(n), new Return(new Call("Math", Fn.ABS, List.of(ref(n)), I)));
    assertEquals(5, Interpreter.run(absInt, -5));
    assertEquals(Integer.MIN_VALUE, Interpreter.run(absInt, Integer.MIN_VALUE));
    Function minLong =
        fn(
            L,
            List.of(n, m),
            new Return(new Call("StrictMath", Fn.MIN, List.of(ref(n), ref(m)), L)));
    assertEquals(-3L, Interpreter.run(minLong, -3, 4L));
    Function absDouble = fn(D, List.of(n), new Return(call("Math", Fn.ABS, new Cast(D, ref(n)))));
    assertEquals(5.0, Interpreter.run(absDouble, -5));
    Function floor = fn(D, List.of(x), new Return(call("Math", Fn.FLOOR, ref(x))));
    assertEquals(-3.0, Interpreter.run(floor, -2.5));
    Function max = fn(D, List.of(x, n), new Return(call("Math", Fn.MAX, ref(x), ref(n))));
    assertEquals(0.0, Interpreter.run(max, -0.0, 0)); // Double.equals: +0.0, not -0.0
  }

  @Test
  void unaryAndBooleanOperators() {
    Var n = v("n", I), p = v("p", B), x = v("x", D);
    assertEquals(
        Integer.MIN_VALUE,
        Interpreter.run(fn(I, List.of(n), new Return(Exprs.neg(ref(n)))), Integer.MIN_VALUE));
    assertEquals(
        ~5, Interpreter.run(fn(I, List.of(n), new Return(new Unary(UnOp.BNOT, ref(n), I))), 5));
    assertEquals(
        false,
        Interpreter.run(fn(B, List.of(p), new Return(new Unary(UnOp.NOT, ref(p), B))), true));
    assertEquals(-0.0, Interpreter.run(fn(D, List.of(x), new Return(Exprs.neg(ref(x)))), 0.0));
    assertEquals(
        true,
        Interpreter.run(
            fn(B, List.of(p), new Return(binary(BinOp.EQ, ref(p), Const.ofBoolean(true)))), true));
    // NaN compares false, != true
    assertEquals(
        false,
        Interpreter.run(
            fn(B, List.of(x), new Return(binary(BinOp.EQ, ref(x), ref(x)))), Double.NaN));
    assertEquals(
        true,
        Interpreter.run(
            fn(B, List.of(x), new Return(binary(BinOp.NE, ref(x), ref(x)))), Double.NaN));
  }

  @Test
  void illFormedProgramsThrowIllegalState() {
    Var x = v("x", D), y = v("y", D);
    IllegalStateException unknown =
        assertThrows(
            IllegalStateException.class,
            () -> Interpreter.run(fn(D, List.of(x), new Return(ref(y))), 1.0));
    assertTrue(unknown.getMessage().contains("unknown variable 'y'"), unknown.getMessage());
    IllegalStateException noReturn =
        assertThrows(
            IllegalStateException.class,
            () -> Interpreter.run(fn(D, List.of(x), new Assign(x, num(1))), 1.0));
    assertTrue(noReturn.getMessage().contains("without a return"), noReturn.getMessage());
    IllegalStateException unassigned =
        assertThrows(
            IllegalStateException.class,
            () -> Interpreter.run(fn(D, List.of(), new Declare(y, null), new Return(ref(y)))));
    assertTrue(unassigned.getMessage().contains("before it is assigned"), unassigned.getMessage());
    IllegalStateException narrowing =
        assertThrows(
            IllegalStateException.class,
            () -> Interpreter.run(fn(I, List.of(x), new Return(ref(x))), 1.0));
    assertTrue(narrowing.getMessage().contains("cannot assign"), narrowing.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> Interpreter.run(fn(D, List.of(x), new Return(ref(x)))));
  }

  @Test
  void returnInsideNestedBlockReturnsLikeJava() {
    Var n = v("n", I), i = v("i", I);
    Function f =
        fn(
            I,
            List.of(n),
            new For(
                i,
                ci(0),
                BinOp.LT,
                ci(100),
                1,
                List.of(
                    new If(
                        binary(BinOp.EQ, mul(ref(i), ref(i)), ref(n)),
                        List.of(new Return(ref(i))),
                        List.of()))),
            new Return(ci(-1)));
    assertEquals(7, Interpreter.run(f, 49));
    assertEquals(-1, Interpreter.run(f, 50));
  }
}
