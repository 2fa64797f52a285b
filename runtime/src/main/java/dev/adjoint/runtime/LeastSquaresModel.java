package dev.adjoint.runtime;

/**
 * The residual model behind {@link LevenbergMarquardt}: evaluates trial points, keeps the residuals
 * and Jacobian of the accepted point, and forms the normal equations, in arrays allocated once. The
 * residuals users return are copied, so a model may reuse its array.
 */
abstract sealed class LeastSquaresModel {

  final int residualCount;
  double[] residuals;
  double[] trialResiduals;
  double[][] jacobian;
  int evaluations;

  LeastSquaresModel(int residualCount, int n) {
    if (residualCount < 1) {
      throw new IllegalArgumentException("residualCount must be at least 1, got " + residualCount);
    }
    this.residualCount = residualCount;
    this.residuals = new double[residualCount];
    this.trialResiduals = new double[residualCount];
    this.jacobian = new double[residualCount][n];
  }

  /** Evaluates the residuals at {@code x} as the trial and returns their sum of squares. */
  abstract double evaluate(double[] x);

  /** Makes the last trial, at {@code x}, the current point, with its Jacobian. */
  abstract void accept(double[] x);

  /** The number of calls made to the user's functions. */
  int evaluations() {
    return evaluations;
  }

  /** Copies the user's residuals into the trial array and returns their sum of squares. */
  final double keep(double[] r) {
    if (r == null) {
      throw new NullPointerException("the model returned null residuals");
    }
    if (r.length != residualCount) {
      throw new IllegalArgumentException(
          "the model returned " + r.length + " residuals, expected " + residualCount);
    }
    System.arraycopy(r, 0, trialResiduals, 0, residualCount);
    double sum = 0;
    for (double ri : r) {
      sum += ri * ri;
    }
    return sum;
  }

  final void swapResiduals() {
    double[] t = residuals;
    residuals = trialResiduals;
    trialResiduals = t;
  }

  /** Overwrites {@code normal} with {@code JᵀJ} and {@code gradient} with {@code 2 Jᵀr}. */
  final void normalEquations(double[][] normal, double[] gradient) {
    int n = gradient.length;
    for (int j = 0; j < n; j++) {
      double g = 0;
      for (int i = 0; i < residualCount; i++) {
        g += jacobian[i][j] * residuals[i];
      }
      gradient[j] = 2 * g;
      for (int k = 0; k <= j; k++) {
        double a = 0;
        for (int i = 0; i < residualCount; i++) {
          a += jacobian[i][j] * jacobian[i][k];
        }
        normal[j][k] = a;
        normal[k][j] = a;
      }
    }
  }

  /** Residuals and Jacobian from one call: trials fill a second Jacobian, swapped on acceptance. */
  static final class Combined extends LeastSquaresModel {
    private final LevenbergMarquardt.ResidualsAndJacobian model;
    private double[][] trialJacobian;

    Combined(LevenbergMarquardt.ResidualsAndJacobian model, int residualCount, int n) {
      super(residualCount, n);
      this.model = model;
      this.trialJacobian = new double[residualCount][n];
    }

    @Override
    double evaluate(double[] x) {
      evaluations++;
      return keep(model.residuals(x, trialJacobian));
    }

    @Override
    void accept(double[] x) {
      swapResiduals();
      double[][] t = jacobian;
      jacobian = trialJacobian;
      trialJacobian = t;
    }
  }

  /** Residuals and Jacobian from separate calls: the Jacobian only at accepted points. */
  static final class Separate extends LeastSquaresModel {
    private final LevenbergMarquardt.Residuals residualFunction;
    private final LevenbergMarquardt.Jacobian jacobianFunction;

    Separate(
        LevenbergMarquardt.Residuals residuals,
        LevenbergMarquardt.Jacobian jacobian,
        int residualCount,
        int n) {
      super(residualCount, n);
      this.residualFunction = residuals;
      this.jacobianFunction = jacobian;
    }

    @Override
    double evaluate(double[] x) {
      evaluations++;
      return keep(residualFunction.residuals(x));
    }

    @Override
    void accept(double[] x) {
      swapResiduals();
      evaluations++;
      jacobianFunction.jacobian(x, jacobian);
    }
  }
}
