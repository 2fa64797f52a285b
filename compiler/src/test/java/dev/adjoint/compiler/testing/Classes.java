package dev.adjoint.compiler.testing;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.Modifier;
import com.github.javaparser.ast.body.BodyDeclaration;
import com.github.javaparser.ast.body.ConstructorDeclaration;
import com.github.javaparser.ast.body.FieldDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.RecordDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import dev.adjoint.compiler.frontend.CalleeResolver;
import dev.adjoint.compiler.frontend.ClassInfo;
import dev.adjoint.compiler.frontend.MethodRequest;
import dev.adjoint.compiler.ir.Expr;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Test helper: the classes of a compilation unit given as Java source, seen as the javac layer
 * would hand them to the frontend, without javac: methods (static and instance), records and
 * classes ({@link ClassInfo}), and literal {@code static final} constants. Every class resolves the
 * others by simple name ({@code Params}) or nested name ({@code Model.Params}).
 */
public final class Classes {
  private final List<TypeDeclaration<?>> types = new ArrayList<>();

  private Classes(String unit) {
    CompilationUnit cu =
        new JavaParser(
                new ParserConfiguration()
                    .setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_17))
            .parse(unit)
            .getResult()
            .orElseThrow(() -> new IllegalArgumentException("cannot parse " + unit));
    cu.findAll(TypeDeclaration.class).forEach(t -> types.add(t));
  }

  /** The classes of {@code unit}, a compilation unit's source (imports are ignored). */
  public static Classes of(String unit) {
    return new Classes(unit);
  }

  /**
   * The request for {@code owner.method} (simple or nested owner name), as javac's layer makes it.
   */
  public MethodRequest request(String owner, String method) {
    TypeDeclaration<?> t = type(owner).orElseThrow();
    MethodDeclaration m =
        t.getMethodsByName(method).stream()
            .findFirst()
            .orElseThrow(() -> new IllegalArgumentException("no method " + owner + "." + method));
    MethodRequest r = Sources.request(m.toString());
    return new MethodRequest(
        t.getNameAsString(),
        method,
        r.source(),
        m.isStatic(),
        r.wrt(),
        r.order(),
        r.noDerivative(),
        17,
        r.dataParameters());
  }

  /** The names of the {@code @Differentiable} methods of {@code owner}, in declaration order. */
  public List<String> differentiable(String owner) {
    return type(owner).orElseThrow().getMethods().stream()
        .filter(m -> m.getAnnotationByName("Differentiable").isPresent())
        .map(MethodDeclaration::getNameAsString)
        .toList();
  }

  /** Whether the unit declares a class or record of that (simple or nested) name. */
  public boolean declares(String name) {
    return type(name).isPresent();
  }

  /** How code of class {@code owner} resolves names. */
  public CalleeResolver resolver(String owner) {
    return scope(type(owner).orElseThrow());
  }

  private CalleeResolver scope(TypeDeclaration<?> self) {
    return new CalleeResolver() {
      @Override
      public List<Callee> resolve(String qualifier, String name, int arity) {
        List<Callee> out = new ArrayList<>();
        for (TypeDeclaration<?> t : qualifier == null ? enclosing(self) : named(qualifier)) {
          for (MethodDeclaration m : t.getMethodsByName(name)) {
            if (m.getParameters().size() == arity && m.getBody().isPresent()) {
              MethodRequest r = Sources.request(m.toString());
              MethodRequest request =
                  new MethodRequest(
                      t.getNameAsString(),
                      name,
                      r.source(),
                      m.isStatic(),
                      List.of(),
                      1,
                      r.noDerivative(),
                      17,
                      r.dataParameters());
              String key =
                  qualified(t)
                      + "#"
                      + name
                      + m.getParameters().stream()
                          .map(p -> p.getType().asString())
                          .collect(Collectors.joining(",", "(", ")"));
              out.add(new Callee(key, t.getNameAsString() + ".java", request, scope(t)));
            }
          }
        }
        return out;
      }

      @Override
      public Optional<ClassInfo> type(String name) {
        return Classes.this.type(name).flatMap(Classes.this::info);
      }

      @Override
      public Optional<Expr.Const> constant(String qualifier, String name) {
        for (TypeDeclaration<?> t : qualifier == null ? enclosing(self) : named(qualifier)) {
          for (FieldDeclaration f : t.getFields()) {
            if (f.isStatic() && f.isFinal()) {
              for (VariableDeclarator v : f.getVariables()) {
                if (v.getNameAsString().equals(name)
                    && v.getInitializer().isPresent()
                    && v.getInitializer().get().isLiteralExpr()) {
                  String text = v.getInitializer().get().toString();
                  return Optional.of(
                      v.getType().asString().equals("double")
                          ? new Expr.Const(
                              dev.adjoint.compiler.ir.Type.DOUBLE, Double.parseDouble(text), text)
                          : Expr.Const.ofInt(Long.parseLong(text)));
                }
              }
            }
          }
        }
        return Optional.empty();
      }
    };
  }

  private Optional<ClassInfo> info(TypeDeclaration<?> t) {
    boolean record = t instanceof RecordDeclaration;
    if (!record && !t.isClassOrInterfaceDeclaration()) {
      return Optional.empty();
    }
    if (!record && t.asClassOrInterfaceDeclaration().isInterface()) {
      return Optional.empty();
    }
    List<ClassInfo.Field> fields = new ArrayList<>();
    if (t instanceof RecordDeclaration r) {
      r.getParameters()
          .forEach(
              p ->
                  fields.add(
                      new ClassInfo.Field(
                          p.getNameAsString(), p.getType().asString(), false, null, true)));
    } else {
      for (FieldDeclaration f : t.getFields()) {
        if (f.isStatic()) {
          continue;
        }
        for (VariableDeclarator v : f.getVariables()) {
          fields.add(
              new ClassInfo.Field(
                  v.getNameAsString(),
                  v.getType().asString(),
                  !f.hasModifier(Modifier.Keyword.PRIVATE),
                  v.getInitializer().map(Object::toString).orElse(null),
                  f.isFinal()));
        }
      }
    }
    List<MethodRequest> constructors = new ArrayList<>();
    for (BodyDeclaration<?> member : t.getMembers()) {
      if (member instanceof ConstructorDeclaration c) {
        constructors.add(
            new MethodRequest(
                t.getNameAsString(),
                t.getNameAsString(),
                c.toString(),
                false,
                List.of(),
                1,
                java.util.Set.of(),
                17));
      }
    }
    boolean accessible =
        enclosing(t).stream().noneMatch(x -> x.hasModifier(Modifier.Keyword.PRIVATE));
    return Optional.of(
        new ClassInfo(
            qualified(t), qualified(t), record, accessible, fields, constructors, scope(t)));
  }

  private List<TypeDeclaration<?>> named(String name) {
    return type(name).map(List::<TypeDeclaration<?>>of).orElse(List.of());
  }

  /** The class named {@code name}: a simple name, or nested names joined by dots. */
  private Optional<TypeDeclaration<?>> type(String name) {
    for (TypeDeclaration<?> t : types) {
      if (qualified(t).equals(name) || t.getNameAsString().equals(name)) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }

  /** The class and the classes enclosing it, innermost first. */
  private static List<TypeDeclaration<?>> enclosing(TypeDeclaration<?> t) {
    List<TypeDeclaration<?>> out = new ArrayList<>();
    for (Optional<com.github.javaparser.ast.Node> n = Optional.of(t);
        n.isPresent();
        n = n.get().getParentNode()) {
      if (n.get() instanceof TypeDeclaration<?> d) {
        out.add(d);
      }
    }
    return out;
  }

  /** {@code Outer.Inner}: the names of the enclosing classes and its own. */
  private static String qualified(TypeDeclaration<?> t) {
    List<TypeDeclaration<?>> chain = enclosing(t);
    StringBuilder b = new StringBuilder();
    for (int k = chain.size() - 1; k >= 0; k--) {
      b.append(b.length() == 0 ? "" : ".").append(chain.get(k).getNameAsString());
    }
    return b.toString();
  }
}
