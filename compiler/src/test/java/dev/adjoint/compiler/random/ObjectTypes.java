package dev.adjoint.compiler.random;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The records and classes of a random program that uses objects ({@link Construct#RECORD_PARAM},
 * {@link Construct#RECORD_LOCAL}, {@link Construct#INSTANCE_METHOD}, {@link
 * Construct#HELPER_OBJECT}): their shapes (what the checker needs to build values of them, for the
 * interpreter through the compiler's bindings and for javac as real objects) and their declarations
 * from templates with random details. Every type is a nested type of the test's batch class, named
 * after the program ({@code P12Vec}), so the programs of a batch never share one.
 */
final class ObjectTypes {
  private ObjectTypes() {}

  /** What one field or record component holds. */
  enum SlotKind {
    DOUBLE,
    DOUBLE_ARRAY,
    RECORD
  }

  /**
   * A field or record component.
   *
   * @param length the length of the arrays built for it (arrays only)
   * @param record its record type (records only)
   * @param isPrivate whether the field is private (classes only)
   */
  record Slot(String name, SlotKind kind, int length, Shape record, boolean isPrivate) {}

  /**
   * A record or class of the program.
   *
   * @param name its simple name, nested in the batch class
   * @param slots its components or instance fields, in declaration order
   */
  record Shape(String name, boolean isRecord, List<Slot> slots) {
    Shape {
      slots = List.copyOf(slots);
    }

    /**
     * A random value: doubles in [-1.5, 1.5] (awkward: small exact values), elements in [-1, 1].
     */
    Obj random(Random r, boolean awkward) {
      Map<String, Object> values = new LinkedHashMap<>();
      for (Slot s : slots) {
        values.put(
            s.name(),
            switch (s.kind()) {
              case DOUBLE -> awkward ? small(r) : -1.5 + 3 * r.nextDouble();
              case DOUBLE_ARRAY -> {
                double[] a = new double[s.length()];
                for (int i = 0; i < a.length; i++) {
                  a[i] = awkward ? small(r) : -1 + 2 * r.nextDouble();
                }
                yield a;
              }
              case RECORD -> s.record().random(r, awkward);
            });
      }
      return new Obj(this, values);
    }

    /**
     * The flat-layout labels of a differentiated value of this record named {@code prefix}: {@code
     * p.a()}, {@code p.inner().b()}, in declaration order.
     */
    List<String> labels(String prefix) {
      List<String> out = new ArrayList<>();
      for (Slot s : slots) {
        String at = prefix + "." + s.name() + "()";
        if (s.kind() == SlotKind.RECORD) {
          out.addAll(s.record().labels(at));
        } else {
          out.add(at);
        }
      }
      return out;
    }
  }

  /**
   * A value of a {@link Shape}: its fields or components by name, doubles, {@code double[]}s and
   * nested {@link Obj}s.
   */
  record Obj(Shape shape, Map<String, Object> values) {
    /** A deep copy. */
    Obj copy() {
      Map<String, Object> out = new LinkedHashMap<>();
      values.forEach((k, v) -> out.put(k, copyOf(v)));
      return new Obj(shape, out);
    }

    /** The value at a path of field or component names. */
    Object at(List<String> path) {
      Object v = this;
      for (String n : path) {
        v = ((Obj) v).values().get(n);
        if (v == null) {
          throw new IllegalArgumentException("no " + n + " in " + this + " along " + path);
        }
      }
      return v;
    }

    /** Replaces the value at a path of field or component names. */
    void set(List<String> path, Object value) {
      Obj o = this;
      for (String n : path.subList(0, path.size() - 1)) {
        o = (Obj) o.values().get(n);
      }
      o.values().put(path.get(path.size() - 1), value);
    }

    @Override
    public String toString() {
      StringBuilder b = new StringBuilder(shape.name()).append('[');
      String sep = "";
      for (Map.Entry<String, Object> e : values.entrySet()) {
        Object v = e.getValue();
        b.append(sep)
            .append(e.getKey())
            .append('=')
            .append(v instanceof double[] d ? java.util.Arrays.toString(d) : v);
        sep = ", ";
      }
      return b.append(']').toString();
    }
  }

  /** A deep copy of an argument: arrays and objects are fresh. */
  static Object copyOf(Object v) {
    if (v instanceof double[] d) {
      return d.clone();
    }
    if (v instanceof float[] f) {
      return f.clone();
    }
    if (v instanceof Obj o) {
      return o.copy();
    }
    return v;
  }

  private static final double[] SMALL = {0, 0.5, -0.5, 1, -1, 2};

  private static double small(Random r) {
    return SMALL[r.nextInt(SMALL.length)];
  }

  // ------------------------------------------------------------------------------- declarations

  /** The declaration of a record: {@code record P1Vec(double a, double[] w) {}}. */
  static String recordSource(Shape s) {
    List<String> components = new ArrayList<>();
    for (Slot c : s.slots()) {
      components.add(typeName(c) + " " + c.name());
    }
    return "record " + s.name() + "(" + String.join(", ", components) + ") {}\n";
  }

  static String typeName(Slot s) {
    return switch (s.kind()) {
      case DOUBLE -> "double";
      case DOUBLE_ARRAY -> "double[]";
      case RECORD -> s.record().name();
    };
  }

  /** A parameter record: two doubles, a double and an array, or a record nesting another. */
  static List<Shape> parameterRecord(Random r, String prefix) {
    Shape vec =
        r.nextBoolean()
            ? new Shape(
                prefix + "Vec",
                true,
                List.of(
                    new Slot("a", SlotKind.DOUBLE, 0, null, false),
                    new Slot("b", SlotKind.DOUBLE, 0, null, false)))
            : new Shape(
                prefix + "Vec",
                true,
                List.of(
                    new Slot("a", SlotKind.DOUBLE, 0, null, false),
                    new Slot("w", SlotKind.DOUBLE_ARRAY, 1 + r.nextInt(3), null, false)));
    if (r.nextDouble() < 0.4) {
      Shape pair =
          new Shape(
              prefix + "Pair",
              true,
              r.nextBoolean()
                  ? List.of(
                      new Slot("v", SlotKind.RECORD, 0, vec, false),
                      new Slot("c", SlotKind.DOUBLE, 0, null, false))
                  : List.of(
                      new Slot("c", SlotKind.DOUBLE, 0, null, false),
                      new Slot("v", SlotKind.RECORD, 0, vec, false)));
      return List.of(vec, pair);
    }
    return List.of(vec);
  }

  /** Random smooth bounded bodies of a helper of two doubles {@code %u}, {@code %v}. */
  private static final String[] PAIR_BODIES = {
    "Math.sqrt(1.0 + %u * %u) * Math.cos(%v)",
    "Math.tanh(%u - %v) + 0.5 * %u * %v",
    "Math.sin(%u) * %v + Math.atan(%u * %v)",
    "(%u * %v) / (1.0 + %v * %v)",
  };

  /**
   * The local record {@code PnPt(double u, double v)} and its static helpers: {@code pnNorm(PnPt
   * p)}, a double of its components, and {@code pnMix(double s, double t)}, a new record from two
   * doubles (a record returned by the helper's last statement).
   */
  record LocalRecord(Shape shape, String norm, String mix, List<String> sources) {}

  static LocalRecord localRecord(Random r, String prefix, String helperPrefix) {
    Shape pt =
        new Shape(
            prefix + "Pt",
            true,
            List.of(
                new Slot("u", SlotKind.DOUBLE, 0, null, false),
                new Slot("v", SlotKind.DOUBLE, 0, null, false)));
    String norm = helperPrefix + "Norm";
    String mix = helperPrefix + "Mix";
    String body = PAIR_BODIES[r.nextInt(PAIR_BODIES.length)];
    List<String> sources = new ArrayList<>();
    sources.add(recordSource(pt));
    sources.add(
        ("static double %s(%s p) {\n    return "
                    + body.replace("%u", "p.u()").replace("%v", "p.v()"))
                .formatted(norm, pt.name())
            + ";\n}\n");
    String mixBody =
        switch (r.nextInt(3)) {
          case 0 ->
              "    double m = Math.sin(s * t);\n    return new %s(m + t, s - 0.5 * m);\n"
                  .formatted(pt.name());
          case 1 -> "    return new %s(Math.tanh(s), s * t + 0.25);\n".formatted(pt.name());
          default ->
              "    %s q = new %s(s, t);\n    return new %s(q.v(), Math.cos(q.u()) * q.v());\n"
                  .formatted(pt.name(), pt.name(), pt.name());
        };
    sources.add("static %s %s(double s, double t) {\n".formatted(pt.name(), mix) + mixBody + "}\n");
    return new LocalRecord(pt, norm, mix, sources);
  }

  /**
   * A helper class {@code PnSpring} with final fields set in its constructor (one private, one not,
   * one maybe transformed) and a method {@code energy(double x)} reading them.
   *
   * @param field the field code outside the class may read, {@code k}
   */
  record HelperClass(String name, String method, String field, String source) {}

  private static final String[] ENERGIES = {
    "0.5 * k * x * x + c * Math.sin(x)",
    "k * Math.tanh(x - c)",
    "Math.exp(-(x * x)) * k + c * x",
    "k * Math.cos(c * x) + 0.25 * x",
  };

  static HelperClass helperClass(Random r, String prefix) {
    String name = prefix + "Spring";
    String c = r.nextBoolean() ? "c" : "Math.tanh(c)";
    String energy = ENERGIES[r.nextInt(ENERGIES.length)];
    String source =
        """
        static final class %s {
            final double k;
            private final double c;

            %s(double k, double c) {
                this.k = k;
                this.c = %s;
            }

            double energy(double x) {
                return %s;
            }
        }
        """
            .formatted(name, name, c, energy);
    return new HelperClass(name, "energy", "k", source);
  }

  /** Field names of the owner class of an instance method: never a local's or parameter's. */
  static final String[] FIELD_NAMES = {"gain", "bias", "k1", "k2"};

  /** The owner class's fields: one to three doubles and sometimes an array {@code ws}. */
  static Shape ownerShape(Random r, String prefix) {
    List<Slot> fields = new ArrayList<>();
    List<String> names = new ArrayList<>(List.of(FIELD_NAMES));
    java.util.Collections.shuffle(names, r);
    int doubles = 1 + r.nextInt(3);
    for (int k = 0; k < doubles; k++) {
      fields.add(new Slot(names.get(k), SlotKind.DOUBLE, 0, null, r.nextBoolean()));
    }
    if (r.nextDouble() < 0.4) {
      fields.add(
          r.nextInt(fields.size() + 1),
          new Slot("ws", SlotKind.DOUBLE_ARRAY, 1 + r.nextInt(3), null, r.nextBoolean()));
    }
    return new Shape(prefix + "Model", false, fields);
  }

  /**
   * The owner class around the instance method {@code method}: its fields (final or not), a
   * constructor taking them in declaration order (the test builds instances with it), the method,
   * and the private helper instance method {@code helper}.
   */
  static String ownerSource(Random r, Shape owner, String method, String helper, String body) {
    StringBuilder b = new StringBuilder("static final class " + owner.name() + " {\n");
    List<String> params = new ArrayList<>();
    StringBuilder assigns = new StringBuilder();
    for (Slot f : owner.slots()) {
      b.append("    ")
          .append(f.isPrivate() ? "private " : "")
          .append(r.nextDouble() < 0.8 ? "final " : "")
          .append(typeName(f))
          .append(' ')
          .append(f.name())
          .append(";\n");
      params.add(typeName(f) + " " + f.name());
      assigns.append("        this.").append(f.name()).append(" = ").append(f.name()).append(";\n");
    }
    b.append("\n    ")
        .append(owner.name())
        .append("(")
        .append(String.join(", ", params))
        .append(") {\n")
        .append(assigns)
        .append("    }\n\n")
        .append(method.indent(4))
        .append('\n')
        .append(
            ("private double " + helper + "(double x) {\n    return " + body + ";\n}\n").indent(4))
        .append("}\n");
    return b.toString();
  }

  /** A body for the owner's private helper of {@code x}, reading its fields. */
  static String helperBody(Random r, Shape owner) {
    List<String> doubles =
        owner.slots().stream().filter(s -> s.kind() == SlotKind.DOUBLE).map(Slot::name).toList();
    String f1 = doubles.get(r.nextInt(doubles.size()));
    String f2 = doubles.get(r.nextInt(doubles.size()));
    boolean array = owner.slots().stream().anyMatch(s -> s.kind() == SlotKind.DOUBLE_ARRAY);
    return switch (array ? r.nextInt(4) : r.nextInt(3)) {
      case 0 -> f1 + " * Math.tanh(x) + this." + f2;
      case 1 -> "Math.sin(" + f1 + " * x) + 0.5 * x * " + f2;
      case 2 -> "x / (1.0 + " + f1 + " * " + f1 + ") + " + f2;
      default -> "(ws[0] * x + " + f1 + ") * Math.cos(ws[ws.length - 1] * x)";
    };
  }
}
