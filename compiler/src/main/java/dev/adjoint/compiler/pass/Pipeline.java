package dev.adjoint.compiler.pass;

import dev.adjoint.compiler.ir.Applies;
import dev.adjoint.compiler.ir.Expr;
import dev.adjoint.compiler.ir.Function;
import dev.adjoint.compiler.ir.Signature.Role;
import dev.adjoint.compiler.ir.Var;
import dev.adjoint.compiler.pass.ad.ForwardMode;
import dev.adjoint.compiler.pass.ad.Hessians;
import dev.adjoint.compiler.pass.ad.ReverseMode;
import dev.adjoint.compiler.pass.cleanup.AccumulationFolding;
import dev.adjoint.compiler.pass.cleanup.CommonSubexpressionElimination;
import dev.adjoint.compiler.pass.cleanup.ConstantPropagation;
import dev.adjoint.compiler.pass.cleanup.CopyPropagation;
import dev.adjoint.compiler.pass.cleanup.DeadCodeElimination;
import dev.adjoint.compiler.pass.cleanup.InvariantFactors;
import dev.adjoint.compiler.pass.cleanup.LoopFusion;
import dev.adjoint.compiler.pass.cleanup.ScaleHoisting;
import dev.adjoint.compiler.pass.cleanup.Simplify;
import dev.adjoint.compiler.pass.normalise.ExitNormalisation;
import dev.adjoint.compiler.pass.normalise.UniqueNames;
import dev.adjoint.compiler.pass.storage.HoistAllocations;
import dev.adjoint.compiler.pass.storage.LoopResults;
import dev.adjoint.compiler.pass.storage.NamedCalls;
import dev.adjoint.compiler.pass.storage.RestoredInputs;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The explicit pass pipeline, and the only place that orders passes. For one method:
 *
 * <ol>
 *   <li>{@link #normalise}: exits made structured ({@link ExitNormalisation}); the primal the
 *       checks and the emitter see;
 *   <li>{@link UniqueNames} once, shared by both modes;
 *   <li>reverse mode: {@link NamedCalls}, {@link LoopResults}, {@link ReverseMode}, then the
 *       clean-ups to a fixpoint, {@link LoopFusion}, {@link CommonSubexpressionElimination}, {@link
 *       ScaleHoisting}, {@link HoistAllocations};
 *   <li>forward mode: {@link ForwardMode}, clean-ups, {@link InvariantFactors}, common
 *       subexpressions, scale hoisting, {@link RestoredInputs};
 *   <li>with {@code order = 2}, forward mode over the finished gradient of step 3 (not built
 *       again): the Hessian-vector product, and the full Hessian ({@link Hessians});
 *   <li>last, {@link #helpers}: the recursive helpers the functions above call, and the derivatives
 *       of them they call, each built once by the same transforms (closed under calls: a tangent of
 *       a tangent for the Hessian).
 * </ol>
 *
 * <p>Every step is a pure IR → IR function. {@link #derivatives} runs them all for the processor;
 * the single-function entry points ({@link #gradient}, {@link #tangent}, ...) start from a lowered
 * function and are for tests and tools.
 */
public final class Pipeline {
  private static final int MAX_ROUNDS = 20;

  private Pipeline() {}

  /**
   * What is generated for one method; {@code secondOrder} only with {@code order = 2}; {@code
   * helpers} are the functions of the program they call (recursive helpers and their tangents).
   */
  public record Derivatives(
      Function gradient,
      Function tangent,
      Optional<SecondOrder> secondOrder,
      List<Function> helpers) {
    public Derivatives {
      helpers = List.copyOf(helpers);
    }
  }

  /**
   * The functions of {@code @Differentiable(order = 2)}: the Hessian-vector product, and the full
   * Hessian (one unrolled pass, or the row function behind a loop over the rows).
   */
  public record SecondOrder(Function hessianVector, Function hessian) {
    public SecondOrder {
      Objects.requireNonNull(hessianVector);
      Objects.requireNonNull(hessian);
    }
  }

  /** The lowered function with its exits made structured: the primal every mode starts from. */
  public static Function normalise(Function lowered) {
    return ExitNormalisation.run(lowered);
  }

  /** Every derivative of the normalised {@code primal} the method asks for, each built once. */
  public static Derivatives derivatives(Function primal, List<Var> wrt, int order) {
    return derivatives(primal, wrt, order, List.of());
  }

  /**
   * As {@link #derivatives(Function, List, int)} for a method calling the recursive {@code helpers}
   * (as lowered): they and the tangents of them the derivatives call come with the result.
   */
  public static Derivatives derivatives(
      Function primal, List<Var> wrt, int order, List<Function> helpers) {
    return derivatives(primal, wrt, order, helpers, 0);
  }

  /**
   * As {@link #derivatives(Function, List, int, List)} with loops reversed from at most {@code
   * checkpoints} snapshots each (0: every iteration stored); the Hessian-vector product, forward
   * mode over the gradient, keeps the same bound.
   */
  public static Derivatives derivatives(
      Function primal, List<Var> wrt, int order, List<Function> helpers, int checkpoints) {
    Set<Var> userVars = primal.variables();
    Function unique = UniqueNames.run(primal);
    Function gradient = cleanGradient(reverse(unique, wrt, checkpoints), userVars);
    Function tangent = cleanTangent(ForwardMode.transform(unique, wrt), userVars);
    if (order < 2) {
      return new Derivatives(
          gradient,
          tangent,
          Optional.empty(),
          helpers(helpers, List.of(primal, gradient, tangent)));
    }
    Function hessianVector = hessianVectorOf(gradient, wrt, userVars);
    Function hessian = hessianOf(gradient, wrt, hessianVector, userVars);
    return new Derivatives(
        gradient,
        tangent,
        Optional.of(new SecondOrder(hessianVector, hessian)),
        helpers(helpers, List.of(primal, gradient, tangent, hessianVector, hessian)));
  }

  /**
   * The functions of the program that {@code callers} call, directly or through each other: the
   * recursive helpers (exit-normalised, with the user's names) and, for each call of a derivative
   * of one, that derivative (a tangent, {@link ForwardMode#helperTangent}, or the gradient with
   * respect to an array, {@link ReverseMode#helperGradient}; cleaned up), in the order first
   * called.
   */
  public static List<Function> helpers(List<Function> lowered, List<Function> callers) {
    Map<String, Function> primals = new LinkedHashMap<>();
    lowered.forEach(h -> primals.put(h.name(), normalise(h)));
    Map<String, Function> out = new LinkedHashMap<>();
    Deque<Function> work = new ArrayDeque<>(callers);
    while (!work.isEmpty()) {
      for (Expr.Apply a : Applies.in(work.removeFirst())) {
        if (!out.containsKey(a.function())) {
          Function f = helper(a, primals, out);
          out.put(a.function(), f);
          work.add(f);
        }
      }
    }
    return List.copyOf(out.values());
  }

  private static Function helper(
      Expr.Apply a, Map<String, Function> primals, Map<String, Function> built) {
    if (a.of() == null) {
      Function f = primals.get(a.function());
      if (f == null) {
        throw new IllegalStateException("no recursive helper " + a.function());
      }
      return f;
    }
    String name = a.of().base();
    Function base = built.containsKey(name) ? built.get(name) : primals.get(name);
    if (base == null) {
      throw new IllegalStateException("the derivative " + a.function() + " of an unknown function");
    }
    Function unique = UniqueNames.run(base);
    Function f =
        switch (a.of().kind()) {
          case TANGENT -> ForwardMode.helperTangent(unique, a.of().wrt());
          case GRADIENT -> {
            Var array = unique.params().get(a.of().wrt().get(0));
            yield ReverseMode.helperGradient(reverse(unique, List.of(array)), array, a.function());
          }
        };
    Set<Var> userVars = base.variables();
    f = cleanUp(f, userVars);
    return cleanUp(CommonSubexpressionElimination.run(f), userVars);
  }

  /**
   * Reverse mode before any clean-up, of a function with unique names: the reference whose results
   * the clean-up passes must not change.
   */
  public static Function reverse(Function unique, List<Var> wrt) {
    return reverse(unique, wrt, 0);
  }

  /** {@link #reverse(Function, List)} with at most {@code checkpoints} snapshots per loop. */
  public static Function reverse(Function unique, List<Var> wrt, int checkpoints) {
    return ReverseMode.transform(LoopResults.run(NamedCalls.run(unique, wrt)), wrt, checkpoints);
  }

  /** {@link #reverse} of a lowered function: the un-cleaned gradient, for tests. */
  public static Function naiveGradient(Function lowered, List<Var> wrt) {
    return reverse(UniqueNames.run(normalise(lowered)), wrt);
  }

  /** The value-and-gradient function of a lowered function, cleaned up. */
  public static Function gradient(Function lowered, List<Var> wrt) {
    return gradient(lowered, wrt, 0);
  }

  /** As {@link #gradient(Function, List)} with at most {@code checkpoints} snapshots per loop. */
  public static Function gradient(Function lowered, List<Var> wrt, int checkpoints) {
    Function primal = normalise(lowered);
    return cleanGradient(reverse(UniqueNames.run(primal), wrt, checkpoints), primal.variables());
  }

  /** The Hessian-vector product over the gradient with at most {@code checkpoints} per loop. */
  public static Function hessianVector(Function lowered, List<Var> wrt, int checkpoints) {
    return hessianVectorOf(
        gradient(lowered, wrt, checkpoints), wrt, normalise(lowered).variables());
  }

  /** The tangent (directional derivative) function of a lowered function, cleaned up. */
  public static Function tangent(Function lowered, List<Var> wrt) {
    Function primal = normalise(lowered);
    return cleanTangent(ForwardMode.transform(UniqueNames.run(primal), wrt), primal.variables());
  }

  /** The Hessian-vector product function of a lowered function. */
  public static Function hessianVector(Function lowered, List<Var> wrt) {
    return hessianVectorOf(gradient(lowered, wrt), wrt, normalise(lowered).variables());
  }

  /** The full Hessian function of a lowered function, given its Hessian-vector product. */
  public static Function hessian(Function lowered, List<Var> wrt, Function hessianVector) {
    return hessianOf(gradient(lowered, wrt), wrt, hessianVector, normalise(lowered).variables());
  }

  private static Function cleanGradient(Function reverse, Set<Var> userVars) {
    Function f = cleanUp(reverse, userVars);
    f = LoopFusion.run(f);
    f = cleanUp(f, userVars);
    f = cleanUp(CommonSubexpressionElimination.run(f), userVars);
    f = cleanUp(ScaleHoisting.run(f), userVars);
    return HoistAllocations.run(f);
  }

  private static Function cleanTangent(Function forward, Set<Var> userVars) {
    Function f = cleanUp(forward, userVars);
    // the tangent returns no primal value: its products may be re-associated (see InvariantFactors)
    f = cleanUp(CommonSubexpressionElimination.run(InvariantFactors.run(f)), userVars);
    f = cleanUp(ScaleHoisting.run(f), userVars);
    // a Jacobian-vector product writes its tangent parameter on purpose; everything else is
    // restored
    Set<Var> outputs =
        f.signature().has(Role.TANGENT) ? Set.of(f.signature().get(Role.TANGENT)) : Set.of();
    return RestoredInputs.run(f, outputs);
  }

  /**
   * The Hessian-vector product function: forward mode applied to the finished reverse-mode function
   * (the passes compose), then the usual clean-ups.
   */
  private static Function hessianVectorOf(Function gradient, List<Var> wrt, Set<Var> userVars) {
    Function f = cleanUp(ForwardMode.hessianVector(gradient, wrt), userVars);
    return cleanUp(CommonSubexpressionElimination.run(f), userVars);
  }

  /**
   * The full Hessian: one pass over all unit directions for scalar inputs, else the row function
   * (the Hessian-vector product {@code hessianVector} along the k-th unit direction). See {@link
   * Hessians}.
   */
  private static Function hessianOf(
      Function gradient, List<Var> wrt, Function hessianVector, Set<Var> userVars) {
    if (!Hessians.unrolled(wrt)) {
      return cleanUp(Hessians.row(hessianVector, wrt), userVars);
    }
    Function f = Hessians.allRows(gradient, wrt, g -> cleanUp(g, userVars));
    f = cleanUp(CommonSubexpressionElimination.run(f), userVars);
    if (Hessians.size(f) > Hessians.MAX_UNROLLED_NODES) {
      // too big for the JIT as one method
      return cleanUp(Hessians.row(hessianVector, wrt), userVars);
    }
    return f;
  }

  /**
   * Simplification, accumulation merging, copy and constant propagation and dead code, to a
   * fixpoint.
   */
  public static Function cleanUp(Function f, Set<Var> userVars) {
    for (int round = 0; round < MAX_ROUNDS; round++) {
      Function next = Simplify.run(f);
      next = AccumulationFolding.run(next);
      next = CopyPropagation.run(next, userVars);
      next = ConstantPropagation.run(next, userVars);
      next = DeadCodeElimination.run(next);
      if (next.equals(f)) {
        return next;
      }
      f = next;
    }
    return f;
  }
}
