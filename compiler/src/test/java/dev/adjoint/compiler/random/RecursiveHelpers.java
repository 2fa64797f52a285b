package dev.adjoint.compiler.random;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Recursive helper methods for a random program ({@link Construct#RECURSION}), generated from
 * templates with random bodies: power by squaring over an int, a recursive loop {@code f(x, k) = k
 * <= 0 ? base(x) : g(x, f(x, k - 1))} with a random smooth {@code g}, mutual recursion between two
 * such loops, divide and conquer over an int range, and, when the program has an array to pass, a
 * recursive Horner sum and divide and conquer over a read-only {@code double[]}. Every recursion is
 * bounded by a small int argument (or the array's length), so a call is cheap; bodies keep values
 * tame like the rest of the generator (bounded steps, products of bounded factors).
 *
 * <p>A helper is static, returns double, takes scalars and arrays and only reads its arrays, as the
 * compiler requires of recursive helpers (AD114).
 */
final class RecursiveHelpers {
  private RecursiveHelpers() {}

  /** How the caller fills one parameter of a helper. */
  enum Arg {
    /** Any double expression (an active argument). */
    DOUBLE,
    /** A recursion depth, an int in 0..5. */
    DEPTH,
    /** A {@code double[]} parameter of the calling method. */
    ARRAY,
    /** The start of a range: {@code 0}. */
    ZERO,
    /** The {@code length} of the preceding {@link #ARRAY} argument. */
    LENGTH
  }

  /**
   * A helper the program may call.
   *
   * @param name the method's name
   * @param args what each parameter receives, in order
   */
  record Callable(String name, List<Arg> args) {}

  /**
   * The helpers of one program.
   *
   * @param sources every method's source (the callable ones and what they call), one per element
   * @param callable the methods the program calls with double arguments
   * @param depth a recursive {@code int} method of one int in 0..5, whose result is in 0..3 (a
   *     recursion depth), or null
   */
  record Set(List<String> sources, List<Callable> callable, String depth) {}

  /** Random {@code g(x, t)}: one step of a recursive loop, not growing {@code t} much. */
  private static final String[] STEPS = {
    "Math.sin(%x + %t)",
    "0.5 * %t + Math.tanh(%x * %t)",
    "%t * %x / (1.0 + %t * %t)",
    "Math.cos(%t) * %x",
    "%x * %t + 0.25",
    "Math.atan(%t) + %x",
    "%t - 0.5 * Math.sin(%x * %t)",
    "Math.exp(-(%t * %t)) * %x",
    "Math.sqrt(1.0 + %t * %t) - %x",
  };

  /** Random {@code base(x)}. */
  private static final String[] BASES = {
    "%x", "Math.sin(%x)", "1.0", "%x * %x", "0.5", "Math.cos(%x)", "Math.tanh(%x)"
  };

  /** Random leaves of a divide and conquer: bounded, so that products of them stay tame. */
  private static final String[] LEAVES = {
    "Math.sin(%x + %t)",
    "Math.cos(%x * %t)",
    "Math.tanh(%t - %x)",
    "%x / (1.0 + %t * %t)",
    "Math.exp(-(%x * %x)) * Math.cos(%t)",
  };

  /**
   * One or two recursive helpers named after {@code prefix}; {@code arrays}: whether the program
   * can pass a {@code double[]} (then the array templates are possible too).
   */
  static Set generate(Random r, String prefix, boolean arrays) {
    List<String> sources = new ArrayList<>();
    List<Callable> callable = new ArrayList<>();
    int count = r.nextDouble() < 0.3 ? 2 : 1;
    for (int k = 0; k < count; k++) {
      String name = prefix + (k == 0 ? "" : "B");
      // a second recursive loop may start from the first helper (a cycle calling another cycle)
      String first =
          k == 1 && callable.get(0).args().equals(List.of(Arg.DOUBLE, Arg.DEPTH)) && r.nextBoolean()
              ? callable.get(0).name()
              : null;
      // where the program has an array to pass, half the helpers take it
      switch (first != null ? 1 : arrays && r.nextBoolean() ? 5 + r.nextInt(2) : r.nextInt(5)) {
        case 0 -> power(r, name, sources, callable);
        case 1, 2 -> loop(r, name, sources, callable, first);
        case 3 -> mutual(r, name, sources, callable);
        case 4 -> split(r, name, sources, callable);
        case 5 -> horner(r, name, sources, callable);
        default -> arraySplit(r, name, sources, callable);
      }
    }
    String depth = null;
    if (r.nextDouble() < 0.25) {
      depth = prefix + "Steps";
      sources.add(
          """
          static int %s(int k) {
              if (k <= 1) {
                  return Math.max(k, 0);
              }
              return 1 + %s(k - 2);
          }
          """
              .formatted(depth, depth));
    }
    return new Set(List.copyOf(sources), List.copyOf(callable), depth);
  }

  /** Power by squaring, with the square sometimes a (non-recursive, inlined) helper of its own. */
  private static void power(Random r, String prefix, List<String> out, List<Callable> callable) {
    String pow = prefix + "Pow";
    String base = r.nextBoolean() ? "1.0" : fill(pick(r, BASES), "x", "0.5");
    if (r.nextBoolean()) {
      String sq = prefix + "Sq";
      out.add(
          """
          static double %s(double x, int k) {
              return k <= 0 ? %s : k %% 2 == 0 ? %s(%s(x, k / 2)) : x * %s(x, k - 1);
          }
          """
              .formatted(pow, base, sq, pow, pow));
      out.add(
          """
          static double %s(double v) {
              return v * v;
          }
          """
              .formatted(sq));
    } else {
      out.add(
          """
          static double %s(double x, int k) {
              if (k <= 0) {
                  return %s;
              }
              double h = %s(x, k / 2);
              if (k %% 2 == 0) {
                  return h * h;
              }
              return x * h * h;
          }
          """
              .formatted(pow, base, pow));
    }
    callable.add(new Callable(pow, List.of(Arg.DOUBLE, Arg.DEPTH)));
  }

  /**
   * {@code f(x, k) = k <= 0 ? base(x) : g(x, f(x, k - 1))}, as a ternary, as an early return, or
   * with a second early return at {@code k == 1} that gives the same value; sometimes with a second
   * double parameter that only the base case reads. The base case calls {@code first} when it is
   * not null.
   */
  private static void loop(
      Random r, String prefix, List<String> out, List<Callable> callable, String first) {
    String f = prefix + "Rec";
    boolean two = r.nextDouble() < 0.35;
    String params = two ? "double x, double y, int k" : "double x, int k";
    String self = two ? f + "(x, y, k - 1)" : f + "(x, k - 1)";
    String base =
        first != null
            ? first + "(" + (two ? "y" : "x") + ", 2)"
            : fill(pick(r, BASES), two ? "y" : "x", "0.0");
    int form = r.nextInt(3);
    // where the recursive call is written into the step, a step reading t once keeps one call
    String step = form == 1 ? pick(r, STEPS) : single(r);
    String body =
        switch (form) {
          case 0 -> "    return k <= 0 ? %s : %s;\n".formatted(base, fill(step, "x", self));
          case 1 ->
              """
                  if (k <= 0) {
                      return %s;
                  }
                  double t = %s;
                  return %s;
              """
                  .formatted(base, self, fill(step, "x", "t"));
          default ->
              """
                  if (k <= 0) {
                      return %s;
                  }
                  if (k == 1) {
                      return %s;
                  }
                  return %s;
              """
                  .formatted(base, fill(step, "x", "(" + base + ")"), fill(step, "x", self));
        };
    out.add("static double " + f + "(" + params + ") {\n" + body + "}\n");
    callable.add(
        new Callable(
            f, two ? List.of(Arg.DOUBLE, Arg.DOUBLE, Arg.DEPTH) : List.of(Arg.DOUBLE, Arg.DEPTH)));
  }

  /** Two loops calling each other: {@code even(x, k) = g1(x, odd(x, k - 1))} and back. */
  private static void mutual(Random r, String prefix, List<String> out, List<Callable> callable) {
    String even = prefix + "Even";
    String odd = prefix + "Odd";
    for (String[] pair : new String[][] {{even, odd}, {odd, even}}) {
      String base = fill(pick(r, BASES), "x", "0.0");
      out.add(
          """
          static double %s(double x, int k) {
              if (k <= 0) {
                  return %s;
              }
              return %s;
          }
          """
              .formatted(pair[0], base, fill(single(r), "x", pair[1] + "(x, k - 1)")));
    }
    callable.add(new Callable(even, List.of(Arg.DOUBLE, Arg.DEPTH)));
    if (r.nextBoolean()) {
      callable.add(new Callable(odd, List.of(Arg.DOUBLE, Arg.DEPTH)));
    }
  }

  /** Divide and conquer over the int range [lo, hi): the leaves see {@code x} and their index. */
  private static void split(Random r, String prefix, List<String> out, List<Callable> callable) {
    String f = prefix + "Split";
    String leaf = fill(pick(r, LEAVES), "x", "(0.5 * lo)");
    String combine = r.nextBoolean() ? "%s + %s" : "%s * %s";
    out.add(
        """
        static double %s(double x, int lo, int hi) {
            if (hi - lo <= 1) {
                return %s;
            }
            int mid = (lo + hi) / 2;
            return %s;
        }
        """
            .formatted(f, leaf, combine.formatted(f + "(x, lo, mid)", f + "(x, mid, hi)")));
    callable.add(new Callable(f, List.of(Arg.DOUBLE, Arg.ZERO, Arg.DEPTH)));
  }

  /** {@code sum over i of elem(a[i]) x^i}, by Horner's rule from index i on. */
  private static void horner(Random r, String prefix, List<String> out, List<Callable> callable) {
    String f = prefix + "Horner";
    String[] elems = {"a[i]", "Math.sin(a[i])", "a[i] * a[i]", "Math.tanh(a[i] + x)"};
    out.add(
        """
        static double %s(double[] a, int i, double x) {
            if (i >= a.length) {
                return 0.0;
            }
            return %s + x * %s(a, i + 1, x);
        }
        """
            .formatted(f, pick(r, elems), f));
    callable.add(new Callable(f, List.of(Arg.ARRAY, Arg.ZERO, Arg.DOUBLE)));
  }

  /** Divide and conquer over a read-only array's range [lo, hi), which is never empty. */
  private static void arraySplit(
      Random r, String prefix, List<String> out, List<Callable> callable) {
    String f = prefix + "Halves";
    String leaf = fill(pick(r, LEAVES), "x", "a[lo]");
    String combine = r.nextBoolean() ? "%s + %s" : "%s * %s";
    out.add(
        """
        static double %s(double[] a, int lo, int hi, double x) {
            if (hi - lo == 1) {
                return %s;
            }
            int mid = (lo + hi) / 2;
            return %s;
        }
        """
            .formatted(f, leaf, combine.formatted(f + "(a, lo, mid, x)", f + "(a, mid, hi, x)")));
    callable.add(new Callable(f, List.of(Arg.ARRAY, Arg.ZERO, Arg.LENGTH, Arg.DOUBLE)));
  }

  /** {@code template} with {@code %x} and {@code %t} replaced. */
  private static String fill(String template, String x, String t) {
    return template.replace("%x", x).replace("%t", t);
  }

  /** A step that reads {@code t} once: written around a recursive call, it makes one call. */
  private static String single(Random r) {
    List<String> once =
        java.util.Arrays.stream(STEPS).filter(s -> s.split("%t", -1).length == 2).toList();
    return once.get(r.nextInt(once.size()));
  }

  private static String pick(Random r, String[] options) {
    return options[r.nextInt(options.length)];
  }
}
