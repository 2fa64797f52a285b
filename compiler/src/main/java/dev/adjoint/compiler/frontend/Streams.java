package dev.adjoint.compiler.frontend;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.expr.ConditionalExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.stmt.Statement;
import dev.adjoint.compiler.diag.DiagnosticCode;
import dev.adjoint.compiler.ir.BinOp;
import dev.adjoint.compiler.ir.Expr;
import dev.adjoint.compiler.ir.Exprs;
import dev.adjoint.compiler.ir.Stmt;
import dev.adjoint.compiler.ir.Type;
import dev.adjoint.compiler.ir.Var;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Stream reductions ({@code Arrays.stream(x).map(v -> v * v).sum()}, {@code IntStream.range(0,
 * n).mapToDouble(i -> a[i] * b[i]).sum()}, {@code DoubleStream.of(a, b).max().getAsDouble()}),
 * lowered to the counted loop a user would write: the source gives the loop's index and element,
 * each intermediate operation rewrites the element (or wraps the rest of the body in an {@code
 * if}), and the terminal operation ({@link StreamTerminals}) accumulates, in the stream's
 * sequential order. The loop goes to the statements before the one containing the stream, like an
 * inlined call. Anything else on streams is AD113, naming the operation.
 */
final class Streams {
  private static final Set<String> STREAM_CLASSES =
      Set.of("IntStream", "LongStream", "DoubleStream", "Stream", "StreamSupport");

  private final Context cx;
  private final ExprLowering exprs;
  private final StreamLambdas lambdas;
  private final StreamTerminals terminals;
  private final StreamSources sources;

  Streams(Context cx, ExprLowering exprs, StmtLowering stmts) {
    this.cx = cx;
    this.exprs = exprs;
    this.sources = new StreamSources(cx, exprs);
    this.lambdas = new StreamLambdas(cx, exprs, stmts);
    this.terminals = new StreamTerminals(cx, exprs, lambdas);
  }

  /** Whether {@code m} is the last call of a chain that starts at a stream source. */
  static boolean isStream(MethodCallExpr m) {
    return !chain(m).isEmpty();
  }

  /** The calls from the stream's source to {@code m}; empty if it does not start at a source. */
  private static List<MethodCallExpr> chain(MethodCallExpr m) {
    List<MethodCallExpr> calls = new ArrayList<>();
    MethodCallExpr c = m;
    while (true) {
      calls.add(0, c);
      if (isSource(c)) {
        return calls;
      }
      if (c.getScope().isPresent() && c.getScope().get() instanceof MethodCallExpr inner) {
        c = inner;
      } else {
        return List.of();
      }
    }
  }

  private static boolean isSource(MethodCallExpr c) {
    String owner = c.getScope().map(Expression::toString).orElse("");
    String simple =
        owner.startsWith("java.util.") ? owner.substring(owner.lastIndexOf('.') + 1) : owner;
    return (simple.equals("Arrays") && c.getNameAsString().equals("stream"))
        || STREAM_CLASSES.contains(simple);
  }

  /** The value of the reduction {@code m}; its loop goes to the pending statements. */
  Expr lower(MethodCallExpr m) {
    List<MethodCallExpr> calls = chain(m);
    Optional<StreamLoop> source =
        sources.source(calls.get(0), calls.size() > 1 ? calls.get(1) : null);
    if (source.isEmpty()) {
      return Context.placeholder(Type.DOUBLE);
    }
    StreamLoop loop = source.get();
    for (int k = 1; k < calls.size(); k++) {
      MethodCallExpr op = calls.get(k);
      if (StreamTerminals.isTerminal(op.getNameAsString())) {
        return terminals.lower(loop, calls.subList(k, calls.size()), conditional(m));
      }
      if (!intermediate(loop, op)) {
        return Context.placeholder(Type.DOUBLE);
      }
    }
    return cx.error(
        DiagnosticCode.AD113,
        m,
        Type.DOUBLE,
        m.getNameAsString(),
        "a stream must end in a reduction to a number (sum, reduce, max, min, average, count)");
  }

  /**
   * Whether Java evaluates {@code m} only on some paths of its statement (a branch of {@code ?:},
   * the right of {@code &&} or {@code ||}): its loop, run before the statement, then runs always.
   */
  @SuppressWarnings("ReferenceEquality") // the same node: JavaParser's equals compares structure
  private static boolean conditional(Node m) {
    Node child = m;
    for (Node p = m.getParentNode().orElse(null);
        p != null && !(p instanceof Statement);
        child = p, p = p.getParentNode().orElse(null)) {
      if (p instanceof ConditionalExpr c && c.getCondition() != child) {
        return true;
      }
      if (p instanceof com.github.javaparser.ast.expr.BinaryExpr b
          && b.getRight() == child
          && (b.getOperator() == com.github.javaparser.ast.expr.BinaryExpr.Operator.AND
              || b.getOperator() == com.github.javaparser.ast.expr.BinaryExpr.Operator.OR)) {
        return true;
      }
    }
    return false;
  }

  /** Applies the intermediate operation {@code op}; false when it was reported. */
  private boolean intermediate(StreamLoop loop, MethodCallExpr op) {
    String name = op.getNameAsString();
    Type t = loop.elementType();
    int n = op.getArguments().size();
    switch (name) {
      case "map", "mapToDouble", "mapToInt", "mapToLong":
        if (n == 1) {
          Type to =
              switch (name) {
                case "mapToDouble" -> Type.DOUBLE;
                case "mapToInt" -> Type.INT;
                case "mapToLong" -> Type.LONG;
                default -> t;
              };
          if (to.isArray() || (name.equals("map") && t.isArray())) {
            break;
          }
          return map(loop, op, to);
        }
        break;
      case "asDoubleStream":
        if (n == 0 && t.isIntegral()) {
          loop.element(new Expr.Cast(Type.DOUBLE, loop.element()));
          return true;
        }
        break;
      case "filter":
        if (n == 1) {
          return filter(loop, op);
        }
        break;
      case "limit", "skip":
        if (n == 1) {
          return limit(loop, op);
        }
        break;
      case "sequential":
        if (n == 0) {
          return true; // a stream is sequential unless made parallel
        }
        break;
      default:
        break;
    }
    cx.report(DiagnosticCode.AD113, op, name, why(name));
    return false;
  }

  private static String why(String op) {
    return switch (op) {
      case "parallel" ->
          "a differentiable method runs sequentially; a parallel sum would change the order of"
              + " summation";
      case "sorted", "distinct" ->
          "it orders or compares the elements; sort or deduplicate with a loop";
      case "boxed", "mapToObj", "collect", "toArray", "iterator" ->
          "it makes objects or arrays; accumulate into a local variable in a loop";
      case "peek", "forEach", "forEachOrdered" -> "it runs an action for its side effect";
      default -> "it is not one of the supported operations";
    };
  }

  private boolean map(StreamLoop loop, MethodCallExpr op, Type to) {
    List<Stmt> body = loop.body();
    Optional<Expr> v =
        lambdas.apply(op.getArgument(0), op.getNameAsString(), List.of(loop.element()), body);
    if (v.isEmpty() || Context.isPlaceholder(v.get())) {
      return false;
    }
    if (!Type.assignable(v.get().type(), to)) {
      cx.report(
          DiagnosticCode.AD208,
          op.getArgument(0),
          op.getNameAsString()
              + " needs a "
              + to.javaName()
              + " result, found "
              + v.get().type().javaName());
      return false;
    }
    loop.element(v.get().type() == to ? v.get() : new Expr.Cast(to, v.get()));
    return true;
  }

  private boolean filter(StreamLoop loop, MethodCallExpr op) {
    Expr e = loop.materialise(cx, StreamLambdas.firstParameter(op.getArgument(0)), "v");
    Optional<Expr> keep = lambdas.apply(op.getArgument(0), "filter", List.of(e), loop.body());
    if (keep.isEmpty() || Context.isPlaceholder(keep.get())) {
      return false;
    }
    if (keep.get().type() != Type.BOOLEAN) {
      cx.report(DiagnosticCode.AD208, op.getArgument(0), "a filter must return a boolean");
      return false;
    }
    loop.keepIf(keep.get(), List.of());
    return true;
  }

  /** {@code limit(n)} and {@code skip(n)}: a counter of the elements seen so far. */
  private boolean limit(StreamLoop loop, MethodCallExpr op) {
    boolean limit = op.getNameAsString().equals("limit");
    Expr n = exprs.lower(op.getArgument(0));
    if (!n.type().isIntegral()) {
      if (!Context.isPlaceholder(n)) {
        cx.report(
            DiagnosticCode.AD208,
            op.getArgument(0),
            op.getNameAsString() + " needs an int or long");
      }
      return false;
    }
    n = sources.once(n, limit ? "limit" : "skip", loop.before);
    loop.before.add(
        new Stmt.Require(
            Exprs.binary(BinOp.GE, n, Expr.Const.zero(n.type())),
            op.getNameAsString() + " needs a count >= 0"));
    Var seen = cx.scope.fresh(limit ? "taken" : "skipped", Type.LONG);
    loop.before.add(new Stmt.Declare(seen, Expr.Const.zero(Type.LONG)));
    Stmt count =
        new Stmt.Assign(seen, Exprs.add(Exprs.ref(seen), new Expr.Const(Type.LONG, 1, "1L")));
    if (limit) {
      loop.keepIf(Exprs.binary(BinOp.LT, Exprs.ref(seen), n), List.of());
      loop.body().add(count);
    } else {
      loop.keepIf(Exprs.binary(BinOp.GE, Exprs.ref(seen), n), List.of(count));
    }
    return true;
  }
}
