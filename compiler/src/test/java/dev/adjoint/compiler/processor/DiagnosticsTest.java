package dev.adjoint.compiler.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.adjoint.compiler.processor.ProcessorHarness.assertCovers;
import static dev.adjoint.compiler.processor.ProcessorHarness.assertNoCrash;
import static dev.adjoint.compiler.processor.ProcessorHarness.compile;
import static dev.adjoint.compiler.processor.ProcessorHarness.describe;
import static dev.adjoint.compiler.processor.ProcessorHarness.errorCodes;
import static dev.adjoint.compiler.processor.ProcessorHarness.message;
import static dev.adjoint.compiler.processor.ProcessorHarness.withCode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import dev.adjoint.compiler.diag.DiagnosticCode;
import dev.adjoint.compiler.processor.ProcessorHarness.Source;
import java.io.IOException;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every diagnostic code the processor can emit under javac, compiled with compile-testing: the
 * error is reported in the right file, on the line of the offending sub-expression, covering
 * exactly that sub-expression, saying what was found and with the code's hint.
 *
 * <p>Not triggered here:
 *
 * <ul>
 *   <li>AD001 (the compiler is not javac) cannot happen under javac: {@code Trees.instance} always
 *       accepts javac's own processing environment.
 *   <li>AD901 (internal error) is tested with the one natural trigger found: source text javac
 *       accepts but JavaParser cannot parse (a Unicode escape in an identifier), see {@link
 *       #ad901_internalErrorWhenJavaParserCannotParseTheMethod()}.
 * </ul>
 *
 * {@link #everyCodeHasATest()} keeps this list honest when codes are added.
 */
class DiagnosticsTest {
  /**
   * AD001 cannot happen under javac. (AD104 and AD107 have no trigger in valid Java, but javac only
   * rejects their triggers after annotation processing, so they are what users see: tested below.)
   */
  private static final Set<String> NOT_TRIGGERABLE_UNDER_JAVAC = Set.of("AD001");

  /** {@code diag.Owner} with the given members, not re-indented so that snippets match verbatim. */
  private static Source owner(String members) {
    return Source.of(
        "diag.Owner",
        """
        package diag;

        import dev.adjoint.Differentiable;
        import dev.adjoint.NoDerivative;

        final class Owner {
        """
            + members
            + "}\n");
  }

  /**
   * Asserts an error {@code code} at exactly {@code snippet} (inside the unique {@code context}),
   * whose message contains every {@code found} text and the code's hint.
   */
  private static Diagnostic<? extends JavaFileObject> assertError(
      Compilation c, Source s, String code, String context, String snippet, String... found) {
    assertNoCrash(c);
    assertThat(c).failed();
    long line = s.lineOf(s.offset(context, snippet));
    assertThat(c).hadErrorContaining("[" + code + "]").inFile(s.file()).onLine(line);
    Diagnostic<? extends JavaFileObject> d =
        assertCovers(c, Diagnostic.Kind.ERROR, code, s, context, snippet);
    assertMessage(d, code, found);
    return d;
  }

  /**
   * Like {@link #assertError} for a method name, which javac has no tree for: checks the caret
   * position.
   */
  private static void assertErrorAtName(
      Compilation c, Source s, String code, String context, String name, String... found) {
    assertNoCrash(c);
    assertThat(c).failed();
    long line = s.lineOf(s.offset(context, name));
    assertThat(c).hadErrorContaining("[" + code + "]").inFile(s.file()).onLine(line);
    assertMessage(
        ProcessorHarness.assertPointsAt(c, Diagnostic.Kind.ERROR, code, s, context, name),
        code,
        found);
  }

  private static void assertMessage(
      Diagnostic<? extends JavaFileObject> d, String code, String... found) {
    String m = message(d);
    assertTrue(m.startsWith("[" + code + "] "), m);
    for (String f : found) {
      assertTrue(m.contains(f), "message should mention '" + f + "': " + m);
    }
    // javac indents the continuation lines of a message; the hint is the code's, on its own line
    // the hint's text up to its first placeholder (hints are filled like messages)
    String hint = DiagnosticCode.valueOf(code).hint().replaceAll("\\{\\d\\}.*", "");
    assertTrue(
        m.matches("(?s).*\\n\\s*hint: " + java.util.regex.Pattern.quote(hint) + ".*"),
        "message has no hint: " + m);
    assertFalse(m.matches("(?s).*\\{\\d\\}.*"), "unfilled placeholder in message: " + m);
  }

  private static void assertOnlyCodes(Compilation c, String... codes) {
    assertEquals(List.of(codes), errorCodes(c), describe(c));
  }

  // ---------------------------------------------------------------- AD0xx environment

  /**
   * A record component annotated {@code @Differentiable} (allowed: its target is METHOD) makes
   * javac put the annotation on the implicit accessor, a method with no source text.
   */
  @Test
  void ad002_sourceNotAvailableForImplicitRecordAccessor() {
    Source s =
        Source.of(
            "diag.Point",
            """
        package diag;

        import dev.adjoint.Differentiable;

        record Point(@Differentiable double x) {}
        """);
    Compilation c = compile(s);
    assertNoCrash(c);
    assertThat(c).failed();
    assertOnlyCodes(c, "AD002");
    long line = s.lineOf(s.offset("record Point", "record"));
    assertThat(c).hadErrorContaining("[AD002]").inFile(s.file()).onLine(line);
    assertMessage(withCode(c, Diagnostic.Kind.ERROR, "AD002").get(0), "AD002", "'x'");
  }

  @Test
  void ad003_generatedClassNameClash() {
    Source s =
        Source.of(
            "diag.Clash",
            """
        package diag;

        import dev.adjoint.Differentiable;

        class Clash {
          @Differentiable
          static double f(double x) {
            return x * x;
          }
        }
        """);
    Source existing =
        Source.of(
            "diag.ClashDerivatives",
            """
        package diag;

        class ClashDerivatives {}
        """);
    Compilation c = compile(s, existing);
    assertNoCrash(c);
    assertThat(c).failed();
    assertOnlyCodes(c, "AD003");
    assertThat(c)
        .hadErrorContaining("[AD003]")
        .inFile(s.file())
        .onLine(s.lineOf(s.offset("@Differentiable", "@Differentiable")));
    assertMessage(
        withCode(c, Diagnostic.Kind.ERROR, "AD003").get(0), "AD003", "diag.ClashDerivatives");
  }

  /**
   * An earlier compilation generated {@code diag.ModelDerivatives} with a copy of {@code Helper.f};
   * now {@code Helper} is compiled alone (classes of the earlier compilation on the class path)
   * with a different {@code f}. On disk with javac, since compile-testing keeps no output from one
   * compilation to the next.
   */
  @Test
  void ad004_inlinedHelperChangedWhileItsUserIsNotRecompiled(@TempDir java.nio.file.Path dir)
      throws IOException {
    DiskJavac javac = new DiskJavac(dir, "diag");
    javac.write(
        "Model.java",
        """
        package diag;

        import dev.adjoint.Differentiable;

        public final class Model {
          @Differentiable
          static double loss(double x) {
            return Helper.f(x);
          }
        }
        """);
    String helper =
        """
        package diag;

        public final class Helper {
          static double f(double x) {
            return x * x;
          }
        }
        """;
    javac.write("Helper.java", helper);
    assertTrue(javac.compile("Model.java", "Helper.java").success());
    javac.write("Helper.java", helper.replace("x * x", "x * x * x"));
    DiskJavac.Result r = javac.compile("Helper.java");
    assertFalse(r.success());
    assertEquals(1, r.errors().size(), r.errorTexts().toString());
    Diagnostic<? extends JavaFileObject> d = r.errors().get(0);
    String changed = helper.replace("x * x", "x * x * x");
    Source s = Source.of("diag.Helper", changed);
    assertEquals(javac.source("Helper.java").toUri(), d.getSource().toUri());
    assertEquals(
        s.offset("static double f(double x)", "f"),
        d.getPosition(),
        "AD004 points at the changed method");
    assertMessage(
        d, "AD004", "'diag.ModelDerivatives'", "Helper.f", "recompile diag/Model.java as well");
  }

  /** One class with a good rule and three bad ones, and a call that lacks a partial. */
  private static final Source BAD_RULES =
      owner(
          """
      static double g(double a, double b) {
        return a * b;
      }

      @dev.adjoint.Partial(of = "gg", wrt = "a")
      static double misspelled(double a, double b) {
        return b;
      }

      @dev.adjoint.Partial(of = "g", wrt = "c")
      static double unknownParameter(double a, double b) {
        return b;
      }

      @dev.adjoint.Partial(of = "g", wrt = "a")
      static float wrongReturn(double a, double b) {
        return 1;
      }

      @dev.adjoint.Partial(of = "g", wrt = "a")
      static double gDa(double a, double b) {
        return b;
      }

      @Differentiable
      static double f(double x, double y) {
        return g(x, y);
      }
      """);

  private static Compilation badRules() {
    Compilation c = compile(BAD_RULES);
    assertNoCrash(c);
    assertThat(c).failed();
    return c;
  }

  @Test
  void ad305_ruleTargetNotFound() {
    Compilation c = badRules();
    assertThat(c)
        .hadErrorContaining("[AD305]")
        .inFile(BAD_RULES.file())
        .onLine(BAD_RULES.lineOf(BAD_RULES.offset("@dev.adjoint.Partial(of = \"gg\"", "@")));
    assertMessage(
        withCode(c, Diagnostic.Kind.ERROR, "AD305").get(0),
        "AD305",
        "gg",
        "double, double",
        "no method");
  }

  @Test
  void ad306_ruleWrtIsNotAParameter() {
    Compilation c = badRules();
    assertThat(c)
        .hadErrorContaining("[AD306]")
        .inFile(BAD_RULES.file())
        .onLine(
            BAD_RULES.lineOf(
                BAD_RULES.offset("@dev.adjoint.Partial(of = \"g\", wrt = \"c\")", "@")));
    assertMessage(
        withCode(c, Diagnostic.Kind.ERROR, "AD306").get(0), "AD306", "\"c\"", "double a, double b");
  }

  @Test
  void ad307_ruleWithWrongSignature() {
    Compilation c = badRules();
    assertMessage(
        withCode(c, Diagnostic.Kind.ERROR, "AD307").get(0), "AD307", "wrongReturn", "float");
  }

  @Test
  void ad308_callWithoutAPartialForAnArgument() {
    Compilation c = badRules();
    assertThat(c)
        .hadErrorContaining("[AD308]")
        .inFile(BAD_RULES.file())
        .onLine(BAD_RULES.lineOf(BAD_RULES.offset("return g(x, y)", "y")));
    assertMessage(withCode(c, Diagnostic.Kind.ERROR, "AD308").get(0), "AD308", "g", "argument 2");
  }

  // ---------------------------------------------------------------- AD1xx syntax

  @Test
  void ad101_try() {
    Source s =
        owner(
            """
        @Differentiable
        static double f(double x) {
          double s = 0;
          try {
            s = Math.log(x);
          } catch (ArithmeticException e) {
            s = 0;
          }
          return s;
        }
        """);
    Compilation c = compile(s);
    String stmt =
        "try {\n    s = Math.log(x);\n  } catch (ArithmeticException e) {\n    s = 0;\n  }";
    assertError(c, s, "AD101", stmt, stmt, "'try'");
    assertOnlyCodes(c, "AD101");
  }

  @Test
  void ad101_otherStatements() {
    Source s =
        owner(
            """
        @Differentiable
        static double f(double x, int n) {
          double s = x;
          switch (n) {
            case 1: s += 1; break;
            default: s += 2;
          }
          if (n < 0) {
            throw new IllegalArgumentException("n");
          }
          assert n > 0;
          return s;
        }
        """);
    Compilation c = compile(s);
    String sw = "switch (n) {\n    case 1: s += 1; break;\n    default: s += 2;\n  }";
    assertError(c, s, "AD101", sw, sw, "'switch'");
    assertError(
        c,
        s,
        "AD101",
        "throw new IllegalArgumentException(\"n\");",
        "throw new IllegalArgumentException(\"n\");",
        "'throw'");
    assertError(c, s, "AD101", "assert n > 0;", "assert n > 0;", "'assert'");
  }

  @Test
  void ad102_lambda() {
    Source s =
        Source.of(
            "diag.Owner",
            """
        package diag;

        import dev.adjoint.Differentiable;
        import java.util.function.DoubleUnaryOperator;

        final class Owner {
          @Differentiable
          static double f(double x) {
            DoubleUnaryOperator square = t -> t * t;
            return square.applyAsDouble(x);
          }
        }
        """);
    Compilation c = compile(s);
    assertError(c, s, "AD102", "square = t -> t * t;", "t -> t * t", "lambda", "t -> t * t");
  }

  @Test
  void ad102_remainderOnDoubleAndNullLiteral() {
    Source s =
        owner(
            """
        @Differentiable
        static double f(double x) {
          double a = x % 2.0;
          double b = x > 0 ? x : null;
          return a + b;
        }
        """);
    Compilation c = compile(s);
    assertError(c, s, "AD102", "x % 2.0", "x % 2.0", "%");
    assertError(c, s, "AD102", "x : null", "null", "null");
    assertOnlyCodes(c, "AD102", "AD102");
  }

  /**
   * Since general loops are supported, a for loop that is not counted is lowered as a while loop
   * (see SuccessTest#forLoopThatIsNotCounted); what remains of AD103 is the enhanced for over
   * something else than a double[] variable.
   */
  @Test
  void ad103_enhancedForOverAnIntArray() {
    Source s =
        owner(
            """
        @Differentiable
        static double f(double x, @NoDerivative int[] counts) {
          double s = 0;
          for (int k : counts) {
            s += k * x;
          }
          return s;
        }
        """);
    Compilation c = compile(s);
    assertError(c, s, "AD103", "for (int k : counts)", "counts", "enhanced for", "double[]");
    assertOnlyCodes(c, "AD103");
  }

  /**
   * Statements after a return: javac rejects them too ("unreachable statement"), but only in its
   * flow analysis, which does not run once the processor has reported an error, so AD104 is what
   * the user sees. Valid Java never triggers it: returns anywhere else are supported.
   */
  @Test
  void ad104_statementsAfterAReturn() {
    Source s =
        owner(
            """
        @Differentiable
        static double f(double x) {
          double y = x * x;
          return y;
          y = 2 * y;
        }
        """);
    Compilation c = compile(s);
    assertError(c, s, "AD104", "return y;", "return y;", "'return'");
    assertOnlyCodes(c, "AD104");
  }

  /**
   * break and continue that leave no enclosing loop: javac rejects them too ("break outside switch
   * or loop", "undefined label"), but only in its attribution, which does not run once the
   * processor has reported an error, so AD107 is what the user sees. Valid Java never triggers it.
   */
  @Test
  void ad107_breakOutsideALoopAndContinueToAnUndefinedLabel() {
    Source s =
        owner(
            """
        @Differentiable
        static double f(double x) {
          double y = x;
          if (y > 1) {
            break;
          }
          return y;
        }

        @Differentiable
        static double g(double x) {
          double s = 0;
          for (int i = 0; i < 3; i++) {
            s += x;
            continue next;
          }
          return s;
        }
        """);
    Compilation c = compile(s);
    assertError(c, s, "AD107", "break;", "break;", "'break'");
    assertError(c, s, "AD107", "continue next;", "continue next;", "'continue next'");
    assertOnlyCodes(c, "AD107", "AD107");
  }

  @Test
  void ad105_arrayCopyWithinOneArray() {
    Source s =
        owner(
            """
        @Differentiable
        static double f(double[] x) {
          double[] t = x.clone();
          System.arraycopy(t, 0, t, 1, 2);
          return t[0] * t[1];
        }
        """);
    Compilation c = compile(s);
    assertError(
        c,
        s,
        "AD105",
        "System.arraycopy(t, 0, t, 1, 2)",
        "System.arraycopy(t, 0, t, 1, 2)",
        "within one array");
    assertOnlyCodes(c, "AD105");
  }

  @Test
  void ad106_instanceMethod() {
    Source s =
        owner(
            """
        double scale = 2;

        @Differentiable
        double f(double x) {
          return x * x;
        }
        """);
    Compilation c = compile(s);
    assertErrorAtName(c, s, "AD106", "double f(double x)", "f", "'f'", "not static");
    assertOnlyCodes(c, "AD106");
  }

  /**
   * Increments of local variables inside expressions are supported; of array elements they are not.
   */
  @Test
  void ad108_assignmentAndArrayElementIncrementInsideExpressions() {
    Source s =
        owner(
            """
        @Differentiable
        static double f(double x) {
          double t = 0;
          double[] w = {x, 2 * x};
          double a = (t = x) * 2;
          double b = w[0]++ * x;
          return a + b + t;
        }
        """);
    Compilation c = compile(s);
    assertError(c, s, "AD108", "(t = x) * 2", "t = x", "an assignment");
    assertError(c, s, "AD108", "w[0]++ * x", "w[0]++", "increment");
    assertOnlyCodes(c, "AD108", "AD108");
  }

  @Test
  void ad109_overloadedDifferentiableMethods() {
    Source s =
        owner(
            """
        @Differentiable
        static double f(double x) {
          return x * x;
        }

        @Differentiable(wrt = "x")
        static double f(double x, double y) {
          return x * y;
        }
        """);
    Compilation c = compile(s);
    assertError(
        c,
        s,
        "AD109",
        "@Differentiable(wrt = \"x\")",
        "@Differentiable(wrt = \"x\")",
        "'f'",
        "same name");
    assertOnlyCodes(c, "AD109");
  }

  @Test
  void ad110_genericMethod() {
    Source s =
        owner(
            """
        @Differentiable
        static <T> double f(double x) {
          return x * x;
        }
        """);
    Compilation c = compile(s);
    assertErrorAtName(c, s, "AD110", "double f(double x)", "f", "'f'", "generic");
    assertOnlyCodes(c, "AD110");
  }

  @Test
  void ad110_varargsMethod() {
    Source s =
        owner(
            """
        @Differentiable
        static double g(double... xs) {
          return xs[0];
        }
        """);
    Compilation c = compile(s);
    assertErrorAtName(c, s, "AD110", "double g(double... xs)", "g", "'g'", "varargs");
    assertOnlyCodes(c, "AD110");
  }

  /** A call to a varargs helper says it is varargs, not that the helper has no source. */
  @Test
  void ad110_callToVarargsHelper() {
    Source s =
        owner(
            """
        static double sumAll(double... v) {
          double t = 0;
          for (double e : v) {
            t += e;
          }
          return t;
        }

        @Differentiable
        static double f(double x, double y) {
          return sumAll(x, y, x * y);
        }
        """);
    Compilation c = compile(s);
    assertError(
        c,
        s,
        "AD301",
        "return sumAll(x, y, x * y);",
        "sumAll(x, y, x * y)",
        "'sumAll'",
        "AD110",
        "varargs");
    assertOnlyCodes(c, "AD301");
  }

  // ---------------------------------------------------------------- AD2xx typing

  @Test
  void ad201_unsupportedParameterType() {
    Source s =
        owner(
            """
        @Differentiable
        static double f(double x, String label) {
          return x * x;
        }
        """);
    Compilation c = compile(s);
    assertError(c, s, "AD201", "String label", "String label", "'label'", "String");
    assertOnlyCodes(c, "AD201");
  }

  @Test
  void ad201_charParameter() {
    Source s =
        owner(
            """
        @Differentiable
        static double f(double x, char y) {
          return x * y;
        }
        """);
    Compilation c = compile(s);
    assertError(c, s, "AD201", "char y", "char y", "'y'", "char");
    assertOnlyCodes(c, "AD201");
  }

  @Test
  void ad202_intReturnType() {
    Source s =
        owner(
            """
        @Differentiable
        static int f(double x) {
          return (int) x;
        }
        """);
    Compilation c = compile(s);
    assertError(c, s, "AD202", "static int f", "int", "return type int");
    assertOnlyCodes(c, "AD202");
  }

  @Test
  void ad202_matrixReturnType() {
    Source s =
        owner(
            """
        @Differentiable
        static double[][] f(double x) {
          double[][] m = new double[1][1];
          m[0][0] = x;
          return m;
        }
        """);
    Compilation c = compile(s);
    assertError(c, s, "AD202", "static double[][] f", "double[][]", "return type double[][]");
  }

  @Test
  void ad203_readOfAField() {
    Source s =
        owner(
            """
        static double scale = 2;

        @Differentiable
        static double f(double x) {
          return x * scale + Owner.scale;
        }
        """);
    Compilation c = compile(s);
    assertError(c, s, "AD203", "x * scale", "scale", "'scale'");
    assertError(c, s, "AD203", "Owner.scale;", "Owner.scale", "'Owner.scale'");
    assertOnlyCodes(c, "AD203", "AD203");
  }

  @Test
  void ad204_unsupportedLocalType() {
    Source s =
        owner(
            """
        @Differentiable
        static double f(double x) {
          short t = 1;
          return x;
        }
        """);
    Compilation c = compile(s);
    assertError(c, s, "AD204", "short t = 1;", "short", "'t'", "short");
    assertOnlyCodes(c, "AD204");
  }

  /**
   * The local whose type was rejected is still a local: its uses must not be called unknown names.
   */
  @Test
  void ad204_doesNotCascadeIntoUnknownNameErrorsAtUses() {
    Source s =
        owner(
            """
        @Differentiable
        static double f(double x) {
          short t = 1;
          return x * t;
        }
        """);
    Compilation c = compile(s);
    assertError(c, s, "AD204", "short t = 1;", "short", "'t'", "short");
    assertOnlyCodes(c, "AD204");
  }

  @Test
  void ad205_unknownWrtName() {
    Source s =
        owner(
            """
        @Differentiable(wrt = {"x", "z"})
        static double f(double x, double y) {
          return x * y;
        }
        """);
    Compilation c = compile(s);
    String ann = "@Differentiable(wrt = {\"x\", \"z\"})";
    assertError(c, s, "AD205", ann, ann, "'z'", "not a parameter", "parameters are x, y");
    assertOnlyCodes(c, "AD205");
  }

  @Test
  void ad206_wrtNamesAnIntParameter() {
    Source s =
        owner(
            """
        @Differentiable(wrt = {"x", "n"})
        static double f(double x, int n) {
          return x * n;
        }
        """);
    Compilation c = compile(s);
    String ann = "@Differentiable(wrt = {\"x\", \"n\"})";
    assertError(c, s, "AD206", ann, ann, "'n'", "int");
    assertOnlyCodes(c, "AD206");
  }

  @Test
  void ad206_wrtNamesANoDerivativeParameter() {
    Source s =
        owner(
            """
        @Differentiable(wrt = {"x", "y"})
        static double f(double x, @NoDerivative double y) {
          return x * y;
        }
        """);
    Compilation c = compile(s);
    String ann = "@Differentiable(wrt = {\"x\", \"y\"})";
    assertError(c, s, "AD206", ann, ann, "'y'", "@NoDerivative");
    assertOnlyCodes(c, "AD206");
  }

  @Test
  void ad207_unsupportedOrder() {
    Source s =
        owner(
            """
        @Differentiable(order = 3)
        static double f(double x) {
          return x * x;
        }
        """);
    Compilation c = compile(s);
    assertError(
        c, s, "AD207", "@Differentiable(order = 3)", "@Differentiable(order = 3)", "order = 3");
    assertOnlyCodes(c, "AD207");
  }

  /**
   * AD208 repeats a javac type error (our frontend types bodies itself), so the source is invalid
   * Java.
   */
  @Test
  void ad208_typeMismatch() {
    Source s =
        owner(
            """
        @Differentiable
        static double f(double x) {
          int k = x;
          return x + k;
        }
        """);
    Compilation c = compile(s);
    assertError(c, s, "AD208", "int k = x;", "int k = x;", "cannot assign double to int");
  }

  @Test
  void ad208_nonBooleanCondition() {
    Source s =
        owner(
            """
        @Differentiable
        static double f(double x, int n) {
          if (n) {
            return x;
          }
          return 0;
        }
        """);
    Compilation c = compile(s);
    assertError(c, s, "AD208", "if (n)", "n", "condition must be boolean, found int");
  }

  @Test
  void ad209_noParameterToDifferentiate() {
    Source s =
        owner(
            """
        @Differentiable
        static double f(@NoDerivative double x, int n) {
          return x * n;
        }
        """);
    Compilation c = compile(s);
    assertErrorAtName(
        c, s, "AD209", "double f(@NoDerivative", "f", "no parameter to differentiate");
    assertOnlyCodes(c, "AD209");
  }

  // ---------------------------------------------------------------- AD3xx differentiability

  @Test
  void ad301_mathRandom() {
    Source s =
        owner(
            """
        @Differentiable
        static double f(double x) {
          return x * Math.random();
        }
        """);
    Compilation c = compile(s);
    assertError(
        c, s, "AD301", "Math.random()", "Math.random()", "'Math.random'", "no derivative rule");
    assertOnlyCodes(c, "AD301");
  }

  /** A user method is inlined when its source is available; its body must be in the language. */
  @Test
  void ad301_userMethodOutsideTheLanguage() {
    Source s =
        owner(
            """
        static double helper(double v) {
          double s = 0;
          try {
            s = v * v;
          } finally {
            s += 1;
          }
          return s;
        }

        @Differentiable
        static double f(double x) {
          double y = 1 + helper(x);
          return y;
        }
        """);
    Compilation c = compile(s);
    assertError(
        c,
        s,
        "AD301",
        "1 + helper(x)",
        "helper(x)",
        "'helper'",
        "outside the supported language",
        "'try'");
    assertOnlyCodes(c, "AD301");
  }

  @Test
  void ad301_recursiveUserMethod() {
    Source s =
        owner(
            """
        static double fact(double v, int n) {
          return n <= 1 ? v : v * fact(v, n - 1);
        }

        @Differentiable
        static double f(double x, int n) {
          return fact(x, n);
        }
        """);
    Compilation c = compile(s);
    assertError(c, s, "AD301", "return fact(x, n);", "fact(x, n)", "'fact'", "recursive");
  }

  /**
   * A failed call reports once: no follow-on type error where its value is used as a condition or
   * an array.
   */
  @Test
  void ad301_noFollowOnErrors() {
    Source s =
        owner(
            """
        static final double[] WEIGHTS = {1, 2, 3};

        @Differentiable
        static double f(double x) {
          if (Boolean.logicalAnd(x > 0, x < 1)) {
            return 0;
          }
          return x * WEIGHTS[1];
        }
        """);
    Compilation c = compile(s);
    assertError(
        c,
        s,
        "AD301",
        "Boolean.logicalAnd(x > 0, x < 1)",
        "Boolean.logicalAnd(x > 0, x < 1)",
        "'Boolean.logicalAnd'");
    assertError(c, s, "AD203", "x * WEIGHTS[1]", "WEIGHTS", "'WEIGHTS'");
    assertOnlyCodes(c, "AD301", "AD203");
  }

  /** An unsupported declaration or return type is reported once: its uses raise nothing more. */
  @Test
  void ad204_ad202_noFollowOnErrors() {
    Source s =
        owner(
            """
        @Differentiable
        static double f(double[] x) {
          float[] g = new float[x.length];
          double s = 0;
          for (int i = 0; i < x.length; i++) {
            g[i] = (float) x[i];
            s += g[i] * g[i];
          }
          return s;
        }

        @Differentiable
        static double[][] outer(double[] x) {
          double[][] m = new double[1][1];
          m[0][0] = x[0];
          return m;
        }
        """);
    Compilation c = compile(s);
    assertError(c, s, "AD204", "float[] g = new float[x.length];", "float[]", "'g'");
    assertOnlyCodes(c, "AD204", "AD202");
  }

  /** A double[]-valued method asks for order = 2: the message says why. */
  @Test
  void ad207_orderTwoOnAnArrayValuedMethod() {
    Source s =
        owner(
            """
        @Differentiable(order = 2)
        static double[] f(double x) {
          double[] r = new double[1];
          r[0] = x * x;
          return r;
        }
        """);
    Compilation c = compile(s);
    assertError(
        c, s, "AD207", "@Differentiable(order = 2)", "@Differentiable(order = 2)", "double[]");
    assertOnlyCodes(c, "AD207");
  }

  /** A method of a class compiled elsewhere (here the JDK) has no source to differentiate. */
  @Test
  void ad301_methodWithoutSource() {
    Source s =
        owner(
            """
        @Differentiable
        static double f(double x) {
          return Double.sum(x, x * x);
        }
        """);
    Compilation c = compile(s);
    assertError(
        c, s, "AD301", "Double.sum(x, x * x)", "Double.sum(x, x * x)", "'Double.sum'", "source");
    assertOnlyCodes(c, "AD301");
  }

  @Test
  void ad301_callStatement() {
    Source s =
        owner(
            """
        @Differentiable
        static double f(double x) {
          System.out.println(x);
          return x;
        }
        """);
    Compilation c = compile(s);
    assertError(
        c, s, "AD301", "System.out.println(x)", "System.out.println(x)", "'System.out.println'");
    assertOnlyCodes(c, "AD301");
  }

  @Test
  void ad302_fieldWrites() {
    Source s =
        owner(
            """
        static double total;

        @Differentiable
        static double f(double x) {
          total = x;
          Owner.total += x;
          return x;
        }
        """);
    Compilation c = compile(s);
    assertError(c, s, "AD302", "total = x;", "total", "'total'");
    assertError(c, s, "AD302", "Owner.total += x;", "Owner.total", "'Owner.total'");
    assertOnlyCodes(c, "AD302", "AD302");
  }

  @Test
  void ad303_wrtParameterUnusedIsAWarning() {
    Source s =
        owner(
            """
        @Differentiable
        static double f(double x, double y) {
          return x * x;
        }
        """);
    Compilation c = compile(s);
    assertNoCrash(c);
    assertThat(c).succeeded();
    long line = s.lineOf(s.offset("double y)", "double y"));
    assertThat(c).hadWarningContaining("[AD303]").inFile(s.file()).onLine(line);
    Diagnostic<? extends JavaFileObject> d =
        assertCovers(c, Diagnostic.Kind.WARNING, "AD303", s, "double y)", "double y");
    assertMessage(d, "AD303", "'y'", "always zero");
    assertEquals(1, withCode(c, Diagnostic.Kind.WARNING, "AD303").size(), describe(c));
    assertThat(c)
        .generatedSourceFile("diag.OwnerDerivatives")
        .contentsAsUtf8String()
        .contains("fValueAndGradient");
  }

  @Test
  void ad303_explicitWrtParameterOnlyUsedInAConditionIsAWarning() {
    Source s =
        owner(
            """
        @Differentiable(wrt = {"x", "y"})
        static double f(double x, double y, @NoDerivative double z) {
          if (y > 0) {
            return x * z;
          }
          return x;
        }
        """);
    Compilation c = compile(s);
    assertNoCrash(c);
    assertThat(c).succeeded();
    assertCovers(c, Diagnostic.Kind.WARNING, "AD303", s, "double y,", "double y");
    assertEquals(1, withCode(c, Diagnostic.Kind.WARNING, "AD303").size(), describe(c));
  }

  @Test
  void ad304_assignmentToArrayParameter() {
    Source s =
        owner(
            """
        @Differentiable
        static double f(double[] x, @NoDerivative double[] y) {
          x = y;
          return x[0];
        }
        """);
    Compilation c = compile(s);
    assertError(c, s, "AD304", "x = y;", "x", "'x'", "array");
    assertOnlyCodes(c, "AD304");
  }

  // ---------------------------------------------------------------- AD9xx internal

  /**
   * javac accepts Unicode escapes anywhere in the source; the method text handed to JavaParser
   * still contains them, and JavaParser (without escape preprocessing) cannot tokenise an escaped
   * operator. The processor must report that as AD901 at the method, not crash. (Should the
   * frontend learn to decode escapes, this method becomes differentiable and the test must change.)
   */
  @Test
  void ad901_internalErrorIsACodedErrorAtTheMethod() {
    // No valid Java reaches an internal error any more (a Unicode-escaped operator once did); the
    // frontend's own failure path is checked directly: an unparsable body is AD901 at the method.
    var lowered =
        dev.adjoint.compiler.frontend.MethodLowering.lower(
            new dev.adjoint.compiler.frontend.MethodRequest(
                "Owner",
                "f",
                "static double f(double x) { return x ** x; }",
                true,
                List.of(),
                1,
                java.util.Set.of(),
                17));
    assertEquals(
        List.of(DiagnosticCode.AD901),
        lowered.diagnostics().all().stream().map(d -> d.code()).toList());
    assertTrue(lowered.diagnostics().all().get(0).message().contains("JavaParser"));
    Source s =
        owner(
            """
        @Differentiable
        static double f(double x) {
          double y = x \\u002a x;
          return y;
        }
        """);
    Compilation c = compile(s);
    assertThat(c).succeededWithoutWarnings();
  }

  /**
   * A Unicode escape in an identifier is the same identifier to javac; it must be to Adjoint too.
   */
  @Test
  void unicodeEscapeInAnIdentifierNamesTheSameVariable() {
    Source s =
        owner(
            """
        @Differentiable
        static double f(double x) {
          double \\u0079 = x * x;
          return y;
        }
        """);
    Compilation c = compile(s);
    assertNoCrash(c);
    assertThat(c).succeeded();
    assertThat(c)
        .generatedSourceFile("diag.OwnerDerivatives")
        .contentsAsUtf8String()
        .contains("fValueAndGradient");
  }

  // ---------------------------------------------------------------- several errors, isolation

  @Test
  void tryAndLambdaInOneMethodAreBothReported() {
    Source s =
        Source.of(
            "diag.Owner",
            """
        package diag;

        import dev.adjoint.Differentiable;
        import java.util.function.DoubleUnaryOperator;

        final class Owner {
          @Differentiable
          static double f(double x) {
            double s = 0;
            try {
              s = x * x;
            } finally {
              s += 1;
            }
            DoubleUnaryOperator g = t -> t + x;
            return s;
          }
        }
        """);
    Compilation c = compile(s);
    String stmt = "try {\n      s = x * x;\n    } finally {\n      s += 1;\n    }";
    assertError(c, s, "AD101", stmt, stmt, "'try'");
    assertError(c, s, "AD102", "t -> t + x", "t -> t + x", "lambda");
    // The local's type is a third, independent problem.
    assertError(c, s, "AD204", "DoubleUnaryOperator g", "DoubleUnaryOperator", "'g'");
    assertOnlyCodes(c, "AD101", "AD102", "AD204");
  }

  @Test
  void independentErrorsAreAllReportedInSourceOrder() {
    Source s =
        owner(
            """
        static double total;

        @Differentiable
        static double f(double x, int n) {
          double s = 0;
          switch (n) {
            default: s = x;
          }
          try {
            s += 1;
          } finally {
            s -= 1;
          }
          double r = Math.random();
          total = s;
          if (n < 0) {
            throw new IllegalStateException();
          }
          return s + r;
        }
        """);
    Compilation c = compile(s);
    String sw = "switch (n) {\n    default: s = x;\n  }";
    String tr = "try {\n    s += 1;\n  } finally {\n    s -= 1;\n  }";
    assertError(c, s, "AD101", sw, sw, "'switch'");
    assertError(c, s, "AD101", tr, tr, "'try'");
    assertError(c, s, "AD301", "Math.random()", "Math.random()");
    assertError(c, s, "AD302", "total = s;", "total");
    assertError(
        c,
        s,
        "AD101",
        "throw new IllegalStateException();",
        "throw new IllegalStateException();",
        "'throw'");
    assertOnlyCodes(c, "AD101", "AD101", "AD301", "AD302", "AD101");
    // and one note at the method summarising them
    List<Diagnostic<? extends JavaFileObject>> notes =
        c.notes().stream()
            .filter(d -> message(d).contains("'f' is not differentiable"))
            .collect(Collectors.toList());
    assertEquals(1, notes.size(), describe(c));
    assertTrue(message(notes.get(0)).contains("5 error(s)"), message(notes.get(0)));
  }

  @Test
  void aBadMethodDoesNotStopAGoodMethodOfTheSameClass() throws IOException {
    Source s =
        owner(
            """
        @Differentiable
        static double bad(double x) {
          double s = 0;
          try {
            s = x;
          } finally {
            s += 1;
          }
          return s;
        }

        @Differentiable
        static double good(double x) {
          return x * x;
        }

        @Differentiable
        static double alsoBad(double x) {
          return Math.random() * x;
        }
        """);
    Compilation c = compile(s);
    String tr = "try {\n    s = x;\n  } finally {\n    s += 1;\n  }";
    assertError(c, s, "AD101", tr, tr, "'try'");
    assertError(c, s, "AD301", "Math.random()", "Math.random()");
    assertOnlyCodes(c, "AD101", "AD301");
    // compile-testing hides generated files of a failed compilation: read them from the result
    String generated =
        ProcessorHarness.generatedSource(c, "diag.OwnerDerivatives")
            .orElseThrow(
                () -> new AssertionError("no diag.OwnerDerivatives generated\n" + describe(c)));
    assertTrue(
        generated.contains(
            "public static double goodValueAndGradient(double x, double[] gradient)"),
        generated);
    assertFalse(generated.contains("badValueAndGradient"), generated);
    assertFalse(generated.contains("alsoBad"), generated);
    assertTrue(generated.contains("goodGradient("), generated);
  }

  @Test
  void aClassWithOnlyBadMethodsGetsNoDerivativesClass() {
    Source s =
        owner(
            """
        @Differentiable
        static double bad(double x) {
          return Math.random() * x;
        }
        """);
    Compilation c = compile(s);
    assertError(c, s, "AD301", "Math.random()", "Math.random()");
    assertTrue(ProcessorHarness.generatedSource(c, "diag.OwnerDerivatives").isEmpty(), describe(c));
  }

  /**
   * A battery of valid Java outside the language, one method each: every method gets at least one
   * coded error and its summary note; nothing reaches javac as an exception or an uncoded error.
   */
  @Test
  void pathologicalBodiesGiveCodedErrorsNeverACrash() {
    List<String> bodies =
        List.of(
            "return switch ((int) x) { case 1 -> x; default -> 0; };",
            "Object o = x; if (o instanceof Double d) { return d; } return 0;",
            "String t = \"a\" + x; return t.length() * x;",
            "char c = 'a'; return c * x;",
            "java.util.function.DoubleUnaryOperator f = Math::sin; return f.applyAsDouble(x);",
            "synchronized (Owner.class) { return x; }",
            "Class<?> k = Owner.class; return k.hashCode() * x;",
            "return x > 0 ? x : null;",
            "record P(double a) {} return new P(x).a();",
            "return ((Double) x).doubleValue();",
            "throw new UnsupportedOperationException();");
    StringBuilder members = new StringBuilder();
    for (int k = 0; k < bodies.size(); k++) {
      members
          .append("@Differentiable\nstatic double m")
          .append(k)
          .append("(double x) {\n  ")
          .append(bodies.get(k))
          .append("\n}\n\n");
    }
    Source s = owner(members.toString());
    Compilation c = compile(s);
    assertNoCrash(c);
    assertThat(c).failed();
    for (Diagnostic<? extends JavaFileObject> d : c.errors()) {
      assertTrue(message(d).startsWith("[AD"), "uncoded error " + message(d) + "\n" + describe(c));
      assertTrue(
          d.getSource() != null && d.getLineNumber() > 0,
          "error without a position\n" + describe(c));
    }
    for (int k = 0; k < bodies.size(); k++) {
      String method = "m" + k;
      assertTrue(
          c.notes().stream()
              .anyMatch(d -> message(d).contains("method '" + method + "' is not differentiable")),
          method + " (" + bodies.get(k) + ") was not rejected\n" + describe(c));
    }
  }

  /** Odd but legal places for the annotation: each gets our diagnostics, never a crash. */
  @Test
  void oddDeclarationsGiveDiagnosticsNotCrashes() {
    Source s =
        Source.of(
            "diag.Odd",
            """
        package diag;

        import dev.adjoint.Differentiable;

        interface Odd {
          @Differentiable
          double abstractOne(double x);

          @Differentiable
          default double defaultOne(double x) {
            return x * x;
          }

          abstract class Base {
            @Differentiable
            abstract double abstractInClass(double x);
          }

          enum E {
            A;

            @Differentiable
            static double inEnum(double x) {
              return x * x;
            }
          }
        }
        """);
    Compilation c = compile(s);
    assertNoCrash(c);
    assertThat(c).failed();
    for (String m :
        c.errors().stream().map(ProcessorHarness::message).collect(Collectors.toList())) {
      assertTrue(m.startsWith("[AD"), "every error is ours: " + m + "\n" + describe(c));
    }
    assertErrorAtName(c, s, "AD106", "double abstractOne(double x)", "abstractOne");
    assertErrorAtName(c, s, "AD106", "double defaultOne(double x)", "defaultOne");
    assertErrorAtName(c, s, "AD106", "double abstractInClass(double x)", "abstractInClass");
    // the enum's method is fine and is generated
    assertTrue(
        ProcessorHarness.generatedSource(c, "diag.Odd_EDerivatives")
            .orElse("")
            .contains("inEnumValueAndGradient"),
        describe(c));
  }

  /**
   * A second natural trigger of AD901: the derivatives class name is taken (by a class of the user,
   * or by the name chosen for another owner: {@code Owner.Inner} and {@code Owner_Inner} both map
   * to {@code Owner_InnerDerivatives}). It must be an error naming the class, not a crash.
   */
  @Test
  void derivativesClassNameClashIsAnErrorNotACrash() {
    Source s =
        owner(
            """
        @Differentiable
        static double f(double x) {
          return x * x;
        }
        """);
    Source taken =
        Source.of("diag.OwnerDerivatives", "package diag;\n\nfinal class OwnerDerivatives {}\n");
    Compilation c = compile(s, taken);
    assertNoCrashIntoJavac(c);
    assertThat(c).failed();
    assertThat(c)
        .hadErrorContaining("diag.OwnerDerivatives")
        .inFile(s.file())
        .onLine(s.lineOf(s.offset("@Differentiable", "@Differentiable")));
  }

  @Test
  void nestedAndTopLevelOwnersMappingToTheSameDerivativesNameAreAnErrorNotACrash() {
    Source s =
        Source.of(
            "diag.Owner",
            """
        package diag;

        import dev.adjoint.Differentiable;

        final class Owner {
          static final class Inner {
            @Differentiable
            static double f(double x) {
              return x * x;
            }
          }
        }

        final class Owner_Inner {
          @Differentiable
          static double g(double x) {
            return x * x;
          }
        }
        """);
    Compilation c = compile(s);
    assertNoCrashIntoJavac(c);
    assertThat(c).failed();
    assertThat(c).hadErrorContaining("Owner_InnerDerivatives").inFile(s.file());
  }

  /**
   * Like {@link ProcessorHarness#assertNoCrash} but allowing AD901, which is the orderly way out.
   */
  private static void assertNoCrashIntoJavac(Compilation c) {
    for (Diagnostic<? extends JavaFileObject> d : c.diagnostics()) {
      assertFalse(message(d).contains("threw an uncaught exception"), describe(c));
    }
  }

  /** A native method has no body: it must be rejected, not differentiated as the constant 0. */
  @Test
  void nativeMethodIsRejectedNotDifferentiatedAsZero() {
    Source s =
        owner(
            """
        @Differentiable
        static native double f(double x);
        """);
    Compilation c = compile(s);
    assertNoCrash(c);
    assertThat(c).failed();
    assertThat(c)
        .hadErrorContaining("[AD")
        .inFile(s.file())
        .onLine(s.lineOf(s.offset("static native double f", "f")));
    assertTrue(ProcessorHarness.generatedSource(c, "diag.OwnerDerivatives").isEmpty(), describe(c));
  }

  // ---------------------------------------------------------------- coverage of the enum

  @Test
  void everyCodeHasATest() {
    Set<String> tested =
        Arrays.stream(DiagnosticsTest.class.getDeclaredMethods())
            .map(Method::getName)
            .filter(n -> n.matches("ad\\d{3}_.*"))
            .map(n -> "AD" + n.substring(2, 5))
            .collect(Collectors.toCollection(TreeSet::new));
    Set<String> missing =
        Arrays.stream(DiagnosticCode.values())
            .map(Enum::name)
            .filter(code -> !tested.contains(code) && !NOT_TRIGGERABLE_UNDER_JAVAC.contains(code))
            .collect(Collectors.toCollection(TreeSet::new));
    assertEquals(Set.of(), missing, "diagnostic codes without a compile-testing case");
  }
}
