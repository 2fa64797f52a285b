package dev.adjoint.compiler.frontend;

import dev.adjoint.compiler.ir.BinOp;
import dev.adjoint.compiler.ir.Expr;
import dev.adjoint.compiler.ir.Exprs;
import dev.adjoint.compiler.ir.Fn;
import dev.adjoint.compiler.ir.Stmt;
import dev.adjoint.compiler.ir.Type;
import dev.adjoint.compiler.ir.Var;
import java.util.List;
import java.util.Optional;

/**
 * The accumulators of the terminal operations that need no lambda: {@code sum()} of a {@code
 * DoubleStream} is the JDK's own compensated (Kahan) summation, so the value is the user's to the
 * bit, with its compensation constant to differentiation ({@code stopGradient}): the derivative is
 * that of the plain sum, which is what the compensated sum's is mathematically. {@code max()} and
 * {@code min()} are Java's {@code reduce(Math::max)}: {@code Math.max} from {@code -∞}, which gives
 * the JDK's value for every input (NaN and signed zeros too) and its derivative convention (a tie
 * sends the adjoint to the earlier element). {@code average()} and {@code count()} count.
 */
final class StreamAccumulators {
  private final Context cx;

  StreamAccumulators(Context cx) {
    this.cx = cx;
  }

  /**
   * {@code DoubleStream.sum()} exactly as the JDK computes it (Collectors.sumWithCompensation and
   * computeFinalSum): the sum, the negated low-order bits lost so far, and the simple sum, which
   * the result is when the compensated one is NaN from adding infinities.
   */
  Expr compensatedSum(StreamLoop loop) {
    Expr term = loop.materialise(cx, Optional.empty(), "term");
    // named apart from the stream's own method names (sum, max, count), which the user's source has
    Var sum = local(loop.before, "partialSum", Expr.Const.of(0));
    Var low = local(loop.before, "compensation", Expr.Const.of(0));
    Var simple = local(loop.before, "simpleSum", Expr.Const.of(0));
    List<Stmt> body = loop.body();
    Var corrected = local(body, "corrected", Exprs.sub(term, Exprs.ref(low)));
    Var next = local(body, "next", Exprs.add(Exprs.ref(sum), Exprs.ref(corrected)));
    // the low-order bits are rounding error: constant to differentiation
    Expr lost = Exprs.sub(Exprs.sub(Exprs.ref(next), Exprs.ref(sum)), Exprs.ref(corrected));
    body.add(new Stmt.Assign(low, Exprs.call("dev.adjoint.Adjoint", Fn.STOP_GRADIENT, lost)));
    body.add(new Stmt.Assign(sum, Exprs.ref(next)));
    body.add(new Stmt.Assign(simple, Exprs.add(Exprs.ref(simple), term)));
    Expr compensated = Exprs.sub(Exprs.ref(sum), Exprs.ref(low));
    Expr infinite =
        Exprs.binary(
            BinOp.AND,
            Exprs.call("Double", Fn.IS_NAN, compensated),
            Exprs.call("Double", Fn.IS_INFINITE, Exprs.ref(simple)));
    Var total = local(loop.after, "total", Exprs.cond(infinite, Exprs.ref(simple), compensated));
    return Exprs.ref(total);
  }

  /** {@code sum()} of an {@code IntStream} or {@code LongStream}: integer addition, which wraps. */
  Expr plainSum(StreamLoop loop) {
    Type t = loop.elementType();
    Var sum = local(loop.before, "total", Expr.Const.zero(t));
    loop.body().add(new Stmt.Assign(sum, Exprs.add(Exprs.ref(sum), loop.element())));
    return Exprs.ref(sum);
  }

  /** A {@code long} count of the elements that reach the terminal operation. */
  Var counter(StreamLoop loop) {
    Var count = local(loop.before, "elements", Expr.Const.zero(Type.LONG));
    loop.body()
        .add(
            new Stmt.Assign(
                count, Exprs.add(Exprs.ref(count), new Expr.Const(Type.LONG, 1, "1L"))));
    return count;
  }

  /** Whether the stream has an element: known from its bounds unless it is filtered. */
  private Expr present(StreamLoop loop, Var count) {
    if (count == null && loop.sized()) {
      return loop.nonEmpty();
    }
    Var c = count == null ? counter(loop) : count;
    return Exprs.binary(BinOp.GT, Exprs.ref(c), Expr.Const.zero(Type.LONG));
  }

  private static boolean surely(StreamLoop loop, Expr present) {
    return loop.sized()
        && present instanceof Expr.Binary b
        && b.left() instanceof Expr.Const l
        && b.right() instanceof Expr.Const r
        && (b.op() == BinOp.LT ? l.value() < r.value() : l.value() <= r.value());
  }

  /** {@code max()} / {@code min()}: Java's {@code reduce(Math::max)}, started at -∞ (+∞). */
  StreamOptional extremum(StreamLoop loop, boolean max) {
    Type t = loop.elementType();
    Expr start =
        switch (t) {
          case INT ->
              new Expr.Const(
                  t,
                  max ? Integer.MIN_VALUE : Integer.MAX_VALUE,
                  max ? "Integer.MIN_VALUE" : "Integer.MAX_VALUE");
          case LONG ->
              new Expr.Const(
                  t,
                  max ? Long.MIN_VALUE : Long.MAX_VALUE,
                  max ? "Long.MIN_VALUE" : "Long.MAX_VALUE");
          default -> Expr.Const.of(max ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY);
        };
    Var acc = local(loop.before, max ? "largest" : "smallest", start);
    Expr element = loop.element();
    loop.body()
        .add(
            new Stmt.Assign(
                acc, Exprs.call("Math", max ? Fn.MAX : Fn.MIN, Exprs.ref(acc), element)));
    Expr present = present(loop, null);
    return new StreamOptional(Exprs.ref(acc), present, surely(loop, present), max ? "max" : "min");
  }

  /** {@code average()}: the sum (compensated for doubles, a long otherwise) over the count. */
  StreamOptional average(StreamLoop loop) {
    Expr sum;
    if (loop.elementType() == Type.DOUBLE) {
      sum = compensatedSum(loop);
    } else {
      Var s = local(loop.before, "total", Expr.Const.zero(Type.LONG));
      Expr e = loop.element();
      loop.body()
          .add(
              new Stmt.Assign(
                  s,
                  Exprs.add(
                      Exprs.ref(s), e.type() == Type.LONG ? e : new Expr.Cast(Type.LONG, e))));
      sum = new Expr.Cast(Type.DOUBLE, Exprs.ref(s));
    }
    Var count = counter(loop);
    Expr present = present(loop, count);
    Expr mean = Exprs.div(sum, new Expr.Cast(Type.DOUBLE, Exprs.ref(count)));
    return new StreamOptional(mean, present, false, "average");
  }

  /**
   * A new local named {@code name} (or a fresh variant) declared with {@code init} in {@code into}.
   */
  Var local(List<Stmt> into, String name, Expr init) {
    Var v = cx.scope.fresh(name, init.type());
    into.add(new Stmt.Declare(v, init));
    return v;
  }
}
