package dev.adjoint.compiler.frontend;

import com.github.javaparser.ast.expr.MethodCallExpr;
import dev.adjoint.compiler.diag.DiagnosticCode;
import dev.adjoint.compiler.ir.BinOp;
import dev.adjoint.compiler.ir.Expr;
import dev.adjoint.compiler.ir.Exprs;
import dev.adjoint.compiler.ir.Fn;
import dev.adjoint.compiler.ir.Stmt;
import dev.adjoint.compiler.ir.Type;
import dev.adjoint.compiler.ir.UnOp;
import dev.adjoint.compiler.ir.Var;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The terminal operation of a stream reduction: the accumulators before the loop, the step in its
 * body, the value after it. {@code sum()} of a {@code DoubleStream} is the JDK's own compensated
 * (Kahan) summation, so the value is the user's to the bit; its compensation term is a constant to
 * differentiation ({@code stopGradient}), so the derivative is that of the plain sum, exactly what
 * the compensated sum's is mathematically. {@code max()} and {@code min()} are Java's {@code
 * reduce(Math::max)}: {@code Math.max} from {@code -∞}, with its derivative convention (a tie sends
 * the adjoint to the earlier element). Reading an empty optional ({@code getAsDouble()}) throws.
 */
final class StreamTerminals {
  private static final Set<String> TERMINALS =
      Set.of("sum", "count", "reduce", "max", "min", "average");

  private final Context cx;
  private final ExprLowering exprs;
  private final StreamLambdas lambdas;

  StreamTerminals(Context cx, ExprLowering exprs, StreamLambdas lambdas) {
    this.cx = cx;
    this.exprs = exprs;
    this.lambdas = lambdas;
  }

  static boolean isTerminal(String name) {
    return TERMINALS.contains(name);
  }

  /** An {@code OptionalDouble} (or int, long): its value, and whether it is present. */
  private record Optional_(Expr value, Expr present, boolean surelyPresent, String op) {}

  /** Lowers {@code calls.get(0)} and what reads its optional; the loop goes to pending. */
  Expr lower(StreamLoop loop, List<MethodCallExpr> calls, boolean conditional) {
    MethodCallExpr t = calls.get(0);
    String name = t.getNameAsString();
    int n = t.getArguments().size();
    Type type = loop.elementType();
    if (type.isArray() && !name.equals("count")) {
      return unsupported(t, "a stream of rows must be mapped to numbers first (mapToDouble)");
    }
    Optional<Expr> value = Optional.empty();
    Optional<Optional_> optional = Optional.empty();
    if (name.equals("sum") && n == 0) {
      value = Optional.of(type == Type.DOUBLE ? compensatedSum(loop) : plainSum(loop));
    } else if (name.equals("count") && n == 0) {
      value = Optional.of(Exprs.ref(counter(loop)));
    } else if (name.equals("reduce") && n == 2) {
      value = reduce(loop, t);
    } else if ((name.equals("max") || name.equals("min")) && n == 0) {
      optional = Optional.of(extremum(loop, name.equals("max")));
    } else if (name.equals("average") && n == 0) {
      optional = Optional.of(average(loop));
    } else if (name.equals("reduce") && n == 1) {
      optional = firstReduce(loop, t);
    } else {
      return unsupported(t, "it takes other arguments");
    }
    if (value.isEmpty() && optional.isEmpty()) {
      return Context.placeholder(Type.DOUBLE); // reported
    }
    cx.pending.add(new Stmt.Comment(comment(calls, type == Type.DOUBLE && name.equals("sum"))));
    cx.pending.addAll(loop.build());
    if (value.isPresent()) {
      return calls.size() == 1
          ? value.get()
          : unsupported(calls.get(1), "the stream's value is a number already");
    }
    return read(optional.get(), calls.subList(1, calls.size()), t, conditional);
  }

  /** Says in the generated code which stream the loop computes. */
  private static String comment(List<MethodCallExpr> calls, boolean compensated) {
    String text = calls.get(calls.size() - 1).toString().replaceAll("\\s+", " ");
    if (text.length() > 72) {
      text = text.substring(0, 69) + "...";
    }
    return text + (compensated ? ", with the JDK's compensated summation" : "");
  }

  private Expr unsupported(MethodCallExpr at, String why) {
    return cx.error(DiagnosticCode.AD113, at, Type.DOUBLE, at.getNameAsString(), why);
  }

  /** {@code getAsDouble()}, {@code orElse(v)}, {@code isPresent()} of an optional. */
  private Expr read(Optional_ o, List<MethodCallExpr> rest, MethodCallExpr t, boolean conditional) {
    if (rest.size() != 1) {
      return unsupported(
          t, "read its optional result with getAsDouble(), orElse(value) or isPresent()");
    }
    MethodCallExpr r = rest.get(0);
    String name = r.getNameAsString();
    int n = r.getArguments().size();
    if (n == 0 && Set.of("getAsDouble", "getAsInt", "getAsLong", "orElseThrow").contains(name)) {
      if (o.surelyPresent()) {
        return o.value();
      }
      if (conditional) {
        return unsupported(
            r,
            "the stream may be empty and this read is evaluated only on some paths, but its"
                + " loop runs before the statement; use orElse(value)");
      }
      cx.pending.add(new Stmt.Require(o.present(), o.op() + "() of an empty stream has no value"));
      return o.value();
    }
    if (n == 1 && name.equals("orElse")) {
      Expr other = exprs.lower(r.getArgument(0));
      if (!Type.assignable(other.type(), o.value().type())) {
        return Context.isPlaceholder(other)
            ? other
            : cx.error(
                DiagnosticCode.AD208,
                r.getArgument(0),
                o.value().type(),
                "orElse needs a " + o.value().type().javaName());
      }
      return Exprs.cond(o.present(), o.value(), other);
    }
    if (n == 0 && name.equals("isPresent")) {
      return o.present();
    }
    if (n == 0 && name.equals("isEmpty")) {
      return new Expr.Unary(UnOp.NOT, o.present(), Type.BOOLEAN);
    }
    return unsupported(r, "read the optional with getAsDouble(), orElse(value) or isPresent()");
  }

  /**
   * {@code DoubleStream.sum()} exactly as the JDK computes it (Collectors.sumWithCompensation and
   * computeFinalSum): the sum, the negated low-order bits lost so far, and the simple sum, which
   * the result is when the compensated one is NaN from adding infinities.
   */
  private Expr compensatedSum(StreamLoop loop) {
    Expr term = materialise(cx, loop, Optional.empty(), "term");
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
  private Expr plainSum(StreamLoop loop) {
    Type t = loop.elementType();
    Var sum = local(loop.before, "total", Expr.Const.zero(t));
    loop.body().add(new Stmt.Assign(sum, Exprs.add(Exprs.ref(sum), loop.element())));
    return Exprs.ref(sum);
  }

  /** A {@code long} count of the elements that reach the terminal operation. */
  private Var counter(StreamLoop loop) {
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
  private Optional_ extremum(StreamLoop loop, boolean max) {
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
    return new Optional_(Exprs.ref(acc), present, surely(loop, present), max ? "max" : "min");
  }

  /** {@code average()}: the sum (compensated for doubles, a long otherwise) over the count. */
  private Optional_ average(StreamLoop loop) {
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
    return new Optional_(mean, present, false, "average");
  }

  /** {@code reduce(identity, (a, b) -> ...)}: the accumulator takes the lambda's first name. */
  private Optional<Expr> reduce(StreamLoop loop, MethodCallExpr t) {
    Type type = loop.elementType();
    Expr identity = exprs.lower(t.getArgument(0));
    if (!Type.assignable(identity.type(), type)) {
      if (!Context.isPlaceholder(identity)) {
        cx.report(
            DiagnosticCode.AD208,
            t.getArgument(0),
            "the identity of a reduction of " + type.javaName() + " values must be one");
      }
      return Optional.empty();
    }
    Var acc =
        accumulator(
            loop,
            StreamLambdas.firstParameter(t.getArgument(1)),
            identity.type() == type ? identity : new Expr.Cast(type, identity));
    return step(loop, t, acc, loop.body()).map(unused -> Exprs.ref(acc));
  }

  /** {@code acc = op(acc, element)} in {@code into}; empty when reported. */
  private Optional<Var> step(StreamLoop loop, MethodCallExpr t, Var acc, List<Stmt> into) {
    Optional<Expr> v =
        lambdas.apply(
            t.getArgument(t.getArguments().size() - 1),
            "reduce",
            List.of(Exprs.ref(acc), loop.element()),
            into);
    if (v.isEmpty() || Context.isPlaceholder(v.get())) {
      return Optional.empty();
    }
    if (!Type.assignable(v.get().type(), acc.type())) {
      cx.report(
          DiagnosticCode.AD208,
          t.getArgument(t.getArguments().size() - 1),
          "reduce needs a "
              + acc.type().javaName()
              + " result, found "
              + v.get().type().javaName());
      return Optional.empty();
    }
    into.add(
        new Stmt.Assign(
            acc, v.get().type() == acc.type() ? v.get() : new Expr.Cast(acc.type(), v.get())));
    return Optional.of(acc);
  }

  /** {@code reduce((a, b) -> ...)}: the first element starts the accumulator. */
  private Optional<Optional_> firstReduce(StreamLoop loop, MethodCallExpr t) {
    Type type = loop.elementType();
    Optional<String> name = StreamLambdas.firstParameter(t.getArgument(0));
    Expr element = materialise(cx, loop, StreamLambdas.secondParameter(t.getArgument(0)), "v");
    Var acc = accumulator(loop, name, Expr.Const.zero(type));
    Var count = local(loop.before, "elements", Expr.Const.zero(Type.LONG));
    List<Stmt> later = new ArrayList<>();
    if (step(loop, t, acc, later).isEmpty()) {
      return Optional.empty();
    }
    Expr first = Exprs.binary(BinOp.EQ, Exprs.ref(count), Expr.Const.zero(Type.LONG));
    loop.body().add(new Stmt.If(first, List.of(new Stmt.Assign(acc, element)), later));
    loop.body()
        .add(
            new Stmt.Assign(
                count, Exprs.add(Exprs.ref(count), new Expr.Const(Type.LONG, 1, "1L"))));
    Expr present = Exprs.binary(BinOp.GT, Exprs.ref(count), Expr.Const.zero(Type.LONG));
    return Optional.of(new Optional_(Exprs.ref(acc), present, false, "reduce"));
  }

  /** The accumulator of a reduction, named like its lambda's first parameter if it has one. */
  private Var accumulator(StreamLoop loop, Optional<String> name, Expr init) {
    if (name.isEmpty()) {
      return local(loop.before, "acc", init);
    }
    Var v = declare(cx, name.get(), init.type());
    loop.before.add(new Stmt.Declare(v, init));
    return v;
  }

  /**
   * A new local named {@code name} (or a fresh variant) declared with {@code init} in {@code into}.
   */
  private Var local(List<Stmt> into, String name, Expr init) {
    Var v = cx.scope.fresh(name, init.type());
    into.add(new Stmt.Declare(v, init));
    return v;
  }

  /**
   * A variable of the generated loop named like the user's lambda parameter (renamed only if the
   * name is taken).
   */
  static Var declare(Context cx, String name, Type type) {
    cx.scope.push(false);
    try {
      return cx.scope.declare(name, type);
    } finally {
      cx.scope.pop();
    }
  }

  /**
   * The current element as a variable (declared in the body) unless it is one or a constant, named
   * {@code userName} (a lambda's parameter) or else a fresh variant of {@code name}.
   */
  static Expr materialise(Context cx, StreamLoop loop, Optional<String> userName, String name) {
    Expr e = loop.element();
    if (Exprs.isTrivial(e)) {
      return e;
    }
    Var v =
        userName.isPresent()
            ? declare(cx, userName.get(), e.type())
            : cx.scope.fresh(name, e.type());
    loop.body().add(new Stmt.Declare(v, e));
    loop.element(Exprs.ref(v));
    return Exprs.ref(v);
  }
}
