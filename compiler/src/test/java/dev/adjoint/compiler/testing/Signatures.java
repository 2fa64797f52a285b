package dev.adjoint.compiler.testing;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.expr.AnnotationExpr;
import com.github.javaparser.ast.expr.Expression;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * The differentiated parameters of a {@code @Differentiable} method, read from its source the way
 * the user contract defines them, so that tests of generated code need not restate them: the
 * parameters named in {@code wrt}, or by default every {@code double} and {@code float} parameter,
 * array and matrix of them, not marked {@code @NoDerivative}. (Class files keep no
 * {@code @NoDerivative}, so the source is the only place to read this from.)
 */
public final class Signatures {
  private Signatures() {}

  private static final Set<String> DIFFERENTIABLE_TYPES =
      Set.of("double", "float", "double[]", "double[][]", "float[]", "float[][]");

  /**
   * The positions of the differentiated parameters of the one {@code @Differentiable} method named
   * {@code method} in {@code classSource}, in declaration order (the flat layout's order).
   */
  public static int[] wrt(String classSource, String method) {
    ParseResult<CompilationUnit> parsed =
        new JavaParser(
                new ParserConfiguration()
                    .setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_17))
            .parse(classSource);
    CompilationUnit unit =
        parsed.getResult().orElseThrow(() -> new IllegalArgumentException(parsed.toString()));
    List<MethodDeclaration> found =
        unit.findAll(MethodDeclaration.class).stream()
            .filter(m -> m.getNameAsString().equals(method))
            .filter(m -> m.getAnnotationByName("Differentiable").isPresent())
            .toList();
    if (found.size() != 1) {
      throw new IllegalArgumentException(
          found.size() + " @Differentiable methods named '" + method + "' in the source");
    }
    return wrt(found.get(0));
  }

  /** The positions of the differentiated parameters of {@code m}. */
  public static int[] wrt(MethodDeclaration m) {
    List<Parameter> params = m.getParameters();
    List<String> named = named(m.getAnnotationByName("Differentiable").orElseThrow());
    if (!named.isEmpty()) {
      for (String name : named) {
        if (params.stream().noneMatch(p -> p.getNameAsString().equals(name))) {
          throw new IllegalArgumentException("wrt names '" + name + "', not a parameter");
        }
      }
      return IntStream.range(0, params.size())
          .filter(i -> named.contains(params.get(i).getNameAsString()))
          .toArray();
    }
    return IntStream.range(0, params.size())
        .filter(i -> !params.get(i).getAnnotationByName("NoDerivative").isPresent())
        .filter(i -> DIFFERENTIABLE_TYPES.contains(type(params.get(i))))
        .toArray();
  }

  /** The parameter's type with C-style brackets after the name ({@code double x[]}) moved to it. */
  private static String type(Parameter p) {
    return p.getType().asString().replace(" ", "") + (p.isVarArgs() ? "[]" : "");
  }

  /** The names in the annotation's {@code wrt}, empty when it has none. */
  private static List<String> named(AnnotationExpr a) {
    if (!a.isNormalAnnotationExpr()) {
      return List.of();
    }
    return a.asNormalAnnotationExpr().getPairs().stream()
        .filter(p -> p.getNameAsString().equals("wrt"))
        .flatMap(
            p ->
                p.getValue().isArrayInitializerExpr()
                    ? p.getValue().asArrayInitializerExpr().getValues().stream()
                    : java.util.stream.Stream.of(p.getValue()))
        .map(Expression::asStringLiteralExpr)
        .map(s -> s.getValue())
        .toList();
  }
}
