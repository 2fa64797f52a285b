package dev.adjoint.compiler.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.adjoint.compiler.processor.ExpectedDiagnostics.compile;
import static dev.adjoint.compiler.processor.ProcessorHarness.assertNoCrash;
import static dev.adjoint.compiler.processor.ProcessorHarness.describe;
import static dev.adjoint.compiler.processor.ProcessorHarness.message;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every diagnostic code the processor can emit under javac, compiled with compile-testing: the
 * error is reported in the right file, on the line of the offending sub-expression, covering
 * exactly that sub-expression, saying what was found and with the code's hint. The expectations are
 * markers in the sources themselves (see {@link ExpectedDiagnostics}): the carets stand under the
 * exact span reported, and nothing else may be reported.
 *
 * <p>Not triggered here:
 *
 * <ul>
 *   <li>AD001 (the compiler is not javac) cannot happen under javac: {@code Trees.instance} always
 *       accepts javac's own processing environment.
 *   <li>AD901 (internal error) is tested with the one natural trigger found: source text javac
 *       accepts but JavaParser cannot parse (a Unicode escape in an identifier), see {@link
 *       #ad901_internalErrorIsACodedErrorAtTheMethod()}.
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

  /** {@code diag.Owner} with the given members. */
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

  // ---------------------------------------------------------------- AD0xx environment

  /**
   * A record component annotated {@code @Differentiable} (allowed: its target is METHOD) makes
   * javac put the annotation on the implicit accessor, a method with no source text.
   */
  @Test
  void ad002_sourceNotAvailableForImplicitRecordAccessor() {
    compile(
        Source.of(
            "diag.Point",
            """
              package diag;

              import dev.adjoint.Differentiable;

              record Point(@Differentiable double x) {}
            //^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ AD002 'x'
            """));
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
            //^^^^^^^^^^^^^^^ AD003 diag.ClashDerivatives
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
    compile(s, existing);
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
    String m = message(d);
    ExpectedDiagnostics.assertWellFormed(m, "AD004");
    for (String found :
        List.of("'diag.ModelDerivatives'", "Helper.f", "recompile diag/Model.java as well")) {
      assertTrue(m.contains(found), "message should mention '" + found + "': " + m);
    }
  }

  /** One class with a good rule and three bad ones, and a call that lacks a partial. */
  @Test
  void ad305_ad306_ad307_ad308_badPartialRules() {
    compile(
        owner(
            """
              static double g(double a, double b) {
                return a * b;
              }

              @dev.adjoint.Partial(of = "gg", wrt = "a")
            //^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ AD305 gg | double, double | no method
              static double misspelled(double a, double b) {
                return b;
              }

              @dev.adjoint.Partial(of = "g", wrt = "c")
            //^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ AD306 "c" | double a, double b
              static double unknownParameter(double a, double b) {
                return b;
              }

              @dev.adjoint.Partial(of = "g", wrt = "a")
            //^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ AD307 wrongReturn | float
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
                //          ^ AD308 g | argument 2
              }
            """));
  }

  // ---------------------------------------------------------------- AD1xx syntax

  @Test
  void ad101_try() {
    compile(
        owner(
            """
              @Differentiable
              static double f(double x) {
                double s = 0;
                try {
              //^^^^^... AD101 'try'
                  s = Math.log(x);
                } catch (ArithmeticException e) {
                  s = 0;
                }
              //^ ...
                return s;
              }
            """));
  }

  @Test
  void ad101_otherStatements() {
    compile(
        owner(
            """
              @Differentiable
              static double f(double x, int n) {
                double s = x;
                synchronized (Owner.class) {
              //^^^^^^^^^^^^^^^^^^^^^^^^^^^^... AD101 'synchronized'
                  s += 1;
                }
              //^ ...
                if (n < 0) {
                  throw new IllegalArgumentException("n");
                //^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ AD101 'throw'
                }
                assert n > 0;
              //^^^^^^^^^^^^^ AD101 'assert'
                return s;
              }
            """));
  }

  /**
   * A local of an unsupported type is one error: its lambda initializer and its uses follow from
   * it.
   */
  @Test
  void ad204_localOfALambdaTypeIsOneErrorWithoutFollowOns() {
    compile(
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
              //                             ^^^^^^^^^^ AD102 't -> t * t'
                return square.applyAsDouble(x);
              }
            }
            """));
  }

  /**
   * A lambda spanning lines is one error (the call it is passed to is not reported too), and its
   * message quotes it on one line, so that javac's display (message, source line, caret) stays
   * whole: the caret at the lambda's first line.
   */
  @Test
  void ad102_multiLineLambdaIsOneErrorWithAOneLineMessage() {
    Compilation c =
        compile(
            owner(
                """
                  @Differentiable
                  static double f(double x) {
                    double s = integrate(t -> {
                    //                   ^^^^^^... AD102 lambda | 't -> { double u = t * t; return u; }' is not
                      double u = t * t;
                      return u;
                    }, x);
                  //^ ...
                    return s;
                  }
                """));
    assertEquals(1, c.errors().size(), describe(c));
    Diagnostic<? extends JavaFileObject> d = c.errors().get(0);
    assertEquals(9, d.getLineNumber(), describe(c)); // the lambda's first line, where the caret is
    String message = message(d);
    assertEquals(2, message.lines().count(), "message and hint, one line each: " + message);
    assertTrue(
        message.lines().skip(1).findFirst().orElseThrow().strip().startsWith("hint: "), message);
  }

  @Test
  void ad102_remainderOnDoubleAndNullLiteral() {
    compile(
        owner(
            """
              @Differentiable
              static double f(double x) {
                double a = x % 2.0;
                //         ^^^^^^^ AD102 %
                double b = x > 0 ? x : null;
                //                     ^^^^ AD102 null
                return a + b;
              }
            """));
  }

  /**
   * Since general loops are supported, a for loop that is not counted is lowered as a while loop
   * (see SuccessTest#forLoopThatIsNotCounted); what remains of AD103 is the enhanced for over
   * something else than a double[] variable.
   */
  @Test
  void ad103_enhancedForOverAnIntArray() {
    compile(
        owner(
            """
              @Differentiable
              static double f(double x, @NoDerivative int[] counts) {
                double s = 0;
                for (int k : counts) {
                //           ^^^^^^ AD103 enhanced for | double[]
                  s += k * x;
                }
                return s;
              }
            """));
  }

  /**
   * Statements after a return: javac rejects them too ("unreachable statement"), but only in its
   * flow analysis, which does not run once the processor has reported an error, so AD104 is what
   * the user sees. Valid Java never triggers it: returns anywhere else are supported.
   */
  @Test
  void ad104_statementsAfterAReturn() {
    compile(
        owner(
            """
              @Differentiable
              static double f(double x) {
                double y = x * x;
                return y;
              //^^^^^^^^^ AD104 'return'
                y = 2 * y;
              }
            """));
  }

  /**
   * break and continue that leave no enclosing loop: javac rejects them too ("break outside switch
   * or loop", "undefined label"), but only in its attribution, which does not run once the
   * processor has reported an error, so AD107 is what the user sees. Valid Java never triggers it.
   */
  @Test
  void ad107_breakOutsideALoopAndContinueToAnUndefinedLabel() {
    compile(
        owner(
            """
              @Differentiable
              static double f(double x) {
                double y = x;
                if (y > 1) {
                  break;
                //^^^^^^ AD107 'break'
                }
                return y;
              }

              @Differentiable
              static double g(double x) {
                double s = 0;
                for (int i = 0; i < 3; i++) {
                  s += x;
                  continue next;
                //^^^^^^^^^^^^^^ AD107 'continue next'
                }
                return s;
              }
            """));
  }

  @Test
  void ad105_arrayCopyWithinOneArray() {
    compile(
        owner(
            """
              @Differentiable
              static double f(double[] x) {
                double[] t = x.clone();
                System.arraycopy(t, 0, t, 1, 2);
              //^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ AD105 within one array
                return t[0] * t[1];
              }
            """));
  }

  /**
   * An instance method is one error: its reads of fields, writes of fields and calls of instance
   * methods follow from it.
   */
  /**
   * An instance method of a private class cannot be differentiated (the generated class could not
   * name its receiver): one error at the method's name, none for the field reads and instance calls
   * in its body.
   */
  @Test
  void ad106_instanceMethodOfAPrivateClassIsOneError() {
    Compilation c =
        compile(
            owner(
                """
                  private static final class Hidden {
                    double scale = 2;
                    double offset = 1;

                    double helper(double t) {
                      return t * scale;
                    }

                    @Differentiable
                    double f(double x) {
                    //    @^ AD106 'f' | its class is private
                      double s = x * scale + this.offset;
                      s += helper(s) * scale + this.helper(x);
                      return s * offset + scale;
                    }
                  }
                """));
    assertEquals(1, c.errors().size(), describe(c));
  }

  /**
   * An instance method of a class of the compilation is differentiated: fields read directly and
   * with {@code this.}, a helper instance method called with and without {@code this.}; no
   * diagnostic at all.
   */
  @Test
  void instanceMethodOfAnAccessibleClassCompilesWithoutDiagnostics() {
    Compilation c =
        compile(
            owner(
                """
                  double scale = 2;
                  private double offset = 1;

                  private double helper(double t) {
                    return t * scale;
                  }

                  @Differentiable
                  double f(double x) {
                    double s = x * scale + this.offset;
                    s += helper(s) * scale + this.helper(x);
                    return s * offset + scale;
                  }
                """));
    assertThat(c).succeeded();
    assertTrue(
        ProcessorHarness.generatedSource(c, "diag.OwnerDerivatives")
            .orElseThrow()
            .contains("fValueAndGradient(Owner self, double x, double[] gradient)"),
        describe(c));
  }

  /**
   * Assignments of numbers and elements are supported inside expressions; of an array variable (a
   * copy of the elements) they are not.
   */
  @Test
  void ad108_assignmentOfAnArrayVariableInsideAnExpression() {
    compile(
        owner(
            """
              @Differentiable
              static double f(double x) {
                double[] w = {x, 2 * x};
                double[] v = {x, x};
                double t;
                double a = (t = x) * w[0]++ + (w[1] *= t);
                double b = (v = w)[1];
                //          ^^^^^ AD108 array variable 'v' | its own statement
                return a + b + t + v[0];
              }
            """));
  }

  @Test
  void ad109_overloadedDifferentiableMethods() {
    compile(
        owner(
            """
              @Differentiable
              static double f(double x) {
                return x * x;
              }

              @Differentiable(wrt = "x")
            //^^^^^^^^^^^^^^^^^^^^^^^^^^ AD109 'f' | same name
              static double f(double x, double y) {
                return x * y;
              }
            """));
  }

  @Test
  void ad110_genericMethod() {
    compile(
        owner(
            """
              @Differentiable
              static <T> double f(double x) {
              //               @^ AD110 'f' | generic
                return x * x;
              }
            """));
  }

  @Test
  void ad110_varargsMethod() {
    compile(
        owner(
            """
              @Differentiable
              static double g(double... xs) {
              //           @^ AD110 'g' | varargs
                return xs[0];
              }
            """));
  }

  /** A call to a varargs helper says it is varargs, not that the helper has no source. */
  @Test
  void ad110_callToVarargsHelper() {
    compile(
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
                //     ^^^^^^^^^^^^^^^^^^^ AD301 'sumAll' | AD110 | varargs
              }
            """));
  }

  /** A double selector (javac rejects it too, after the processor has run). */
  @Test
  void ad111_switchOnADouble() {
    compile(
        owner(
            """
              @Differentiable
              static double f(double x) {
                switch (x) {
                //      ^ AD111 double
                  case 1:
                    return x * x;
                  default:
                    return Math.log(x) + undefined;
                    //                   ^^^^^^^^^ AD203 'undefined'
                }
              }
            """));
  }

  /** A String selector other than a parameter (or a final copy of one) is not supported. */
  @Test
  void ad111_switchOnAStringLiteral() {
    compile(
        owner(
            """
              @Differentiable
              static double f(double x) {
                return switch ("square") {
                //             ^^^^^^^^ AD111 String
                  case "square" -> x * x;
                  default -> x;
                };
              }
            """));
  }

  /**
   * A String or enum parameter is data: a switch selector or compared with a constant, nothing
   * else.
   */
  @Test
  void ad115_stringAndEnumParametersUsedOtherThanInComparisons() {
    compile(
        owner(
            """
              enum Kind { RELU, TANH }

              @Differentiable
              static double f(double x, @NoDerivative String mode, Kind kind) {
                double s = x * mode;
                //             ^^^^ AD115 'mode' | String value
                if (kind > 0) {
                //  ^^^^ AD115 'kind' | enum Owner.Kind
                  s = s + 1;
                }
                mode = "other";
              //^^^^ AD115 'mode'
                switch (kind) {
                  case RELU -> s = Math.max(s, 0);
                  case SIGMOID -> s = 1 / (1 + Math.exp(-s));
                  //   ^^^^^^^ AD112 'SIGMOID'
                  default -> s = Math.tanh(s);
                }
                return switch (mode) {
                  case "a" -> s;
                  case 1 -> -s;
                  //   ^ AD112 '1'
                  default -> s * s;
                };
              }
            """));
  }

  @Test
  void ad111_switchOnLongExpression() {
    compile(
        owner(
            """
              @Differentiable
              static double f(double x, long n) {
                double y = switch ((int) n + n) {
                //                 ^^^^^^^^^^^ AD111 long
                  case 0 -> x;
                  default -> x * x;
                };
                return y;
              }
            """));
  }

  @Test
  void ad112_caseLabelNotAnIntConstant() {
    compile(
        owner(
            """
              @Differentiable
              static double f(double x, int n, int m) {
                double s = x;
                switch (n) {
                  case 1:
                    s = s * x;
                    break;
                  case 2L:
                  //   ^^ AD112 '2L'
                    s = s + 1;
                }
                return s;
              }
            """));
  }

  /**
   * Stream operations outside the reductions that lower to loops: each is reported at the exact
   * call (or lambda write) with the operation's name, and the hint gives the loop to write.
   */
  @Test
  void ad113_unsupportedStreamOperations() {
    compile(
        Source.of(
            "diag.Owner",
            """
            package diag;

            import dev.adjoint.Differentiable;
            import java.util.Arrays;
            import java.util.stream.Collectors;
            import java.util.stream.DoubleStream;

            final class Owner {
              @Differentiable
              static double f(double x, double[] a) {
                double s = Arrays.stream(a).parallel().sum();
                //         ^^^^^^^^^^^^^^^^^^^^^^^^^^^ AD113 'parallel' | sequentially
                double t = Arrays.stream(a).sorted().map(v -> v * x).sum();
                //         ^^^^^^^^^^^^^^^^^^^^^^^^^ AD113 'sorted' | sort
                double u = Arrays.stream(a).boxed().collect(Collectors.toList()).size();
                //         ^^^^^^^^^^^^^^^^^^^^^^^^ AD113 'boxed' | objects
                double v = Arrays.stream(a).map(e -> { a[0] = e; return e; }).sum();
                //                                     ^^^^ AD113 'map' | stateful
                double w = a.length > 0 ? Arrays.stream(a).max().getAsDouble() : x;
                //                        ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ AD113 'getAsDouble' | orElse
                double y = DoubleStream.iterate(x, e -> e / 2).limit(3).sum();
                //         ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ AD113 'DoubleStream.iterate' | Arrays.stream
                return s + t + u + v + w + y;
              }
            }
            """));
  }

  // ---------------------------------------------------------------- AD2xx typing

  /**
   * A parameter of an unsupported type used all through the body is one error, at the parameter:
   * its uses (calls on it, an enhanced for over it, casts and instanceof of it, and the names those
   * declare) are not errors of their own.
   */
  @Test
  void ad201_unsupportedParameterTypeUsedManyTimesIsOneError() {
    Compilation c =
        compile(
            owner(
                """
                  @Differentiable
                  static double f(double x, java.util.function.DoubleUnaryOperator op, short k) {
                  //                                                                   ^^^^^^^ AD201 'k' | short
                    double s = x * k;
                    for (int i = 0; i < k; i++) {
                      s += k * x;
                    }
                    return s + op;
                    //         ^^ AD118 'op' | used here as a number
                  }
                """));
    assertEquals(2, c.errors().size(), describe(c));
  }

  @Test
  void ad201_shortParameter() {
    compile(
        owner(
            """
              @Differentiable
              static double f(double x, short y) {
              //                        ^^^^^^^ AD201 'y' | short
                return x * y;
              }
            """));
  }

  /**
   * A char parameter is supported (an int in the generated body), but the body may not write it:
   * the generated method declares it char.
   */
  @Test
  void ad208_writtenCharParameter() {
    compile(
        owner(
            """
              @Differentiable
              static double f(double x, char c) {
              //                        ^^^^^^ AD208 char parameter 'c' is written
                c = 'b';
                return x * c;
              }
            """));
  }

  @Test
  void ad202_intReturnType() {
    compile(
        owner(
            """
              @Differentiable
              static int f(double x) {
              //     ^^^ AD202 return type int
                return (int) x;
              }
            """));
  }

  @Test
  void ad202_matrixReturnType() {
    compile(
        owner(
            """
              @Differentiable
              static double[][] f(double x) {
              //     ^^^^^^^^^^ AD202 return type double[][]
                double[][] m = new double[1][1];
                m[0][0] = x;
                return m;
              }
            """));
  }

  @Test
  void ad203_readOfAField() {
    compile(
        owner(
            """
              static double scale = 2;

              @Differentiable
              static double f(double x) {
                return x * scale + Owner.scale;
                //         ^^^^^ AD203 'scale'
                //                 ^^^^^^^^^^^ AD203 'Owner.scale'
              }
            """));
  }

  @Test
  void ad204_unsupportedLocalType() {
    compile(
        owner(
            """
              @Differentiable
              static double f(double x) {
                short t = 1;
              //^^^^^ AD204 't' | short
                return x;
              }
            """));
  }

  /**
   * The local whose type was rejected is still a local: its uses must not be called unknown names.
   */
  /** A local of an unsupported type used many times is one error, at its type. */
  @Test
  void ad204_unsupportedLocalTypeUsedManyTimesIsOneError() {
    Compilation c =
        compile(
            owner(
                """
                  @Differentiable
                  static double f(double x) {
                    java.util.List<Double> ws = java.util.List.of(x, 2 * x);
                    double s = ws.get(0) * ws.get(1);
                    for (double w : ws) {
                      s += w;
                    }
                    ws = null;
                  //^^^^^^^^^ AD118 'ws' | not reassigned
                    return s + ws.size();
                  }
                """));
    assertEquals(1, c.errors().size(), describe(c));
  }

  @Test
  void ad204_doesNotCascadeIntoUnknownNameErrorsAtUses() {
    compile(
        owner(
            """
              @Differentiable
              static double f(double x) {
                short t = 1;
              //^^^^^ AD204 't' | short
                return x * t;
              }
            """));
  }

  @Test
  void ad205_unknownWrtName() {
    compile(
        owner(
            """
              @Differentiable(wrt = {"x", "z"})
            //^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ AD205 'z' | not a parameter | they are x, y
              static double f(double x, double y) {
                return x * y;
              }
            """));
  }

  @Test
  void ad206_wrtNamesAnIntParameter() {
    compile(
        owner(
            """
              @Differentiable(wrt = {"x", "n"})
            //^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ AD206 'n' | int
              static double f(double x, int n) {
                return x * n;
              }
            """));
  }

  /** String and char parameters are data: naming them in wrt is an error naming their type. */
  @Test
  void ad206_wrtNamesAStringAndACharParameter() {
    compile(
        owner(
            """
              @Differentiable(wrt = {"x", "mode", "c"})
            //^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ AD206 'mode' | its type is String
            //^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ AD206 'c' | its type is char
              static double f(double x, String mode, char c) {
                return switch (mode) {
                  case "a" -> x * c;
                  default -> x;
                };
              }
            """));
  }

  @Test
  void ad206_wrtNamesANoDerivativeParameter() {
    compile(
        owner(
            """
              @Differentiable(wrt = {"x", "y"})
            //^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ AD206 'y' | @NoDerivative
              static double f(double x, @NoDerivative double y) {
                return x * y;
              }
            """));
  }

  @Test
  void ad210_negativeCheckpoints() {
    compile(
        owner(
            """
              @Differentiable(checkpoints = -1)
            //^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ AD210 checkpoints = -1
              static double f(double x) {
                return x * x;
              }
            """));
  }

  @Test
  void ad207_unsupportedOrder() {
    compile(
        owner(
            """
              @Differentiable(order = 3)
            //^^^^^^^^^^^^^^^^^^^^^^^^^^ AD207 order = 3
              static double f(double x) {
                return x * x;
              }
            """));
  }

  /**
   * AD208 repeats a javac type error (our frontend types bodies itself), so the source is invalid
   * Java.
   */
  @Test
  void ad208_typeMismatch() {
    compile(
        owner(
            """
              @Differentiable
              static double f(double x) {
                int k = x;
              //^^^^^^^^^^ AD208 cannot assign double to int
                return x + k;
              }
            """));
  }

  @Test
  void ad208_nonBooleanCondition() {
    compile(
        owner(
            """
              @Differentiable
              static double f(double x, int n) {
                if (n) {
                //  ^ AD208 condition must be boolean, found int
                  return x;
                }
                return 0;
              }
            """));
  }

  @Test
  void ad209_noParameterToDifferentiate() {
    compile(
        owner(
            """
              @Differentiable
              static double f(@NoDerivative double x, int n) {
              //           @^ AD209 no parameter to differentiate
                return x * n;
              }
            """));
  }

  // ---------------------------------------------------------------- AD3xx differentiability

  @Test
  void ad309_mathRandom() {
    compile(
        owner(
            """
              @Differentiable
              static double f(double x) {
                return x * Math.random() + StrictMath.random();
                //         ^^^^^^^^^^^^^ AD309 'Math.random' | not a function of the method's inputs
                //                         ^^^^^^^^^^^^^^^^^^^ AD309 'StrictMath.random' | @NoDerivative
              }
            """));
  }

  /**
   * Math.clamp is Java 21 (javac would reject it below that, after the processor's error): the
   * processor names the rewrite with min and max.
   */
  @Test
  void ad309_mathClamp() {
    compile(
        owner(
            """
              @Differentiable
              static double f(double x) {
                return Math.clamp(x, 0.0, 1.0);
                //     ^^^^^^^^^^^^^^^^^^^^^^^ AD309 'Math.clamp' | Java 21
              }
            """));
  }

  /** The integer functions of Math take integers only: a precise type error, not a crash. */
  @Test
  void ad208_integerMathOfADouble() {
    compile(
        owner(
            """
              @Differentiable
              static double f(double x) {
                return x * Math.floorMod(x, 2);
                //         ^^^^^^^^^^^^^^^^^^^ AD208 no overload of Math.floorMod takes (double, int)
              }
            """));
  }

  /** A user method is inlined when its source is available; its body must be in the language. */
  @Test
  void ad301_userMethodOutsideTheLanguage() {
    compile(
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
                //             ^^^^^^^^^ AD301 'helper' | outside the supported language | 'try'
                return y;
              }
            """));
  }

  @Test
  void ad114_recursiveMethodReturningNothing() {
    compile(
        owner(
            """
              static void mark(double[] v, int n) {
                if (n > 0) {
                  v[n - 1] = 1;
                  mark(v, n - 1);
                }
              }

              @Differentiable
              static double f(double x) {
                double[] v = new double[3];
                mark(v, 3);
              //^^^^^^^^^^ AD114 'mark' | returns nothing | rewrite the recursion as a loop
                return x * v[0];
              }
            """));
  }

  @Test
  void ad114_recursiveMethodWritingItsArrayParameter() {
    compile(
        owner(
            """
              static double down(double[] v, int n) {
                if (n == 0) {
                  return v[0];
                }
                v[n - 1] += v[n];
                return down(v, n - 1);
              }

              @Differentiable
              static double f(double x, @NoDerivative double[] v) {
                return x * down(v, v.length - 1);
                //         ^^^^^^^^^^^^^^^^^^^^^ AD114 'down' | writes to its array parameter 'v'
              }
            """));
  }

  /** A differentiated array through a recursive call: first order only. */
  @Test
  void ad114_recursiveMethodReceivingADifferentiatedArrayAtOrderTwo() {
    compile(
        owner(
            """
              static double sum(double[] a, int lo, int hi) {
                return hi - lo == 1 ? a[lo] : sum(a, lo, (lo + hi) / 2) + sum(a, (lo + hi) / 2, hi);
              }

              @Differentiable(order = 2)
            //^^^^^^^^^^^^^^^^^^^^^^^^^^ AD114 'sum' | array argument 'a' depends on the differentiated parameters | order = 2
              static double f(double[] a) {
                return sum(a, 0, a.length);
              }
            """));
  }

  /** A differentiated local array through a recursive call. */
  @Test
  void ad114_recursiveMethodReceivingADifferentiatedLocalArray() {
    compile(
        owner(
            """
              static double sum(double[] a, int lo, int hi) {
                return hi - lo == 1 ? a[lo] : sum(a, lo, (lo + hi) / 2) + sum(a, (lo + hi) / 2, hi);
              }

              @Differentiable
            //^^^^^^^^^^^^^^^ AD114 'sum' | argument 'b' is an array that depends on the differentiated parameters
              static double f(double x) {
                double[] b = {x, 2 * x};
                return sum(b, 0, b.length);
              }
            """));
  }

  /**
   * A failed call reports once: no follow-on type error where its value is used as a condition or
   * an array.
   */
  @Test
  void ad301_noFollowOnErrors() {
    compile(
        owner(
            """
              static final double[] WEIGHTS = {1, 2, 3};

              @Differentiable
              static double f(double x) {
                if (unknownHelper(x > 0, x < 1)) {
                //  ^^^^^^^^^^^^^^^^^^^^^^^^^^^ AD301 'unknownHelper'
                  return 0;
                }
                return x * WEIGHTS[1];
                //         ^^^^^^^ AD203 'WEIGHTS'
              }
            """));
  }

  /** An unsupported declaration or return type is reported once: its uses raise nothing more. */
  @Test
  void ad204_ad202_noFollowOnErrors() {
    compile(
        owner(
            """
              @Differentiable
              static double f(double[] x) {
                long[] g = new long[x.length];
              //^^^^^^ AD204 'g'
                double s = 0;
                for (int i = 0; i < x.length; i++) {
                  g[i] = (long) x[i];
                  s += g[i] * g[i];
                }
                return s;
              }

              @Differentiable
              static double[][] outer(double[] x) {
              //     ^^^^^^^^^^ AD202 double[][]
                double[][] m = new double[1][1];
                m[0][0] = x[0];
                return m;
              }
            """));
  }

  /** A double[]-valued method asks for order = 2: the message says why. */
  @Test
  void ad207_orderTwoOnAnArrayValuedMethod() {
    compile(
        owner(
            """
              @Differentiable(order = 2)
            //^^^^^^^^^^^^^^^^^^^^^^^^^^ AD207 double[]
              static double[] f(double x) {
                double[] r = new double[1];
                r[0] = x * x;
                return r;
              }
            """));
  }

  /** A method of a class compiled elsewhere (here the JDK) has no source to differentiate. */
  @Test
  void ad301_methodWithoutSource() {
    compile(
        owner(
            """
              @Differentiable
              static double f(double x) {
                return Double.sum(x, x * x);
                //     ^^^^^^^^^^^^^^^^^^^^ AD301 'Double.sum' | source
              }
            """));
  }

  @Test
  void ad301_callStatement() {
    compile(
        owner(
            """
              @Differentiable
              static double f(double x) {
                System.out.println(x);
              //^^^^^^^^^^^^^^^^^^^^^ AD301 'System.out.println'
                return x;
              }
            """));
  }

  @Test
  void ad302_fieldWrites() {
    compile(
        owner(
            """
              static double total;

              @Differentiable
              static double f(double x) {
                total = x;
              //^^^^^ AD302 'total'
                Owner.total += x;
              //^^^^^^^^^^^ AD302 'Owner.total'
                return x;
              }
            """));
  }

  /** A field written inside an expression is reported at the field, like a field assignment. */
  @Test
  void ad302_fieldWrittenInsideAnExpression() {
    compile(
        owner(
            """
              static double total;
              static int calls;

              @Differentiable
              static double f(double x) {
                double y = (total = x) * 2 + calls++;
                //          ^^^^^ AD302 'total' | compute into a local variable
                //                           ^^^^^ AD302 'calls'
                return y;
              }
            """));
  }

  @Test
  void ad303_wrtParameterUnusedIsAWarning() {
    Compilation c =
        compile(
            owner(
                """
                  @Differentiable
                  static double f(double x, double y) {
                  //                        ^^^^^^^^ AD303 'y' | always zero
                    return x * x;
                  }
                """));
    assertThat(c)
        .generatedSourceFile("diag.OwnerDerivatives")
        .contentsAsUtf8String()
        .contains("fValueAndGradient");
  }

  @Test
  void ad303_explicitWrtParameterOnlyUsedInAConditionIsAWarning() {
    compile(
        owner(
            """
              @Differentiable(wrt = {"x", "y"})
              static double f(double x, double y, @NoDerivative double z) {
              //                        ^^^^^^^^ AD303 'y'
                if (y > 0) {
                  return x * z;
                }
                return x;
              }
            """));
  }

  @Test
  void ad304_anAliasOfAParameterGivenANewArray() {
    compile(
        owner(
            """
              @Differentiable
              static double f(double[] x) {
                double[] u = x;
                u = new double[] {2 * x[0]};
              //^ AD304 'u' | refers to the array of 'x' | u = x.clone()
                return u[0] + x[0];
              }
            """));
  }

  @Test
  void ad304_aBufferMadeInsideTheLoopThatSwapsIt() {
    compile(
        owner(
            """
              @Differentiable
              static double f(double[] x) {
                double[] cur = x.clone();
                for (int k = 0; k < 3; k++) {
                  double[] nxt = new double[x.length];
                  nxt[0] = cur[0] * cur[0];
                  double[] t = cur;
                  cur = nxt;
                //^^^ AD304 'cur' | 'nxt' is made in another block
                  nxt = t;
                }
                return cur[0];
              }
            """));
  }

  @Test
  void ad304_matricesDoNotExchangeArrays() {
    compile(
        owner(
            """
              @Differentiable
              static double f(double[][] m, @NoDerivative double[][] d) {
                double[][] a = new double[2][2];
                a = d;
              //^ AD304 'a' | only double[] or float[] variables | double[][]
                return a[0][0] * m[0][0];
              }
            """));
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
    compile(
        owner(
            """
            @Differentiable
            static double f(double x) {
              double y = x \\u002a x;
              return y;
            }
            """));
  }

  /**
   * A Unicode escape in an identifier is the same identifier to javac; it must be to Adjoint too.
   */
  @Test
  void unicodeEscapeInAnIdentifierNamesTheSameVariable() {
    Compilation c =
        compile(
            owner(
                """
                @Differentiable
                static double f(double x) {
                  double \\u0079 = x * x;
                  return y;
                }
                """));
    assertThat(c)
        .generatedSourceFile("diag.OwnerDerivatives")
        .contentsAsUtf8String()
        .contains("fValueAndGradient");
  }

  // ---------------------------------------------------------------- several errors, isolation

  @Test
  void tryAndLambdaLocalInOneMethodAreBothReported() {
    compile(
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
              //^^^^^... AD101 'try'
                  s = x * x;
                } finally {
                  s += 1;
                }
              //^ ...
                DoubleUnaryOperator g = t -> t + x;
              //                        ^^^^^^^^^^ AD102 't -> t + x'
                return s * g.applyAsDouble(x);
              }
            }
            """));
  }

  @Test
  void independentErrorsAreAllReportedInSourceOrder() {
    Compilation c =
        compile(
            owner(
                """
                  static double total;

                  @Differentiable
                  static double f(double x, int n) {
                    double s = 0;
                    synchronized (Owner.class) {
                  //^^^^^^^^^^^^^^^^^^^^^^^^^^^^... AD101 'synchronized'
                      s = x;
                    }
                  //^ ...
                    try {
                  //^^^^^... AD101 'try'
                      s += 1;
                    } finally {
                      s -= 1;
                    }
                  //^ ...
                    double r = Math.random();
                    //         ^^^^^^^^^^^^^ AD309
                    total = s;
                  //^^^^^ AD302
                    if (n < 0) {
                      throw new IllegalStateException();
                    //^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ AD101 'throw'
                    }
                    return s + r;
                  }
                """));
    assertEquals(
        List.of("AD101", "AD101", "AD309", "AD302", "AD101"),
        ProcessorHarness.errorCodes(c),
        describe(c));
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
    Compilation c =
        compile(
            owner(
                """
                  @Differentiable
                  static double bad(double x) {
                    double s = 0;
                    try {
                  //^^^^^... AD101 'try'
                      s = x;
                    } finally {
                      s += 1;
                    }
                  //^ ...
                    return s;
                  }

                  @Differentiable
                  static double good(double x) {
                    return x * x;
                  }

                  @Differentiable
                  static double alsoBad(double x) {
                    return Math.random() * x;
                    //     ^^^^^^^^^^^^^ AD309
                  }
                """));
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
    Compilation c =
        compile(
            owner(
                """
                  @Differentiable
                  static double bad(double x) {
                    return Math.random() * x;
                    //     ^^^^^^^^^^^^^ AD309
                  }
                """));
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
            "String t = \"a\"; return switch (t) { case \"a\" -> x; default -> 0; };",
            "Object o = x; if (o instanceof Double d) { return d; } return 0;",
            "String t = \"a\" + x; return t.length() * x;",
            "char[] cs = {'a'}; return cs[0] * x;",
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
    Compilation c = ProcessorHarness.compile(s);
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
    Compilation c =
        compile(
            Source.of(
                "diag.Odd",
                """
                package diag;

                import dev.adjoint.Differentiable;

                interface Odd {
                  @Differentiable
                  double abstractOne(double x);
                  //    @^ AD106

                  @Differentiable
                  default double defaultOne(double x) {
                  //            @^ AD106
                    return x * x;
                  }

                  abstract class Base {
                    @Differentiable
                    abstract double abstractInClass(double x);
                    //             @^ AD106
                  }

                  enum E {
                    A;

                    @Differentiable
                    static double inEnum(double x) {
                      return x * x;
                    }
                  }
                }
                """));
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
            //^^^^^^^^^^^^^^^ AD003 diag.OwnerDerivatives
              static double f(double x) {
                return x * x;
              }
            """);
    Source taken =
        Source.of("diag.OwnerDerivatives", "package diag;\n\nfinal class OwnerDerivatives {}\n");
    compile(s, taken);
  }

  @Test
  void nestedAndTopLevelOwnersMappingToTheSameDerivativesNameAreAnErrorNotACrash() {
    compile(
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
            //^^^^^^^^^^^^^^^ AD003 Owner_InnerDerivatives
              static double g(double x) {
                return x * x;
              }
            }
            """));
  }

  /** A native method has no body: it must be rejected, not differentiated as the constant 0. */
  @Test
  void nativeMethodIsRejectedNotDifferentiatedAsZero() {
    Compilation c =
        compile(
            owner(
                """
                  @Differentiable
                  static native double f(double x);
                  //                  @^ AD002
                """));
    assertTrue(ProcessorHarness.generatedSource(c, "diag.OwnerDerivatives").isEmpty(), describe(c));
  }

  // ---------------------------------------------------------------- objects

  /** A field written in an instance method, with and without {@code this.}: one error per write. */
  @Test
  void ad302_activeValueWrittenToAFieldOfTheReceiver() {
    compile(
        owner(
            """
              double last;
              double scale = 2;

              @Differentiable
              double f(double x) {
                double s = x * scale;
                this.last = s;
              //^^^^^^^^^ AD302 'this.last' | must not write fields
                last += s * s;
              //^^^^ AD302 'last'
                return s;
              }
            """));
  }

  /**
   * A field of a type the IR does not model, read as a value, as a call's receiver and again: one
   * error per field, at its first read; a call on it is not reported as a call without source.
   */
  /**
   * Code kept verbatim (a call on a data object) may not read a differentiated value, nor sit in a
   * loop nested in another loop; a static method without source that reads one stays AD301.
   */
  @Test
  void ad118_activeValuesInCodeKeptVerbatimAndNestedLoops() {
    compile(
        owner(
            """
              @Differentiable
              static double f(double x, java.util.List<Double> ws, StringBuilder log) {
                double s = ws.get(0) * x + log.append(x).length();
                //                         ^^^^^^^^^^^^^ AD118 'log.append(x)' | reads 'x'
                for (int i = 0; i < 3; i++) {
                  for (int j = 0; j < 2; j++) {
                    s += ws.get(j) * x;
                    //   ^^^^^^^^^ AD118 'ws.get(j)' | nested in another loop
                  }
                }
                return s + Double.sum(x, 1);
                //         ^^^^^^^^^^^^^^^^ AD301 'Double.sum' | source
              }
            """));
  }

  /** With checkpoints, a loop runs again from its snapshots: data code in it is reported. */
  @Test
  void ad118_dataCodeInACheckpointedLoop() {
    compile(
        owner(
            """
              @Differentiable(checkpoints = 4)
              static double f(double x, java.util.List<Double> ws) {
                double s = ws.get(0) * x;
                for (int i = 0; i < ws.size(); i++) {
                  s = s * x + ws.get(i);
                  //          ^^^^^^^^^ AD118 'ws.get(i)' | checkpoints = 4
                }
                return s;
              }
            """));
  }

  /**
   * A record declaring its own accessor (or canonical constructor) is data by default; named in
   * {@code wrt} it is reported: a record of partial derivatives would not read back as them.
   */
  @Test
  void ad206_recordWithItsOwnAccessorNamedInWrt() {
    compile(
        owner(
            """
              record Scaled(double a, double b) {
                public double a() {
                  return 2 * a;
                }
              }

              @Differentiable(wrt = {"p", "x"})
            //^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ AD206 'p' | its own accessor a()
              static double f(Scaled p, double x) {
                return p.a() * x + p.b();
              }
            """));
  }

  /** A data object used as a number, and a local holding data reassigned. */
  @Test
  void ad118_dataObjectsUsedAsNumbersOrReassigned() {
    compile(
        owner(
            """
              @Differentiable
              static double f(double x, java.util.List<Double> ws) {
                java.util.List<Double> v = ws;
                v = null;
              //^^^^^^^^ AD118 'v' | not reassigned
                return x * ws;
                //         ^^ AD118 'ws' | used here as a number
              }
            """));
  }

  @Test
  void ad116_fieldOfAnUnsupportedTypeIsOneErrorPerField() {
    Compilation c =
        compile(
            owner(
                """
                  final java.util.List<Double> xs = new java.util.ArrayList<>();
                  Double boxed = 1.0;
                  Double other = 2.0;

                  @Differentiable
                  double f(double x) {
                    double a = x * xs.get(0) + xs.size();
                    double b = x * boxed + this.boxed;
                    //             ^^^^^ AD116 'boxed' | of Owner | java.lang.Double
                    return a + b + x * this.xs.get(1) * other;
                    //                                  ^^^^^ AD116 'other' | of Owner
                  }
                """));
    assertEquals(2, c.errors().size(), describe(c));
  }

  /** A record where a number is expected: at the object, once per use. */
  @Test
  void ad117_objectUsedAsANumber() {
    compile(
        owner(
            """
              record P(double a, double b) {}

              @Differentiable
              static double f(P p, double x) {
                double y = p * x;
                //         ^ AD117 P | a number or array is expected
                return y + p.a();
              }
            """));
  }

  @Test
  void ad117_objectLocalReassigned() {
    compile(
        owner(
            """
              record P(double a, double b) {}

              @Differentiable
              static double f(double x, double y) {
                P q = new P(x, y);
                q = new P(y, x);
              //^^^^^^^^^^^^^^^ AD117 P | not reassigned | declare a new local
                return q.a() * q.b();
              }
            """));
  }

  /** javac rejects the call too, but only after annotation processing: this is what users see. */
  @Test
  void ad117_instanceMethodCalledFromAStaticMethodWithoutAReceiver() {
    compile(
        owner(
            """
              double k = 2;

              double g(double x) {
                return k * x;
              }

              @Differentiable
              static double f(double x) {
                return g(x) + x;
                //     ^^^^ AD117 Owner | 'g' is an instance method, called here without one
              }
            """));
  }

  /** An object made inside a method must be made by a class whose source javac has. */
  @Test
  void ad117_helperObjectWithoutAConstructorOfThatArity() {
    compile(
        owner(
            """
              static final class Spring {
                final double k;

                Spring(double k) {
                  this.k = k;
                }

                double energy(double x) {
                  return 0.5 * k * x * x;
                }
              }

              @Differentiable
              static double f(double x) {
                return new Spring(x, 2).energy(x);
                //     ^^^^^^^^^^^^^^^^ AD117 Spring | no constructor with 2 parameters
              }
            """));
  }

  /** A field of an unsupported type and an int field named in wrt, and a name that is neither. */
  @Test
  void ad206_ad205_wrtNamesFieldsOfUnsupportedTypesAndAnUnknownName() {
    compile(
        owner(
            """
              final java.util.List<Double> xs = new java.util.ArrayList<>();
              int n = 3;
              double k = 2;

              @Differentiable(wrt = {"x", "xs", "n", "nope"})
            //^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ AD206 'xs' | field of type java.util.List<java.lang.Double>
            //^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ AD206 'n' | its type is int
            //^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ AD205 'nope' | they are x and the fields xs, n, k
              double f(double x) {
                return k * x * n;
              }
            """));
  }

  /** Arrays of records are not in the language: the parameter and the local are reported. */
  @Test
  void ad201_ad204_arraysOfRecords() {
    compile(
        owner(
            """
              record P(double a, double b) {}

              @Differentiable
              static double f(P[] ps, double x) {
              //              ^^^^^^ AD201 'ps' | P[]
                double s = 0;
                for (P p : ps) {
                  s += p.a() * x;
                }
                return s;
              }

              @Differentiable
              static double g(P p, double x) {
                P[] ps = {p, p};
              //^^^ AD204 'ps' | P[]
                double s = 0;
                for (int i = 0; i < ps.length; i++) {
                  s += ps[i].a() * x;
                }
                return s;
              }
            """));
  }

  // ---------------------------------------------------------------- coverage of the enum

  /** The codes a test is named after: its name starts with one or more {@code adNNN_}. */
  private static final Pattern TESTED_CODES = Pattern.compile("^(?:ad\\d{3}_)+");

  @Test
  void everyCodeHasATest() {
    Set<String> tested = new TreeSet<>();
    for (Method m : DiagnosticsTest.class.getDeclaredMethods()) {
      Matcher prefix = TESTED_CODES.matcher(m.getName());
      if (prefix.find()) {
        for (String part : prefix.group().split("_")) {
          tested.add("AD" + part.substring(2));
        }
      }
    }
    Set<String> missing =
        Arrays.stream(DiagnosticCode.values())
            .map(Enum::name)
            .filter(code -> !tested.contains(code) && !NOT_TRIGGERABLE_UNDER_JAVAC.contains(code))
            .collect(Collectors.toCollection(TreeSet::new));
    assertEquals(Set.of(), missing, "diagnostic codes without a compile-testing case");
  }
}
