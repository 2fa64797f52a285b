package dev.adjoint.compiler.random;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Generates random, well-typed {@code static double} methods as Java source text, for the
 * randomised property test ({@link RandomProgramsTest}).
 *
 * <p>Everything is decided by {@link Random}s seeded per program, so a seed reproduces its program
 * exactly. The programs keep values numerically tame so that central differences are a good oracle:
 * loop trip counts are at most about 5, {@code exp}, {@code sinh}, {@code cosh} only see bounded
 * arguments, {@code sqrt}/{@code log} see {@code 1 + e*e}, divisions are by {@code 1 + e*e} or
 * {@code 2 + sin e}, loop-carried state is updated by forms that cannot blow up ({@code t = t * b +
 * e} with a bounded {@code b}, {@code t = tanh(e)}, ...), and array indices are always in range
 * (the generator knows every array's length and every loop index's range). Kinks and jumps ({@code
 * abs}, {@code max}, {@code floor}, branches on doubles) are generated too; the test skips the rare
 * point where one lies within a finite-difference step.
 *
 * <p>Extending: every statement kind is one weighted case of {@link Builder#statement}, every
 * expression kind one case of {@link Builder#doubleExpr} or {@link Builder#leaf}, each gated by a
 * {@link Construct}. Every program may use the core constructs; the constructs of {@link
 * #OPTIONAL_GROUPS} (the larger features, and what is not supported) appear only in the programs
 * that draw their group, with probability {@link Options#groupRate()} for a first group and its
 * square for a second, so that each is tested alone and in combination without crowding out the
 * rest; the groups of {@link #LATER_GROUPS} are drawn on a random stream of their own. Whether a
 * construct must be accepted is {@link Construct#supported()}.
 *
 * <p>A program may come with helper methods of its class ({@link Program#helpers()}, the recursive
 * ones of {@link RecursiveHelpers}): the test hands them to the compiler through a {@code
 * CalleeResolver}, as the javac layer does, and compiles them with the program.
 *
 * <p>A program of the group {@link #OBJECTS} also declares records and classes ({@link
 * Program#types()}, from {@link ObjectTypes}) nested in the test's class: a record parameter, a
 * local record with static helpers taking and returning it, a helper class, or the class the method
 * is an instance method of ({@link Program#ownerClass()}, with fields some of which {@code wrt}
 * names). The test then resolves names with the testing {@code Classes} of that class, and draws
 * the receiver's fields and the records' components as values ({@link Program#javaArguments}).
 */
final class ProgramGenerator {

  /** Constructs that only the programs drawing their group use; the others are always available. */
  static final List<Set<Construct>> OPTIONAL_GROUPS =
      List.of(
          EnumSet.of(Construct.WHILE, Construct.WHILE_DECREMENT),
          EnumSet.of(Construct.DO_WHILE),
          EnumSet.of(Construct.BREAK, Construct.LABELED_JUMP),
          EnumSet.of(Construct.CONTINUE, Construct.LABELED_JUMP),
          EnumSet.of(Construct.RETURN_IN_LOOP),
          EnumSet.of(
              Construct.LOCAL_ARRAY,
              Construct.ARRAY_WRITE,
              Construct.ARRAY_COPY,
              Construct.ARRAY_SELF_COPY),
          EnumSet.of(Construct.PARAM_ARRAY_WRITE),
          EnumSet.of(Construct.STOP_GRADIENT),
          EnumSet.of(Construct.FLOAT, Construct.FLOAT_ARRAY),
          EnumSet.of(Construct.MATRIX),
          EnumSet.of(Construct.SWITCH, Construct.CHAR_SWITCH),
          EnumSet.of(Construct.BUFFER_SWAP, Construct.LOCAL_ARRAY, Construct.ARRAY_WRITE));

  /**
   * Optional groups added after the programs of the seeds were fixed: each is drawn on its own
   * random stream with probability {@link #LATER_GROUP_RATE}, so that adding one changes only the
   * programs that draw it (a new entry of {@link #OPTIONAL_GROUPS} would reshuffle which group
   * every program draws).
   */
  static final List<Set<Construct>> LATER_GROUPS =
      List.of(
          EnumSet.of(Construct.RECURSION),
          EnumSet.of(
              Construct.RECORD_PARAM,
              Construct.RECORD_LOCAL,
              Construct.INSTANCE_METHOD,
              Construct.HELPER_OBJECT),
          EnumSet.of(
              Construct.DATA_LIST,
              Construct.DATA_COUNTER,
              Construct.DATA_STATIC,
              Construct.DATA_STRING));

  /** The group of {@link #LATER_GROUPS} whose programs use objects. */
  static final Set<Construct> OBJECTS = LATER_GROUPS.get(1);

  /**
   * The group of {@link #LATER_GROUPS} whose programs use data kept verbatim (a {@code List}, a
   * counting data object, a {@code String}, static calls without source): checked only through
   * javac and the real processor, since the IR interpreter cannot run such code. These programs use
   * no objects of {@link #OBJECTS}.
   */
  static final Set<Construct> DATA = LATER_GROUPS.get(2);

  static final double LATER_GROUP_RATE = 0.2;

  /**
   * Knobs of the generator.
   *
   * @param groupRate the probability that a program may use one of {@link #OPTIONAL_GROUPS} (a
   *     second one: its square)
   * @param excluded constructs never generated (to work around a known bug; name the bug where this
   *     is set)
   * @param maxStatements a soft limit on the statements of one method
   */
  record Options(double groupRate, Set<Construct> excluded, int maxStatements) {
    static Options defaults() {
      return new Options(0.6, EnumSet.noneOf(Construct.class), 10);
    }
  }

  enum ParamKind {
    DOUBLE,
    INT,
    LONG,
    BOOLEAN,
    DOUBLE_ARRAY,
    FLOAT_ARRAY,
    RECORD,
    /** A {@code java.util.List<Double>} of {@code length} elements. */
    DATA_LIST,
    /** The program's counting data class ({@link Program#counterClass()}). */
    COUNTER,
    STRING
  }

  /**
   * One parameter of a generated method.
   *
   * @param differentiated whether it is in the gradient
   * @param length the length of the arrays passed for it (arrays only)
   * @param shape its record type (records only)
   */
  record Param(
      String name,
      ParamKind kind,
      boolean differentiated,
      boolean noDerivative,
      int length,
      ObjectTypes.Shape shape) {
    Param(String name, ParamKind kind, boolean differentiated, boolean noDerivative, int length) {
      this(name, kind, differentiated, noDerivative, length, null);
    }
  }

  /**
   * A generated method.
   *
   * @param source the method's declaration
   * @param helpers the declarations of the static methods it calls, declared in the same class
   * @param types the records and classes it uses and their static helpers, nested in the same class
   *     (with {@link Construct#INSTANCE_METHOD}, the owner class declaring the method too)
   * @param ownerClass the nested class declaring the method, for an instance method; else null
   * @param receiver the owner class's fields, for an instance method; else null
   */
  record Program(
      long seed,
      String name,
      String source,
      List<Param> params,
      List<String> explicitWrt,
      Set<Construct> constructs,
      List<String> helpers,
      List<String> types,
      String ownerClass,
      ObjectTypes.Shape receiver,
      List<String> dataTypes,
      String counterClass) {

    /** A program without objects. */
    Program(
        long seed,
        String name,
        String source,
        List<Param> params,
        List<String> explicitWrt,
        Set<Construct> constructs,
        List<String> helpers) {
      this(
          seed,
          name,
          source,
          params,
          explicitWrt,
          constructs,
          helpers,
          List.of(),
          null,
          null,
          List.of(),
          null);
    }

    /** Whether it uses data kept verbatim: then only javac and the processor can check it. */
    boolean hasData() {
      return constructs.stream().anyMatch(DATA::contains);
    }

    /** Whether it uses records or classes: the checker then builds objects. */
    boolean hasObjects() {
      return !types.isEmpty();
    }

    /** The members of the test's class it adds: the method (or its class), types, helpers. */
    List<String> members() {
      List<String> out = new ArrayList<>();
      if (ownerClass == null) {
        out.add(source);
      }
      out.addAll(types);
      out.addAll(helpers);
      out.addAll(dataTypes);
      return out;
    }

    /**
     * The flat layout the gradient must have, as the user writes its parts: {@code x}, {@code w},
     * {@code cfg.a()}, {@code cfg.v().b()}; then the receiver's fields named in {@code wrt}, in
     * declaration order.
     */
    List<String> inputLabels() {
      List<String> out = new ArrayList<>();
      for (Param p : params) {
        if (p.differentiated()) {
          if (p.kind() == ParamKind.RECORD) {
            out.addAll(p.shape().labels(p.name()));
          } else {
            out.add(p.name());
          }
        }
      }
      if (receiver != null) {
        receiver.slots().stream()
            .map(ObjectTypes.Slot::name)
            .filter(explicitWrt::contains)
            .forEach(out::add);
      }
      return out;
    }

    /**
     * The arguments of the method as declared, the receiver first for an instance method: {@link
     * #arguments} then, for an instance method, the receiver's field values ({@link
     * ObjectTypes.Obj}).
     */
    Object[] javaArguments(Random r, boolean awkward) {
      Object[] args = arguments(r, awkward);
      if (receiver == null) {
        return args;
      }
      Object[] out = new Object[args.length + 1];
      System.arraycopy(args, 0, out, 1, args.length);
      out[0] = receiver.random(r, awkward);
      return out;
    }

    /** The names of {@link #javaArguments}: {@code self} first for an instance method. */
    List<String> visibleNames() {
      List<String> out = new ArrayList<>();
      if (receiver != null) {
        out.add("self");
      }
      params.forEach(p -> out.add(p.name()));
      return out;
    }

    /**
     * The {@code @Differentiable(order)} the test requests: every other program 2, so that the
     * Hessian methods are emitted, checked and compiled too.
     */
    int order() {
      return order(seed);
    }

    static int order(long seed) {
      return (seed & 1) == 1 ? 2 : 1;
    }

    /** The method and its helpers, as they appear in the class. */
    String text() {
      return String.join("\n", members());
    }

    /** True if the compiler must differentiate this program (it uses only supported constructs). */
    boolean onlySupported() {
      return constructs.stream().allMatch(Construct::supported);
    }

    Set<String> noDerivative() {
      return params.stream()
          .filter(Param::noDerivative)
          .map(Param::name)
          .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    /**
     * A random evaluation point: doubles in [-1.5, 1.5], {@code int n} in 0..4, {@code long m} in
     * 0..3, array elements in [-1, 1].
     */
    Object[] arguments(Random r) {
      return arguments(r, false);
    }

    /**
     * Arguments for one evaluation point. {@code awkward} points take their doubles from a few
     * exact small values (0, ±1/2, ±1, 2), so that differences, products and residuals of the
     * program are often exactly zero and values tie: where adjoints are exactly zero.
     */
    Object[] arguments(Random r, boolean awkward) {
      Object[] args = new Object[params.size()];
      for (int k = 0; k < args.length; k++) {
        Param p = params.get(k);
        switch (p.kind()) {
          case DOUBLE -> args[k] = awkward ? small(r) : -1.5 + 3 * r.nextDouble();
          case INT -> args[k] = r.nextInt(5);
          case LONG -> args[k] = (long) r.nextInt(4);
          case BOOLEAN -> args[k] = r.nextBoolean();
          case DOUBLE_ARRAY -> {
            double[] a = new double[p.length()];
            for (int i = 0; i < a.length; i++) {
              a[i] = awkward ? small(r) : -1 + 2 * r.nextDouble();
            }
            args[k] = a;
          }
          case FLOAT_ARRAY -> {
            float[] a = new float[p.length()];
            for (int i = 0; i < a.length; i++) {
              a[i] = (float) (awkward ? small(r) : -1 + 2 * r.nextDouble());
            }
            args[k] = a;
          }
          case RECORD -> args[k] = p.shape().random(r, awkward);
          case DATA_LIST -> {
            List<Double> xs = new ArrayList<>();
            for (int i = 0; i < p.length(); i++) {
              xs.add(awkward ? small(r) : -1 + 2 * r.nextDouble());
            }
            args[k] = xs;
          }
          case COUNTER -> {
            double[] ys = new double[p.length()];
            for (int i = 0; i < ys.length; i++) {
              ys[i] = awkward ? small(r) : -1 + 2 * r.nextDouble();
            }
            args[k] = new CounterValues(ys);
          }
          case STRING -> args[k] = STRINGS[r.nextInt(STRINGS.length)];
        }
      }
      return args;
    }

    private static final double[] SMALL = {0, 0.5, -0.5, 1, -1, 2};

    private static final String[] STRINGS = {"relu", "ab", "tanh", "x", "sigmoid"};

    private static double small(Random r) {
      return SMALL[r.nextInt(SMALL.length)];
    }
  }

  /**
   * The argument for a {@link ParamKind#COUNTER} parameter: the values its method returns; the
   * checker makes a real instance of the program's counter class from them.
   */
  record CounterValues(double[] ys) {}

  private final Options options;

  /**
   * Scrambles a seed (SplitMix64's finaliser): {@code new Random(s)} for consecutive small seeds
   * starts with nearly equal numbers, which would make programs 1, 2, 3, ... alike.
   */
  static long mix(long seed) {
    long z = seed + 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  ProgramGenerator(Options options) {
    this.options = options;
  }

  /** The program of {@code seed}, a method called {@code name}. */
  Program generate(long seed, String name) {
    return new Builder(seed, name).build();
  }

  // ------------------------------------------------------------------------------------ builder

  private enum Kind {
    DOUBLE,
    INT,
    LONG,
    BOOLEAN,
    DOUBLE_ARRAY,
    FLOAT,
    DOUBLE_MATRIX,
    FLOAT_ARRAY,
    /** A local of the program's local record type ({@link Construct#RECORD_LOCAL}). */
    RECORD_LOCAL,
    /** A local of the program's helper class ({@link Construct#HELPER_OBJECT}). */
    HELPER_LOCAL
  }

  /** A variable in scope. */
  private static final class Sym {
    final String name;
    final Kind kind;

    /** Whether generated statements may assign it (loop indices and counters may not). */
    final boolean assignable;

    /** For int variables with a known range [0, max]: max; otherwise -1. */
    final int max;

    /** For arrays: the smallest length it can have (for matrices: of the rows). */
    final int length;

    /** For matrices: the length of every row. */
    int columns;

    /** For arrays: the largest length it can have, what a loop up to its length may reach. */
    int maxLength;

    /** The loop depth it was declared at: assigning it from a deeper loop makes it loop-carried. */
    final int loopLevel;

    final boolean param;
    final boolean localArray;

    /** A field or record component: read, never written (differentiable code writes no field). */
    boolean readOnly;

    Sym(
        String name,
        Kind kind,
        boolean assignable,
        int max,
        int length,
        int loopLevel,
        boolean param,
        boolean localArray) {
      this.name = name;
      this.kind = kind;
      this.assignable = assignable;
      this.max = max;
      this.length = length;
      this.maxLength = length;
      this.loopLevel = loopLevel;
      this.param = param;
      this.localArray = localArray;
    }
  }

  /** An int-valued expression with a known upper bound (loop bounds and starts). */
  private record Bound(String text, int max, boolean triangular) {}

  private static final String[] DOUBLE_PARAM_NAMES = {"x", "y", "z", "a", "b"};
  private static final String[] LOCAL_NAMES = {
    "t", "s", "u", "h", "p", "q", "acc", "sum", "tmp", "prod", "r", "v2"
  };
  private static final String[] TRICKY_LOCAL_NAMES = {
    "value",
    "gradient",
    "result",
    "xBar",
    "tBar",
    "tTape",
    "sSaved",
    "iBar",
    "yBar",
    "i2",
    "valueBar",
    "gradient2"
  };
  private static final String[] TRICKY_PARAM_NAMES = {"value", "gradient", "result", "xBar"};
  private static final String[] INT_NAMES = {"k", "m2", "cnt", "idx", "kk"};
  private static final String[] BOOL_NAMES = {"flag", "pos", "big", "on"};
  private static final String[] INDEX_NAMES = {"i", "j", "l", "m", "ii", "jj", "kx"};
  private static final String[] LITERALS = {
    "0.5", "2.0", "1.5", "0.25", "3.0", "1.0", "0.1", "0.75"
  };

  private final class Builder {
    private final long seed;
    private final String name;
    private final Random r;
    private final Set<Construct> allowed = EnumSet.noneOf(Construct.class);
    private final Set<Construct> used = EnumSet.noneOf(Construct.class);
    private final Deque<List<Sym>> scopes = new ArrayDeque<>();
    private final StringBuilder out = new StringBuilder();
    private final List<Param> params = new ArrayList<>();

    /** Every name declared so far, visible or not. */
    private final Set<String> declaredEver = new HashSet<>();

    private final List<String> explicitWrt = new ArrayList<>();
    private int indent;
    private int budget;
    private int loopDepth;

    /** How many switch expressions the current statement is inside. */
    private int switchExpressions;

    /**
     * The number of enclosing loops (while, do and for alike), which break and continue may target.
     */
    private int breakable;

    /** Names no declaration may take now (a switch expression's local, in its own cases). */
    private final Set<String> reserved = new HashSet<>();

    /** Whether a switch case falls into the next (the method then suppresses javac's warning). */
    private boolean fallsThrough;

    /** Labels of the enclosing labelled loops. */
    private final List<String> labels = new ArrayList<>();

    private int labelCount;

    /** While set, expressions read no local doubles or local arrays (see {@link #restricted}). */
    private boolean restricted;

    /** The recursive helpers the method may call, when it draws {@link Construct#RECURSION}. */
    private RecursiveHelpers.Set helpers;

    /** The array parameters it may pass to them (see {@link #recursionArrays}). */
    private List<Sym> helperArrays = List.of();

    /** The prefix of the program's type names: {@code P12} for program {@code p12}. */
    private final String prefix;

    /** The decisions about objects, on a random stream of their own; null without them. */
    private Random objects;

    /** The records and classes the program declares, and their static helpers. */
    private final List<String> types = new ArrayList<>();

    /** The record parameter's name and type ({@link Construct#RECORD_PARAM}), or null. */
    private List<ObjectTypes.Shape> paramRecord;

    /** The local record and its helpers ({@link Construct#RECORD_LOCAL}), or null. */
    private ObjectTypes.LocalRecord localRecord;

    /** The helper class ({@link Construct#HELPER_OBJECT}), or null. */
    private ObjectTypes.HelperClass helperClass;

    /** The owner class's fields ({@link Construct#INSTANCE_METHOD}), or null. */
    private ObjectTypes.Shape owner;

    /** The owner's private helper instance method. */
    private String ownerHelper;

    /** The decisions about data kept verbatim, on a random stream of their own; null without. */
    private Random data;

    /** The data classes and helpers the program declares ({@link #DATA}). */
    private final List<String> dataTypes = new ArrayList<>();

    /** How many if-branches (of statements and of the final return) the current one is inside. */
    private int branches;

    /** How many switch statements the current statement is inside. */
    private int switches;

    /**
     * Whether the method may have returned before: the rest of the method is then a branch in the
     * IR.
     */
    private boolean returnedEarly;

    /** How many enclosing loops are inside a branch or a switch. */
    private int loopsInBranches;

    /** The counting data class ({@link Construct#DATA_COUNTER}), or null. */
    private String counterClass;

    Builder(long seed, String name) {
      this.seed = seed;
      this.name = name;
      this.r = new Random(mix(seed));
      this.prefix = Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }

    Program build() {
      allowed.addAll(EnumSet.allOf(Construct.class));
      OPTIONAL_GROUPS.forEach(allowed::removeAll);
      LATER_GROUPS.forEach(allowed::removeAll);
      double rate = options.groupRate();
      for (int k = 0; k < 2 && r.nextDouble() < rate; k++, rate *= options.groupRate()) {
        allowed.addAll(OPTIONAL_GROUPS.get(r.nextInt(OPTIONAL_GROUPS.size())));
      }
      Random later = new Random(mix(mix(seed)));
      for (int g = 0; g < LATER_GROUPS.size(); g++) {
        // every group after the first on a stream of its own, which then decides its details
        Random stream = g == 0 ? later : new Random(mix(mix(seed) + g));
        if (stream.nextDouble() < LATER_GROUP_RATE) {
          allowed.addAll(LATER_GROUPS.get(g));
          if (LATER_GROUPS.get(g) == OBJECTS) {
            objects = stream;
          }
          if (LATER_GROUPS.get(g) == DATA) {
            data = stream;
          }
        }
      }
      allowed.removeAll(options.excluded());
      if (data != null && DATA.stream().noneMatch(allowed::contains)) {
        data = null;
      }
      if (data != null) {
        objects = null; // checked through javac alone, without the checker's objects
        allowed.removeAll(OBJECTS);
      }
      planObjects();
      planData();
      budget = options.maxStatements() / 2 + r.nextInt(options.maxStatements() / 2 + 1);
      String signature = dataParameters(parameters());
      if (allowed.contains(Construct.RECURSION)) {
        helperArrays = recursionArrays();
        helpers = RecursiveHelpers.generate(later, name, !helperArrays.isEmpty());
      }
      int headerAt = out.length();
      String headerIndent = "    ".repeat(indent);
      scopes.push(new ArrayList<>(paramSyms));
      scopes.push(new ArrayList<>());
      objectSyms();
      if (!explicitWrt.isEmpty()) {
        line(
            "@Differentiable(wrt = {"
                + explicitWrt.stream().map(w -> "\"" + w + "\"").collect(Collectors.joining(", "))
                + "})");
      }
      open((owner == null ? "static " : "") + "double " + name + "(" + signature + ")");
      if (helpers != null) { // at least one call, whatever the statements below draw
        used.add(Construct.RECURSION);
        String n = fresh(LOCAL_NAMES);
        line("double " + n + " = " + recursiveCall(2) + ";");
        declare(new Sym(n, Kind.DOUBLE, true, -1, 0, loopDepth, false, false));
      }
      firstObjectUses();
      firstDataUses();
      int count = 1 + r.nextInt(5);
      for (int k = 0; k < count && budget > 0; k++) {
        statement(true);
      }
      finalReturn(0);
      close();
      if (fallsThrough) {
        // javac -Xlint:all warns about a case falling into the next; the fallthrough is meant
        out.insert(headerAt, headerIndent + "@SuppressWarnings(\"fallthrough\")\n");
      }
      if (owner != null) {
        types.add(
            ObjectTypes.ownerSource(
                objects,
                owner,
                out.toString(),
                ownerHelper,
                ObjectTypes.helperBody(objects, owner)));
      }
      return new Program(
          seed,
          name,
          out.toString(),
          List.copyOf(params),
          List.copyOf(explicitWrt),
          Collections.unmodifiableSet(EnumSet.copyOf(used)),
          helpers == null ? List.of() : helpers.sources(),
          List.copyOf(types),
          owner == null ? null : owner.name(),
          owner,
          List.copyOf(dataTypes),
          counterClass);
    }

    // --------------------------------------------------------------------------------- objects

    /**
     * Which object constructs a program of the objects group uses (at least one), decided on the
     * group's own stream, and their types.
     */
    private void planObjects() {
      if (objects == null) {
        return;
      }
      List<Construct> candidates = OBJECTS.stream().filter(allowed::contains).toList();
      if (candidates.isEmpty()) {
        objects = null;
        return;
      }
      Set<Construct> chosen = EnumSet.noneOf(Construct.class);
      for (Construct c : candidates) {
        if (objects.nextDouble() < 0.45) {
          chosen.add(c);
        }
      }
      if (chosen.isEmpty()) {
        chosen.add(candidates.get(objects.nextInt(candidates.size())));
      }
      allowed.removeAll(OBJECTS);
      allowed.addAll(chosen);
      if (chosen.contains(Construct.RECORD_PARAM)) {
        paramRecord = ObjectTypes.parameterRecord(objects, prefix);
        paramRecord.forEach(t -> types.add(ObjectTypes.recordSource(t)));
      }
      if (chosen.contains(Construct.RECORD_LOCAL)) {
        localRecord = ObjectTypes.localRecord(objects, prefix, name);
        types.addAll(localRecord.sources());
      }
      if (chosen.contains(Construct.HELPER_OBJECT)) {
        helperClass = ObjectTypes.helperClass(objects, prefix);
        types.add(helperClass.source());
      }
      if (chosen.contains(Construct.INSTANCE_METHOD)) {
        owner = ObjectTypes.ownerShape(objects, prefix);
        ownerHelper = name + "Help";
        used.add(Construct.INSTANCE_METHOD);
      }
    }

    // ------------------------------------------------------------------------ data kept verbatim

    /**
     * Which data constructs a program of the data group uses (at least one), decided on the group's
     * own stream, and the classes and helpers they need.
     */
    private void planData() {
      if (data == null) {
        return;
      }
      List<Construct> candidates = DATA.stream().filter(allowed::contains).toList();
      Set<Construct> chosen = EnumSet.noneOf(Construct.class);
      for (Construct c : candidates) {
        if (data.nextDouble() < 0.5) {
          chosen.add(c);
        }
      }
      if (chosen.isEmpty()) {
        chosen.add(candidates.get(data.nextInt(candidates.size())));
      }
      allowed.removeAll(DATA);
      allowed.addAll(chosen);
      if (chosen.contains(Construct.DATA_COUNTER)) {
        counterClass = prefix + "Counter";
        dataTypes.add(
            """
            static final class %s {
                public int calls;
                private final double[] ys;

                %s(double[] ys) {
                    this.ys = ys;
                }

                public double next(int i) {
                    calls++;
                    return ys[Math.floorMod(i, ys.length)];
                }
            }
            """
                .formatted(counterClass, counterClass));
      }
    }

    /** The data parameters, after the others: the list, the counter, the string. */
    private String dataParameters(String signature) {
      if (data == null) {
        return signature;
      }
      List<String> decls = new ArrayList<>(List.of(signature));
      if (allowed.contains(Construct.DATA_LIST)) {
        params.add(new Param("xs", ParamKind.DATA_LIST, false, false, 1 + data.nextInt(4)));
        decls.add("java.util.List<Double> xs");
      }
      if (counterClass != null) {
        params.add(new Param("ctr", ParamKind.COUNTER, false, false, 1 + data.nextInt(4)));
        decls.add(counterClass + " ctr");
      }
      if (allowed.contains(Construct.DATA_STRING)) {
        params.add(new Param("tag", ParamKind.STRING, false, false, 0));
        decls.add("String tag");
      }
      return String.join(", ", decls);
    }

    /** One use of each data construct the program drew, at the top of the method. */
    private void firstDataUses() {
      if (data == null) {
        return;
      }
      for (Construct c : DATA) {
        if (allowed.contains(c)) {
          used.add(c);
          dataUse(c);
        }
      }
    }

    /**
     * A local initialised by data code kept verbatim, at loop depth 0 or 1, with inactive operands
     * only.
     */
    private void dataUse(Construct c) {
      switch (c) {
        case DATA_LIST -> {
          String n = fresh(new String[] {"d1", "d2", "d3", "d4"});
          String init =
              switch (r.nextInt(3)) {
                case 0 -> "xs.get(Math.floorMod(" + intExpr(1) + ", xs.size()))";
                case 1 -> "xs.get(xs.size() - 1)";
                default -> "xs.get(0) * xs.size()";
              };
          line("double " + n + " = " + init + ";");
          declare(new Sym(n, Kind.DOUBLE, false, -1, 0, loopDepth, false, false));
        }
        case DATA_COUNTER -> {
          String n = fresh(new String[] {"c1", "c3", "c4", "c5"});
          line("double " + n + " = ctr.next(" + intExpr(1) + ");");
          declare(new Sym(n, Kind.DOUBLE, false, -1, 0, loopDepth, false, false));
        }
        case DATA_STATIC -> {
          String n = fresh(new String[] {"k1", "k2", "k3", "k4"});
          String init =
              switch (r.nextInt(3)) {
                case 0 -> "Math.floorMod(" + intExpr(1) + ", 3) + Integer.parseInt(\"2\")";
                case 1 -> "Double.compare((double) " + intExpr(1) + ", 1.5)";
                default -> "Integer.parseInt(\"1\") * Math.floorMod(" + intExpr(1) + ", 4)";
              };
          line("int " + n + " = " + init + ";");
          declare(new Sym(n, Kind.INT, false, -1, 0, loopDepth, false, false));
        }
        case DATA_STRING -> {
          String n = fresh(new String[] {"s1", "s2", "s3", "s4"});
          String init =
              r.nextBoolean()
                  ? "tag.length() * 2 - " + intExpr(1)
                  : "tag.charAt(Math.floorMod(" + intExpr(1) + ", tag.length())) % 5";
          line("int " + n + " = " + init + ";");
          declare(new Sym(n, Kind.INT, false, -1, 0, loopDepth, false, false));
        }
        default -> throw new IllegalArgumentException(c.toString());
      }
    }

    /** {@code for (double e : xs) { ... }} over the data list, at loop depth 0. */
    private void dataForEach() {
      String v = fresh(new String[] {"v", "e", "xi", "el"});
      // a Double or var element would be boxed: a cast of it to int or float does not compile
      loop(
          "for (double " + v + " : xs)",
          null,
          new Sym(v, Kind.DOUBLE, false, -1, 0, loopDepth + 1, false, false));
    }

    /** The record parameter's components and the receiver's fields, as read-only variables. */
    private void objectSyms() {
      List<Sym> scope = scopes.peekLast();
      for (Param p : params) {
        if (p.kind() == ParamKind.RECORD) {
          components(p.name(), p.shape(), scope);
        }
      }
      if (owner != null) {
        for (ObjectTypes.Slot f : owner.slots()) {
          String read = objects.nextBoolean() ? "this." + f.name() : f.name();
          Sym s =
              f.kind() == ObjectTypes.SlotKind.DOUBLE
                  ? new Sym(read, Kind.DOUBLE, false, -1, 0, 0, true, false)
                  : new Sym(read, Kind.DOUBLE_ARRAY, false, -1, f.length(), 0, true, false);
          s.readOnly = true;
          scope.add(s);
        }
      }
    }

    private void components(String read, ObjectTypes.Shape shape, List<Sym> scope) {
      for (ObjectTypes.Slot c : shape.slots()) {
        String at = read + "." + c.name() + "()";
        Sym s =
            switch (c.kind()) {
              case DOUBLE -> new Sym(at, Kind.DOUBLE, false, -1, 0, 0, true, false);
              case DOUBLE_ARRAY ->
                  new Sym(at, Kind.DOUBLE_ARRAY, false, -1, c.length(), 0, true, false);
              case RECORD -> null;
            };
        if (s == null) {
          components(at, c.record(), scope);
        } else {
          s.readOnly = true;
          scope.add(s);
        }
      }
    }

    /** One use of each object construct the program drew, whatever the statements below draw. */
    private void firstObjectUses() {
      if (paramRecord != null) {
        List<Sym> reads =
            visible(Kind.DOUBLE, false).stream().filter(s -> s.name.contains("()")).toList();
        List<String> terms = new ArrayList<>();
        for (Sym s : reads) {
          if (terms.isEmpty() || r.nextBoolean()) {
            terms.add(s.name);
          }
        }
        for (Sym a : visible(Kind.DOUBLE_ARRAY, false)) {
          if (a.name.contains("()")) {
            terms.add(a.name + "[" + index(a) + "]");
          }
        }
        String n = fresh(LOCAL_NAMES);
        line("double " + n + " = " + String.join(r.nextBoolean() ? " * " : " + ", terms) + ";");
        declare(new Sym(n, Kind.DOUBLE, true, -1, 0, loopDepth, false, false));
      }
      if (localRecord != null) {
        used.add(Construct.RECORD_LOCAL);
        declareRecordLocal();
      }
      if (helperClass != null) {
        used.add(Construct.HELPER_OBJECT);
        if (r.nextBoolean()) {
          declareHelperObject();
        } else {
          String n = fresh(LOCAL_NAMES);
          line("double " + n + " = " + helperObjectCall(1) + ";");
          declare(new Sym(n, Kind.DOUBLE, true, -1, 0, loopDepth, false, false));
        }
      }
      if (owner != null) {
        String n = fresh(LOCAL_NAMES);
        line("double " + n + " = " + ownerHelperCall(1) + ";");
        declare(new Sym(n, Kind.DOUBLE, true, -1, 0, loopDepth, false, false));
      }
    }

    /**
     * {@code P1Pt pt = new P1Pt(e, e);} or {@code = p1Mix(e, e)}, then sometimes a double local
     * from it.
     */
    private void declareRecordLocal() {
      ObjectTypes.Shape t = localRecord.shape();
      String n = fresh(new String[] {"pt", "pq", "pr"});
      String init =
          r.nextBoolean()
              ? "new " + t.name() + "(" + doubleExpr(2) + ", " + doubleExpr(2) + ")"
              : localRecord.mix() + "(" + doubleExpr(1) + ", " + doubleExpr(1) + ")";
      line(t.name() + " " + n + " = " + init + ";");
      declare(new Sym(n, Kind.RECORD_LOCAL, false, -1, 0, loopDepth, false, false));
      if (r.nextBoolean()) {
        String d = fresh(LOCAL_NAMES);
        line("double " + d + " = " + recordLocalRead(n) + ";");
        declare(new Sym(d, Kind.DOUBLE, true, -1, 0, loopDepth, false, false));
      }
    }

    /** A double from the local record {@code n}: a component, or the static helper of it. */
    private String recordLocalRead(String n) {
      return switch (r.nextInt(3)) {
        case 0 -> n + ".u()";
        case 1 -> n + ".v()";
        default -> localRecord.norm() + "(" + n + ")";
      };
    }

    /** A record made in an expression, passed to the helper or read at once. */
    private String recordExpr(int depth) {
      String t = localRecord.shape().name();
      return switch (r.nextInt(4)) {
        case 0 ->
            localRecord.norm()
                + "(new "
                + t
                + "("
                + doubleExpr(depth)
                + ", "
                + doubleExpr(depth)
                + "))";
        case 1 ->
            localRecord.norm()
                + "("
                + localRecord.mix()
                + "("
                + doubleExpr(depth)
                + ", "
                + doubleExpr(depth)
                + "))";
        case 2 ->
            localRecord.mix()
                + "("
                + doubleExpr(depth)
                + ", "
                + doubleExpr(depth)
                + ")."
                + (r.nextBoolean() ? "u()" : "v()");
        default -> {
          List<Sym> locals = restricted ? List.of() : visible(Kind.RECORD_LOCAL, false);
          yield locals.isEmpty()
              ? localRecord.norm() + "(new " + t + "(" + leaf() + ", " + leaf() + "))"
              : recordLocalRead(pick(locals).name);
        }
      };
    }

    /** {@code P1Spring sp = new P1Spring(e, e);}, then sometimes a double local from it. */
    private void declareHelperObject() {
      String n = fresh(new String[] {"sp", "spr", "sq"});
      line(
          helperClass.name()
              + " "
              + n
              + " = new "
              + helperClass.name()
              + "("
              + doubleExpr(2)
              + ", "
              + doubleExpr(1)
              + ");");
      declare(new Sym(n, Kind.HELPER_LOCAL, false, -1, 0, loopDepth, false, false));
      if (r.nextBoolean()) {
        String d = fresh(LOCAL_NAMES);
        line("double " + d + " = " + helperObjectRead(n, 1) + ";");
        declare(new Sym(d, Kind.DOUBLE, true, -1, 0, loopDepth, false, false));
      }
    }

    /** A double from the helper object {@code n}: its method, or its package-private field. */
    private String helperObjectRead(String n, int depth) {
      return r.nextInt(3) == 0
          ? n + "." + helperClass.field()
          : n + "." + helperClass.method() + "(" + doubleExpr(depth) + ")";
    }

    /** {@code new P1Spring(e, e).energy(e)}, or a read of a helper object local. */
    private String helperObjectCall(int depth) {
      List<Sym> locals = restricted ? List.of() : visible(Kind.HELPER_LOCAL, false);
      if (!locals.isEmpty() && r.nextBoolean()) {
        return helperObjectRead(pick(locals).name, depth);
      }
      return "new "
          + helperClass.name()
          + "("
          + constructorArgument(depth)
          + ", "
          + doubleExpr(depth)
          + ")."
          + helperClass.method()
          + "("
          + doubleExpr(depth)
          + ")";
    }

    /**
     * A constructor's argument, sometimes with a side effect ({@code t += e} on a local the current
     * loop declares, so it stays bounded): it must run once, however the call on the new object is
     * lowered.
     */
    private String constructorArgument(int depth) {
      List<Sym> fresh =
          restricted
              ? List.of()
              : visible(Kind.DOUBLE, true).stream().filter(t -> !t.param && !carried(t)).toList();
      if (!fresh.isEmpty()
          && allowed.contains(Construct.ASSIGNMENT_EXPRESSION)
          && r.nextInt(4) == 0) {
        used.add(Construct.ASSIGNMENT_EXPRESSION);
        return "(" + pick(fresh).name + " += " + doubleExpr(Math.min(depth, 1)) + ")";
      }
      return doubleExpr(depth);
    }

    /** A call of the owner's private helper instance method. */
    private String ownerHelperCall(int depth) {
      return (r.nextBoolean() ? "this." : "") + ownerHelper + "(" + doubleExpr(depth) + ")";
    }

    // ------------------------------------------------------------------------------- recursion

    /**
     * The {@code double[]} parameters a call of a recursive helper may pass: with {@code order = 1}
     * any; with {@code order = 2} only data that the method cannot make depend on the
     * differentiated parameters, since a differentiated array reaches a recursive helper only at
     * first order (AD114).
     */
    private List<Sym> recursionArrays() {
      int order = Program.order(seed);
      List<Sym> out = new ArrayList<>();
      for (int k = 0; k < params.size(); k++) {
        Param p = params.get(k);
        boolean data = !p.differentiated() && !allowed.contains(Construct.PARAM_ARRAY_WRITE);
        if (p.kind() == ParamKind.DOUBLE_ARRAY && (order == 1 || data)) {
          out.add(paramSyms.stream().filter(s -> s.name.equals(p.name())).findFirst().get());
        }
      }
      return out;
    }

    /** A call of one of the program's recursive helpers, with active double arguments. */
    private String recursiveCall(int depth) {
      RecursiveHelpers.Callable c = pick(helpers.callable());
      List<String> args = new ArrayList<>();
      String array = null;
      for (RecursiveHelpers.Arg a : c.args()) {
        switch (a) {
          case DOUBLE -> args.add(activeArgument(depth));
          case DEPTH -> args.add(recursionDepth());
          case ARRAY -> {
            array = recursionArray().name;
            args.add(array);
          }
          case ZERO -> args.add("0");
          case LENGTH -> args.add(array + ".length");
        }
      }
      return c.name() + "(" + String.join(", ", args) + ")";
    }

    /** Often a double variable as it is, else a small double expression (a literal, sometimes). */
    private String activeArgument(int depth) {
      List<Sym> doubles =
          visible(Kind.DOUBLE, false).stream().filter(s -> !restricted || s.param).toList();
      return !doubles.isEmpty() && r.nextBoolean()
          ? pick(doubles).name
          : doubleExpr(Math.min(depth, 1));
    }

    /** An array for a helper: the differentiated one twice as often as data. */
    private Sym recursionArray() {
      List<Sym> differentiated =
          helperArrays.stream()
              .filter(
                  a -> params.stream().anyMatch(p -> p.name().equals(a.name) && p.differentiated()))
              .toList();
      return !differentiated.isEmpty() && r.nextDouble() < 2.0 / 3
          ? pick(differentiated)
          : pick(helperArrays);
    }

    /** An int in 0..5: a literal, {@code n}, or a loop index with a small known range. */
    private String recursionDepth() {
      List<String> forms = new ArrayList<>();
      for (Sym i : visible(Kind.INT, false)) {
        if (i.max >= 0 && i.max <= 5 && (i.param || !i.assignable)) {
          forms.add(i.name);
        }
      }
      forms.add(Integer.toString(r.nextInt(5)));
      String depth = forms.get(r.nextInt(forms.size()));
      return helpers.depth() != null && r.nextDouble() < 0.3
          ? helpers.depth() + "(" + depth + ")"
          : depth;
    }

    // -------------------------------------------------------------------------------- parameters

    private final List<Sym> paramSyms = new ArrayList<>();

    private String parameters() {
      List<String> decls = new ArrayList<>();
      List<Runnable> adders = new ArrayList<>();
      int doubles = 1 + r.nextInt(3);
      List<String> names = new ArrayList<>(List.of(DOUBLE_PARAM_NAMES));
      Collections.shuffle(names, r);
      boolean tricky = allowed.contains(Construct.TRICKY_NAMES) && r.nextDouble() < 0.06;
      if (tricky) {
        names.set(0, TRICKY_PARAM_NAMES[r.nextInt(TRICKY_PARAM_NAMES.length)]);
        used.add(Construct.TRICKY_NAMES);
      }
      for (int k = 0; k < doubles; k++) {
        String n = names.get(k);
        adders.add(
            () -> {
              params.add(new Param(n, ParamKind.DOUBLE, true, false, 0));
              decls.add("double " + n);
            });
      }
      if (allowed.contains(Construct.EXPLICIT_WRT) && r.nextDouble() < 0.15) {
        used.add(Construct.EXPLICIT_WRT);
        adders.add(
            () -> {
              params.add(new Param("c", ParamKind.DOUBLE, false, true, 0));
              decls.add("@NoDerivative double c");
            });
      }
      if (r.nextDouble() < 0.7) {
        adders.add(
            () -> {
              params.add(new Param("n", ParamKind.INT, false, false, 0));
              decls.add("int n");
            });
      }
      if (allowed.contains(Construct.OTHER_PARAMS) && r.nextDouble() < 0.1) {
        used.add(Construct.OTHER_PARAMS);
        adders.add(
            () -> {
              params.add(new Param("m", ParamKind.LONG, false, false, 0));
              decls.add("long m");
            });
      }
      if (allowed.contains(Construct.OTHER_PARAMS) && r.nextDouble() < 0.1) {
        used.add(Construct.OTHER_PARAMS);
        adders.add(
            () -> {
              params.add(new Param("sw", ParamKind.BOOLEAN, false, false, 0));
              decls.add("boolean sw");
            });
      }
      if (allowed.contains(Construct.ARRAY_READ) && r.nextDouble() < 0.6) {
        int len = 1 + r.nextInt(5);
        adders.add(
            () -> {
              params.add(new Param("data", ParamKind.DOUBLE_ARRAY, false, true, len));
              decls.add("@NoDerivative double[] data");
            });
      }
      if (allowed.contains(Construct.WRT_ARRAY) && r.nextDouble() < 0.3) {
        int len = 1 + r.nextInt(4);
        used.add(Construct.WRT_ARRAY);
        adders.add(
            () -> {
              params.add(new Param("w", ParamKind.DOUBLE_ARRAY, true, false, len));
              decls.add("double[] w");
            });
      }
      if (allowed.contains(Construct.FLOAT_ARRAY) && r.nextDouble() < 0.7) {
        int len = 1 + r.nextInt(4);
        boolean data = r.nextDouble() < 0.3;
        used.add(Construct.FLOAT_ARRAY);
        adders.add(
            () -> {
              params.add(new Param(data ? "fd" : "fw", ParamKind.FLOAT_ARRAY, !data, data, len));
              decls.add(data ? "@NoDerivative float[] fd" : "float[] fw");
            });
      }
      if (paramRecord != null) {
        ObjectTypes.Shape type = paramRecord.get(paramRecord.size() - 1);
        boolean data = objects.nextDouble() < 0.15;
        used.add(Construct.RECORD_PARAM);
        adders.add(
            () -> {
              params.add(new Param("cfg", ParamKind.RECORD, !data, data, 0, type));
              decls.add((data ? "@NoDerivative " : "") + type.name() + " cfg");
            });
      }
      Collections.shuffle(adders, r);
      adders.forEach(Runnable::run);
      // an explicit wrt naming a strict subset of the differentiable parameters
      List<Param> candidates = params.stream().filter(Param::differentiated).toList();
      if (candidates.size() >= 2
          && allowed.contains(Construct.EXPLICIT_WRT)
          && r.nextDouble() < 0.25) {
        used.add(Construct.EXPLICIT_WRT);
        Param dropped = candidates.get(r.nextInt(candidates.size()));
        for (int k = 0; k < params.size(); k++) {
          Param p = params.get(k);
          if (p == dropped) {
            params.set(k, new Param(p.name(), p.kind(), false, false, p.length(), p.shape()));
          } else if (p.differentiated()) {
            explicitWrt.add(p.name());
          }
        }
        Collections.shuffle(explicitWrt, r); // the layout follows declaration order, not wrt order
      }
      if (owner != null) {
        // fields named in wrt come after the parameters, in the order the class declares them
        List<String> fields = new ArrayList<>();
        for (ObjectTypes.Slot f : owner.slots()) {
          if (objects.nextDouble() < 0.5) {
            fields.add(f.name());
          }
        }
        if (!fields.isEmpty()) {
          if (explicitWrt.isEmpty()) {
            params.stream().filter(Param::differentiated).forEach(p -> explicitWrt.add(p.name()));
          }
          explicitWrt.addAll(fields);
          Collections.shuffle(explicitWrt, objects);
        }
      }
      for (Param p : params) {
        Kind kind =
            switch (p.kind()) {
              case DOUBLE -> Kind.DOUBLE;
              case INT -> Kind.INT;
              case LONG -> Kind.LONG;
              case BOOLEAN -> Kind.BOOLEAN;
              case DOUBLE_ARRAY -> Kind.DOUBLE_ARRAY;
              case FLOAT_ARRAY -> Kind.FLOAT_ARRAY;
              case RECORD, DATA_LIST, COUNTER, STRING -> null;
            };
        if (kind == null) {
          continue; // its components are variables of their own (objectSyms)
        }
        // n is in 0..4 and m in 0..3 at every evaluation point
        int max = p.kind() == ParamKind.INT ? 4 : p.kind() == ParamKind.LONG ? 3 : -1;
        paramSyms.add(
            new Sym(p.name(), kind, kind == Kind.DOUBLE, max, p.length(), 0, true, false));
      }
      return String.join(", ", decls);
    }

    // -------------------------------------------------------------------------------- statements

    /** One statement (possibly compound) in the current scope; {@code tail}: not inside a loop. */
    private void statement(boolean tail) {
      budget--;
      boolean deep = indent >= 5 || budget <= 0;
      List<Sym> doubles = visible(Kind.DOUBLE, true);
      List<Sym> doubleLocals = doubles.stream().filter(s -> !s.param).toList();
      List<Sym> doubleParams = doubles.stream().filter(s -> s.param).toList();
      List<Sym> ints = visible(Kind.INT, true).stream().filter(s -> !s.param).toList();
      List<Sym> longs = visible(Kind.LONG, true);
      List<Sym> bools = visible(Kind.BOOLEAN, true);
      List<Sym> localArrays =
          visible(Kind.DOUBLE_ARRAY, false).stream().filter(s -> s.localArray).toList();
      List<Sym> paramArrays =
          visible(Kind.DOUBLE_ARRAY, false).stream().filter(s -> !s.localArray).toList();
      List<Sym> writableParamArrays = paramArrays.stream().filter(s -> !s.readOnly).toList();
      Menu<Void> m = new Menu<>();
      m.add(3, Construct.DOUBLE_LOCAL, () -> declareDouble(false));
      m.add(0.5, Construct.VAR_LOCAL, () -> declareDouble(true));
      m.add(0.8, Construct.INT_LOCAL, this::declareInt);
      m.add(0.25, Construct.LONG_LOCAL, this::declareLong);
      m.add(0.5, Construct.BOOLEAN_LOCAL, this::declareBoolean);
      if (!doubleLocals.isEmpty()) {
        m.add(4, Construct.ASSIGN, () -> assign(pick(doubleLocals)));
        m.add(2.5, Construct.COMPOUND_ASSIGN, () -> compound(pick(doubleLocals)));
        m.add(0.4, Construct.INCREMENT, () -> incrementDouble(pick(doubleLocals)));
      }
      if (!doubleParams.isEmpty() && loopDepth == 0) {
        m.add(0.4, Construct.PARAM_REASSIGN, () -> reassignParam(pick(doubleParams)));
      }
      if (!ints.isEmpty()) {
        m.add(1, Construct.INT_ARITHMETIC, () -> updateInt(pick(ints)));
      }
      if (!longs.isEmpty()) {
        m.add(0.2, Construct.LONG_LOCAL, () -> line(pick(longs).name + " += " + intExpr(1) + ";"));
      }
      if (!bools.isEmpty()) {
        m.add(0.3, Construct.BOOLEAN_LOCAL, () -> assignBoolean(pick(bools)));
      }
      if (!deep) {
        m.add(2.5, Construct.IF, () -> ifStatement(tail));
        m.add(loopDepth < 3 ? 3 : 0, Construct.FOR_UP, this::forLoop);
        if (!paramArrays.isEmpty()) {
          m.add(0.6, Construct.ENHANCED_FOR, () -> enhancedFor(pick(paramArrays)));
        }
        m.add(0.3, Construct.BLOCK, () -> block(tail));
        m.add(loopDepth < 3 ? 3 : 0, Construct.WHILE, () -> whileLoop(false));
        m.add(loopDepth < 3 ? 3 : 0, Construct.DO_WHILE, () -> whileLoop(true));
      }
      if (tail) {
        m.add(0.8, Construct.EARLY_RETURN, this::earlyReturn);
      }
      if (breakable > 0) {
        m.add(3, Construct.BREAK, () -> jump("break"));
        m.add(3, Construct.CONTINUE, () -> jump("continue"));
        if (switchExpressions == 0) { // return cannot leave a switch expression, even from a loop
          m.add(
              3,
              Construct.RETURN_IN_LOOP,
              () -> {
                returnedEarly = true;
                jump("return " + doubleExpr(2));
              });
        }
      }
      m.add(localArrays.isEmpty() ? 4 : 1, Construct.LOCAL_ARRAY, this::declareArray);
      if (!localArrays.isEmpty()) {
        m.add(5, Construct.ARRAY_WRITE, () -> arrayWrite(pick(localArrays)));
        m.add(1.5, Construct.ARRAY_COPY, () -> arrayCopy(pick(localArrays)));
      }
      if (!writableParamArrays.isEmpty()) {
        m.add(2, Construct.PARAM_ARRAY_WRITE, () -> arrayWrite(pick(writableParamArrays)));
      }
      m.add(localRecord == null ? 0 : 1.2, Construct.RECORD_LOCAL, this::declareRecordLocal);
      m.add(helperClass == null ? 0 : 1, Construct.HELPER_OBJECT, this::declareHelperObject);
      List<Sym> fresh = doubleLocals.stream().filter(t -> !carried(t)).toList();
      if (!fresh.isEmpty()) {
        m.add(1.5, Construct.ASSIGNMENT_EXPRESSION, () -> assignmentExpression(fresh, localArrays));
      }
      m.add(2, Construct.FLOAT, this::declareFloat);
      List<Sym> floats = visible(Kind.FLOAT, true);
      if (!floats.isEmpty()) {
        m.add(
            1.5,
            Construct.FLOAT,
            () -> line(pick(floats).name + " = (float) (" + doubleExpr(2) + ");"));
      }
      List<Sym> floatArrays = visible(Kind.FLOAT_ARRAY, false);
      m.add(floatArrays.isEmpty() ? 2 : 0.8, Construct.FLOAT_ARRAY, this::declareFloatArray);
      List<Sym> floatLocals = floatArrays.stream().filter(s -> s.localArray).toList();
      if (!floatLocals.isEmpty()) {
        m.add(4, Construct.FLOAT_ARRAY, () -> floatArrayWrite(pick(floatLocals)));
      }
      if (!floatArrays.isEmpty() && !deep) {
        m.add(1, Construct.FLOAT_ARRAY, () -> floatEnhancedFor(pick(floatArrays)));
      }
      m.add(2, Construct.MATRIX, this::declareMatrix);
      List<Sym> matrices = visible(Kind.DOUBLE_MATRIX, false);
      if (!matrices.isEmpty()) {
        m.add(4, Construct.MATRIX, () -> matrixWrite(pick(matrices)));
      }
      if (!deep) {
        m.add(2, Construct.SWITCH, this::switchStatement);
        m.add(loopDepth < 2 ? 2 : 0, Construct.BUFFER_SWAP, this::bufferSwap);
        m.add(
            loopDepth == 0
                    && branches == 0
                    && switches == 0
                    && switchExpressions == 0
                    && !returnedEarly
                ? 1
                : 0,
            Construct.DATA_LIST,
            this::dataForEach);
      }
      // data code in a loop inside a branch or a switch, or in a switch inside a loop, is avoided:
      // see the disabled tests of DataObjectsTest
      if (data != null
          && loopDepth <= 1
          && loopsInBranches == 0
          && switches == 0
          && switchExpressions == 0) {
        for (Construct c : DATA) {
          m.add(0.8, c, () -> dataUse(c));
        }
      }
      m.pick();
    }

    private void statements(int min, int max, boolean tail) {
      int count = min + r.nextInt(max - min + 1);
      for (int k = 0; k < count; k++) {
        statement(tail);
      }
    }

    private void declareDouble(boolean useVar) {
      String e = doubleExpr(2 + r.nextInt(2));
      String n = fresh(localNames());
      boolean isFinal = allowed.contains(Construct.FINAL_LOCAL) && r.nextDouble() < 0.1;
      if (isFinal) {
        used.add(Construct.FINAL_LOCAL);
      }
      line((isFinal ? "final " : "") + (useVar ? "var " : "double ") + n + " = " + e + ";");
      declare(new Sym(n, Kind.DOUBLE, !isFinal, -1, 0, loopDepth, false, false));
    }

    private String[] localNames() {
      if (allowed.contains(Construct.TRICKY_NAMES) && r.nextDouble() < 0.12) {
        used.add(Construct.TRICKY_NAMES);
        return TRICKY_LOCAL_NAMES;
      }
      return LOCAL_NAMES;
    }

    private void declareInt() {
      String n = fresh(INT_NAMES);
      String init;
      if (allowed.contains(Construct.CAST) && r.nextDouble() < 0.3) {
        used.add(Construct.CAST);
        init = "(int) (" + doubleExpr(2) + ")";
      } else {
        init = intExpr(2);
      }
      line("int " + n + " = " + init + ";");
      declare(new Sym(n, Kind.INT, true, -1, 0, loopDepth, false, false));
    }

    private void declareLong() {
      String n = fresh(new String[] {"big", "lm", "count"});
      if (allowed.contains(Construct.CAST) && r.nextDouble() < 0.3) {
        used.add(Construct.CAST);
        line("long " + n + " = (long) (" + doubleExpr(2) + ");");
      } else {
        line("long " + n + " = " + intExpr(1) + (r.nextBoolean() ? " * 2L" : " + 1L") + ";");
      }
      declare(new Sym(n, Kind.LONG, true, -1, 0, loopDepth, false, false));
    }

    private void declareBoolean() {
      String n = fresh(BOOL_NAMES);
      line("boolean " + n + " = " + condition(2) + ";");
      declare(new Sym(n, Kind.BOOLEAN, true, -1, 0, loopDepth, false, false));
    }

    private void assignBoolean(Sym b) {
      line(b.name + " = " + (r.nextBoolean() ? "!" + b.name : condition(1)) + ";");
    }

    private boolean carried(Sym s) {
      return s.loopLevel < loopDepth;
    }

    /** {@code t = e}; inside a loop that does not declare t, a form that keeps t bounded. */
    private void assign(Sym t) {
      if (!carried(t)) {
        line(t.name + " = " + doubleExpr(2 + r.nextInt(2)) + ";");
        return;
      }
      used.add(Construct.CARRIED_STATE);
      switch (r.nextInt(5)) {
        case 0 ->
            line(
                t.name
                    + " = "
                    + t.name
                    + " * "
                    + boundedFactor()
                    + " + "
                    + bounded(doubleExpr(2))
                    + ";");
        case 1 -> line(t.name + " = " + bounded(doubleExpr(2)) + ";");
        case 2 ->
            line(
                t.name
                    + " = "
                    + boundedFactor()
                    + " * "
                    + t.name
                    + " - "
                    + bounded(doubleExpr(1))
                    + ";");
        case 3 ->
            line(
                t.name
                    + " = "
                    + t.name
                    + " * "
                    + boundedFactor()
                    + " + "
                    + restricted(2)
                    + ";"); // Horner
        default -> line(t.name + " = " + bounded(doubleExpr(2)) + " + " + t.name + " * 0.5;");
      }
    }

    /**
     * Compound assignment. Inside a loop that does not declare {@code t} (loop-carried state), the
     * right-hand side reads the state only through bounded functions, so the state grows at most
     * geometrically with a factor about 1.5 and values stay finite.
     */
    private void compound(Sym t) {
      if (!carried(t)) {
        switch (r.nextInt(4)) {
          case 0 -> line(t.name + " += " + doubleExpr(2) + ";");
          case 1 -> line(t.name + " -= " + doubleExpr(2) + ";");
          case 2 -> line(t.name + " *= " + doubleExpr(2) + ";");
          default -> line(t.name + " /= " + positive(doubleExpr(2)) + ";");
        }
        return;
      }
      used.add(Construct.CARRIED_STATE);
      switch (r.nextInt(5)) {
        case 0 -> line(t.name + " += " + restricted(2) + ";");
        case 1 -> line(t.name + " += " + bounded(doubleExpr(2)) + ";");
        case 2 -> line(t.name + " -= " + bounded(doubleExpr(2)) + ";");
        case 3 -> line(t.name + " *= " + boundedFactor() + ";");
        default -> line(t.name + " /= " + atLeastOne(doubleExpr(2)) + ";");
      }
    }

    /** An expression reading only parameters, loop indices and literals (no loop-carried state). */
    private String restricted(int depth) {
      boolean was = restricted;
      restricted = true;
      try {
        return doubleExpr(depth);
      } finally {
        restricted = was;
      }
    }

    private void incrementDouble(Sym t) {
      String[] forms = {t.name + "++;", t.name + "--;", "++" + t.name + ";", "--" + t.name + ";"};
      line(forms[r.nextInt(forms.length)]);
    }

    /**
     * An assignment used as a value. {@code targets} are double locals declared in the current loop
     * (not loop-carried), so the forms need not bound their values; an array element is
     * loop-carried state when the array is declared outside the loop, then its values are bounded.
     */
    private void assignmentExpression(List<Sym> targets, List<Sym> arrays) {
      Sym x = pick(targets);
      Sym y = pick(targets);
      List<Sym> counters = visible(Kind.INT, true).stream().filter(s -> !s.param).toList();
      Menu<Void> m = new Menu<>();
      if (x != y) {
        m.add(2, null, () -> line(x.name + " = " + y.name + " = " + doubleExpr(2) + ";"));
      }
      String[] ops = {" += ", " -= ", " *= "};
      m.add(
          2,
          null,
          () ->
              line(
                  x.name
                      + " = ("
                      + y.name
                      + ops[r.nextInt(ops.length)]
                      + doubleExpr(1)
                      + ") * "
                      + operand(1)
                      + ";"));
      m.add(
          1,
          Construct.TERNARY,
          () ->
              line(
                  x.name
                      + " = "
                      + condition(1)
                      + " ? ("
                      + y.name
                      + " = "
                      + doubleExpr(1)
                      + ") : "
                      + doubleExpr(1)
                      + ";"));
      if (!arrays.isEmpty()) {
        Sym a = pick(arrays);
        String element = a.name + "[" + index(a) + "]";
        String value = carried(a) ? bounded(doubleExpr(1)) : doubleExpr(1);
        m.add(
            2,
            null,
            () ->
                line(
                    x.name
                        + " = ("
                        + element
                        + (carried(a) ? " *= " + boundedFactor() : " += " + value)
                        + ") * "
                        + element
                        + ";"));
        if (!counters.isEmpty()) {
          Sym k = pick(counters);
          String counted =
              a.name
                  + "[Math.abs("
                  + k.name
                  + (r.nextBoolean() ? "++" : "--")
                  + ") % "
                  + a.name
                  + ".length]";
          m.add(2, null, () -> line(counted + (r.nextBoolean() ? " = " : " += ") + value + ";"));
          m.add(1, null, () -> line(x.name + " = " + counted + " * " + operand(1) + ";"));
        }
      }
      m.pick();
    }

    private void reassignParam(Sym x) {
      line(x.name + " = " + bounded(doubleExpr(2)) + ";");
    }

    private void updateInt(Sym k) {
      switch (r.nextInt(8)) {
        case 0 -> line(k.name + "++;");
        case 1 -> line(k.name + "--;");
        case 2 -> line(k.name + " += " + intExpr(1) + ";");
        case 3 -> line(k.name + " = (" + k.name + " + " + intExpr(1) + ") % 5;");
        case 4 -> line(k.name + " %= 3;");
        case 5 -> line(k.name + " = " + k.name + " / 2;");
        case 6 -> line(k.name + " = (" + k.name + " << 1) & 15;");
        default -> line(k.name + " = (" + k.name + " ^ " + intExpr(1) + ") & 7;");
      }
    }

    private void ifStatement(boolean tail) {
      branches++;
      ifStatementBody(tail);
      branches--;
    }

    private void ifStatementBody(boolean tail) {
      open("if (" + condition(2) + ")");
      scoped(() -> statements(1, 3, tail));
      while (r.nextDouble() < 0.25 && allowed.contains(Construct.ELSE_IF)) {
        used.add(Construct.ELSE_IF);
        reopen("} else if (" + condition(2) + ") {");
        scoped(() -> statements(1, 2, tail));
      }
      if (r.nextDouble() < 0.5) {
        reopen("} else {");
        scoped(() -> statements(1, 3, tail));
      }
      close();
    }

    private void block(boolean tail) {
      open("");
      scoped(() -> statements(1, 2, tail));
      close();
    }

    private void earlyReturn() {
      returnedEarly = true;
      String cond = condition(2);
      switch (r.nextInt(3)) {
        case 0 -> line("if (" + cond + ") return " + doubleExpr(2 + r.nextInt(2)) + ";");
        case 1 -> {
          open("if (" + cond + ")");
          scoped(
              () -> {
                statements(0, 2, true);
                line("return " + doubleExpr(2 + r.nextInt(2)) + ";");
              });
          close();
        }
        default -> {
          open("if (" + cond + ")");
          line("return " + doubleExpr(2 + r.nextInt(2)) + ";");
          reopen("} else {");
          scoped(() -> statements(1, 2, true));
          close();
        }
      }
    }

    /** The method's last statement: a return, or an if/else returning in every branch. */
    private void finalReturn(int depth) {
      if (depth < 2 && allowed.contains(Construct.BRANCH_RETURNS) && r.nextDouble() < 0.2) {
        used.add(Construct.BRANCH_RETURNS);
        branches++;
        open("if (" + condition(2) + ")");
        scoped(
            () -> {
              statements(0, 2, true);
              finalReturn(depth + 1);
            });
        if (r.nextDouble() < 0.3 && allowed.contains(Construct.ELSE_IF)) {
          used.add(Construct.ELSE_IF);
          reopen("} else if (" + condition(2) + ") {");
          scoped(
              () -> {
                statements(0, 2, true);
                finalReturn(depth + 1);
              });
        }
        reopen("} else {");
        scoped(
            () -> {
              statements(0, 2, true);
              finalReturn(depth + 1);
            });
        close();
        branches--;
        return;
      }
      line("return " + resultExpr() + ";");
    }

    /** The returned value: favours the locals computed so far so the whole body matters. */
    private String resultExpr() {
      List<Sym> doubles = visible(Kind.DOUBLE, true).stream().filter(s -> !s.param).toList();
      List<String> terms = new ArrayList<>();
      List<Sym> shuffled = new ArrayList<>(doubles);
      Collections.shuffle(shuffled, r);
      for (int k = 0; k < Math.min(shuffled.size(), 1 + r.nextInt(3)); k++) {
        terms.add(shuffled.get(k).name);
      }
      if (terms.isEmpty() || r.nextDouble() < 0.5) {
        terms.add(doubleExpr(2));
      }
      StringBuilder b = new StringBuilder(terms.get(0));
      for (int k = 1; k < terms.size(); k++) {
        b.append(r.nextDouble() < 0.7 ? " + " : r.nextBoolean() ? " - " : " * ")
            .append(terms.get(k));
      }
      return b.toString();
    }

    // ------------------------------------------------------------------------------------- loops

    private void forLoop() {
      if (loopDepth > 0) {
        used.add(Construct.NESTED_FOR);
      }
      String i = fresh(INDEX_NAMES);
      Bound bound = bound();
      Bound start = start();
      if (bound.triangular() || start.triangular()) {
        used.add(Construct.TRIANGULAR_FOR);
      }
      String header;
      int max;
      Kind kind = Kind.INT;
      int shape = r.nextInt(10);
      if (shape == 9 && allowed.contains(Construct.FOR_LONG_INDEX)) {
        used.add(Construct.FOR_LONG_INDEX);
        kind = Kind.LONG;
        header =
            "for (long "
                + i
                + " = "
                + start.text()
                + "; "
                + i
                + " < "
                + bound.text()
                + "; "
                + i
                + "++)";
        max = bound.max() - 1;
      } else if (shape >= 7 && allowed.contains(Construct.FOR_DOWN)) {
        used.add(Construct.FOR_DOWN);
        switch (r.nextInt(4)) {
          case 0 -> {
            header =
                "for (int "
                    + i
                    + " = "
                    + bound.text()
                    + "; "
                    + i
                    + " > "
                    + start.text()
                    + "; "
                    + i
                    + "--)";
            max = bound.max();
          }
          case 1 -> {
            header =
                "for (int "
                    + i
                    + " = "
                    + bound.text()
                    + " - 1; "
                    + i
                    + " >= "
                    + start.text()
                    + "; "
                    + i
                    + "--)";
            max = bound.max() - 1;
          }
          case 2 -> {
            used.add(Construct.FOR_STEP);
            header =
                "for (int "
                    + i
                    + " = "
                    + bound.text()
                    + "; "
                    + i
                    + " >= "
                    + start.text()
                    + "; "
                    + i
                    + " -= 2)";
            max = bound.max();
          }
          default -> {
            header =
                "for (int "
                    + i
                    + " = "
                    + bound.text()
                    + "; "
                    + start.text()
                    + " < "
                    + i
                    + "; --"
                    + i
                    + ")";
            max = bound.max();
          }
        }
      } else if (shape >= 5 && allowed.contains(Construct.FOR_STEP)) {
        used.add(Construct.FOR_STEP);
        int step = 2 + r.nextInt(2);
        String update = r.nextBoolean() ? i + " += " + step : i + " = " + i + " + " + step;
        header =
            "for (int "
                + i
                + " = "
                + start.text()
                + "; "
                + i
                + " < "
                + bound.text()
                + "; "
                + update
                + ")";
        max = bound.max() - 1;
      } else if (shape >= 3 && allowed.contains(Construct.FOR_INCLUSIVE)) {
        used.add(Construct.FOR_INCLUSIVE);
        header =
            r.nextBoolean()
                ? "for (int "
                    + i
                    + " = "
                    + start.text()
                    + "; "
                    + i
                    + " <= "
                    + bound.text()
                    + "; "
                    + i
                    + "++)"
                : "for (int "
                    + i
                    + " = "
                    + start.text()
                    + "; "
                    + bound.text()
                    + " >= "
                    + i
                    + "; ++"
                    + i
                    + ")";
        max = bound.max();
      } else {
        header =
            "for (int "
                + i
                + " = "
                + start.text()
                + "; "
                + i
                + " < "
                + bound.text()
                + "; "
                + i
                + "++)";
        max = bound.max() - 1;
      }
      Sym index = new Sym(i, kind, false, Math.max(max, 0), 0, loopDepth + 1, false, false);
      loop(header, null, index);
    }

    private void enhancedFor(Sym array) {
      String v = fresh(new String[] {"v", "e", "xi", "el"});
      String type =
          allowed.contains(Construct.VAR_LOCAL) && r.nextDouble() < 0.3 ? "var" : "double";
      loop(
          "for (" + type + " " + v + " : " + array.name + ")",
          null,
          new Sym(v, Kind.DOUBLE, false, -1, 0, loopDepth + 1, false, false));
    }

    /**
     * {@code int c = 0; while (c < B) { c++; ... }} (or do/while), or {@code int c = B; while (c--
     * > 0) { ... }}. The counter is updated first and never assigned elsewhere, so {@code continue}
     * cannot make the loop infinite.
     */
    private void whileLoop(boolean doWhile) {
      String c = fresh(new String[] {"iter", "steps", "c2", "w2"});
      Bound bound = bound();
      if (!doWhile && allowed.contains(Construct.WHILE_DECREMENT) && r.nextDouble() < 0.4) {
        used.add(Construct.WHILE_DECREMENT);
        line("int " + c + " = " + bound.text() + ";");
        declare(new Sym(c, Kind.INT, false, -1, 0, loopDepth, false, false));
        loop("while (" + c + "-- > 0)", null, null);
        return;
      }
      if (allowed.contains(Construct.ASSIGNMENT_EXPRESSION) && r.nextDouble() < 0.25) {
        used.add(Construct.ASSIGNMENT_EXPRESSION); // an assignment in the condition
        line("int " + c + " = " + (doWhile ? "0" : bound.text()) + ";");
        declare(new Sym(c, Kind.INT, false, -1, 0, loopDepth, false, false));
        if (doWhile) {
          loop("do", null, null);
          out.setLength(out.length() - 1);
          out.append(" while ((").append(c).append(" += 1) < ").append(bound.text()).append(");\n");
        } else {
          loop("while ((" + c + " = " + c + " - 1) >= 0)", null, null);
        }
        return;
      }
      line("int " + c + " = 0;");
      declare(new Sym(c, Kind.INT, false, -1, 0, loopDepth, false, false));
      String first = c + "++;";
      if (doWhile) {
        loop("do", first, null);
        // loop() closed the brace; rewrite "}" as "} while (...);"
        out.setLength(out.length() - 1);
        out.append(" while (").append(c).append(" < ").append(bound.text()).append(");\n");
      } else {
        loop("while (" + c + " < " + bound.text() + ")", first, null);
      }
    }

    private void loop(String header, String firstLine, Sym declared) {
      String label = null;
      if (allowed.contains(Construct.LABELED_JUMP) && r.nextDouble() < 0.4) {
        label = "L" + (++labelCount);
        labels.add(label);
        header = label + ": " + header;
      }
      open(header);
      boolean inBranch = branches > 0 || switches > 0 || returnedEarly;
      if (inBranch) {
        loopsInBranches++;
      }
      loopDepth++;
      breakable++;
      scopes.push(new ArrayList<>());
      if (declared != null) {
        declare(declared);
      }
      if (firstLine != null) {
        line(firstLine);
      }
      statements(1, 3, false);
      scopes.pop();
      breakable--;
      loopDepth--;
      if (inBranch) {
        loopsInBranches--;
      }
      if (label != null) {
        labels.remove(label);
      }
      close();
    }

    /** A trip-count bound: n, a literal, an array length, or an enclosing loop's index. */
    private Bound bound() {
      List<Bound> bounds = new ArrayList<>();
      for (Sym s : visible(Kind.INT, false)) {
        if (s.param && s.max >= 0) {
          bounds.add(new Bound(s.name, s.max, false));
          bounds.add(new Bound(s.name, s.max, false));
          bounds.add(new Bound(s.name + " + 1", s.max + 1, false));
        } else if (!s.assignable
            && s.max >= 0
            && allowed.contains(Construct.TRIANGULAR_FOR)
            && r.nextDouble() < 0.5) {
          bounds.add(new Bound(s.name, s.max, true));
          bounds.add(new Bound(s.name + " + 1", s.max + 1, true));
        }
      }
      for (Sym s : visible(Kind.FLOAT_ARRAY, false)) {
        bounds.add(new Bound(s.name + ".length", s.maxLength, false));
      }
      for (Sym s : visible(Kind.DOUBLE_ARRAY, false)) {
        bounds.add(new Bound(s.name + ".length", s.maxLength, false));
        if (!s.localArray) {
          bounds.add(new Bound(s.name + ".length - 1", s.maxLength - 1, false));
        }
      }
      for (int k = 0; k < 2; k++) {
        int c = r.nextInt(6);
        bounds.add(new Bound(Integer.toString(c), c, false));
      }
      return bounds.get(r.nextInt(bounds.size()));
    }

    private Bound start() {
      double x = r.nextDouble();
      if (x < 0.65) {
        return new Bound("0", 0, false);
      }
      if (x < 0.8) {
        return new Bound("1", 1, false);
      }
      List<Sym> outer =
          visible(Kind.INT, false).stream().filter(s -> !s.assignable && s.max >= 0).toList();
      if (!outer.isEmpty() && allowed.contains(Construct.TRIANGULAR_FOR)) {
        Sym s = pick(outer);
        return new Bound(s.name, s.max, true);
      }
      return new Bound("2", 2, false);
    }

    // ------------------------------------------------------------------- not supported yet

    /**
     * {@code if (c) break;}, {@code continue}, or {@code return e} inside a loop; maybe to an outer
     * loop's label.
     */
    private void jump(String kind) {
      String what = kind;
      if ((kind.equals("break") || kind.equals("continue"))
          && !labels.isEmpty()
          && allowed.contains(Construct.LABELED_JUMP)
          && r.nextBoolean()) {
        used.add(Construct.LABELED_JUMP);
        what = kind + " " + pick(labels);
      }
      String statement = what + ";";
      if (r.nextBoolean()) {
        line("if (" + condition(2) + ") " + statement);
      } else {
        open("if (" + condition(2) + ")");
        scoped(
            () -> {
              statements(0, 1, false);
              line(statement);
            });
        close();
      }
    }

    private void declareArray() {
      String n = fresh(new String[] {"buf", "arr", "state", "tmpA"});
      int length;
      int maxLength = -1;
      if (r.nextBoolean() || visible(Kind.INT, false).stream().noneMatch(s -> s.param)) {
        length = 1 + r.nextInt(4);
        if (r.nextBoolean()) {
          List<String> elems = new ArrayList<>();
          for (int k = 0; k < length; k++) {
            elems.add(doubleExpr(1));
          }
          line("double[] " + n + " = {" + String.join(", ", elems) + "};");
        } else {
          line("double[] " + n + " = new double[" + length + "];");
        }
      } else {
        length = 1;
        maxLength =
            visible(Kind.INT, false).stream()
                    .filter(s -> s.param && s.name.equals("n"))
                    .mapToInt(s -> s.max)
                    .max()
                    .orElse(0)
                + 1;
        line("double[] " + n + " = new double[n + 1];");
      }
      Sym array = new Sym(n, Kind.DOUBLE_ARRAY, false, -1, length, loopDepth, false, true);
      array.maxLength = Math.max(length, maxLength);
      declare(array);
    }

    /**
     * Buffers of one length stepped by a loop that exchanges them by reference every step (or only
     * when a condition holds); afterwards they are ordinary local arrays of the method.
     */
    private void bufferSwap() {
      int length = 1 + r.nextInt(4);
      boolean three = r.nextDouble() < 0.3;
      List<String> elems = new ArrayList<>();
      for (int k = 0; k < length; k++) {
        elems.add(doubleExpr(1));
      }
      String cur = fresh(new String[] {"cur", "front", "now"});
      declare(new Sym(cur, Kind.DOUBLE_ARRAY, false, -1, length, loopDepth, false, true));
      line("double[] " + cur + " = {" + String.join(", ", elems) + "};");
      List<String> buffers = new ArrayList<>(List.of(cur));
      for (String[] pool :
          three
              ? List.of(new String[] {"nxt", "back"}, new String[] {"spare", "old"})
              : List.<String[]>of(new String[] {"nxt", "back"})) {
        String n = fresh(pool);
        declare(new Sym(n, Kind.DOUBLE_ARRAY, false, -1, length, loopDepth, false, true));
        line("double[] " + n + " = new double[" + length + "];");
        buffers.add(n);
      }
      String step = fresh(new String[] {"step", "sweep"});
      String j = fresh(new String[] {"j", "cell"});
      open("for (int " + step + " = 0; " + step + " < " + (1 + r.nextInt(3)) + "; " + step + "++)");
      open("for (int " + j + " = 0; " + j + " < " + cur + ".length; " + j + "++)");
      String last = buffers.get(buffers.size() - 1);
      line(
          buffers.get(1)
              + "["
              + j
              + "] = 0.5 * "
              + cur
              + "["
              + j
              + "] + Math.tanh("
              + doubleExpr(1)
              + ") * "
              + cur
              + "[("
              + j
              + " + 1) % "
              + length
              + "] + 0.25 * Math.sin("
              + last
              + "["
              + j
              + "]);");
      close();
      boolean conditional = r.nextDouble() < 0.3;
      if (conditional) {
        open("if (" + buffers.get(1) + "[0] > " + cur + "[0])");
      }
      String t = fresh(new String[] {"t", "swap", "held"});
      line("double[] " + t + " = " + cur + ";");
      for (int k = 0; k + 1 < buffers.size(); k++) {
        line(buffers.get(k) + " = " + buffers.get(k + 1) + ";");
      }
      line(last + " = " + t + ";");
      if (conditional) {
        close();
      }
      close();
    }

    /** {@code double[] cp = a.clone();} or {@code System.arraycopy(src, 0, a, 0, k);}. */
    private void arrayCopy(Sym a) {
      List<Sym> arrays = visible(Kind.DOUBLE_ARRAY, false);
      // a copy within one array now and then, so that the default run always has one
      Sym src = r.nextDouble() < 0.15 ? a : pick(arrays);
      if (r.nextBoolean()) {
        String n = fresh(new String[] {"cp", "copy", "prev"});
        line("double[] " + n + " = " + src.name + ".clone();");
        declare(new Sym(n, Kind.DOUBLE_ARRAY, false, -1, src.length, loopDepth, false, true));
      } else if (src != a) {
        line(
            "System.arraycopy("
                + src.name
                + ", 0, "
                + a.name
                + ", 0, Math.min("
                + src.name
                + ".length, "
                + a.name
                + ".length));");
      } else {
        used.add(Construct.ARRAY_SELF_COPY);
        line("System.arraycopy(" + a.name + ", 0, " + a.name + ", " + a.name + ".length - 1, 1);");
      }
    }

    /** {@code float[] fa = new float[k];}, an initialiser, or a clone of a float[] parameter. */
    private void declareFloatArray() {
      String n = fresh(new String[] {"fa", "fbuf", "vals"});
      List<Sym> params =
          visible(Kind.FLOAT_ARRAY, false).stream().filter(s -> !s.localArray).toList();
      int length = 1 + r.nextInt(3);
      int maxLength = length;
      switch (params.isEmpty() ? r.nextInt(2) : r.nextInt(3)) {
        case 0 -> line("float[] " + n + " = new float[" + length + "];");
        case 1 -> {
          List<String> elems = new ArrayList<>();
          for (int k = 0; k < length; k++) {
            elems.add(r.nextBoolean() ? "(float) " + doubleExpr(1) : "0.5f");
          }
          line("float[] " + n + " = {" + String.join(", ", elems) + "};");
        }
        default -> {
          Sym src = pick(params);
          line("float[] " + n + " = " + src.name + ".clone();");
          length = src.length;
          maxLength = src.maxLength;
        }
      }
      Sym array = new Sym(n, Kind.FLOAT_ARRAY, false, -1, length, loopDepth, false, true);
      array.maxLength = maxLength;
      declare(array);
    }

    /**
     * {@code fa[i] = (float) e}, {@code fa[i] += (float) e} or {@code fa[i] *= (float) f} (the
     * casts explicit: a newer javac's -Xlint:all warns on a compound assignment that narrows).
     */
    private void floatArrayWrite(Sym a) {
      String target = a.name + "[" + index(a) + "]";
      String e = carried(a) ? bounded(doubleExpr(2)) : doubleExpr(2);
      switch (r.nextInt(3)) {
        case 0 -> line(target + " = (float) " + e + ";");
        case 1 -> line(target + " += (float) " + e + ";");
        default -> line(target + " *= (float) " + boundedFactor() + ";");
      }
    }

    /** {@code for (float v : fa)}, or with a double variable, which widens each element. */
    private void floatEnhancedFor(Sym array) {
      String v = fresh(new String[] {"fv", "fe", "fx"});
      boolean widen = r.nextDouble() < 0.3;
      loop(
          "for (" + (widen ? "double " : "float ") + v + " : " + array.name + ")",
          null,
          new Sym(v, widen ? Kind.DOUBLE : Kind.FLOAT, false, -1, 0, loopDepth + 1, false, false));
    }

    private void declareFloat() {
      String n = fresh(new String[] {"f1", "fl", "single"});
      line("float " + n + " = (float) (" + doubleExpr(2) + ");");
      declare(new Sym(n, Kind.FLOAT, true, -1, 0, loopDepth, false, false));
    }

    private void declareMatrix() {
      String n = fresh(new String[] {"grid", "mat", "cells"});
      int rows = 1 + r.nextInt(3);
      int cols = 1 + r.nextInt(3);
      line("double[][] " + n + " = new double[" + rows + "][" + cols + "];");
      Sym s = new Sym(n, Kind.DOUBLE_MATRIX, false, -1, rows, loopDepth, false, true);
      s.columns = cols;
      declare(s);
    }

    private String matrixElement(Sym g) {
      Sym row =
          new Sym(
              g.name + "[0]", Kind.DOUBLE_ARRAY, false, -1, g.columns, g.loopLevel, false, true);
      return g.name + "[" + index(g) + "][" + index(row) + "]";
    }

    private void matrixWrite(Sym g) {
      String target = matrixElement(g);
      boolean carried = carried(g);
      if (r.nextBoolean()) {
        line(target + " = " + (carried ? bounded(doubleExpr(2)) : doubleExpr(2)) + ";");
      } else {
        line(target + " += " + (carried ? bounded(doubleExpr(2)) : doubleExpr(2)) + ";");
      }
    }

    /** A switch on a small int with a braced body per case, each ending in break. */
    /**
     * A switch on an int selector in one of its forms: classic cases with break or fallthrough (a
     * conditional break inside too, default anywhere, several labels per case), arrow cases, or a
     * switch expression with yield declaring a double local.
     */
    private void switchStatement() {
      switches++;
      switchStatementBody();
      switches--;
    }

    private void switchStatementBody() {
      String selector = "(" + intExpr(1) + ") % " + (2 + r.nextInt(3));
      boolean chars = allowed.contains(Construct.CHAR_SWITCH) && r.nextDouble() < 0.3;
      if (chars) {
        used.add(Construct.CHAR_SWITCH);
        // a negative remainder narrows below 'a', a large int wraps past 65535
        selector = "(char) ('a' + " + selector + (r.nextDouble() < 0.2 ? " + 65536" : "") + ")";
      }
      int cases = 1 + r.nextInt(3);
      int defaultAt = r.nextInt(cases + 2); // == cases + 1: no default
      switch (r.nextInt(3)) {
        case 0 -> {
          open("switch (" + selector + ")");
          int label = r.nextInt(2) - 1;
          for (int c = 0; c <= cases; c++) {
            if (c == defaultAt) {
              open("default:");
            } else {
              String labels = "case " + label(chars, label++);
              if (r.nextDouble() < 0.3) {
                labels +=
                    r.nextBoolean()
                        ? ", " + label(chars, label++)
                        : ": case " + label(chars, label++);
              }
              open(labels + ":");
            }
            scoped(
                () -> {
                  if (r.nextDouble() < 0.2) {
                    line("if (" + condition(2) + ") break;");
                  }
                  statements(1, 2, false);
                });
            if (r.nextDouble() < 0.6) {
              line("break;");
            } else if (c < cases) {
              fallsThrough = true;
            }
            close();
          }
          close();
        }
        case 1 -> {
          open("switch (" + selector + ")");
          for (int c = 0; c <= cases; c++) {
            open(c == defaultAt ? "default ->" : "case " + label(chars, c) + " ->");
            scoped(() -> statements(1, 2, false));
            close();
          }
          close();
        }
        default -> {
          // its scope starts in its own initializer: the cases must not declare its name
          String n = fresh(localNames());
          reserved.add(n);
          open("double " + n + " = switch (" + selector + ")");
          int saved = breakable;
          breakable = 0; // break, continue and return cannot leave a switch expression
          switchExpressions++;
          for (int c = 0; c <= cases; c++) {
            String head = c == cases ? "default ->" : "case " + label(chars, c) + " ->";
            if (r.nextBoolean()) {
              line(head + " " + doubleExpr(2) + ";");
            } else {
              open(head);
              scoped(
                  () -> {
                    statements(0, 2, false);
                    if (r.nextDouble() < 0.3) {
                      line("if (" + condition(2) + ") yield " + doubleExpr(2) + ";");
                    }
                    line("yield " + doubleExpr(2) + ";");
                  });
              close();
            }
          }
          breakable = saved;
          switchExpressions--;
          indent--;
          line("};");
          reserved.remove(n);
          declare(new Sym(n, Kind.DOUBLE, true, -1, 0, loopDepth, false, false));
        }
      }
    }

    /** Case label k: the int, or for a char selector the char {@code 'a' + k} as a literal. */
    private static String label(boolean chars, int k) {
      return chars ? "'" + (char) ('a' + k) + "'" : Integer.toString(k);
    }

    private void arrayWrite(Sym a) {
      String target = a.name + "[" + index(a) + "]";
      boolean carried = carried(a);
      switch (r.nextInt(3)) {
        case 0 -> line(target + " = " + (carried ? bounded(doubleExpr(2)) : doubleExpr(2)) + ";");
        case 1 -> line(target + " += " + (carried ? bounded(doubleExpr(2)) : doubleExpr(2)) + ";");
        default -> line(target + " *= " + boundedFactor() + ";");
      }
    }

    // ------------------------------------------------------------------------------- expressions

    /** A {@code double}-typed expression of nesting at most {@code depth}, fully parenthesised. */
    private String doubleExpr(int depth) {
      if (depth <= 0 || r.nextDouble() < 0.25) {
        return leaf();
      }
      int d = depth - 1;
      Menu<String> m = new Menu<>();
      m.add(
          3,
          null,
          () -> "(" + doubleExpr(d) + (r.nextBoolean() ? " + " : " - ") + operand(d) + ")");
      m.add(2.5, null, () -> "(" + doubleExpr(d) + " * " + operand(d) + ")");
      m.add(1.2, null, () -> "(" + doubleExpr(d) + " / " + positive(doubleExpr(d)) + ")");
      m.add(0.6, null, () -> "(-" + doubleExpr(d) + ")");
      m.add(3, Construct.MATH_SMOOTH, () -> smooth(doubleExpr(d)));
      m.add(1.5, Construct.MATH_SMOOTH, () -> restrictedDomain(doubleExpr(d)));
      m.add(0.6, Construct.MATH_SMOOTH, () -> power(d));
      m.add(
          0.6,
          Construct.MATH_SMOOTH,
          () ->
              r.nextBoolean()
                  ? math("atan2") + "(" + doubleExpr(d) + ", " + positive(doubleExpr(d)) + ")"
                  : math("hypot") + "(" + doubleExpr(d) + ", " + doubleExpr(d) + ")");
      m.add(
          0.2,
          Construct.MATH_SMOOTH,
          () ->
              r.nextBoolean()
                  ? math("toRadians") + "(" + doubleExpr(d) + ")"
                  : "(0.01 * " + math("toDegrees") + "(" + doubleExpr(d) + "))");
      m.add(
          0.8,
          Construct.MATH_KINK,
          () ->
              switch (r.nextInt(3)) {
                case 0 -> math("abs") + "(" + doubleExpr(d) + ")";
                case 1 -> math("min") + "(" + doubleExpr(d) + ", " + doubleExpr(d) + ")";
                default -> math("max") + "(" + doubleExpr(d) + ", " + doubleExpr(d) + ")";
              });
      m.add(
          0.4,
          Construct.MATH_STEP,
          () -> {
            String[] fns = {"floor", "ceil", "rint", "signum"};
            return "("
                + math(fns[r.nextInt(fns.length)])
                + "("
                + doubleExpr(d)
                + ") * "
                + doubleExpr(d)
                + ")";
          });
      m.add(
          0.7,
          Construct.TERNARY,
          () -> "(" + condition(d) + " ? " + doubleExpr(d) + " : " + doubleExpr(d) + ")");
      m.add(0.8, Construct.STOP_GRADIENT, () -> "Adjoint.stopGradient(" + doubleExpr(d) + ")");
      m.add(0.25, Construct.STREAM, () -> stream(d));
      m.add(helpers == null ? 0 : 1, Construct.RECURSION, () -> recursiveCall(d));
      m.add(localRecord == null ? 0 : 0.8, Construct.RECORD_LOCAL, () -> recordExpr(d));
      m.add(helperClass == null ? 0 : 0.7, Construct.HELPER_OBJECT, () -> helperObjectCall(d));
      m.add(owner == null ? 0 : 0.7, Construct.INSTANCE_METHOD, () -> ownerHelperCall(d));
      return m.pick();
    }

    /**
     * A stream reduction: over a parameter array (its elements, or its indices), or over a few
     * values. Lambdas read only their parameters and parameter arrays, which Java requires to be
     * effectively final; reads of an optional that may be empty fall back with {@code orElse}.
     */
    private String stream(int depth) {
      List<Sym> arrays =
          visible(Kind.DOUBLE_ARRAY, false).stream().filter(s -> s.param && !s.readOnly).toList();
      String e = fresh(new String[] {"e"});
      String lit = LITERALS[r.nextInt(LITERALS.length)];
      if (arrays.isEmpty() || r.nextInt(5) == 0) {
        String values = doubleExpr(depth) + ", " + doubleExpr(depth) + ", " + lit;
        String of = "java.util.stream.DoubleStream.of(" + values + ")";
        return switch (r.nextInt(3)) {
          case 0 -> of + ".max().getAsDouble()";
          case 1 -> of + ".map(" + e + " -> " + lambdaBody(e, 2) + ").sum()";
          default -> of + ".min().getAsDouble()";
        };
      }
      String a = pick(arrays).name;
      String source = "java.util.Arrays.stream(" + a + ")";
      String map = ".map(" + e + " -> " + lambdaBody(e, 2) + ")";
      return switch (r.nextInt(7)) {
        case 0 -> source + map + ".sum()";
        case 1 -> {
          String k = fresh(new String[] {"k"});
          yield "java.util.stream.IntStream.range(0, "
              + a
              + ".length).mapToDouble("
              + k
              + " -> "
              + lambdaBody(a + "[" + k + "]", 2)
              + " * "
              + a
              + "["
              + a
              + ".length - 1 - "
              + k
              + "]).sum()";
        }
        case 2 -> source + ".filter(" + e + " -> " + e + " > " + lit + " - 1.0)" + map + ".sum()";
        case 3 -> source + map + (r.nextBoolean() ? ".max()" : ".min()") + ".orElse(" + lit + ")";
        case 4 -> {
          // not the local names' pool: the local a stream initialises is named after it is made
          String p = fresh(new String[] {"acc0"});
          String q = fresh(new String[] {"elem"});
          yield source
              + ".reduce("
              + lit
              + ", ("
              + p
              + ", "
              + q
              + ") -> "
              + p
              + " * 0.5 + "
              + lambdaBody(q, 2)
              + ")";
        }
        case 5 -> source + ".skip(1).limit(2)" + map + ".sum()";
        default -> source + map + ".average().orElse(" + lit + ")";
      };
    }

    /** The body of a stream's lambda: {@code element} (its parameter), literals and Math. */
    private String lambdaBody(String element, int depth) {
      if (depth <= 0 || r.nextDouble() < 0.3) {
        return r.nextInt(4) == 0 ? LITERALS[r.nextInt(LITERALS.length)] : element;
      }
      int d = depth - 1;
      return switch (r.nextInt(4)) {
        case 0 -> "(" + lambdaBody(element, d) + " + " + lambdaBody(element, d) + ")";
        case 1 -> "(" + lambdaBody(element, d) + " * " + lambdaBody(element, d) + ")";
        case 2 -> smooth(lambdaBody(element, d));
        default -> "(" + element + " - " + lambdaBody(element, d) + ")";
      };
    }

    /** The right operand of + - *: sometimes an int literal, to exercise int → double promotion. */
    private String operand(int depth) {
      if (r.nextDouble() < 0.1) {
        return Integer.toString(1 + r.nextInt(3));
      }
      return doubleExpr(depth);
    }

    private String leaf() {
      List<Sym> doubles =
          visible(Kind.DOUBLE, false).stream().filter(s -> !restricted || s.param).toList();
      List<Sym> arrays =
          visible(Kind.DOUBLE_ARRAY, false).stream()
              .filter(s -> !restricted || !s.localArray)
              .toList();
      List<Sym> ints = new ArrayList<>(visible(Kind.INT, false));
      ints.addAll(visible(Kind.LONG, false));
      Menu<String> m = new Menu<>();
      if (!doubles.isEmpty()) {
        m.add(6, null, () -> pick(doubles).name);
      }
      if (!arrays.isEmpty()) {
        m.add(
            2.5,
            Construct.ARRAY_READ,
            () -> {
              Sym a = pick(arrays);
              if (a.localArray) {
                used.add(Construct.LOCAL_ARRAY);
              }
              return a.name + "[" + index(a) + "]";
            });
      }
      if (!ints.isEmpty()) {
        m.add(
            1.2,
            Construct.CAST,
            () -> {
              Sym i = pick(ints);
              return r.nextBoolean() ? "((double) " + i.name + ")" : "(0.25 * " + i.name + ")";
            });
      }
      m.add(1.5, null, () -> LITERALS[r.nextInt(LITERALS.length)]);
      m.add(0.1, Construct.MATH_SMOOTH, () -> r.nextBoolean() ? "Math.PI" : "Math.E");
      List<Sym> floats = visible(Kind.FLOAT, false).stream().filter(s -> !restricted).toList();
      if (!floats.isEmpty()) {
        m.add(
            2,
            Construct.FLOAT,
            () ->
                r.nextBoolean()
                    ? "((double) " + pick(floats).name + ")"
                    : "(" + pick(floats).name + " * 0.5)");
      }
      List<Sym> matrices =
          visible(Kind.DOUBLE_MATRIX, false).stream().filter(s -> !restricted).toList();
      if (!matrices.isEmpty()) {
        m.add(2, Construct.MATRIX, () -> matrixElement(pick(matrices)));
      }
      List<Sym> floatArrays =
          visible(Kind.FLOAT_ARRAY, false).stream()
              .filter(s -> !restricted || !s.localArray)
              .toList();
      if (!floatArrays.isEmpty()) {
        m.add(2.5, Construct.FLOAT_ARRAY, () -> floatElement(pick(floatArrays)));
      }
      return m.pick();
    }

    /**
     * A double-typed read of a float array's elements: widened, scaled by a double, or a product of
     * two elements in float arithmetic (promoted when it meets the double).
     */
    private String floatElement(Sym a) {
      String e = a.name + "[" + index(a) + "]";
      return switch (r.nextInt(3)) {
        case 0 -> "((double) " + e + ")";
        case 1 -> "(" + e + " * 0.5)";
        default -> "(" + e + " * " + a.name + "[" + index(a) + "] + 0.25)";
      };
    }

    /** A value in about [-1.5, 1.5], whatever {@code e} is. */
    private String bounded(String e) {
      return switch (r.nextInt(5)) {
        case 0 -> math("sin") + "(" + e + ")";
        case 1 -> math("cos") + "(" + e + ")";
        case 2 -> math("tanh") + "(" + e + ")";
        case 3 -> math("atan") + "(" + e + ")";
        default -> "(" + e + " / (1.0 + " + e + " * " + e + "))";
      };
    }

    /** A multiplier in about [-1.5, 1.5] for loop-carried products. */
    private String boundedFactor() {
      List<Sym> doubleParams = visible(Kind.DOUBLE, false).stream().filter(s -> s.param).toList();
      if (!doubleParams.isEmpty() && r.nextDouble() < 0.4) {
        return pick(doubleParams).name; // t *= x: parameters are never reassigned inside loops
      }
      if (r.nextDouble() < 0.2) {
        return "0.9";
      }
      return bounded(doubleExpr(1));
    }

    /** A divisor at least 1, so that dividing loop-carried state by it never grows it. */
    private String atLeastOne(String e) {
      return r.nextBoolean()
          ? "(1.0 + " + e + " * " + e + ")"
          : "(2.0 + " + math("sin") + "(" + e + "))";
    }

    /** A divisor at least 0.5. */
    private String positive(String e) {
      return switch (r.nextInt(3)) {
        case 0 -> "(1.0 + " + e + " * " + e + ")";
        case 1 -> "(2.0 + " + math("sin") + "(" + e + "))";
        default -> "(1.5 + " + math("tanh") + "(" + e + "))";
      };
    }

    private String smooth(String e) {
      return switch (r.nextInt(9)) {
        case 0 -> math("sin") + "(" + e + ")";
        case 1 -> math("cos") + "(" + e + ")";
        case 2 -> math("tanh") + "(" + e + ")";
        case 3 -> math("atan") + "(" + e + ")";
        case 4 -> math("exp") + "(" + math("sin") + "(" + e + "))";
        case 5 -> math("exp") + "(-(" + e + " * " + e + "))";
        case 6 -> math("sinh") + "(" + math("tanh") + "(" + e + "))";
        case 7 -> math("cosh") + "(" + math("sin") + "(" + e + "))";
        default -> math("expm1") + "(" + math("atan") + "(" + e + "))";
      };
    }

    private String restrictedDomain(String e) {
      return switch (r.nextInt(9)) {
        case 0 -> math("sqrt") + "(1.0 + " + e + " * " + e + ")";
        case 1 -> math("log") + "(1.0 + " + e + " * " + e + ")";
        case 2 -> math("log1p") + "(" + e + " * " + e + ")";
        case 3 -> math("log10") + "(2.0 + " + math("cos") + "(" + e + "))";
        case 4 -> math("cbrt") + "(2.5 + " + math("sin") + "(" + e + "))";
        case 5 -> math("asin") + "(0.5 * " + math("tanh") + "(" + e + "))";
        case 6 -> math("acos") + "(0.5 * " + math("sin") + "(" + e + "))";
        case 7 -> math("tan") + "(0.5 * " + math("atan") + "(" + e + "))";
        default -> math("sqrt") + "(" + math("exp") + "(" + math("sin") + "(" + e + ")))";
      };
    }

    private String power(int d) {
      return switch (r.nextInt(4)) {
        case 0 -> math("pow") + "(" + doubleExpr(d) + ", " + (2 + r.nextInt(2)) + ")";
        case 1 -> math("pow") + "(" + doubleExpr(d) + ", 2.0)";
        case 2 -> {
          String[] exps = {"0.5", "1.5", "-0.5", "-1.0", "2.5"};
          String e = doubleExpr(d);
          yield math("pow") + "(1.0 + " + e + " * " + e + ", " + exps[r.nextInt(exps.length)] + ")";
        }
        default ->
            math("pow")
                + "(2.0 + "
                + math("sin")
                + "("
                + doubleExpr(d)
                + "), "
                + bounded(doubleExpr(d))
                + ")";
      };
    }

    private String math(String fn) {
      if (allowed.contains(Construct.STRICT_MATH) && r.nextDouble() < 0.08) {
        used.add(Construct.STRICT_MATH);
        return "StrictMath." + fn;
      }
      return "Math." + fn;
    }

    /** An int expression of small magnitude. */
    private String intExpr(int depth) {
      List<Sym> ints = visible(Kind.INT, false);
      List<Sym> arrays = visible(Kind.DOUBLE_ARRAY, false);
      if (depth <= 0 || r.nextDouble() < 0.4) {
        if (!ints.isEmpty() && r.nextDouble() < 0.7) {
          return pick(ints).name;
        }
        if (!arrays.isEmpty() && r.nextDouble() < 0.3) {
          return pick(arrays).name + ".length";
        }
        return Integer.toString(r.nextInt(4));
      }
      used.add(Construct.INT_ARITHMETIC);
      int d = depth - 1;
      return switch (r.nextInt(5)) {
        case 0 -> "(" + intExpr(d) + " + " + intExpr(d) + ")";
        case 1 -> "(" + intExpr(d) + " - " + intExpr(d) + ")";
        case 2 -> "(" + intExpr(d) + " * " + intExpr(d) + ")";
        case 3 -> "(" + intExpr(d) + " % " + (2 + r.nextInt(3)) + ")";
        default -> "(" + intExpr(d) + " / " + (1 + r.nextInt(3)) + ")";
      };
    }

    /** An in-range index into {@code a}. */
    private String index(Sym a) {
      List<String> forms = new ArrayList<>();
      for (Sym i : visible(Kind.INT, false)) {
        if (i.max >= 0 && !i.param && !i.assignable) { // a loop index, in [0, max]
          if (i.max < a.length) {
            forms.add(i.name);
            forms.add(i.name);
            forms.add(a.name + ".length - 1 - " + i.name);
          }
          forms.add(i.name + " % " + a.name + ".length");
          forms.add("Math.min(" + i.name + ", " + a.name + ".length - 1)");
          for (Sym j : visible(Kind.INT, false)) {
            if (j != i && j.max >= 0 && !j.param && !j.assignable) {
              forms.add("(" + i.name + " + " + j.name + ") % " + a.name + ".length");
            }
          }
        } else if (!i.param) { // an int local: any value
          forms.add("Math.abs(" + i.name + ") % " + a.name + ".length");
        } else if (i.max >= 0) { // n
          forms.add(i.name + " % " + a.name + ".length");
        }
      }
      forms.add(Integer.toString(r.nextInt(a.length)));
      forms.add(a.name + ".length - 1");
      return forms.get(r.nextInt(forms.size()));
    }

    /** A boolean condition. */
    private String condition(int depth) {
      List<Sym> bools = visible(Kind.BOOLEAN, false);
      List<Sym> ints = visible(Kind.INT, false);
      Menu<String> m = new Menu<>();
      String[] cmp = {" < ", " <= ", " > ", " >= "};
      m.add(
          3,
          null,
          () ->
              doubleExpr(Math.min(depth, 2))
                  + cmp[r.nextInt(cmp.length)]
                  + (r.nextBoolean()
                      ? LITERALS[r.nextInt(LITERALS.length)]
                      : doubleExpr(Math.min(depth, 1))));
      if (!ints.isEmpty()) {
        String[] icmp = {" < ", " <= ", " > ", " >= ", " == ", " != "};
        m.add(
            1.5,
            Construct.INT_ARITHMETIC,
            () ->
                r.nextBoolean()
                    ? "(" + pick(ints).name + " % 2) == " + r.nextInt(2)
                    : intExpr(1) + icmp[r.nextInt(icmp.length)] + intExpr(1));
      }
      if (!bools.isEmpty()) {
        m.add(0.8, Construct.BOOLEAN_LOCAL, () -> (r.nextBoolean() ? "!" : "") + pick(bools).name);
      }
      if (depth > 0) {
        m.add(
            1,
            null,
            () ->
                "("
                    + condition(depth - 1)
                    + (r.nextBoolean() ? " && " : " || ")
                    + condition(depth - 1)
                    + ")");
        m.add(0.3, null, () -> "!(" + condition(depth - 1) + ")");
      }
      return m.pick();
    }

    // ------------------------------------------------------------------------------------ scopes

    private List<Sym> visible(Kind kind, boolean assignableOnly) {
      List<Sym> out = new ArrayList<>();
      for (List<Sym> scope : scopes) {
        for (Sym s : scope) {
          if (s.kind == kind && (!assignableOnly || s.assignable)) {
            out.add(s);
          }
        }
      }
      return out;
    }

    private boolean isVisible(String n) {
      for (List<Sym> scope : scopes) {
        for (Sym s : scope) {
          if (s.name.equals(n)) {
            return true;
          }
        }
      }
      return n.equals(name);
    }

    /**
     * A name from {@code pool} that no visible variable has. It may be the name of an earlier
     * declaration whose scope has ended ({@link Construct#REUSED_NAME}), as Java allows.
     */
    private String fresh(String[] pool) {
      boolean reuse = allowed.contains(Construct.REUSED_NAME);
      List<String> free = new ArrayList<>();
      for (String n : pool) {
        if (!isVisible(n) && !reserved.contains(n) && (reuse || !declaredEver.contains(n))) {
          free.add(n);
        }
      }
      if (!free.isEmpty()) {
        String n = free.get(r.nextInt(free.size()));
        if (declaredEver.contains(n)) {
          used.add(Construct.REUSED_NAME);
        }
        return n;
      }
      for (int k = 2; ; k++) {
        String n = pool[0] + k;
        if (!isVisible(n) && !reserved.contains(n) && !declaredEver.contains(n)) {
          return n;
        }
      }
    }

    private void declare(Sym s) {
      scopes.peek().add(s);
      declaredEver.add(s.name);
    }

    private void scoped(Runnable body) {
      scopes.push(new ArrayList<>());
      try {
        body.run();
      } finally {
        scopes.pop();
      }
    }

    private <T> T pick(List<T> list) {
      return list.get(r.nextInt(list.size()));
    }

    // -------------------------------------------------------------------------------------- text

    private void line(String text) {
      out.append("    ".repeat(indent)).append(text).append('\n');
    }

    private void open(String header) {
      line(header.isEmpty() ? "{" : header + " {");
      indent++;
    }

    private void reopen(String text) {
      indent--;
      line(text);
      indent++;
    }

    private void close() {
      indent--;
      line("}");
    }

    /**
     * Weighted choice among the cases whose construct is allowed; picking one records it as used.
     */
    private final class Menu<T> {
      private final List<Supplier<T>> items = new ArrayList<>();
      private final List<Double> weights = new ArrayList<>();
      private double total;

      void add(double weight, Construct c, Runnable action) {
        add(
            weight,
            c,
            () -> {
              action.run();
              return null;
            });
      }

      void add(double weight, Construct c, Supplier<T> item) {
        if (weight <= 0 || (c != null && !allowed.contains(c))) {
          return;
        }
        items.add(
            () -> {
              if (c != null) {
                used.add(c);
              }
              return item.get();
            });
        weights.add(weight);
        total += weight;
      }

      T pick() {
        double x = r.nextDouble() * total;
        for (int k = 0; k < items.size(); k++) {
          x -= weights.get(k);
          if (x < 0 || k == items.size() - 1) {
            return items.get(k).get();
          }
        }
        throw new IllegalStateException("empty menu");
      }
    }
  }
}
