package dev.adjoint.compiler.pass.ad;

import dev.adjoint.compiler.ir.BinOp;
import dev.adjoint.compiler.ir.Expr;
import dev.adjoint.compiler.ir.Expr.Index;
import dev.adjoint.compiler.ir.Expr.Ref;
import dev.adjoint.compiler.ir.Exprs;
import dev.adjoint.compiler.ir.NameSupply;
import dev.adjoint.compiler.ir.Stmt;
import dev.adjoint.compiler.ir.Stmts;
import dev.adjoint.compiler.ir.Type;
import dev.adjoint.compiler.ir.Var;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where the adjoint of each active array lives, for reverse mode. A differentiated {@code double[]}
 * or {@code float[]} parameter's adjoint is its slice of the gradient; a differentiated matrix
 * parameter's rows are slices too, found through a small table of row starts; a local array gets a
 * local adjoint array of the same shape and type ({@code float[]} for a {@code float[]}, as a float
 * scalar has a float adjoint); an alias ({@code b = a}, {@code row = m[i]}) shares the adjoint of
 * what it aliases.
 */
final class ArrayAdjoints {
  /**
   * An array's adjoint: element {@code k} of a 1-D array is {@code array[offset + k]}; for a
   * matrix, either {@code array[rowStarts[i] + j]} (in the gradient) or {@code array[i][j]}.
   */
  record Adjoint(Var array, Expr offset, Var rowStarts) {}

  private final Map<Var, Adjoint> adjoints = new HashMap<>();
  private final NameSupply names;

  /** The suffix of the arrays it makes: {@code Bar} for adjoints, {@code Dot} for tangents. */
  private final String suffix;

  ArrayAdjoints(NameSupply names) {
    this(names, "Bar");
  }

  /** For forward mode, the same shapes hold tangents. */
  ArrayAdjoints(NameSupply names, String suffix) {
    this.names = names;
    this.suffix = suffix;
  }

  boolean has(Var array) {
    return adjoints.containsKey(array);
  }

  /** A differentiated 1-D parameter: its slice of the gradient. */
  void slice(Var param, Var gradient, Expr offset) {
    adjoints.put(param, new Adjoint(gradient, offset, null));
  }

  /** A differentiated matrix parameter: row starts computed once, rows are gradient slices. */
  List<Stmt> matrixSlice(Var param, Var gradient, Expr offset) {
    Var starts = names.fresh(param.name() + "RowStart", Type.INT_ARRAY);
    adjoints.put(param, new Adjoint(gradient, null, starts));
    Var r = names.fresh("r", Type.INT);
    Expr ri = Exprs.ref(r);
    Expr m = Exprs.ref(param);
    List<Stmt> out = new ArrayList<>();
    out.add(new Stmt.Declare(starts, new Expr.NewArray(Type.INT_ARRAY, new Expr.Length(m))));
    Var position = names.fresh(param.name() + "Position", Type.INT);
    out.add(new Stmt.Declare(position, offset));
    out.add(
        new Stmt.For(
            r,
            Expr.Const.ofInt(0),
            BinOp.LT,
            new Expr.Length(m),
            1,
            List.of(
                new Stmt.Store(Exprs.ref(starts), ri, Exprs.ref(position)),
                new Stmt.Assign(
                    position, Exprs.add(Exprs.ref(position), new Expr.Length(new Index(m, ri)))))));
    return out;
  }

  /** Uses {@code adjoint}, which the caller declares, as the adjoint of {@code array}. */
  void register(Var array, Var adjoint) {
    adjoints.put(array, new Adjoint(adjoint, Expr.Const.ofInt(0), null));
  }

  /** Registers a local adjoint array for {@code array} and returns it; the caller allocates it. */
  Var register(Var array) {
    Var adj = names.fresh(array.name() + suffix, array.type());
    adjoints.put(
        array, new Adjoint(adj, array.type().isMatrix() ? null : Expr.Const.ofInt(0), null));
    return adj;
  }

  /** The local array holding {@code array}'s adjoint, if it has one of its own. */
  Optional<Var> localArray(Var array) {
    Adjoint a = adjoints.get(array);
    return a != null
            && a.rowStarts() == null
            && a.array().type() == array.type()
            && (a.offset() == null || Exprs.isConst(a.offset(), 0))
        ? Optional.of(a.array())
        : Optional.empty();
  }

  /** A zero adjoint of the same shape as {@code array} (a local, or data the method overwrites). */
  List<Stmt> local(Var array) {
    Var adj = names.fresh(array.name() + suffix, array.type());
    adjoints.put(
        array, new Adjoint(adj, array.type().isMatrix() ? null : Expr.Const.ofInt(0), null));
    Expr a = Exprs.ref(array);
    if (!array.type().isMatrix()) {
      return List.of(new Stmt.Declare(adj, new Expr.NewArray(array.type(), new Expr.Length(a))));
    }
    Var r = names.fresh("r", Type.INT);
    Expr ri = Exprs.ref(r);
    return List.of(
        new Stmt.Declare(adj, new Expr.NewMatrix(array.type(), new Expr.Length(a), null)),
        new Stmt.For(
            r,
            Expr.Const.ofInt(0),
            BinOp.LT,
            new Expr.Length(a),
            1,
            List.of(
                new Stmt.Store(
                    Exprs.ref(adj),
                    ri,
                    new Expr.NewArray(
                        array.type().elementType(), new Expr.Length(new Index(a, ri)))))));
  }

  /**
   * The adjoint of an alias declaration {@code v = source} ({@code b = a} or {@code row = m[i]}),
   * with any declaration it needs; empty if {@code source} has no adjoint.
   */
  Optional<List<Stmt>> alias(Var v, Expr source) {
    Var root = Exprs.root(source);
    if (root == null || !adjoints.containsKey(root)) {
      return Optional.empty();
    }
    Adjoint a = adjoints.get(root);
    if (source instanceof Ref) {
      adjoints.put(v, a);
      return Optional.of(List.of());
    }
    if (source instanceof Index ix && ix.array() instanceof Ref) {
      if (a.rowStarts() != null) {
        adjoints.put(
            v, new Adjoint(a.array(), new Index(Exprs.ref(a.rowStarts()), ix.index()), null));
        return Optional.of(List.of());
      }
      Var rowBar = names.fresh(v.name() + suffix, a.array().type().elementType());
      adjoints.put(v, new Adjoint(rowBar, Expr.Const.ofInt(0), null));
      return Optional.of(
          List.of(new Stmt.Declare(rowBar, new Index(Exprs.ref(a.array()), ix.index()))));
    }
    return Optional.empty();
  }

  /** Where the adjoint of the element {@code array[index]} accumulates. */
  Optional<Target> element(Expr array, Expr index) {
    Var root = Exprs.root(array);
    if (root == null || !adjoints.containsKey(root)) {
      return Optional.empty();
    }
    Adjoint a = adjoints.get(root);
    if (array instanceof Ref) {
      if (root.type().isMatrix()) {
        return Optional.empty(); // a whole row: not a scalar element
      }
      return Optional.of(new Target(Exprs.ref(a.array()), GradientLayout.plus(index, a.offset())));
    }
    if (array instanceof Index row && row.array() instanceof Ref) {
      if (a.rowStarts() != null) {
        Expr start = new Index(Exprs.ref(a.rowStarts()), row.index());
        return Optional.of(new Target(Exprs.ref(a.array()), GradientLayout.plus(index, start)));
      }
      return Optional.of(new Target(new Index(Exprs.ref(a.array()), row.index()), index));
    }
    return Optional.empty();
  }

  /** Whether anything written after an alias declaration changes what it aliases. */
  static boolean stable(Expr source, List<Stmt> rest) {
    // array variables are never reassigned; only the scalars of an index can change
    return Exprs.reads(source).stream()
        .filter(v -> !v.type().isArray())
        .noneMatch(Stmts.writes(rest)::contains);
  }
}
