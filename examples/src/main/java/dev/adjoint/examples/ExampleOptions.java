package dev.adjoint.examples;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The small command lines of {@link Rosenbrock}, {@link TwoMoons} and {@link DampedOscillator}:
 * options {@code --name value} or {@code --name=value} (a later occurrence overrides an earlier
 * one), flags {@code --name}, and {@code --help}. Blank arguments are ignored, so an empty {@code
 * -D…args=""} from Maven is harmless.
 */
final class ExampleOptions {

  private final Map<String, String> values;
  private final boolean help;

  private ExampleOptions(Map<String, String> values, boolean help) {
    this.values = values;
    this.help = help;
  }

  /**
   * Parses {@code args}.
   *
   * @param args the command line
   * @param options the names of the options that take a value, without {@code --}
   * @param flags the names of the options that take none, without {@code --}
   * @return the parsed command line
   * @throws IllegalArgumentException for an unknown option or a missing value
   */
  static ExampleOptions parse(String[] args, Set<String> options, Set<String> flags) {
    Map<String, String> values = new HashMap<>();
    boolean help = false;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i].strip();
      if (arg.isEmpty()) {
        continue;
      }
      if (arg.equals("--help") || arg.equals("-h")) {
        help = true;
        continue;
      }
      if (!arg.startsWith("--")) {
        throw new IllegalArgumentException("unexpected argument '" + arg + "'");
      }
      String name = arg.substring(2);
      String value = null;
      int eq = name.indexOf('=');
      if (eq >= 0) {
        value = name.substring(eq + 1);
        name = name.substring(0, eq);
      }
      if (flags.contains(name)) {
        if (value != null) {
          throw new IllegalArgumentException("option --" + name + " takes no value");
        }
        values.put(name, "true");
      } else if (options.contains(name)) {
        if (value == null) {
          if (i + 1 >= args.length) {
            throw new IllegalArgumentException("option --" + name + " needs a value");
          }
          value = args[++i].strip();
        }
        values.put(name, value);
      } else {
        throw new IllegalArgumentException("unknown option '" + arg + "'");
      }
    }
    return new ExampleOptions(values, help);
  }

  /** Whether {@code --help} was given. */
  boolean help() {
    return help;
  }

  /** Whether the flag {@code --name} was given. */
  boolean flag(String name) {
    return values.containsKey(name);
  }

  /** The value of {@code --name} as given, or {@code fallback}. */
  String getString(String name, String fallback) {
    return values.getOrDefault(name, fallback);
  }

  /** The value of {@code --name} as a double, or {@code fallback}. */
  double getDouble(String name, double fallback) {
    String v = values.get(name);
    if (v == null) {
      return fallback;
    }
    try {
      return Double.parseDouble(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("option --" + name + ": '" + v + "' is not a number");
    }
  }

  /**
   * The value of {@code --name} as a double that must be finite and positive, or {@code fallback}.
   */
  double getPositive(String name, double fallback) {
    double v = getDouble(name, fallback);
    if (!(v > 0) || Double.isInfinite(v)) {
      throw new IllegalArgumentException("option --" + name + " must be positive, got " + v);
    }
    return v;
  }

  /** The value of {@code --name} as an int of at least {@code min}, or {@code fallback}. */
  int getInt(String name, int fallback, int min) {
    String v = values.get(name);
    if (v == null) {
      return fallback;
    }
    int n;
    try {
      n = Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("option --" + name + ": '" + v + "' is not an integer");
    }
    if (n < min) {
      throw new IllegalArgumentException("option --" + name + " must be at least " + min);
    }
    return n;
  }

  /**
   * The value of {@code --name} as comma-separated doubles, as many as {@code fallback} has, or a
   * copy of {@code fallback}.
   */
  double[] getDoubles(String name, double[] fallback) {
    String v = values.get(name);
    if (v == null) {
      return fallback.clone();
    }
    String[] parts = v.split(",", -1);
    if (parts.length != fallback.length) {
      throw new IllegalArgumentException(
          "option --"
              + name
              + " needs "
              + fallback.length
              + " comma-separated values, got '"
              + v
              + "'");
    }
    double[] out = new double[parts.length];
    for (int i = 0; i < parts.length; i++) {
      try {
        out[i] = Double.parseDouble(parts[i].strip());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "option --" + name + ": '" + parts[i] + "' is not a number");
      }
    }
    return out;
  }

  /** The value of {@code --name} as a long, or {@code fallback}. */
  long getLong(String name, long fallback) {
    String v = values.get(name);
    if (v == null) {
      return fallback;
    }
    try {
      return Long.parseLong(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("option --" + name + ": '" + v + "' is not an integer");
    }
  }
}
