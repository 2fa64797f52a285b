package dev.adjoint;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a static numeric method whose derivatives Adjoint generates at compile time.
 *
 * <p>For {@code static double m(P1 p1, ..., Pk pk)} declared in class {@code Owner}, the annotation
 * processor writes {@code OwnerDerivatives} in the same package with plain-Java derivative code (no
 * tape, no reflection):
 *
 * <ul>
 *   <li>{@code double mValueAndGradient(p1, ..., pk, double[] gradient)} returns {@code m}'s value
 *       and <em>overwrites</em> {@code gradient} with the partial derivatives with respect to the
 *       differentiated parameters, in <em>flat layout</em>: the differentiated parameters in
 *       declaration order, a {@code double} or {@code float} taking one slot, a {@code double[]}
 *       all of its elements in index order, a {@code double[][]} all of its elements row by row
 *       ({@code m[0][0], m[0][1], ..., m[1][0], ...}). Gradients are {@code double} arrays also for
 *       {@code float} parameters. A {@code gradient} of the wrong length is an {@link
 *       IllegalArgumentException}.
 *   <li>{@code MGradient mGradient(p1, ..., pk)} returns a record {@code MGradient(double value,
 *       ...)} with one component per differentiated parameter, named like it.
 *   <li>{@code double mTangent(p1, ..., pk, double[] direction)}: forward mode, the directional
 *       derivative along {@code direction} (flat layout).
 *   <li>With {@code order = 2}: {@code mHessianVector(p1, ..., pk, double[] v, double[] gradient,
 *       double[] hv)} and {@code mHessian(p1, ..., pk, double[] gradient, double[][] hessian)}.
 *   <li>For {@code double[] m(...)}: {@code mPullback}, {@code mTangent} (Jacobian-vector product)
 *       and {@code mJacobian} instead.
 * </ul>
 *
 * <p>The method body must stay inside the supported language (see the project README); anything
 * else is reported as a coded {@code [ADnnn]} compile error at the offending expression.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Differentiable {

  /**
   * Names of the parameters to differentiate with respect to. Empty (the default) means every
   * {@code double}, {@code float}, {@code double[]} and {@code double[][]} parameter that is not
   * marked {@link NoDerivative}; {@code int}, {@code long}, {@code boolean} and {@code int[]}
   * parameters are never differentiated. Naming a parameter that does not exist (AD205), or one of
   * another type or marked {@code @NoDerivative} (AD206), is a compile error; so is a method with
   * no parameter to differentiate (AD209).
   *
   * @return the differentiated parameters' names; their order does not matter, the flat layout
   *     always follows declaration order
   */
  String[] wrt() default {};

  /**
   * Highest derivative order to generate: 1 for gradients and tangents, 2 to add the Hessian-vector
   * product and the full Hessian (forward mode over the reverse-mode gradient). Other values, and 2
   * on an array-valued method, are a coded compile error (AD207).
   *
   * @return 1 or 2
   */
  int order() default 1;

  /**
   * How many snapshots of a loop's state the reverse sweep may keep: 0 (the default) stores what
   * every iteration needs, so memory grows with the number of iterations; {@code N > 0} bounds
   * every loop whose storage grows with its trip count to at most {@code N} snapshots of the state
   * it carries from one iteration to the next, and recomputes the rest from them (binomial
   * checkpointing, Griewank and Walther's revolve; a {@code while} loop is scheduled the same way
   * once its forward sweep has counted its iterations). The gradient is the same up to rounding
   * order; time grows slowly as {@code N} shrinks (about four recomputations of each step for 20
   * 000 steps and {@code N = 32}). A negative value is a compile error (AD210).
   *
   * @return 0 to store everything, or the number of snapshots per loop
   */
  int checkpoints() default 0;
}
