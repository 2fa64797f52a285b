package dev.adjoint.compiler.emit;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import dev.adjoint.compiler.ir.Expr;
import dev.adjoint.compiler.ir.Stmt;
import dev.adjoint.compiler.ir.Stmts;
import dev.adjoint.compiler.ir.Type;
import dev.adjoint.compiler.ir.Var;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.Modifier;

/**
 * The reusable workspace of a gradient method: every array the reverse sweep allocates (tapes,
 * element stacks, adjoint arrays) gets a slot, so that a hot loop passing the same workspace to
 * every call allocates nothing once the arrays have reached their size. Arrays come back zeroed,
 * like {@code new}; grown stacks are kept for the next call.
 */
final class Workspace {
  /** The element types a workspace holds, with their Java spelling. */
  private static final List<Type> KINDS =
      List.of(
          Type.DOUBLE_ARRAY, Type.INT_ARRAY, Type.FLOAT_ARRAY, Type.LONG_ARRAY, Type.BOOLEAN_ARRAY);

  private final Map<Var, Integer> slots = new LinkedHashMap<>();

  /**
   * The user's own arrays: their length is observable, so they are reused only at their exact size.
   */
  private final Set<Var> exact = new HashSet<>();

  private final Map<Type, Integer> counts = new LinkedHashMap<>();
  private final String parameter;

  private Workspace(String parameter) {
    this.parameter = parameter;
  }

  /** The slots of {@code body}'s allocations, or null when it allocates no array. */
  static Workspace of(List<Stmt> body, Set<String> userNames, String parameter) {
    Workspace w = new Workspace(parameter);
    w.scan(body);
    w.slots.keySet().stream().filter(v -> userNames.contains(v.name())).forEach(w.exact::add);
    return w.slots.isEmpty() ? null : w;
  }

  private void scan(List<Stmt> block) {
    for (Stmt s : block) {
      if (s instanceof Stmt.Declare d
          && d.init() instanceof Expr.NewArray
          && KINDS.contains(d.var().type())
          && !slots.containsKey(d.var())) {
        slots.put(d.var(), counts.merge(d.var().type(), 1, Integer::sum) - 1);
      } // a filter: only an array declaration allocates; the blocks of every kind are searched
      for (List<Stmt> nested : Stmts.blocks(s)) {
        scan(nested);
      }
    }
  }

  /** The Java text replacing {@code new T[n]} for {@code v}, or null if {@code v} has no slot. */
  String allocation(Var v, String size) {
    Integer slot = slots.get(v);
    String method = exact.contains(v) ? "exact" + capital(kind(v.type())) : kind(v.type());
    return slot == null ? null : parameter + "." + method + "(" + slot + ", " + size + ")";
  }

  /**
   * The Java text replacing {@code Arrays.copyOf(v, n)} assigned back to {@code v}, or null. The
   * workspace may already hold a longer array (from an earlier call): then nothing is copied.
   */
  String growth(Var v, String length) {
    Integer slot = slots.get(v);
    return slot == null
        ? null
        : parameter
            + ".grow"
            + capital(kind(v.type()))
            + "("
            + slot
            + ", "
            + v.name()
            + ", "
            + length
            + ")";
  }

  private static String kind(Type t) {
    return t.elementType().javaName() + "s";
  }

  private static String capital(String s) {
    return Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  /** The nested workspace class. */
  TypeSpec type(ClassName name, String method) {
    TypeSpec.Builder b =
        TypeSpec.classBuilder(name.simpleName())
            .addModifiers(Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
            .addJavadoc(
                "Reusable storage for {@code $L}: pass one instance to every call of a hot loop and the\n"
                    + "gradient allocates nothing once its arrays have reached their size. Not thread-safe.\n",
                method);
    b.addMethod(
        Docs.complete(
            MethodSpec.constructorBuilder()
                .addModifiers(Modifier.PUBLIC)
                .addJavadoc(
                    "An empty workspace: its arrays are made by the first call that needs them.\n")
                .build()));
    for (Map.Entry<Type, Integer> e : counts.entrySet()) {
      Type t = e.getKey();
      TypeName array = typeName(t);
      String field = kind(t);
      b.addField(
          FieldSpec.builder(ArrayTypeName.of(array), field, Modifier.PRIVATE, Modifier.FINAL)
              .addJavadoc("The $L arrays, by slot.\n", element(t).getSimpleName())
              .initializer("new $T[$L][]", element(t), e.getValue())
              .build());
      b.addMethod(
          Docs.complete(
              MethodSpec.methodBuilder(field)
                  .addJavadoc(
                      "The array of a slot, zeroed over {@code length}, made or enlarged when shorter.\n")
                  .returns(array)
                  .addParameter(int.class, "slot")
                  .addParameter(int.class, "length")
                  .addStatement("$T a = $L[slot]", array, field)
                  .beginControlFlow("if (a == null || a.length < length)")
                  .addStatement("a = new $T[$T.max(length, 16)]", element(t), Math.class)
                  .addStatement("$L[slot] = a", field)
                  .nextControlFlow("else")
                  .addStatement("java.util.Arrays.fill(a, 0, length, $L)", zero(t))
                  .endControlFlow()
                  .addStatement("return a")
                  .build()));
      b.addMethod(
          Docs.complete(
              MethodSpec.methodBuilder("exact" + capital(field))
                  .addJavadoc(
                      "The array of a slot, of exactly {@code length} elements and zeroed.\n")
                  .returns(array)
                  .addParameter(int.class, "slot")
                  .addParameter(int.class, "length")
                  .addStatement("$T a = $L[slot]", array, field)
                  .beginControlFlow("if (a == null || a.length != length)")
                  .addStatement("a = new $T[length]", element(t))
                  .addStatement("$L[slot] = a", field)
                  .nextControlFlow("else")
                  .addStatement("java.util.Arrays.fill(a, $L)", zero(t))
                  .endControlFlow()
                  .addStatement("return a")
                  .build()));
      b.addMethod(
          Docs.complete(
              MethodSpec.methodBuilder("grow" + capital(field))
                  .addJavadoc(
                      "{@code a}, or a copy of it at least {@code length} long kept in the slot: a stack's growth.\n")
                  .returns(array)
                  .addParameter(int.class, "slot")
                  .addParameter(array, "a")
                  .addParameter(int.class, "length")
                  .beginControlFlow("if (a.length < length)")
                  .addStatement("a = java.util.Arrays.copyOf(a, length)")
                  .addStatement("$L[slot] = a", field)
                  .endControlFlow()
                  .addStatement("return a")
                  .build()));
    }
    return b.build();
  }

  private static String zero(Type t) {
    return switch (t.elementType()) {
      case BOOLEAN -> "false";
      case FLOAT -> "0.0f";
      case LONG -> "0L";
      case INT -> "0";
      default -> "0.0";
    };
  }

  private static TypeName typeName(Type t) {
    return DerivativesEmitter.typeName(t);
  }

  private static Class<?> element(Type t) {
    return switch (t.elementType()) {
      case INT -> int.class;
      case FLOAT -> float.class;
      case LONG -> long.class;
      case BOOLEAN -> boolean.class;
      default -> double.class;
    };
  }
}
