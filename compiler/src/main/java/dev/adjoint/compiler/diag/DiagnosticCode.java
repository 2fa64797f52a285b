package dev.adjoint.compiler.diag;

import java.text.MessageFormat;

/**
 * Every diagnostic Adjoint can report: a stable code, a severity, a message template and a hint
 * saying what to do. The README's table is generated from, and tested against, this enum.
 */
public enum DiagnosticCode {
  AD001(
      Severity.ERROR,
      "the Adjoint processor needs javac''s Trees API, which this compiler ({0}) does not provide",
      "compile with javac (Maven, Gradle and IntelliJ's javac mode all use it)"),
  AD002(
      Severity.ERROR,
      "the body of method ''{0}'' is not available",
      "annotate methods with a body, declared in source files compiled in this build"),
  AD003(
      Severity.ERROR,
      "cannot generate class ''{0}'': a class of that name already exists",
      "rename the class that clashes with the generated one"),
  AD004(
      Severity.ERROR,
      "generated class ''{0}'' is out of date: it contains a copy of {1}, which has changed "
          + "(or is gone), and its owner {2} is not compiled again in this build",
      "recompile {2} as well, or run a clean build (mvn clean compile)"),

  AD101(
      Severity.ERROR,
      "{0} statements are not supported in a differentiable method",
      "rewrite it with what is supported: test the condition with if/else instead of throwing or catching, "
          + "loops with break/continue, switch, return and assignments"),
  AD102(
      Severity.ERROR,
      "{0} is not supported in a differentiable method",
      "compute it outside the method and pass the result in as a @NoDerivative parameter, or write it with "
          + "arithmetic on double, int and long values, Math functions and static methods of this compilation"),
  AD103(
      Severity.ERROR,
      "this enhanced for loop is not supported: {0}",
      "iterate over a double[], float[], double[][] or float[][] variable, or write an indexed loop for (int i = 0; "
          + "i < a.length; i++)"),
  AD104(
      Severity.ERROR,
      "the statements after this ''return'' can never run",
      "remove them: javac rejects unreachable statements too"),
  AD105(
      Severity.ERROR,
      "this array write is not supported: {0}",
      "write elements of a named array variable (a[i] = ..., m[i][j] = ...), or copy with a loop"),
  AD106(
      Severity.ERROR,
      "instance method ''{0}'' cannot be differentiated: its class is private or not part of this compilation",
      "make the class visible to its package, or declare the method static and pass the fields it reads as "
          + "parameters (@NoDerivative for data)"),
  AD107(
      Severity.ERROR,
      "''{0}'' is not inside a loop it can leave",
      "javac rejects it too: continue must be inside a loop, break inside a loop or a switch statement, yield "
          + "inside a switch expression, which break and continue cannot leave, and a label must name an enclosing "
          + "loop (labelled blocks and labelled switches are not supported)"),
  AD108(
      Severity.ERROR,
      "{0} inside an expression is not supported",
      "write it as its own statement (b = next;) and use the variable after it; assignments to numeric "
          + "variables and array elements, compound assignments and increments are fine inside expressions"),
  AD109(
      Severity.ERROR,
      "method ''{0}'' has the same name as another @Differentiable method of this class",
      "rename one of them: the generated method names (fGradient, fTangent, ...) are built from the method name"),
  AD110(
      Severity.ERROR,
      "generic or varargs method ''{0}'' cannot be differentiated",
      "declare the parameters with concrete types: double x instead of T x, double[] xs instead of double... xs"),
  AD111(
      Severity.ERROR,
      "a switch on a value of type {0} is not supported",
      "switch on an int, char, String or enum value (a parameter, a local, or an int or char expression); "
          + "for a value of another type, compare with if/else (if (v < 0.5) ... else ...)"),
  AD112(
      Severity.ERROR,
      "case label ''{0}'' is not supported",
      "label cases with constants of the selector's type: int and char literals or static final int constants "
          + "(case 1, case 'a', case LIMIT), string literals for a String, constant names for an enum (case RELU); "
          + "patterns, null and guards are not supported"),
  AD113(
      Severity.ERROR,
      "stream operation ''{0}'' is not supported: {1}",
      "write the loop instead, e.g. double s = 0; for (double v : x) if (keep(v)) s += f(v); (streams"
          + " supported: Arrays.stream, IntStream.range/rangeClosed, DoubleStream.of; map, mapToDouble,"
          + " mapToInt, mapToLong, asDoubleStream, filter, limit, skip; sum, reduce, max, min, average,"
          + " count, getAsDouble, orElse)"),
  AD114(
      Severity.ERROR,
      "recursive method ''{0}'' cannot be differentiated: {1}",
      "a recursive method must return double, float, int, long or boolean, take scalar and array parameters "
          + "and only read its array parameters; a differentiated array may be passed to it only as a double[] "
          + "parameter of the method, and with order = 1; otherwise rewrite the recursion as a loop"),

  AD115(
      Severity.ERROR,
      "''{0}'' is a {1} value, which is data: it can only be a switch selector or compared with a constant",
      "switch on it (case \"relu\" -> ..., case RELU -> ...) or compare it in a condition (s.equals(\"relu\"), "
          + "kind == Kind.RELU); pass numbers as double, int or long parameters"),
  AD116(
      Severity.ERROR,
      "field ''{0}'' of {1} has type {2}, which differentiable code cannot read",
      "hold numbers in double, float, int, long or boolean fields, arrays of them, records or helper objects "
          + "of classes in this compilation; read other data outside and pass the numbers in"),
  AD117(
      Severity.ERROR,
      "object of {0} cannot be used here: {1}",
      "use records and helper objects as receivers (s.energy(x)), components (p.a()), arguments of methods "
          + "with source, and locals of their own type; a method may return one with its last statement"),
  AD118(
      Severity.ERROR,
      "{0} is kept as Java code, but {1}",
      "only values that do not depend on the differentiated parameters may go through calls on data objects, "
          + "collections and methods without source; read data in the outer loop (or into an array before "
          + "the loops), and compute with the differentiated values in the method's own code"),
  AD201(
      Severity.ERROR,
      "parameter ''{0}'' has type {1}, which is not supported",
      "declare it double, float, int, long, boolean, char, String, an enum, double[], float[], double[][], "
          + "float[][], int[] or char[]; pass a collection of numbers as a double[]"),
  AD202(
      Severity.ERROR,
      "return type {0} is not supported",
      "return a double or a float, or a double[] or float[] local array returned once, at the end; compute "
          + "other results from it outside the method"),
  AD203(
      Severity.ERROR,
      "''{0}'' is not a parameter or local variable of this method",
      "pass the value as a parameter (use @NoDerivative for data), or declare a local; of fields, only "
          + "static final compile-time constants (double, int, long, boolean) are read, not arrays"),
  AD204(
      Severity.ERROR,
      "local variable ''{0}'' has type {1}, which is not supported",
      "declare it double, float, int, long, boolean or char (or var), or a double[], float[], double[][], "
          + "float[][] or int[] array made with new, an initialiser, clone() or a method returning a new array, "
          + "or an alias of an array or a row; hold a collection of numbers in a double[]"),
  AD205(
      Severity.ERROR,
      "@Differentiable(wrt) names ''{0}'', which is not a parameter of this method or a field of its class",
      "list parameter and field names exactly as declared; they are {1}"),
  AD206(
      Severity.ERROR,
      "@Differentiable(wrt) names ''{0}'', which cannot be differentiated: {1}",
      "differentiate only double, float, double[], float[], double[][] and float[][] parameters that are not marked "
          + "@NoDerivative"),
  AD207(
      Severity.ERROR,
      "@Differentiable(order = {0}) is not supported{1}",
      "use order = 1 (gradients, tangents, and the Jacobian of a double[] or float[] method) or order = 2 (also "
          + "Hessians, for methods returning double or float)"),
  AD208(
      Severity.ERROR,
      "type mismatch: {0}",
      "add an explicit cast ((int) x, (double) n) or change the variable's type"),
  AD209(
      Severity.ERROR,
      "method has no parameter to differentiate with respect to",
      "add a double, float, double[] or double[][] parameter, or remove @NoDerivative from one"),
  AD210(
      Severity.ERROR,
      "@Differentiable(checkpoints = {0}) is not supported",
      "use checkpoints = 0 to store every iteration, or a positive number of snapshots per loop (32 bounds "
          + "20 000 steps at about four recomputations each)"),

  AD301(
      Severity.ERROR,
      "call to ''{0}'' cannot be differentiated: {1}",
      "use a supported Math function or a static method whose source is in this compilation, declare a @Partial "
          + "rule, or compute the value outside and pass it in as a @NoDerivative parameter"),
  AD302(
      Severity.ERROR,
      "writing to field ''{0}'' is not allowed in a differentiable method",
      "compute into a local variable (double t = ...) and return it; a differentiable method must not write fields"),
  AD303(
      Severity.WARNING,
      "the result does not depend on ''{0}'': its gradient is always zero",
      "mark it @NoDerivative, or leave it out of wrt"),
  AD304(
      Severity.ERROR,
      "array variable ''{0}'' cannot be reassigned here: {1}",
      "a local double[] may take a newly made array of its length (new, an initialiser, clone(), a method "
          + "returning a new array) or exchange arrays with other double[] locals made in one block "
          + "(double[] t = cur; cur = nxt; nxt = t;)"),

  AD305(
      Severity.ERROR,
      "@Partial(of = \"{0}\") does not name a static method taking ({1}); found: {2}",
      "name the target as method, Class.method or pkg.Class.method, with exactly this rule's parameter types"),
  AD306(
      Severity.ERROR,
      "@Partial(wrt = \"{0}\") is not a double parameter of this rule; its parameters are {1}",
      "name one of the rule method's double parameters"),
  AD307(
      Severity.ERROR,
      "derivative rule ''{0}'' must be static, not private, and return double; found {1}",
      "declare it as static double {0}(...), visible to the generated class"),
  AD308(
      Severity.ERROR,
      "no @Partial rule gives the derivative of ''{0}'' with respect to its argument {1}",
      "declare @Partial(of = \"{0}\", wrt = ...) for that parameter, or pass a constant there"),
  AD309(Severity.ERROR, "''{0}'' cannot be differentiated: {1}", "rewrite: {2}"),

  AD901(
      Severity.ERROR,
      "internal error in the Adjoint processor while differentiating ''{0}'': {1}",
      "please report this with the method's source; the stack trace follows");

  /** How a diagnostic is reported to javac. */
  public enum Severity {
    ERROR,
    WARNING,
    NOTE
  }

  private final Severity severity;
  private final String template;
  private final String hint;

  DiagnosticCode(Severity severity, String template, String hint) {
    this.severity = severity;
    this.template = template;
    this.hint = hint;
  }

  public Severity severity() {
    return severity;
  }

  public String template() {
    return template;
  }

  public String hint() {
    return hint;
  }

  /** The hint with the message's arguments filled in. */
  public String formatHint(Object... args) {
    return new MessageFormat(hint.replace("'", "''")).format(args);
  }

  /** The message with arguments filled in, prefixed by the code: {@code [AD101] ...}. */
  public String format(Object... args) {
    return "[" + name() + "] " + new MessageFormat(template).format(args);
  }
}
