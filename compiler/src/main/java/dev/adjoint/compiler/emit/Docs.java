package dev.adjoint.compiler.emit;

import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.TypeName;

/**
 * The last touch of every generated method: the Javadoc the emitter wrote, completed so that {@code
 * javac -Xdoclint:all} finds nothing in generated sources — a first sentence where there is none,
 * an {@code @param} for every parameter and an {@code @return} for every result, described by the
 * role the parameter plays in the generated API.
 */
final class Docs {
  /** The parameters of the differentiated method, by name, with what to say of them. */
  private final java.util.Map<String, String> user;

  private Docs(java.util.Map<String, String> user) {
    this.user = user;
  }

  /** For the methods generated from {@code m}: its own parameters are named as the user's. */
  static Docs of(String owner, dev.adjoint.compiler.Differentiation.Differentiated m) {
    java.util.Map<String, String> user = new java.util.HashMap<>();
    String method = "{@code " + owner + "." + m.request().methodName() + "}";
    for (dev.adjoint.compiler.ir.Var v : m.visible()) {
      user.put(v.name(), "the argument {@code " + v.name() + "} of " + method);
    }
    return new Docs(user);
  }

  /** {@code m}, a member with no user parameters, with its Javadoc completed. */
  static MethodSpec complete(MethodSpec m) {
    return new Docs(java.util.Map.of()).completed(m);
  }

  /** {@code m} with its Javadoc completed. */
  MethodSpec completed(MethodSpec m) {
    String doc = m.javadoc().toString();
    // rebuilt without its Javadoc, which comes back completed below
    MethodSpec.Builder b =
        m.isConstructor() ? MethodSpec.constructorBuilder() : MethodSpec.methodBuilder(m.name());
    b.addAnnotations(m.annotations())
        .addModifiers(m.modifiers())
        .addTypeVariables(m.typeVariables())
        .addParameters(m.parameters())
        .varargs(m.varargs())
        .addExceptions(m.exceptions())
        .addCode(m.code());
    if (!m.isConstructor()) {
      b.returns(m.returnType());
    }
    StringBuilder text = new StringBuilder();
    if (doc.isBlank() || doc.strip().startsWith("@")) {
      text.append(summary(m)).append('\n');
    }
    // the tags go after the description, and before an @throws the emitter wrote
    int throwsAt = doc.indexOf("@throws");
    String description = throwsAt < 0 ? doc : doc.substring(0, throwsAt);
    String tail = throwsAt < 0 ? "" : doc.substring(throwsAt);
    text.append(description);
    if (!description.isEmpty() && !description.endsWith("\n")) {
      text.append('\n');
    }
    for (ParameterSpec p : m.parameters()) {
      if (!doc.contains("@param " + p.name() + " ")) {
        String what = user.containsKey(p.name()) ? user.get(p.name()) : param(p.name());
        text.append("@param ").append(p.name()).append(' ').append(what).append('\n');
      }
    }
    if (!m.isConstructor() && !TypeName.VOID.equals(m.returnType()) && !doc.contains("@return")) {
      text.append("@return ").append(result(m.name())).append('\n');
    }
    text.append(tail);
    b.addJavadoc("$L", text.toString());
    return b.build();
  }

  private static String summary(MethodSpec m) {
    if (m.isConstructor()) {
      return "Not instantiable: every member is static.";
    }
    return "Generated code the derivatives above call.";
  }

  /** What a parameter of the generated API is, from its name. */
  static String param(String name) {
    String base = name.replaceAll("\\d+$", "");
    return switch (base) {
      case "gradient" -> "receives the gradient in flat layout; overwritten";
      case "direction" -> "the direction of the derivative, in flat layout";
      case "v" -> "the vector the Hessian multiplies, in flat layout";
      case "hv" -> "receives the Hessian-vector product, in flat layout; overwritten";
      case "hessian" -> "receives the Hessian (or one of its rows), in flat layout; overwritten";
      case "tangent" -> "receives the Jacobian-vector product; overwritten";
      case "outputAdjoint" ->
          "the adjoint of the result (the vector of the vector-Jacobian product)";
      case "jacobian" -> "receives the Jacobian, one row per result element; overwritten";
      case "workspace" -> "reusable storage for the arrays of the reverse sweep";
      case "self" -> "the receiver of the differentiated instance method";
      case "k" -> "the row of the Hessian to compute";
      case "slot" -> "the index of the array in this storage";
      case "length" -> "the length needed";
      case "a" -> "the array to grow";
      case "row" -> "the row of the Hessian to compute";
      case "flat" -> "a point in flat layout";
      case "at" -> "where the values start in {@code flat}";
      case "from" -> "the values copied; only read";
      case "to" -> "receives the values; overwritten";
      default -> "an argument of the generated method";
    };
  }

  private static String result(String method) {
    if (method.endsWith("Gradient") && !method.endsWith("ValueAndGradient")) {
      return "the value and its partial derivatives";
    }
    if (method.endsWith("ValueAndGradient")
        || method.endsWith("HessianVector")
        || method.endsWith("Hessian")
        || method.endsWith("Pullback")) {
      return "the value of the differentiated method";
    }
    if (method.endsWith("Tangent")) {
      return "the directional derivative";
    }
    return "the result";
  }
}
