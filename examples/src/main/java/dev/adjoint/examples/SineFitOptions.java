package dev.adjoint.examples;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

/**
 * Command-line options of {@link SineFit}. Each option takes a value, written {@code --name value}
 * or {@code --name=value}; a later occurrence overrides an earlier one.
 *
 * @param init the initial {@code a, b, c, d}, or null to draw them from {@code seed}
 * @param seed the seed of the {@link Random} the initial values are drawn from
 * @param steps the number of gradient-descent steps
 * @param learningRate the learning rate
 * @param out the directory the PNG files are written to
 * @param help whether {@code --help} was given
 */
public record SineFitOptions(
    double[] init, long seed, int steps, double learningRate, Path out, boolean help) {

  /** The tutorial's learning rate. */
  public static final double DEFAULT_LEARNING_RATE = 1e-6;

  /** The tutorial's number of steps. */
  public static final int DEFAULT_STEPS = 2000;

  /** The seed used when neither {@code --init} nor {@code --seed} is given. */
  public static final long DEFAULT_SEED = 1;

  /** The usage text. */
  public static final String USAGE =
      String.join(
          "\n",
          "Usage: SineFit [options]",
          "  Fits y = a x^3 + b x^2 + c x + d to y = sin x on 2000 points of [-pi, pi] by plain",
          "  gradient descent on the sum of squared errors, as the PyTorch tutorial does.",
          "  --init A,B,C,D   initial coefficients (default: Random(seed).nextGaussian() x 4)",
          "  --seed N         seed for the initial coefficients (default " + DEFAULT_SEED + ")",
          "  --steps N        number of steps (default " + DEFAULT_STEPS + ")",
          "  --lr X           learning rate (default 1e-6)",
          "  --out DIR        directory for "
              + SineFitCharts.DATA_FILE
              + " and "
              + SineFitCharts.FIT_FILE
              + " (default: target)",
          "  --help           print this text");

  /**
   * Parses the command line.
   *
   * @param args the arguments of {@code main}
   * @return the options, defaults filled in
   * @throws IllegalArgumentException with a message naming the offending option
   */
  public static SineFitOptions parse(String... args) {
    double[] init = null;
    long seed = DEFAULT_SEED;
    int steps = DEFAULT_STEPS;
    double lr = DEFAULT_LEARNING_RATE;
    Path out = Path.of("target");
    boolean help = false;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (arg.equals("--help") || arg.equals("-h")) {
        help = true;
        continue;
      }
      String name = arg;
      String value;
      int eq = arg.indexOf('=');
      if (arg.startsWith("--") && eq > 0) {
        name = arg.substring(0, eq);
        value = arg.substring(eq + 1);
      } else if (i + 1 < args.length) {
        value = args[++i];
      } else {
        value = null;
      }
      switch (name) {
        case "--init" -> init = parseInit(require(name, value));
        case "--seed" -> seed = parseLong(name, require(name, value));
        case "--steps" -> steps = parseSteps(require(name, value));
        case "--lr" -> lr = parseLearningRate(require(name, value));
        case "--out" -> out = Path.of(require(name, value));
        default -> throw new IllegalArgumentException("unknown option '" + arg + "'");
      }
    }
    return new SineFitOptions(init, seed, steps, lr, out, help);
  }

  /**
   * The initial {@code a, b, c, d}: the {@code --init} values, or four standard normal draws from
   * {@code new Random(seed)} (as the tutorial draws them with {@code torch.randn}).
   *
   * @return a fresh array of four values
   */
  public double[] initialValues() {
    if (init != null) {
      return init.clone();
    }
    Random random = new Random(seed);
    double[] values = new double[4];
    for (int i = 0; i < 4; i++) {
      values[i] = random.nextGaussian();
    }
    return values;
  }

  /**
   * Describes where the initial values come from.
   *
   * @return e.g. {@code "--init 0.0,0.0,0.0,0.0"} or {@code "Random(1).nextGaussian()"}
   */
  public String initDescription() {
    if (init != null) {
      StringBuilder s = new StringBuilder("--init ");
      for (int i = 0; i < init.length; i++) {
        s.append(i == 0 ? "" : ",").append(init[i]);
      }
      return s.toString();
    }
    return "Random(" + seed + ").nextGaussian()";
  }

  private static String require(String name, String value) {
    if (value == null || value.isEmpty()) {
      throw new IllegalArgumentException(name + " needs a value");
    }
    return value;
  }

  private static double[] parseInit(String value) {
    String[] parts = value.split(",", -1);
    if (parts.length != 4) {
      throw new IllegalArgumentException(
          "--init needs 4 comma-separated numbers a,b,c,d, got '" + value + "'");
    }
    double[] init = new double[4];
    for (int i = 0; i < 4; i++) {
      init[i] = parseFinite("--init", parts[i].trim());
    }
    return init;
  }

  private static long parseLong(String name, String value) {
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " needs an integer, got '" + value + "'", e);
    }
  }

  private static int parseSteps(String value) {
    long steps = parseLong("--steps", value);
    if (steps < 0 || steps > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("--steps must be between 0 and 2^31-1, got " + value);
    }
    return (int) steps;
  }

  private static double parseLearningRate(String value) {
    double lr = parseFinite("--lr", value);
    if (!(lr > 0)) {
      throw new IllegalArgumentException("--lr must be positive, got " + value);
    }
    return lr;
  }

  private static double parseFinite(String name, String value) {
    double v;
    try {
      v = Double.parseDouble(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " needs a number, got '" + value + "'", e);
    }
    if (!Double.isFinite(v)) {
      throw new IllegalArgumentException(name + " needs a finite number, got '" + value + "'");
    }
    return v;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SineFitOptions other
        && Arrays.equals(init, other.init)
        && seed == other.seed
        && steps == other.steps
        && Double.compare(learningRate, other.learningRate) == 0
        && out.equals(other.out)
        && help == other.help;
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(init) * 31 + Long.hashCode(seed) * 17 + steps;
  }

  @Override
  public String toString() {
    return "SineFitOptions[init="
        + Arrays.toString(init)
        + ", seed="
        + seed
        + ", steps="
        + steps
        + ", learningRate="
        + learningRate
        + ", out="
        + out
        + ", help="
        + help
        + "]";
  }
}
