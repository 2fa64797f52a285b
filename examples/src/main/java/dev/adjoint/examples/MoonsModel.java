package dev.adjoint.examples;

import dev.adjoint.Differentiable;
import dev.adjoint.runtime.Adam;
import dev.adjoint.runtime.DifferentiableFunction;
import dev.adjoint.runtime.Result;
import dev.adjoint.runtime.StepListener;
import java.io.PrintStream;
import java.util.Locale;
import java.util.Random;

/**
 * The two-moons classifier of {@link TwoMoons} written as a model class: the weights are fields of
 * the object, the loss is an instance method, and {@code @Differentiable(wrt = {...})} names the
 * fields to differentiate.
 *
 * <p>The annotation processor writes {@code MoonsModelDerivatives.lossValueAndGradient(MoonsModel
 * self, double[][] x, int[] labels, double[] gradient)}: the receiver comes first, the fields are
 * read at entry (the private ones through {@code VarHandle}s), the private helper {@link #logit} is
 * inlined, and the gradient is in flat layout: the fields named in {@code wrt} in the order the
 * class declares them, {@code w1} row by row, then {@code b1}, {@code w2} and {@code b2}. The
 * processor also generates the packing of the fields into that flat vector and back ({@code
 * MoonsModelDerivatives.LossParameters}, used by {@link #parameters} and {@link #setParameters}),
 * and the objective over it ({@code lossObjective(this, x, labels)}).
 *
 * <p>Run it with {@code mvn -q -pl examples -am -Pmoons-model -DskipTests package} from the
 * repository root; options ({@link #USAGE}) go through {@code -DmoonsModel.args="--epochs 500"}.
 */
public final class MoonsModel {

  /** The usage text. */
  public static final String USAGE =
      String.join(
          "\n",
          "Usage: MoonsModel [options]",
          "  Trains a 2-"
              + TwoMoons.HIDDEN
              + "-1 tanh/sigmoid model class on a two-moons data set with Adam.",
          "  --points N   training points (default " + TwoMoons.POINTS + ")",
          "  --noise X    noise standard deviation (default " + TwoMoons.NOISE + ")",
          "  --hidden N   hidden units (default " + TwoMoons.HIDDEN + ")",
          "  --epochs N   full-batch Adam steps (default " + TwoMoons.EPOCHS + ")",
          "  --lr X       learning rate (default " + TwoMoons.LEARNING_RATE + ")",
          "  --seed N     seed of the data and the initial weights (default " + TwoMoons.SEED + ")",
          "  --every N    print the loss every N epochs (default " + TwoMoons.LOG_EVERY + ")",
          "  --help       print this text");

  /** The hidden layer's weights, one row {@code (w_j1, w_j2)} per hidden unit. */
  private final double[][] w1;

  /** The hidden layer's biases. */
  private final double[] b1;

  /** The output unit's weights, one per hidden unit. */
  private final double[] w2;

  /** The output unit's bias (not final: {@link #setParameters} writes it). */
  private double b2;

  /**
   * A model with copies of the given weights.
   *
   * @param w1 the hidden layer's weights, {@code hidden × 2}
   * @param b1 the hidden layer's biases
   * @param w2 the output unit's weights
   * @param b2 the output unit's bias
   */
  public MoonsModel(double[][] w1, double[] b1, double[] w2, double b2) {
    int hidden = b1.length;
    if (w1.length != hidden || w2.length != hidden) {
      throw new IllegalArgumentException(
          "w1 has " + w1.length + " rows, b1 " + hidden + " and w2 " + w2.length + " elements");
    }
    this.w1 = new double[hidden][];
    for (int j = 0; j < hidden; j++) {
      if (w1[j].length != 2) {
        throw new IllegalArgumentException("w1 row " + j + " has length " + w1[j].length);
      }
      this.w1[j] = w1[j].clone();
    }
    this.b1 = b1.clone();
    this.w2 = w2.clone();
    this.b2 = b2;
  }

  /**
   * Random initial weights, drawn exactly as {@link TwoMoons.Network#random}: {@code w1} and {@code
   * w2} with standard deviation {@code 1/sqrt(fan-in)}, biases zero.
   *
   * @param hidden the number of hidden units
   * @param random the source of the weights
   * @return the model
   */
  public static MoonsModel random(int hidden, Random random) {
    TwoMoons.Network n = TwoMoons.Network.random(hidden, random);
    return new MoonsModel(n.w1(), n.b1(), n.w2(), n.b2());
  }

  /**
   * The mean binary cross-entropy of the model's predicted probabilities against the labels, the
   * same expression as {@link TwoMoons#loss}.
   *
   * @param x the input points, one row {@code (x1, x2)} per point
   * @param labels the labels, 0 or 1
   * @return {@code -(1/n) Σ_i y_i log p_i + (1 - y_i) log(1 - p_i)}
   */
  @Differentiable(wrt = {"w1", "b1", "w2", "b2"})
  public double loss(double[][] x, int[] labels) {
    double total = 0;
    for (int i = 0; i < x.length; i++) {
      double p = sigmoid(logit(x[i]));
      double y = labels[i];
      total -= y * Math.log(p) + (1 - y) * Math.log(1 - p);
    }
    return total / x.length;
  }

  /**
   * The model's output before the final sigmoid, for one input point; inlined into the generated
   * gradient.
   *
   * @param input the input point
   * @return {@code b2 + Σ_j w2[j] tanh(b1[j] + Σ_k w1[j][k] input[k])}
   */
  private double logit(double[] input) {
    double z = b2;
    for (int j = 0; j < w2.length; j++) {
      double a = b1[j];
      for (int k = 0; k < input.length; k++) {
        a += w1[j][k] * input[k];
      }
      z += w2[j] * Math.tanh(a);
    }
    return z;
  }

  private static double sigmoid(double z) {
    return 1 / (1 + Math.exp(-z));
  }

  /**
   * The number of hidden units.
   *
   * @return {@code b1.length}
   */
  public int hidden() {
    return b1.length;
  }

  /**
   * The length of the flat parameter vector: {@code 2 hidden} weights of the hidden layer, {@code
   * hidden} biases, {@code hidden} output weights and the output bias.
   *
   * @return {@code 4 hidden + 1}
   */
  public int parameterCount() {
    return 4 * hidden() + 1;
  }

  /**
   * The weights in the generated gradient's flat layout: the {@code wrt} fields in declaration
   * order, {@code w1} row by row ({@code w1[0][0], w1[0][1], w1[1][0], …}), then {@code b1}, {@code
   * w2}, {@code b2}.
   *
   * @return a fresh array of {@link #parameterCount} values
   */
  public double[] parameters() {
    return MoonsModelDerivatives.LossParameters.of(this).pack();
  }

  /**
   * Overwrites the weights with a flat parameter vector, the inverse of {@link #parameters}.
   *
   * @param p the parameters in flat layout, of length {@link #parameterCount}
   */
  public void setParameters(double[] p) {
    MoonsModelDerivatives.LossParameters.of(this).unpack(p).assignTo(this);
  }

  /**
   * The training loss as a function of the flat parameter vector, for the runtime's optimizers. It
   * is the generated {@code MoonsModelDerivatives.lossObjective(this, x, labels)}: each evaluation
   * writes the point into this model's fields and calls the generated {@code
   * lossValueAndGradient(this, x, labels, gradient, workspace)}; it allocates nothing. After an
   * evaluation the model holds the point last evaluated.
   *
   * @param x the input points
   * @param labels the labels, 0 or 1
   * @return the loss and its gradient with respect to {@code w1, b1, w2, b2}
   */
  public DifferentiableFunction objective(double[][] x, int[] labels) {
    return MoonsModelDerivatives.lossObjective(this, x, labels);
  }

  /**
   * Trains this model in place with full-batch Adam.
   *
   * @param x the input points
   * @param labels the labels, 0 or 1
   * @param learningRate Adam's learning rate
   * @param epochs the number of steps (each over the whole training set)
   * @param log called at every epoch with the loss before the step (the model then holds the point
   *     of that loss), or null
   * @return the final loss
   */
  public double train(
      double[][] x, int[] labels, double learningRate, int epochs, StepListener log) {
    Result r =
        new Adam(learningRate, epochs).onStep(log).minimize(objective(x, labels), parameters());
    setParameters(r.point());
    return r.value();
  }

  /**
   * The predicted probability that {@code point} belongs to the lower moon.
   *
   * @param point the input {@code (x1, x2)}
   * @return the model's output, in [0, 1]
   */
  public double probability(double[] point) {
    return sigmoid(logit(point));
  }

  /**
   * The fraction of points classified correctly, predicting label 1 when the probability is above
   * 1/2.
   *
   * @param x the input points
   * @param labels the labels, 0 or 1
   * @return the accuracy, in [0, 1]
   */
  public double accuracy(double[][] x, int[] labels) {
    int correct = 0;
    for (int i = 0; i < x.length; i++) {
      int predicted = probability(x[i]) > 0.5 ? 1 : 0;
      if (predicted == labels[i]) {
        correct++;
      }
    }
    return (double) correct / x.length;
  }

  /**
   * The labels of a {@link TwoMoons.Data} set as integers.
   *
   * @param data the data set, with labels 0 or 1
   * @return the labels
   */
  public static int[] labels(TwoMoons.Data data) {
    int[] labels = new int[data.size()];
    for (int i = 0; i < labels.length; i++) {
      labels[i] = (int) data.y()[i];
    }
    return labels;
  }

  /**
   * Generates the data, trains a model as {@code args} say and prints the loss and the accuracy
   * every {@code --every} epochs, then the final figures. Same data, initial weights and steps as
   * {@link TwoMoons#run}.
   *
   * @param args the command line, see {@link #USAGE}
   * @param out where to print
   * @return the trained model
   */
  public static MoonsModel run(String[] args, PrintStream out) {
    ExampleOptions o = TwoMoons.options(args);
    int points = o.getInt("points", TwoMoons.POINTS, 2);
    double noise = o.getDouble("noise", TwoMoons.NOISE);
    int hidden = o.getInt("hidden", TwoMoons.HIDDEN, 1);
    int epochs = o.getInt("epochs", TwoMoons.EPOCHS, 0);
    double lr = o.getPositive("lr", TwoMoons.LEARNING_RATE);
    long seed = o.getLong("seed", TwoMoons.SEED);
    int every = o.getInt("every", TwoMoons.LOG_EVERY, 1);

    Random random = new Random(seed);
    TwoMoons.Data data = TwoMoons.moons(points, noise, random.nextLong());
    MoonsModel model = random(hidden, random);
    TwoMoons.Data test = TwoMoons.moons(TwoMoons.TEST_POINTS, noise, random.nextLong());
    double[][] x = data.x();
    int[] labels = labels(data);
    out.printf(
        Locale.ROOT,
        "Two moons, model class: %d points, noise %s, seed %d; 2-%d-1 (tanh, sigmoid),"
            + " %d parameters in fields w1, b1, w2, b2%n",
        points,
        noise,
        seed,
        hidden,
        model.parameterCount());
    out.printf(
        Locale.ROOT, "Training with full-batch Adam, learning rate %s, %d epochs%n", lr, epochs);
    out.println("epoch  loss      accuracy");
    double loss =
        model.train(
            x,
            labels,
            lr,
            epochs,
            s -> {
              if (s.iteration() % every == 0) {
                // The objective has just written the point into the model's fields.
                out.printf(
                    Locale.ROOT,
                    "%5d  %.6f  %.3f%n",
                    s.iteration(),
                    s.value(),
                    model.accuracy(x, labels));
              }
            });
    double accuracy = model.accuracy(x, labels);
    out.printf(Locale.ROOT, "final loss      %.6f%n", loss);
    out.printf(
        Locale.ROOT,
        "final accuracy  %.1f%% (%d of %d points)%n",
        100 * accuracy,
        Math.round(accuracy * points),
        points);
    out.printf(
        Locale.ROOT,
        "held-out        %.1f%% on %d fresh points from the same distribution%n",
        100 * model.accuracy(test.x(), labels(test)),
        TwoMoons.TEST_POINTS);
    return model;
  }

  /**
   * Runs the example.
   *
   * @param args see {@link #USAGE}
   */
  public static void main(String[] args) {
    try {
      if (TwoMoons.options(args).help()) {
        System.out.println(USAGE);
        return;
      }
      run(args, System.out);
    } catch (IllegalArgumentException e) {
      System.err.println("MoonsModel: " + e.getMessage());
      System.err.println(USAGE);
      System.exit(2);
    }
  }
}
