package dev.adjoint.compiler.testing;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.Parameter;
import dev.adjoint.compiler.frontend.DataType;
import dev.adjoint.compiler.frontend.Lowered;
import dev.adjoint.compiler.frontend.MethodLowering;
import dev.adjoint.compiler.frontend.MethodRequest;
import dev.adjoint.compiler.ir.Function;
import dev.adjoint.compiler.pass.Pipeline;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Test helper: lowers a method given as Java source, without javac. */
public final class Sources {
  private Sources() {}

  /** Parses a method at the language level the processor uses for Java 17 sources. */
  private static MethodDeclaration parse(String source) {
    return new JavaParser(
            new ParserConfiguration().setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_17))
        .parseMethodDeclaration(source)
        .getResult()
        .orElseThrow(() -> new IllegalArgumentException("cannot parse " + source));
  }

  /** The request the javac layer would make for this method source. */
  public static MethodRequest request(String source) {
    return request(source, Map.of());
  }

  /**
   * The request for a method whose {@code String} parameters are data, and whose other parameters
   * in {@code enums} have those enum types (javac resolves them; here the test says).
   */
  public static MethodRequest request(String source, Map<String, DataType> enums) {
    MethodDeclaration m = parse(source);
    Set<String> noDerivative =
        m.getParameters().stream()
            .filter(p -> p.getAnnotationByName("NoDerivative").isPresent())
            .map(Parameter::getNameAsString)
            .collect(Collectors.toSet());
    List<String> wrt = List.of();
    var ann = m.getAnnotationByName("Differentiable");
    if (ann.isPresent() && ann.get().isNormalAnnotationExpr()) {
      wrt =
          ann.get().asNormalAnnotationExpr().getPairs().stream()
              .filter(p -> p.getNameAsString().equals("wrt"))
              .flatMap(
                  p ->
                      p.getValue().isArrayInitializerExpr()
                          ? p.getValue().asArrayInitializerExpr().getValues().stream()
                          : java.util.stream.Stream.of(p.getValue()))
              .map(v -> v.asStringLiteralExpr().getValue())
              .collect(Collectors.toList());
    }
    int order =
        ann.isPresent() && ann.get().isNormalAnnotationExpr()
            ? ann.get().asNormalAnnotationExpr().getPairs().stream()
                .filter(p -> p.getNameAsString().equals("order"))
                .map(p -> Integer.parseInt(p.getValue().toString()))
                .findFirst()
                .orElse(1)
            : 1;
    int checkpoints =
        ann.isPresent() && ann.get().isNormalAnnotationExpr()
            ? ann.get().asNormalAnnotationExpr().getPairs().stream()
                .filter(p -> p.getNameAsString().equals("checkpoints"))
                .map(p -> Integer.parseInt(p.getValue().toString()))
                .findFirst()
                .orElse(0)
            : 0;
    Map<String, DataType> data = new LinkedHashMap<>(enums);
    for (Parameter p : m.getParameters()) {
      if (p.getType().asString().equals("String")) {
        data.put(p.getNameAsString(), DataType.STRING);
      }
    }
    return new MethodRequest(
        "Owner",
        m.getNameAsString(),
        source,
        m.isStatic(),
        wrt,
        order,
        noDerivative,
        17,
        data,
        checkpoints);
  }

  public static Lowered lowerRaw(String source) {
    return MethodLowering.lower(request(source));
  }

  /** Resolves unqualified calls against the given method sources, by name and arity. */
  public static dev.adjoint.compiler.frontend.CalleeResolver resolver(String... helpers) {
    return (qualifier, name, arity) -> {
      List<dev.adjoint.compiler.frontend.CalleeResolver.Callee> out = new java.util.ArrayList<>();
      for (String h : helpers) {
        MethodRequest r = request(h);
        MethodDeclaration m = parse(h);
        if (r.methodName().equals(name) && m.getParameters().size() == arity) {
          out.add(
              new dev.adjoint.compiler.frontend.CalleeResolver.Callee(
                  "Owner#" + name + m.getParameters(), "Owner.java", r));
        }
      }
      return out;
    };
  }

  /** Lowers {@code source}, whose calls resolve to {@code helpers}; fails on diagnostics. */
  public static Lowered lowerWith(String source, String... helpers) {
    Lowered l = MethodLowering.lower(request(source), resolver(helpers));
    if (l.diagnostics().hasErrors()) {
      throw new AssertionError("unexpected diagnostics: " + l.diagnostics().all());
    }
    return l;
  }

  public static Lowered lower(String source) {
    return lower(source, Map.of());
  }

  /** As {@link #lower(String)}, with enum parameters as {@link #request(String, Map)} says. */
  public static Lowered lower(String source, Map<String, DataType> enums) {
    Lowered l = MethodLowering.lower(request(source, enums));
    if (l.diagnostics().hasErrors()) {
      throw new AssertionError("unexpected diagnostics: " + l.diagnostics().all());
    }
    return l;
  }

  public static Function gradient(String source) {
    Lowered l = lower(source);
    return Pipeline.gradient(l.function(), l.wrt());
  }
}
