package dev.adjoint.compiler.processor;

import static com.google.testing.compile.Compiler.javac;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import dev.adjoint.compiler.DifferentiableProcessor;
import dev.adjoint.compiler.processor.ProcessorHarness.Source;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * The generated sources are documented: javac's doclint ({@code -Xdoclint:all}, every access level)
 * finds nothing in them, for every kind of generated member: value-and-gradient with its workspace
 * overload, the gradient record, tangent, Hessian-vector product, Hessian and its row function,
 * pullback and Jacobian of an array-valued method, an instance method over private fields (its
 * handles), recursive helpers and a checkpointed loop; the partial derivatives shown as formulas (a
 * closed one, with a non-ASCII name, and a sum over a loop) are ASCII HTML that doclint accepts.
 *
 * <p>One report is set aside, and only before JDK 25: javac 17's doclint reports "no comment" at
 * the components of a record whose Javadoc documents each of them with {@code @param}; javac 25
 * reports nothing for the same source.
 */
class GeneratedJavadocTest {
  static final Source MODELS =
      Source.of(
          "doc.Models",
          """
      package doc;

      import dev.adjoint.Differentiable;
      import dev.adjoint.NoDerivative;

      /** Methods of every shape the processor generates code for. */
      public final class Models {
        private final double[] weights;

        /**
         * A model over weights.
         *
         * @param weights the weights
         */
        public Models(double[] weights) {
          this.weights = weights;
        }

        private static double pow(double x, int n) {
          return n == 0 ? 1 : x * pow(x, n - 1);
        }

        @Differentiable(order = 2)
        static double loss(double a, double[] b, double[][] m, @NoDerivative double[] x) {
          double s = 0;
          for (int i = 0; i < x.length; i++) {
            double r = a * x[i] + b[i % b.length] * m[0][0] - Math.sin(x[i]);
            s += r * r;
          }
          return s + pow(a, 3);
        }

        @Differentiable
        static double[] residuals(double a, double[] x) {
          double[] r = new double[x.length];
          for (int i = 0; i < x.length; i++) {
            r[i] = a * x[i] * x[i];
          }
          return r;
        }

        @Differentiable(wrt = {"x", "weights"})
        double energy(double x) {
          double e = 0;
          for (double w : weights) {
            e += w * x * x;
          }
          return e;
        }

        @Differentiable
        static double formulas(double a, double b, double θ) {
          return a * a * b + Math.sin(b) / Math.sqrt(a * a + 1) + Math.pow(a, 2.5) * θ
              + Math.exp(-b) / θ;
        }

        @Differentiable
        static double fit(double a, double b, double c, double d, @NoDerivative double[] x,
            @NoDerivative double[] y) {
          double loss = 0;
          for (int i = 0; i < x.length; i++) {
            double r = a * x[i] * x[i] * x[i] + b * x[i] * x[i] + c * x[i] + d - y[i];
            loss += r * r;
          }
          return loss;
        }

        @Differentiable(checkpoints = 4)
        static double stepped(double k, @NoDerivative int steps) {
          double x = 1, v = 0;
          for (int s = 0; s < steps; s++) {
            v = v - 0.01 * k * x;
            x = x + 0.01 * v;
          }
          return x;
        }
      }
      """);

  @Test
  void doclintFindsNothingInGeneratedSources() throws IOException {
    Compilation generated =
        javac().withProcessors(new DifferentiableProcessor()).compile(MODELS.file());
    JavaFileObject derivatives =
        generated.generatedSourceFiles().stream()
            .filter(f -> f.getName().endsWith("ModelsDerivatives.java"))
            .findFirst()
            .orElseThrow(() -> new AssertionError(ProcessorHarness.describe(generated)));
    // the generated source compiled again as an ordinary input, so that doclint surely reads it
    JavaFileObject copy =
        com.google.testing.compile.JavaFileObjects.forSourceString(
            "doc.ModelsDerivatives", derivatives.getCharContent(true).toString());
    Compilation c =
        javac().withOptions("-Xdoclint:all", "-Xmaxwarns", "10000").compile(MODELS.file(), copy);
    assertTrue(c.errors().isEmpty(), ProcessorHarness.describe(c));
    List<String> reports =
        c.diagnostics().stream()
            .filter(
                d -> d.getSource() != null && d.getSource().getName().endsWith("Derivatives.java"))
            .filter(d -> !recordComponentBefore25(d))
            .map(d -> d.getLineNumber() + ": " + d.getMessage(Locale.ROOT) + " | " + line(d))
            .collect(Collectors.toList());
    assertEquals(List.of(), reports, ProcessorHarness.describe(c));
  }

  @Test
  void formulasAreAsciiHtmlInTheGradientsJavadoc() throws IOException {
    Compilation generated =
        javac().withProcessors(new DifferentiableProcessor()).compile(MODELS.file());
    String source =
        generated.generatedSourceFiles().stream()
            .filter(f -> f.getName().endsWith("ModelsDerivatives.java"))
            .findFirst()
            .orElseThrow(() -> new AssertionError(ProcessorHarness.describe(generated)))
            .getCharContent(true)
            .toString();
    List<String> formulas =
        source.lines().filter(l -> l.contains("<li>&part;")).map(String::strip).toList();
    assertTrue(
        formulas.contains(
            "* <li>&part;formulas/&part;&#952; = a<sup>2.5</sup>"
                + " &minus; exp(&minus;b)/&#952;&sup2;</li>"),
        String.join("\n", formulas));
    assertTrue(
        formulas.contains(
            "* <li>&part;fit/&part;d = &Sigma;<sub>i</sub> 2&middot;(a&middot;x[i]&sup3;"
                + " + b&middot;x[i]&sup2; + c&middot;x[i] + d &minus; y[i])</li>"),
        String.join("\n", formulas));
    assertTrue(source.contains("is the sum over the iterations of the loop on i"));
    for (String line : formulas) {
      assertTrue(line.chars().allMatch(ch -> ch < 128), line);
    }
  }

  private static boolean recordComponentBefore25(Diagnostic<? extends JavaFileObject> d) {
    return Runtime.version().feature() < 25
        && d.getMessage(Locale.ROOT).contains("no comment")
        && line(d).strip().startsWith("public record ");
  }

  private static String line(Diagnostic<? extends JavaFileObject> d) {
    try {
      String[] lines = d.getSource().getCharContent(true).toString().split("\n", -1);
      long n = d.getLineNumber();
      return n >= 1 && n <= lines.length ? lines[(int) n - 1] : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
