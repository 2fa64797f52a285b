package dev.adjoint.compiler.frontend;

import dev.adjoint.compiler.ir.BinOp;
import dev.adjoint.compiler.ir.Expr;
import dev.adjoint.compiler.ir.Exprs;
import dev.adjoint.compiler.ir.Stmt;
import dev.adjoint.compiler.ir.Type;
import dev.adjoint.compiler.ir.Var;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * The loop a stream reduction becomes, while {@link Streams} builds it: a counted {@link Stmt.For}
 * over the source's index, the statements before it (the accumulators, the values of the stream's
 * arguments), its body so far, and the current stream element. A {@code filter} (or {@code limit},
 * {@code skip}) wraps the rest of the pipeline in an {@code if}, so the body is a stack of open
 * branches; {@link #build} closes them. Ordinary IR, so differentiation, storage and fusion treat
 * it like a loop the user wrote.
 */
final class StreamLoop {
  /** What a stream carries: its element type ({@code double[]} for the rows of a matrix). */
  private Type elementType;

  /** The current element: an expression of the loop index and of the variables declared so far. */
  private Expr element;

  /** Statements before the loop: arrays made from {@code DoubleStream.of}, accumulators. */
  final List<Stmt> before = new ArrayList<>();

  /** Statements after the loop: the reduction's final value. */
  final List<Stmt> after = new ArrayList<>();

  private final Var index;
  private final Expr from;
  private final BinOp cmp;
  private final Expr bound;

  /** Whether the stream has as many elements as the source (no filter, limit or skip). */
  private boolean sized = true;

  /** The innermost open block of the body. */
  private List<Stmt> body = new ArrayList<>();

  /** An open branch: the block it goes into, its condition and its else block. */
  private record Branch(List<Stmt> outer, Expr cond, List<Stmt> otherwise) {}

  private final Deque<Branch> branches = new ArrayDeque<>();

  StreamLoop(Var index, Expr from, BinOp cmp, Expr bound, Type elementType, Expr element) {
    this.index = index;
    this.from = from;
    this.cmp = cmp;
    this.bound = bound;
    this.elementType = elementType;
    this.element = element;
  }

  Var index() {
    return index;
  }

  Type elementType() {
    return elementType;
  }

  Expr element() {
    return element;
  }

  /** The stream after {@code map} and the like: each element replaced by {@code e}. */
  void element(Expr e) {
    this.element = e;
    this.elementType = e.type();
  }

  /** Where the statements computing the current element (and the reduction's step) go. */
  List<Stmt> body() {
    return body;
  }

  /** Keeps only the elements for which {@code cond} holds; {@code otherwise} runs for the rest. */
  void keepIf(Expr cond, List<Stmt> otherwise) {
    branches.push(new Branch(body, cond, otherwise));
    body = new ArrayList<>();
    sized = false;
  }

  /**
   * Whether the stream has exactly the source's elements: then its emptiness is known before the
   * loop.
   */
  boolean sized() {
    return sized;
  }

  /** Whether the stream has at least one element: the source's bounds, when it is sized. */
  Expr nonEmpty() {
    return Exprs.binary(cmp, from, bound);
  }

  /**
   * The loop with its branches closed, preceded by {@link #before} and followed by {@link #after}.
   * When the stream is evaluated only on some paths of its statement ({@code conditional}), the
   * checks of its arguments ({@code from <= to}, {@code limit(n)} with {@code n >= 0}) are left
   * out: the loop runs before the statement, also where Java would not evaluate the stream, and
   * must not throw there.
   */
  List<Stmt> build(boolean conditional) {
    List<Stmt> inner = body;
    while (!branches.isEmpty()) {
      Branch b = branches.pop();
      b.outer().add(new Stmt.If(b.cond(), inner, b.otherwise()));
      inner = b.outer();
    }
    List<Stmt> out = new ArrayList<>();
    for (Stmt s : before) {
      if (!(conditional && s instanceof Stmt.Require)) {
        out.add(s);
      }
    }
    out.add(new Stmt.For(index, from, cmp, bound, 1, inner));
    out.addAll(after);
    return out;
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
  Expr materialise(Context cx, Optional<String> userName, String name) {
    Expr e = element();
    if (Exprs.isTrivial(e)) {
      return e;
    }
    Var v =
        userName.isPresent()
            ? declare(cx, userName.get(), e.type())
            : cx.scope.fresh(name, e.type());
    body().add(new Stmt.Declare(v, e));
    element(Exprs.ref(v));
    return Exprs.ref(v);
  }
}
