package dev.adjoint.compiler.random;

/**
 * The language constructs {@link ProgramGenerator} can put into a random method, each marked with
 * whether the compiler supports it today.
 *
 * <p>A program that uses only supported constructs (the README's "Supported language") must
 * differentiate: a diagnostic on it is a test failure. A program that uses an unsupported one may
 * instead be rejected with a coded {@code [ADnnn]} diagnostic (never an internal {@code AD9xx}
 * error, never an exception). When the compiler learns a construct, flip its flag to {@code true}:
 * from then on every program using it must differentiate correctly. To test a new construct, add it
 * here and add its generator case in {@link ProgramGenerator} (a statement case in {@code
 * statement}, an expression case in {@code doubleExpr}, or a leaf in {@code leaf}); a large or
 * oracle-weakening one also goes into an optional group: {@code ProgramGenerator.LATER_GROUPS}, so
 * that the programs of the other seeds stay the same.
 */
enum Construct {
  // ---- the language of the foundation issue (README "Supported language")
  DOUBLE_LOCAL(true),
  VAR_LOCAL(true),
  INT_LOCAL(true),
  LONG_LOCAL(true),
  BOOLEAN_LOCAL(true),
  ASSIGN(true),
  /** Assignment to a scalar {@code double} parameter. */
  PARAM_REASSIGN(true),
  COMPOUND_ASSIGN(true),
  INCREMENT(true),
  INT_ARITHMETIC(true),
  /** {@code (double) i}, {@code (int) (e)}. */
  CAST(true),
  IF(true),
  ELSE_IF(true),
  TERNARY(true),
  /** {@code if (c) return e;} with the rest of the method after it. */
  EARLY_RETURN(true),
  /** A final {@code if}/{@code else} that returns in every branch. */
  BRANCH_RETURNS(true),
  BLOCK(true),
  FOR_UP(true),
  FOR_INCLUSIVE(true),
  FOR_DOWN(true),
  /** {@code i += k}, {@code i -= k}, {@code i = i + k}. */
  FOR_STEP(true),
  FOR_LONG_INDEX(true),
  NESTED_FOR(true),
  /** An inner loop whose start or bound is an outer loop's index. */
  TRIANGULAR_FOR(true),
  ENHANCED_FOR(true),
  /**
   * A loop that overwrites a variable declared outside it (recurrences, Horner, {@code t *= x}).
   */
  CARRIED_STATE(true),
  /** Element reads of a {@code double[]} parameter and its {@code length}. */
  ARRAY_READ(true),
  /** A differentiated {@code double[]} parameter. */
  WRT_ARRAY(true),
  /** {@code long} and {@code boolean} parameters. */
  OTHER_PARAMS(true),
  /** {@code @Differentiable(wrt = ...)} naming a subset, and {@code @NoDerivative} scalars. */
  EXPLICIT_WRT(true),
  MATH_SMOOTH(true),
  /** {@code abs}, {@code min}, {@code max}: kinks. */
  MATH_KINK(true),
  /** {@code floor}, {@code ceil}, {@code rint}, {@code signum}: derivative 0, jumps. */
  MATH_STEP(true),
  STRICT_MATH(true),
  /**
   * Locals and parameters named like the generated code's own variables ({@code value}, {@code
   * xBar}, ...).
   */
  TRICKY_NAMES(true),
  /**
   * A local named like an earlier local whose scope has ended (sibling blocks, branches, loops).
   */
  REUSED_NAME(true),

  /** {@code final double t = e;}. */
  FINAL_LOCAL(true),

  // ---- loops with exits, local arrays, float and matrices: ProgramGenerator.OPTIONAL_GROUPS
  WHILE(true),
  DO_WHILE(true),
  /** {@code while (c-- > 0)}: a side effect in the loop condition. */
  WHILE_DECREMENT(true),
  BREAK(true),
  CONTINUE(true),
  /** {@code break L} / {@code continue L} to an enclosing loop's label. */
  LABELED_JUMP(true),
  RETURN_IN_LOOP(true),
  /** {@code double[] buf = new double[k]} or an array initialiser. */
  LOCAL_ARRAY(true),
  /** {@code buf[i] = e}, {@code buf[i] += e} on a local array. */
  ARRAY_WRITE(true),
  /** {@code a.clone()}, {@code System.arraycopy}. */
  ARRAY_COPY(true),
  /** Writes into a {@code double[]} parameter (the differentiated one too). */
  PARAM_ARRAY_WRITE(true),
  /** {@code Adjoint.stopGradient(e)}. */
  STOP_GRADIENT(true),
  /** {@code float} locals mixed with {@code double}. */
  FLOAT(true),
  /**
   * {@code float[]} parameters (differentiated, or {@code @NoDerivative} data) and local {@code
   * float[]} arrays: element reads in float arithmetic, writes and compound assignments (which
   * narrow), {@code clone()}, and enhanced for loops over them with a {@code float} or {@code
   * double} variable.
   */
  FLOAT_ARRAY(true),
  /** A local {@code double[][]}, its elements read and written. */
  MATRIX(true),

  /**
   * {@code switch} on an int: classic cases with break or fallthrough, arrow cases, and switch
   * expressions with yield.
   */
  SWITCH(true),

  /**
   * Assignments used as values: in a loop condition ({@code while ((c = c - 1) >= 0)}, {@code do
   * ... while ((c += 1) < n)}), chained ({@code x = y = e}), a compound assignment inside an
   * expression ({@code x = (y *= e) + e}, {@code x = (a[i] += e) * a[i]}), element writes and reads
   * whose index increments a counter ({@code a[Math.abs(k++) % a.length] = e}), an assignment in a
   * branch of {@code ?:}.
   */
  ASSIGNMENT_EXPRESSION(true),

  /**
   * Two or three {@code double[]} buffers stepped in a loop and exchanged by reference ({@code
   * double[] t = cur; cur = nxt; nxt = t;}), sometimes only when a condition holds.
   */
  BUFFER_SWAP(true),

  /**
   * {@code switch} on a {@code char} selector made by a narrowing cast ({@code (char) ('a' + k %
   * 3)}, sometimes below {@code 'a'} or wrapped past 65535) with char literal labels.
   */
  CHAR_SWITCH(true),

  // ---- stream reductions: drawn in every program (an expression kind, not an optional group)
  /**
   * Stream reductions over a parameter array, a range of its indices or a few values ({@code
   * Arrays.stream(a).map(e -> ...).sum()}, {@code filter}, {@code max().orElse}, {@code reduce},
   * {@code average}, {@code DoubleStream.of(...).max().getAsDouble()}), lowered to loops.
   */
  STREAM(true),

  /**
   * One or two recursive helper methods of the class ({@link RecursiveHelpers}: power by squaring,
   * recursive loops, mutual recursion, divide and conquer, a recursive Horner sum over a read-only
   * {@code double[]}) called with active arguments, and with a {@code double[]} parameter of the
   * method where {@code order = 1} allows it.
   */
  RECURSION(true),

  // ---- objects: ProgramGenerator.LATER_GROUPS, checked with the objects the checker builds
  /**
   * A record parameter (two doubles, a double and a {@code double[]}, or a record nesting one),
   * differentiated by default, its components read with accessors ({@code cfg.v().a()}, {@code
   * cfg.w()[i]}).
   */
  RECORD_PARAM(true),

  /**
   * A record made in the method ({@code new P1Pt(e, e)}, or returned by a static helper's last
   * statement), passed to a static helper returning a double, its components read.
   */
  RECORD_LOCAL(true),

  /**
   * The method is an instance method of a class with private and package fields (doubles, a {@code
   * double[]}), some named in {@code wrt}, read bare or as {@code this.f}, and a private helper
   * instance method reading them.
   */
  INSTANCE_METHOD(true),

  /**
   * A helper object: {@code new P1Spring(e, e).energy(e)}, or a local of the class, whose final
   * fields its constructor sets, read by its method and directly.
   */
  HELPER_OBJECT(true),

  // ---- data kept verbatim: ProgramGenerator.DATA, checked through javac and the processor only
  /**
   * A {@code java.util.List<Double>} parameter read with {@code get} and {@code size()} at loop
   * depth 0 or 1, and walked with {@code for (double e : xs)} at depth 0.
   */
  DATA_LIST(true),

  /**
   * A parameter of a class whose method has an effect (it counts its calls): every generated method
   * must call it exactly as often as the method does.
   */
  DATA_COUNTER(true),

  /** {@code Math.floorMod}, {@code Integer.parseInt}, {@code Double.compare} on inactive values. */
  DATA_STATIC(true),

  /** A {@code String} parameter's {@code length()} and {@code charAt(i)} in int arithmetic. */
  DATA_STRING(true),

  // ---- not supported: programs using these may be rejected with a coded diagnostic
  /**
   * {@code System.arraycopy(a, 0, a, k, 1)}: rejected with AD105 ("within one array"), not in the
   * README.
   */
  ARRAY_SELF_COPY(false);

  private final boolean supported;

  Construct(boolean supported) {
    this.supported = supported;
  }

  /** Whether the compiler must differentiate every program using this construct. */
  boolean supported() {
    return supported;
  }
}
