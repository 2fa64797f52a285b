package dev.adjoint.compiler.pass.ad;

import dev.adjoint.compiler.ir.BinOp;
import dev.adjoint.compiler.ir.Expr;
import dev.adjoint.compiler.ir.Expr.Index;
import dev.adjoint.compiler.ir.Expr.Ref;
import dev.adjoint.compiler.ir.Exprs;
import dev.adjoint.compiler.ir.Function;
import dev.adjoint.compiler.ir.NameSupply;
import dev.adjoint.compiler.ir.Signature;
import dev.adjoint.compiler.ir.Signature.Role;
import dev.adjoint.compiler.ir.Stmt;
import dev.adjoint.compiler.ir.Type;
import dev.adjoint.compiler.ir.Var;
import dev.adjoint.compiler.pass.analysis.Activity;
import dev.adjoint.compiler.pass.normalise.UniqueNames;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The forward-mode (tangent) transform: maps a function to one that returns the directional
 * derivative of its result along {@code direction} (flat layout). Each active statement is preceded
 * by its tangent statement, inside the same loops and branches; nothing is stored.
 */
public final class ForwardMode {
  private final Activity activity;
  private final NameSupply names;

  /** The variables of the function transformed: what is not among them is a tangent. */
  private final Set<Var> primal;

  private final Map<Var, Var> tangents = new HashMap<>();
  private final ArrayAdjoints arrays;
  private final Var direction;

  /**
   * For a Hessian-vector product: the array output whose tangent is written into {@code
   * outputTangent}.
   */
  private final Var output;

  private final Var outputTangent;

  /** For an array-valued function: where the tangent of the returned array goes. */
  private final Var resultTangent;

  private Var checkTangentLength;

  /**
   * Appended to a variable's name for its tangent: {@code Dot}, or {@code Da} for ∂/∂a in a
   * Hessian.
   */
  private final String suffix;

  private ForwardMode(Function f, List<Var> wrt, Var output, String directionName, String suffix) {
    this.activity = Activity.of(f, wrt, output == null ? List.of() : List.of(output));
    this.names = NameSupply.of(f);
    this.primal = f.variables();
    this.suffix = suffix;
    this.direction = names.fresh(directionName, Type.DOUBLE_ARRAY);
    this.arrays = new ArrayAdjoints(names, suffix);
    this.output = output;
    this.outputTangent = output == null ? null : names.fresh("hv", Type.DOUBLE_ARRAY);
    this.resultTangent =
        f.returnType().isArray() ? names.fresh("tangent", Type.DOUBLE_ARRAY) : null;
  }

  /**
   * Forward over reverse: the tangent of a value-and-gradient function along {@code v}. Its
   * gradient's tangent, the Hessian-vector product, goes into a new last parameter {@code hv}; it
   * returns the value and still fills the gradient.
   */
  public static Function hessianVector(Function gradientFunction, List<Var> wrt) {
    return hessianVector(
        gradientFunction, wrt, gradientFunction.signature().get(Role.GRADIENT), "Dot");
  }

  /**
   * As {@link #hessianVector(Function, List)}, for the gradient written into {@code gradient} (not
   * necessarily the last parameter), with tangents named {@code x + suffix}.
   */
  public static Function hessianVector(
      Function gradientFunction, List<Var> wrt, Var gradient, String suffix) {
    Function f = UniqueNames.run(gradientFunction);
    ForwardMode fm = new ForwardMode(f, wrt, gradient, "v", suffix);
    return fm.run(f, GradientLayout.of(wrt));
  }

  /**
   * The tangent function of {@code primal} (exit-normalised, with unique names) with respect to
   * {@code wrt}.
   */
  public static Function transform(Function primal, List<Var> wrt) {
    return new ForwardMode(primal, wrt, null, "direction", "Dot")
        .run(primal, GradientLayout.of(wrt));
  }

  private Function run(Function f, GradientLayout layout) {
    List<Stmt> out = new ArrayList<>();
    if (output != null) {
      arrays.slice(output, outputTangent, Expr.Const.ofInt(0));
    }
    Var returned = null;
    if (f.returnType().isArray()) {
      // an array-valued function: the tangent of the returned array goes into an output parameter
      returned = ((Ref) ((Stmt.Return) f.body().get(f.body().size() - 1)).value()).var();
      arrays.register(returned, resultTangent);
      out.add(new Stmt.Fill(Exprs.ref(resultTangent), Exprs.num(0)));
      checkTangentLength = returned;
    }
    for (GradientLayout.Slot s : layout.slots()) {
      Var p = s.param();
      if (!activity.isActive(p)) {
        continue;
      }
      if (p.type().isMatrix()) {
        out.addAll(arrays.matrixSlice(p, direction, s.offset()));
      } else if (p.type().isArray()) {
        arrays.slice(p, direction, s.offset());
      } else {
        Expr d = new Index(Exprs.ref(direction), s.offset());
        out.add(
            new Stmt.Declare(
                tangent(p), p.type() == Type.FLOAT ? new Expr.Cast(Type.FLOAT, d) : d));
      }
    }
    for (Var p : f.params()) {
      if (activity.isActive(p) && p.type().isArray() && !arrays.has(p)) {
        out.addAll(arrays.local(p)); // data overwritten with values depending on the inputs
      } else if (activity.isActive(p) && !p.type().isArray() && !tangents.containsKey(p)) {
        out.add(
            new Stmt.Declare(tangent(p), Expr.Const.zero(p.type()))); // data reassigned likewise
      }
    }
    out.addAll(block(f.body()));
    Signature signature = f.signature().with(Role.DIRECTION, direction);
    if (output != null) {
      return new Function(
          f.name().replace("ValueAndGradient", "") + "HessianVector",
          signature.with(Role.HESSIAN_VECTOR, outputTangent),
          f.returnType(),
          out);
    }
    if (returned != null) {
      return new Function(
          f.name() + "Tangent", signature.with(Role.TANGENT, resultTangent), f.returnType(), out);
    }
    return new Function(f.name() + "Tangent", signature, Type.DOUBLE, out);
  }

  private List<Stmt> block(List<Stmt> stmts) {
    List<Stmt> out = new ArrayList<>();
    for (Stmt s : stmts) {
      out.addAll(stmt(s));
    }
    return out;
  }

  private List<Stmt> stmt(Stmt s) {
    if (s instanceof Stmt.Declare d) {
      Var v = d.var();
      if (!activity.isActive(v)) {
        return List.of(s);
      }
      if (!v.type().isArray()) {
        Expr t = d.init() == null ? null : tangentOf(d.init());
        return List.of(
            new Stmt.Declare(
                tangent(v), t == null ? Expr.Const.zero(v.type()) : narrow(t, v.type())),
            s);
      }
      List<Stmt> out = new ArrayList<>(List.of(s));
      if (arrays.has(v)) {
        if (v.equals(checkTangentLength)) {
          out.add(
              new Stmt.Require(
                  Exprs.binary(
                      BinOp.EQ,
                      new Expr.Length(Exprs.ref(resultTangent)),
                      new Expr.Length(Exprs.ref(v))),
                  resultTangent.name() + " must have the result's length"));
        }
        return out; // the returned array: its tangent is the output parameter
      }
      if (d.init() instanceof Expr.NewMatrix m && m.cols() == null) {
        // rows come later, one store at a time (an adjoint matrix of the reverse sweep)
        Var t = arrays.register(v);
        out.add(
            new Stmt.Declare(t, new Expr.NewMatrix(v.type(), new Expr.Length(Exprs.ref(v)), null)));
        return out;
      }
      Optional<List<Stmt>> alias =
          d.init() == null
                  || d.init() instanceof Expr.NewArray
                  || d.init() instanceof Expr.NewMatrix
              ? Optional.empty()
              : arrays.alias(v, d.init());
      out.addAll(alias.orElseGet(() -> arrays.local(v)));
      return out;
    }
    if (s instanceof Stmt.Assign a
        && a.var().type().isArray()
        && a.value() instanceof Expr.CopyOf c
        && arrays.localArray(a.var()).isPresent()) {
      // storage growing: its tangent grows with it
      Var t = arrays.localArray(a.var()).get();
      return List.of(new Stmt.Assign(t, new Expr.CopyOf(Exprs.ref(t), c.length())), s);
    }
    if (s instanceof Stmt.Store st
        && st.value() instanceof Expr.NewArray row
        && st.array() instanceof Ref m
        && arrays.localArray(m.var()).isPresent()) {
      Var t = arrays.localArray(m.var()).get();
      return List.of(
          s, new Stmt.Store(Exprs.ref(t), st.index(), new Expr.NewArray(row.type(), row.size())));
    }
    if (s instanceof Stmt.Assign a && activity.isActive(a.var()) && !a.var().type().isArray()) {
      Expr t = tangentOf(a.value());
      return List.of(
          new Stmt.Assign(
              tangent(a.var()),
              t == null ? Expr.Const.zero(a.var().type()) : narrow(t, a.var().type())),
          s);
    }
    if (s instanceof Stmt.Store st
        && Exprs.root(st.array()) != null
        && activity.isActive(Exprs.root(st.array()))) {
      Optional<Target> target = arrays.element(st.array(), st.index());
      if (target.isPresent()) {
        Expr t = tangentOf(st.value());
        Type element = target.get().array().type().elementType();
        return List.of(
            new Stmt.Store(
                target.get().array(),
                target.get().index(),
                t == null ? Expr.Const.zero(element) : narrow(t, element)),
            s);
      }
      return List.of(s);
    }
    if (s instanceof Stmt.If i
        && i.guard()
        && !(i.cond() instanceof Expr.Const)) { // a constant one is decided
      return List.of(guard(i));
    }
    if (s instanceof Stmt.If i) {
      return List.of(i.with(block(i.then()), block(i.otherwise())));
    }
    if (s instanceof Stmt.For f) {
      return List.of(
          new Stmt.For(f.index(), f.from(), f.cmp(), f.bound(), f.step(), block(f.body())));
    }
    if (s instanceof Stmt.While w) {
      return List.of(new Stmt.While(w.cond(), block(w.body())));
    }
    if (s instanceof Stmt.Fill fl
        && Exprs.root(fl.array()) != null
        && activity.isActive(Exprs.root(fl.array()))) {
      Optional<Target> whole = arrays.element(fl.array(), Expr.Const.ofInt(0));
      if (whole.isPresent() && whole.get().array() instanceof Ref r) {
        return List.of(new Stmt.Fill(r, Expr.Const.zero(r.type().elementType())), s);
      }
      return List.of(s);
    }
    if (s instanceof Stmt.Return && (output != null || resultTangent != null)) {
      return List.of(s); // a Hessian-vector product, or an array-valued tangent, returns the value
    }
    if (s instanceof Stmt.Return r) {
      Expr t = tangentOf(r.value());
      return List.of(new Stmt.Return(t == null ? Exprs.num(0) : t));
    }
    if (s instanceof Stmt.Assign
        || s instanceof Stmt.Store
        || s instanceof Stmt.Fill
        || s instanceof Stmt.Require
        || s instanceof Stmt.Comment) {
      return List.of(s); // an inactive target, or nothing a derivative flows through
    }
    throw new IllegalStateException("unknown statement: " + s);
  }

  /**
   * An adjoint guard {@code if (X != 0)}: its tangent code must also run where X is exactly zero
   * but its tangent is not (see {@link Guards}).
   */
  private Stmt.If guard(Stmt.If i) {
    Expr guarded = Guards.guardedValue(i);
    List<Stmt> then = block(i.then());
    List<Stmt> otherwise = new ArrayList<>(block(i.otherwise()));
    Expr t = tangentOf(guarded);
    if (t != null) {
      List<Stmt> whenZero = Guards.whenZero(then, guarded, primal, names);
      if (!whenZero.isEmpty()) {
        otherwise.add(
            new Stmt.If(
                Exprs.binary(BinOp.NE, t, Expr.Const.zero(t.type())), whenZero, List.of(), true));
      }
    }
    return i.with(then, otherwise);
  }

  private static Expr narrow(Expr t, Type to) {
    return t.type() == to || Type.assignable(t.type(), to) ? t : new Expr.Cast(to, t);
  }

  /** The tangent of {@code e}, or null when it is zero. */
  Expr tangentOf(Expr e) {
    if (!e.type().isFloating()) {
      return null;
    }
    if (e instanceof Ref r) {
      return activity.isActive(r.var()) ? Exprs.ref(tangent(r.var())) : null;
    }
    if (e instanceof Index ix) {
      Var root = Exprs.root(ix.array());
      if (root == null || !activity.isActive(root)) {
        return null;
      }
      // a float element's tangent is a float, also where it is read from a double direction
      return arrays
          .element(ix.array(), ix.index())
          .map(t -> narrow(new Index(t.array(), t.index()), ix.type()))
          .orElse(null);
    }
    if (e instanceof Expr.Unary u) {
      Expr t = tangentOf(u.operand());
      return t == null ? null : Exprs.neg(t);
    }
    if (e instanceof Expr.Cast c) {
      Expr t = tangentOf(c.operand());
      return t == null ? null : new Expr.Cast(c.type(), t);
    }
    if (e instanceof Expr.Binary b) {
      return binary(b);
    }
    if (e instanceof Expr.Call c) {
      Expr sum = null;
      for (int j = 0; j < c.args().size(); j++) {
        Expr t = tangentOf(c.args().get(j));
        Expr part = t == null ? null : Partials.contribution(c, j, t, c);
        sum = plus(sum, part);
      }
      return sum;
    }
    if (e instanceof Expr.Invoke i) {
      Expr sum = null;
      for (int j = 0; j < i.args().size(); j++) {
        Expr t = tangentOf(i.args().get(j));
        if (t != null && i.partials().get(j) != null) {
          Expr partial =
              new Expr.Invoke(
                  i.partials().get(j),
                  i.args(),
                  Type.DOUBLE,
                  Collections.nCopies(i.args().size(), null));
          sum = plus(sum, Exprs.mul(t, partial));
        }
      }
      return sum;
    }
    if (e instanceof Expr.Cond c) {
      Expr a = tangentOf(c.then());
      Expr b = tangentOf(c.otherwise());
      if (a == null && b == null) {
        return null;
      }
      return Exprs.cond(c.cond(), a == null ? Exprs.num(0) : a, b == null ? Exprs.num(0) : b);
    }
    if (e instanceof Expr.Const) {
      return null;
    }
    // the other kinds are never floating (lengths, allocations)
    throw new IllegalStateException("unknown expression: " + e);
  }

  private Expr binary(Expr.Binary b) {
    if (!b.op().isArithmetic()) {
      return null;
    }
    Expr tl = tangentOf(b.left());
    Expr tr = tangentOf(b.right());
    if (tl == null && tr == null) {
      return null;
    }
    Expr l = b.left();
    Expr r = b.right();
    return switch (b.op()) {
      case ADD -> plus(tl, tr);
      case SUB -> tr == null ? tl : tl == null ? Exprs.neg(tr) : Exprs.sub(tl, tr);
      case MUL -> plus(tl == null ? null : Exprs.mul(tl, r), tr == null ? null : Exprs.mul(l, tr));
      case DIV ->
          plus(
              tl == null ? null : Exprs.div(tl, r),
              tr == null ? null : Exprs.neg(Exprs.div(Exprs.mul(l, tr), Exprs.mul(r, r))));
      default -> null;
    };
  }

  private static Expr plus(Expr a, Expr b) {
    if (a == null) {
      return b;
    }
    return b == null ? a : Exprs.binary(BinOp.ADD, a, b);
  }

  private Var tangent(Var v) {
    return tangents.computeIfAbsent(
        v, k -> names.fresh(k.name() + suffix, k.type() == Type.FLOAT ? Type.FLOAT : Type.DOUBLE));
  }
}
