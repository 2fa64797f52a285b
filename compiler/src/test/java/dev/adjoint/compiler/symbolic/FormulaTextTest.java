package dev.adjoint.compiler.symbolic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adjoint.compiler.frontend.Lowered;
import dev.adjoint.compiler.ir.Function;
import dev.adjoint.compiler.ir.Var;
import dev.adjoint.compiler.pass.Pipeline;
import dev.adjoint.compiler.testing.Sources;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The formulas as the Javadoc shows them: exact HTML, and nothing for what they do not cover. */
class FormulaTextTest {
  /** Each formula of {@code source}'s method shown, {@code ∂f/∂x = ...}, in input order. */
  private static List<String> formulas(String source) {
    Lowered l = Sources.lower(source);
    Function primal = Pipeline.normalise(l.function());
    return SymbolicPartials.of(primal, l.wrt()).stream()
        .flatMap(p -> SymbolicPartials.text(p, primal.name(), Map.of()).stream())
        .toList();
  }

  @Test
  void polynomialAndSine() {
    assertEquals(
        List.of("&part;f/&part;a = 2&middot;a&middot;b", "&part;f/&part;b = a&sup2; + cos(b)"),
        formulas("static double f(double a, double b) { return a * a * b + Math.sin(b); }"));
  }

  @Test
  void cubicFitLossIsASumOfOneIterationsTerm() {
    String r = "(a&middot;x[i]&sup3; + b&middot;x[i]&sup2; + c&middot;x[i] + d &minus; y[i])";
    assertEquals(
        List.of(
            "&part;loss/&part;a = &Sigma;<sub>i</sub> 2&middot;" + r + "&middot;x[i]&sup3;",
            "&part;loss/&part;b = &Sigma;<sub>i</sub> 2&middot;" + r + "&middot;x[i]&sup2;",
            "&part;loss/&part;c = &Sigma;<sub>i</sub> 2&middot;" + r + "&middot;x[i]",
            "&part;loss/&part;d = &Sigma;<sub>i</sub> 2&middot;" + r),
        formulas(
            """
            static double loss(double a, double b, double c, double d,
                @NoDerivative double[] x, @NoDerivative double[] y) {
                double loss = 0;
                for (int i = 0; i < x.length; i++) {
                    double r = a * x[i] * x[i] * x[i] + b * x[i] * x[i] + c * x[i] + d - y[i];
                    loss += r * r;
                }
                return loss;
            }
            """));
  }

  @Test
  void sineFitLoss() {
    String e = "(a&middot;sin(w&middot;t[k] + p) &minus; y[k])";
    assertEquals(
        List.of(
            "&part;fit/&part;a = &Sigma;<sub>k</sub> " + e + "&middot;sin(w&middot;t[k] + p)",
            "&part;fit/&part;w = &Sigma;<sub>k</sub> "
                + e
                + "&middot;a&middot;cos(w&middot;t[k] + p)&middot;t[k]",
            "&part;fit/&part;p = &Sigma;<sub>k</sub> "
                + e
                + "&middot;a&middot;cos(w&middot;t[k] + p)"),
        formulas(
            """
            static double fit(double a, double w, double p, @NoDerivative double[] t,
                @NoDerivative double[] y) {
                double s = 0;
                for (int k = 0; k < t.length; k++) {
                    double e = a * Math.sin(w * t[k] + p) - y[k];
                    s += 0.5 * e * e;
                }
                return s;
            }
            """));
  }

  @Test
  void exponentialAndQuotient() {
    assertEquals(
        List.of(
            "&part;h/&part;x = &minus;exp(&minus;x&middot;y)&middot;y/(1 + x&sup2;)"
                + " &minus; 2&middot;exp(&minus;x&middot;y)&middot;x/(1 + x&sup2;)&sup2;",
            "&part;h/&part;y = &minus;exp(&minus;x&middot;y)&middot;x/(1 + x&sup2;)"),
        formulas("static double h(double x, double y) { return Math.exp(-x * y) / (1 + x * x); }"));
  }

  @Test
  void logSqrtTanhPowAndReciprocal() {
    assertEquals(
        List.of(
            "&part;r/&part;x = 1/(2&middot;sqrt(x)) + 2&middot;x/(x&sup2; + 1)"
                + " + 3&middot;(1 &minus; tanh(3&middot;x)&sup2;) + 4&middot;x&sup3;"
                + " + 2.5&middot;x<sup>1.5</sup> &minus; 1/x&sup2;"),
        formulas(
            """
            static double r(double x) {
                return Math.sqrt(x) + Math.log(x * x + 1) + Math.tanh(3 * x) + Math.pow(x, 4)
                    + Math.pow(x, 2.5) + 1 / x;
            }
            """));
  }

  @Test
  void negationsAndConstantsFold() {
    assertEquals(
        List.of("&part;n/&part;a = 6&middot;a &minus; b", "&part;n/&part;b = &minus;a &minus; 1"),
        formulas(
            "static double n(double a, double b) { return -(-(3 * a * a)) + (-b) * a - b + 2 * 0 * a; }"));
  }

  @Test
  void aConstantPartialIsShown() {
    assertEquals(
        List.of("&part;lin/&part;a = 2", "&part;lin/&part;b = 0"),
        formulas("static double lin(double a, double b) { return 2 * a + 3; }"));
  }

  @Test
  void namesAreEscapedAndAsciiOnly() {
    Lowered l = Sources.lower("static double f(double a, double b) { return a * b; }");
    Function primal = Pipeline.normalise(l.function());
    Var a = l.wrt().get(0);
    Var b = l.wrt().get(1);
    SymbolicPartials.Partial p = SymbolicPartials.of(primal, l.wrt()).get(0);
    assertEquals(
        "&part;f/&part;&#945;&lt;1&gt; = p.&#946;()",
        SymbolicPartials.text(p, "f", Map.of(a, "\u03b1<1>", b, "p.\u03b2()")).orElseThrow());
  }

  @Test
  void aLongFormulaIsOmitted() {
    StringBuilder body = new StringBuilder("a");
    for (int k = 0; k < 12; k++) {
      body.append(" * Math.sin(a + ").append(k).append(")");
    }
    String source = "static double big(double a) { return " + body + "; }";
    Lowered l = Sources.lower(source);
    assertEquals(1, SymbolicPartials.of(Pipeline.normalise(l.function()), l.wrt()).size());
    assertEquals(List.of(), formulas(source));
  }

  @Test
  void outsideTheLanguageThereIsNoFormula() {
    for (String source :
        List.of(
            "static double f(double a, double b) { if (a > b) { return a; } return b * b; }",
            "static double f(double a, double b) { return a > b ? a * a : b; }",
            "static double f(double a, double b) { return Math.max(a, b) * a; }",
            "static double f(double a, double b) { return Math.pow(a, b); }",
            "static double f(double a, double b) { return Math.hypot(a, b); }",
            "static double f(double a, float b) { return a * b; }",
            "static double f(double a, double b) { double s = a;"
                + " while (s < 10) { s = s * 2 + b; } return s; }",
            "static double f(double a, @NoDerivative double[] x) { double s = 0;"
                + " for (int i = 0; i < x.length; i++) { s += a * x[i]; } return s * s; }",
            "static double f(double a, @NoDerivative double[] x) { double s = 0, t = 0;"
                + " for (int i = 0; i < x.length; i++) { s += a * x[i]; t += x[i]; }"
                + " return s; }",
            "static double f(double a, @NoDerivative double[] x) { double s = 0;"
                + " for (int i = 0; i < x.length; i++) { s = s * a + x[i]; } return s; }",
            "static double f(double a, @NoDerivative double[] x) { double s = 0;"
                + " for (int i = 0; i < x.length; i++) { s += a * x[i]; }"
                + " for (int i = 0; i < x.length; i++) { s += a; } return s; }",
            "static double f(double a, @NoDerivative int n) { double[] t = new double[2];"
                + " t[0] = a; return t[0] * a; }",
            "static double f(double a, @NoDerivative int n) { return a * (n / 2); }")) {
      assertEquals(List.of(), formulas(source), source);
    }
  }

  @Test
  void visibleLengthCountsEntitiesOnceAndTagsNot() {
    assertEquals(5, SymbolicPartials.visibleLength("x&sup2;<sup>n</sup>&#945;y"));
    assertTrue(SymbolicPartials.MAX_LENGTH >= 100);
  }
}
