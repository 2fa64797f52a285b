package dev.adjoint.runtime;

import java.util.Arrays;
import org.hipparchus.exception.MathRuntimeException;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.linear.RealVector;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LeastSquaresBuilder;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LeastSquaresOptimizer;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LeastSquaresProblem;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LevenbergMarquardtOptimizer;
import org.hipparchus.util.Pair;

/**
 * Minimizes a sum of squared residuals {@code Σ r_i(p)²} with Hipparchus' {@link
 * LevenbergMarquardtOptimizer}, given the residuals and their Jacobian, such as those Adjoint
 * generates for an array-valued {@code @Differentiable} method {@code double[] m(…)}: {@code
 * mJacobian(…, double[][] jacobian)} returns the residuals and fills one Jacobian row per residual
 * (flat layout over the differentiated parameters), which is exactly {@link ResidualsAndJacobian}:
 *
 * <pre>{@code
 * LevenbergMarquardt.Result r =
 *     new LevenbergMarquardt()
 *         .minimize(
 *             x.length,
 *             (p, jacobian) -> FitDerivatives.residualsJacobian(p[0], p[1], p[2], p[3], x, y, jacobian),
 *             new double[] {0, 0, 0, 0});
 * }</pre>
 *
 * <p>The problem is given to Hipparchus with a target of zero, so its residuals are the model's
 * with the sign changed, which changes neither the cost nor the solution. The tolerances are
 * Hipparchus' ({@link LevenbergMarquardtOptimizer} documents them): the run stops when the relative
 * reduction of the cost, the relative change of the parameters, or the orthogonality between the
 * residuals and the Jacobian columns falls below its tolerance. Instances are immutable and may be
 * shared.
 */
public final class LevenbergMarquardt {

  /** The default tolerance on the relative reduction of the cost (Hipparchus' default). */
  public static final double DEFAULT_COST_RELATIVE_TOLERANCE = 1e-10;

  /** The default tolerance on the relative change of the parameters (Hipparchus' default). */
  public static final double DEFAULT_PARAMETER_RELATIVE_TOLERANCE = 1e-10;

  /** The default orthogonality tolerance (Hipparchus' default). */
  public static final double DEFAULT_ORTHO_TOLERANCE = 1e-10;

  /** The default limit on iterations, and on residual-and-Jacobian evaluations. */
  public static final int DEFAULT_MAX_ITERATIONS = 1000;

  private final int maxIterations;
  private final double costRelativeTolerance;
  private final double parameterRelativeTolerance;
  private final double orthoTolerance;

  /** An adapter with Hipparchus' default tolerances and {@link #DEFAULT_MAX_ITERATIONS}. */
  public LevenbergMarquardt() {
    this(
        DEFAULT_MAX_ITERATIONS,
        DEFAULT_COST_RELATIVE_TOLERANCE,
        DEFAULT_PARAMETER_RELATIVE_TOLERANCE,
        DEFAULT_ORTHO_TOLERANCE);
  }

  private LevenbergMarquardt(
      int maxIterations,
      double costRelativeTolerance,
      double parameterRelativeTolerance,
      double orthoTolerance) {
    if (maxIterations < 1) {
      throw new IllegalArgumentException("maxIterations must be at least 1, got " + maxIterations);
    }
    this.maxIterations = maxIterations;
    this.costRelativeTolerance =
        Checks.nonNegativeFinite("costRelativeTolerance", costRelativeTolerance);
    this.parameterRelativeTolerance =
        Checks.nonNegativeFinite("parameterRelativeTolerance", parameterRelativeTolerance);
    this.orthoTolerance = Checks.nonNegativeFinite("orthoTolerance", orthoTolerance);
  }

  /**
   * The iteration limit, also used as the limit on evaluations.
   *
   * @return the most iterations Hipparchus may make
   */
  public int maxIterations() {
    return maxIterations;
  }

  /**
   * Returns a copy with a different limit on iterations (and on evaluations).
   *
   * @param maxIterations at least 1
   * @return the new adapter, other settings kept
   */
  public LevenbergMarquardt withMaxIterations(int maxIterations) {
    return new LevenbergMarquardt(
        maxIterations, costRelativeTolerance, parameterRelativeTolerance, orthoTolerance);
  }

  /**
   * Returns a copy with different convergence tolerances.
   *
   * @param costRelativeTolerance stop when the relative reduction of the cost is below this
   * @param parameterRelativeTolerance stop when the relative change of the point is below this
   * @param orthoTolerance stop when the cosine between the residuals and every Jacobian column is
   *     below this
   * @return the new adapter, other settings kept
   */
  public LevenbergMarquardt withTolerances(
      double costRelativeTolerance, double parameterRelativeTolerance, double orthoTolerance) {
    return new LevenbergMarquardt(
        maxIterations, costRelativeTolerance, parameterRelativeTolerance, orthoTolerance);
  }

  /**
   * Minimizes the sum of squares of the residuals computed with their Jacobian in one call.
   *
   * @param residualCount the number of residuals m, at least 1
   * @param model returns the m residuals at a point and fills the m × n Jacobian it is given
   * @param start the starting point of n parameters, not modified
   * @return the point found and its residuals and cost
   * @throws IllegalArgumentException if the model returns the wrong number of residuals
   * @throws IllegalStateException if Hipparchus fails, e.g. runs out of iterations
   */
  public Result minimize(int residualCount, ResidualsAndJacobian model, double[] start) {
    if (model == null) {
      throw new NullPointerException("model");
    }
    int n = checkStart(start);
    int m = checkResidualCount(residualCount);
    return optimize(
        new LeastSquaresBuilder()
            .model(
                point -> {
                  double[][] jacobian = new double[m][n];
                  double[] residuals = model.residuals(point.toArray(), jacobian);
                  checkResiduals(residuals, m);
                  return new Pair<RealVector, org.hipparchus.linear.RealMatrix>(
                      new ArrayRealVector(residuals, false),
                      new Array2DRowRealMatrix(jacobian, false));
                }),
        m,
        start);
  }

  /**
   * Minimizes the sum of squares of residuals computed separately from their Jacobian.
   *
   * @param residualCount the number of residuals m, at least 1
   * @param residuals returns the m residuals at a point
   * @param jacobian fills the m × n Jacobian at a point
   * @param start the starting point of n parameters, not modified
   * @return the point found and its residuals and cost
   * @throws IllegalArgumentException if the model returns the wrong number of residuals
   * @throws IllegalStateException if Hipparchus fails, e.g. runs out of iterations
   */
  public Result minimize(
      int residualCount, Residuals residuals, Jacobian jacobian, double[] start) {
    if (residuals == null) {
      throw new NullPointerException("residuals");
    }
    if (jacobian == null) {
      throw new NullPointerException("jacobian");
    }
    int n = checkStart(start);
    int m = checkResidualCount(residualCount);
    return optimize(
        new LeastSquaresBuilder()
            .model(
                point -> {
                  double[] r = residuals.residuals(point);
                  checkResiduals(r, m);
                  return r;
                },
                point -> {
                  double[][] j = new double[m][n];
                  jacobian.jacobian(point, j);
                  return j;
                }),
        m,
        start);
  }

  private Result optimize(LeastSquaresBuilder builder, int m, double[] start) {
    LeastSquaresProblem problem =
        builder
            .target(new double[m])
            .start(start.clone())
            .maxIterations(maxIterations)
            .maxEvaluations(maxIterations)
            .lazyEvaluation(false)
            .build();
    LevenbergMarquardtOptimizer optimizer =
        new LevenbergMarquardtOptimizer()
            .withCostRelativeTolerance(costRelativeTolerance)
            .withParameterRelativeTolerance(parameterRelativeTolerance)
            .withOrthoTolerance(orthoTolerance);
    LeastSquaresOptimizer.Optimum optimum;
    try {
      optimum = optimizer.optimize(problem);
    } catch (MathRuntimeException e) {
      throw new IllegalStateException("Levenberg-Marquardt failed: " + e.getMessage(), e);
    }
    double[] residuals = optimum.getResiduals().mapMultiply(-1).toArray();
    return new Result(
        optimum.getPoint().toArray(),
        residuals,
        optimum.getCost(),
        optimum.getIterations(),
        optimum.getEvaluations());
  }

  private static int checkStart(double[] start) {
    if (start == null) {
      throw new NullPointerException("start is null");
    }
    if (start.length < 1) {
      throw new IllegalArgumentException("start must have at least 1 parameter");
    }
    return start.length;
  }

  private static int checkResidualCount(int residualCount) {
    if (residualCount < 1) {
      throw new IllegalArgumentException("residualCount must be at least 1, got " + residualCount);
    }
    return residualCount;
  }

  private static void checkResiduals(double[] residuals, int m) {
    if (residuals == null) {
      throw new NullPointerException("the model returned null residuals");
    }
    if (residuals.length != m) {
      throw new IllegalArgumentException(
          "the model returned " + residuals.length + " residuals, expected " + m);
    }
  }

  @Override
  public String toString() {
    return "LevenbergMarquardt[maxIterations="
        + maxIterations
        + ", costRelativeTolerance="
        + costRelativeTolerance
        + ", parameterRelativeTolerance="
        + parameterRelativeTolerance
        + ", orthoTolerance="
        + orthoTolerance
        + "]";
  }

  /** Residuals and Jacobian in one call, the shape of a generated {@code mJacobian}. */
  @FunctionalInterface
  public interface ResidualsAndJacobian {
    /**
     * Returns the residuals at {@code point} and overwrites {@code jacobian} with their Jacobian.
     *
     * @param point the parameters, only read
     * @param jacobian m rows of n columns: {@code jacobian[i][j] = ∂r_i / ∂p_j}
     * @return the m residuals (the array may be kept by the caller)
     */
    double[] residuals(double[] point, double[][] jacobian);
  }

  /** The residuals alone, such as a primal array-valued method with its data bound. */
  @FunctionalInterface
  public interface Residuals {
    /**
     * Returns the residuals at {@code point}.
     *
     * @param point the parameters, only read
     * @return the m residuals (the array may be kept by the caller)
     */
    double[] residuals(double[] point);
  }

  /** The Jacobian alone. */
  @FunctionalInterface
  public interface Jacobian {
    /**
     * Overwrites {@code jacobian} with the Jacobian of the residuals at {@code point}.
     *
     * @param point the parameters, only read
     * @param jacobian m rows of n columns: {@code jacobian[i][j] = ∂r_i / ∂p_j}
     */
    void jacobian(double[] point, double[][] jacobian);
  }

  /**
   * The outcome of {@link #minimize}.
   *
   * @param point the parameters found (a fresh array)
   * @param residuals the residuals there
   * @param cost the Euclidean norm of the residuals, Hipparchus' cost: {@code sqrt(Σ r_i²)}
   * @param iterations the iterations Hipparchus made
   * @param evaluations the residual-and-Jacobian evaluations Hipparchus made
   */
  public record Result(
      double[] point, double[] residuals, double cost, int iterations, int evaluations) {

    /**
     * The sum of squared residuals, the loss a least-squares fit minimizes.
     *
     * @return {@code cost() * cost()}
     */
    public double sumOfSquares() {
      return cost * cost;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Result r
          && Arrays.equals(point, r.point)
          && Arrays.equals(residuals, r.residuals)
          && Double.compare(cost, r.cost) == 0
          && iterations == r.iterations
          && evaluations == r.evaluations;
    }

    @Override
    public int hashCode() {
      int h = Arrays.hashCode(point);
      h = 31 * h + Double.hashCode(cost);
      h = 31 * h + iterations;
      return 31 * h + evaluations;
    }

    @Override
    public String toString() {
      return "LevenbergMarquardt.Result[cost="
          + cost
          + ", iterations="
          + iterations
          + ", evaluations="
          + evaluations
          + ", point="
          + Arrays.toString(point)
          + "]";
    }
  }
}
