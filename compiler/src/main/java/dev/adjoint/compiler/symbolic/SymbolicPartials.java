package dev.adjoint.compiler.symbolic;

import dev.adjoint.compiler.ir.Expr;
import dev.adjoint.compiler.ir.Function;
import dev.adjoint.compiler.ir.Type;
import dev.adjoint.compiler.ir.Var;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The symbolic side of the gradient: for a method whose result is a straight-line expression, or a
 * sum accumulated in one counted loop, the simplified partial derivative with respect to each
 * scalar input, and its text for the generated Javadoc. A method or input outside the formulas'
 * language (see the package documentation) simply has none.
 */
public final class SymbolicPartials {
  /** Longest formula shown, in visible characters: a longer one helps no reader. */
  static final int MAX_LENGTH = 200;

  /** The partial derivative of the result with respect to {@code input}. */
  public record Partial(Var input, Formula derivative) {}

  private SymbolicPartials() {}

  /**
   * The partial derivatives of {@code primal}'s result (a normalised primal) with respect to those
   * of {@code inputs} that are {@code double} scalars, in their order; empty when it has none.
   */
  public static List<Partial> of(Function primal, List<Var> inputs) {
    if (primal.returnType() != Type.DOUBLE) {
      return List.of();
    }
    Optional<Formula> value = Substitution.of(primal).flatMap(SymbolicPartials::simplified);
    if (value.isEmpty()) {
      return List.of();
    }
    List<Partial> out = new ArrayList<>();
    for (Var v : inputs) {
      if (v.type() == Type.DOUBLE) {
        derivative(value.get(), v).ifPresent(d -> out.add(new Partial(v, d)));
      }
    }
    return out;
  }

  private static Optional<Formula> simplified(Formula f) {
    try {
      return Optional.of(f.map(Simplifier::simplify));
    } catch (Unsupported e) {
      return Optional.empty();
    }
  }

  private static Optional<Formula> derivative(Formula f, Var v) {
    try {
      return Optional.of(f.map(e -> Simplifier.simplify(Derivative.of(e, v))));
    } catch (Unsupported e) {
      return Optional.empty();
    }
  }

  /**
   * A Javadoc paragraph listing the partial derivatives of {@code primal}'s result with respect to
   * the scalars among {@code inputs}, each as {@code ∂method/∂input = formula}, the variables
   * spelled by {@code labels}; the empty string when there is no formula to show. A sum over a loop
   * is introduced as one.
   */
  public static String javadoc(
      Function primal, List<Var> inputs, String method, Map<Var, String> labels) {
    StringBuilder items = new StringBuilder();
    Var index = null;
    for (Partial p : of(primal, inputs)) {
      Optional<String> text = text(p, method, labels);
      if (text.isPresent()) {
        items.append("<li>").append(text.get()).append("</li>\n");
        if (p.derivative() instanceof Formula.Summed s) {
          index = s.loop().index();
        }
      }
    }
    if (items.length() == 0) {
      return "";
    }
    String intro = "<p>Partial derivatives, simplified:\n";
    if (index != null) {
      String i = new MathText(labels).text(new Expr.Ref(index));
      intro =
          "<p>Partial derivatives, simplified; &Sigma;<sub>"
              + i
              + "</sub> is the sum over the iterations of the loop on "
              + i
              + " of one iteration's term:\n";
    }
    return intro + "<ul>\n" + items + "</ul>\n";
  }

  /**
   * {@code ∂function/∂input = formula} in HTML ({@code labels} spelling the variables), or empty
   * when the formula has no notation here or is longer than {@link #MAX_LENGTH} characters.
   */
  public static Optional<String> text(Partial p, String function, Map<Var, String> labels) {
    MathText math = new MathText(labels);
    String lhs =
        "&part;"
            + MathText.escape(function)
            + "/&part;"
            + MathText.escape(labels.getOrDefault(p.input(), p.input().name()));
    try {
      String rhs = FormulaText.of(p.derivative(), math);
      return visibleLength(rhs) > MAX_LENGTH ? Optional.empty() : Optional.of(lhs + " = " + rhs);
    } catch (Unsupported e) {
      return Optional.empty();
    }
  }

  /** Characters a reader sees: an entity or reference is one, a tag none. */
  static int visibleLength(String html) {
    return html.replaceAll("<[^>]*>", "").replaceAll("&#?[A-Za-z0-9]+;", "x").length();
  }
}
