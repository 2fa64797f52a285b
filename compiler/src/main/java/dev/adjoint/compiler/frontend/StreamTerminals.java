package dev.adjoint.compiler.frontend;

import com.github.javaparser.ast.expr.MethodCallExpr;
import dev.adjoint.compiler.diag.DiagnosticCode;
import dev.adjoint.compiler.ir.BinOp;
import dev.adjoint.compiler.ir.Expr;
import dev.adjoint.compiler.ir.Exprs;
import dev.adjoint.compiler.ir.Stmt;
import dev.adjoint.compiler.ir.Type;
import dev.adjoint.compiler.ir.UnOp;
import dev.adjoint.compiler.ir.Var;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The terminal operation of a stream reduction: the accumulators before the loop (those needing no
 * lambda are {@link StreamAccumulators}), the step in its body, the value after it, and the read of
 * an optional result. {@code getAsDouble()} of a stream that may be empty throws, as Java does, but
 * an {@code IllegalArgumentException} ({@code Stmt.Require}) where Java throws {@code
 * NoSuchElementException}; inside a branch of {@code ?:} or the right of {@code &&}/{@code ||},
 * where Java would not evaluate it, it is reported (AD113), since the loop runs before the
 * statement: {@code orElse} is the way out.
 */
final class StreamTerminals {
  private static final Set<String> TERMINALS =
      Set.of("sum", "count", "reduce", "max", "min", "average");

  private final Context cx;
  private final ExprLowering exprs;
  private final StreamLambdas lambdas;
  private final StreamAccumulators sums;

  StreamTerminals(Context cx, ExprLowering exprs, StreamLambdas lambdas) {
    this.cx = cx;
    this.exprs = exprs;
    this.lambdas = lambdas;
    this.sums = new StreamAccumulators(cx);
  }

  static boolean isTerminal(String name) {
    return TERMINALS.contains(name);
  }

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
    Optional<StreamOptional> optional = Optional.empty();
    if (name.equals("sum") && n == 0) {
      value = Optional.of(type == Type.DOUBLE ? sums.compensatedSum(loop) : sums.plainSum(loop));
    } else if (name.equals("count") && n == 0) {
      value = Optional.of(Exprs.ref(sums.counter(loop)));
    } else if (name.equals("reduce") && n == 2) {
      value = reduce(loop, t);
    } else if ((name.equals("max") || name.equals("min")) && n == 0) {
      optional = Optional.of(sums.extremum(loop, name.equals("max")));
    } else if (name.equals("average") && n == 0) {
      optional = Optional.of(sums.average(loop));
    } else if (name.equals("reduce") && n == 1) {
      optional = firstReduce(loop, t);
    } else {
      return unsupported(t, "it takes other arguments");
    }
    if (value.isEmpty() && optional.isEmpty()) {
      return Context.placeholder(Type.DOUBLE); // reported
    }
    cx.pending.add(new Stmt.Comment(comment(calls, type == Type.DOUBLE && name.equals("sum"))));
    cx.pending.addAll(loop.build(conditional));
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
  private Expr read(
      StreamOptional o, List<MethodCallExpr> rest, MethodCallExpr t, boolean conditional) {
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
  private Optional<StreamOptional> firstReduce(StreamLoop loop, MethodCallExpr t) {
    Type type = loop.elementType();
    Optional<String> name = StreamLambdas.firstParameter(t.getArgument(0));
    Expr element = loop.materialise(cx, StreamLambdas.secondParameter(t.getArgument(0)), "v");
    Var acc = accumulator(loop, name, Expr.Const.zero(type));
    Var count = sums.local(loop.before, "elements", Expr.Const.zero(Type.LONG));
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
    return Optional.of(new StreamOptional(Exprs.ref(acc), present, false, "reduce"));
  }

  /** The accumulator of a reduction, named like its lambda's first parameter if it has one. */
  private Var accumulator(StreamLoop loop, Optional<String> name, Expr init) {
    if (name.isEmpty()) {
      return sums.local(loop.before, "acc", init);
    }
    Var v = StreamLoop.declare(cx, name.get(), init.type());
    loop.before.add(new Stmt.Declare(v, init));
    return v;
  }
}
