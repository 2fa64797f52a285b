package dev.adjoint.compiler.emit;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.TypeName;
import dev.adjoint.compiler.Differentiation.Differentiated;
import dev.adjoint.compiler.frontend.Binding;
import dev.adjoint.compiler.ir.Function;
import dev.adjoint.compiler.ir.Var;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javax.lang.model.element.Modifier;

/**
 * The user's parameters of a generated public method, in one place: the method's parameters as
 * declared (the receiver {@code self} first, a record as itself), then what the derivative adds
 * (gradient, direction, ...); and the prologue that binds the IR's parameters read from their
 * fields ({@code double[] weights = self.weights;}, {@code double pA = p.a();}), a private field
 * through a {@code static final VarHandle} of the generated class, which the JIT folds to a plain
 * field read.
 */
final class Parameters {
  private Parameters() {}

  /** Declares {@code m}'s parameters as the user did, then those {@code fn} adds (its roles). */
  static void declare(MethodSpec.Builder b, Differentiated m, Function fn) {
    declareUser(b, m);
    for (Var p : fn.params()) {
      if (fn.signature().roles().containsValue(p)) {
        b.addParameter(
            ParameterSpec.builder(DerivativesEmitter.typeName(p.type()), p.name()).build());
      }
    }
  }

  /** Declares {@code m}'s parameters as the user did. */
  static void declareUser(MethodSpec.Builder b, Differentiated m) {
    for (Var p : m.visible()) {
      b.addParameter(ParameterSpec.builder(DerivativesEmitter.typeName(m, p), p.name()).build());
    }
  }

  /** The user's arguments, for a call from one generated method to another. */
  static String args(Differentiated m) {
    return m.visible().stream().map(Var::name).collect(Collectors.joining(", "));
  }

  /** Every name the user's parameters and their bound fields take. */
  static List<Var> taken(Differentiated m) {
    List<Var> out = new ArrayList<>(m.visible());
    out.addAll(m.bound().keySet());
    out.addAll(m.primal().params());
    return out;
  }

  /** The declarations binding the IR parameters read from fields; empty without objects. */
  static CodeBlock prologue(Differentiated m) {
    CodeBlock.Builder b = CodeBlock.builder();
    for (Map.Entry<Var, Binding> e : m.bound().entrySet()) {
      List<Binding.Access> path = e.getValue().path();
      b.addStatement(
          "$T $L = $L",
          type(path.get(path.size() - 1).type()),
          e.getKey().name(),
          read(e.getValue()));
    }
    return b.build();
  }

  /** The prologue's declarations of the bound parameters that {@code code} reads. */
  static CodeBlock prologue(Differentiated m, CodeBlock code) {
    String text = code.toString();
    CodeBlock.Builder b = CodeBlock.builder();
    for (Map.Entry<Var, Binding> e : m.bound().entrySet()) {
      if (Inputs.reads(text, e.getKey())) {
        b.addStatement(
            "$T $L = $L",
            DerivativesEmitter.typeName(e.getKey().type()),
            e.getKey().name(),
            read(e.getValue()));
      }
    }
    return b.build();
  }

  private static CodeBlock read(Binding binding) {
    return read(binding, CodeBlock.of("$L", binding.root().name()), 0);
  }

  /** The read of {@code binding}'s path from step {@code first} on, starting at {@code from}. */
  static CodeBlock read(Binding binding, CodeBlock from, int first) {
    for (int k = first; k < binding.path().size(); k++) {
      Binding.Access a = binding.path().get(k);
      boolean last = k == binding.path().size() - 1;
      from =
          switch (a.kind()) {
            case FIELD -> CodeBlock.of("$L.$L", from, a.name());
            case ACCESSOR -> CodeBlock.of("$L.$L()", from, a.name());
            case PRIVATE_FIELD ->
                a.type().contains("<")
                    ? CodeBlock.of("$L($L)", readerName(a), from)
                    : CodeBlock.of(
                        last ? "($T) $L.get($L)" : "(($T) $L.get($L))",
                        type(a.type()),
                        handleName(a),
                        from);
          };
    }
    return from;
  }

  /**
   * The {@code static final VarHandle} constants the methods' private field reads use, by name, and
   * the helper method that makes them; nothing when no private field is read.
   */
  static void handles(com.palantir.javapoet.TypeSpec.Builder type, List<Differentiated> methods) {
    Map<String, Binding.Access> handles = new TreeMap<>();
    for (Differentiated m : methods) {
      for (Binding binding : m.bound().values()) {
        for (Binding.Access a : binding.path()) {
          if (a.kind() == Binding.Kind.PRIVATE_FIELD) {
            handles.putIfAbsent(handleName(a), a);
          }
        }
      }
    }
    if (handles.isEmpty()) {
      return;
    }
    for (Map.Entry<String, Binding.Access> h : handles.entrySet()) {
      Binding.Access a = h.getValue();
      if (a.type().contains("<")) {
        // a cast to a generic type is unchecked: once, here, for every read of the field
        type.addMethod(
            Docs.complete(
                MethodSpec.methodBuilder(readerName(a))
                    .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                    .addAnnotation(
                        com.palantir.javapoet.AnnotationSpec.builder(SuppressWarnings.class)
                            .addMember("value", "$S", "unchecked")
                            .build())
                    .returns(type(a.type()))
                    .addParameter(type(a.declaringType()), "object")
                    .addStatement("return ($T) $L.get(object)", type(a.type()), h.getKey())
                    .build()));
      }
      type.addField(
          FieldSpec.builder(
                  VarHandle.class, h.getKey(), Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
              .addJavadoc(
                  "Reads the private field {@code $L} of {@code $L}.\n",
                  a.name(),
                  a.declaringType())
              .initializer(
                  "field($T.class, $S, $T.class)", type(a.declaringType()), a.name(), raw(a.type()))
              .build());
    }
    type.addMethod(
        Docs.complete(
            MethodSpec.methodBuilder("field")
                .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                .returns(VarHandle.class)
                .addParameter(anyClass(), "owner")
                .addParameter(String.class, "name")
                .addParameter(anyClass(), "type")
                .addJavadoc(
                    "A handle reading the private field {@code owner.name}, for the receiver's fields: a {@code static\n"
                        + "final} handle costs nothing once the JIT compiled its caller.\n")
                .beginControlFlow("try")
                .addStatement(
                    "return $T.privateLookupIn(owner, $T.lookup()).findVarHandle(owner, name, type)",
                    MethodHandles.class,
                    MethodHandles.class)
                .nextControlFlow("catch ($T e)", ReflectiveOperationException.class)
                .addStatement("throw new $T(e)", ExceptionInInitializerError.class)
                .endControlFlow()
                .build()));
  }

  private static TypeName anyClass() {
    return com.palantir.javapoet.ParameterizedTypeName.get(
        ClassName.get(Class.class), com.palantir.javapoet.WildcardTypeName.subtypeOf(Object.class));
  }

  /** The class literal of a type: its erasure. */
  private static TypeName raw(String spelling) {
    int lt = spelling.indexOf('<');
    return type(lt < 0 ? spelling : spelling.substring(0, lt));
  }

  /** The accessor of a private field of a generic type: {@code readModelData}. */
  private static String readerName(Binding.Access a) {
    String owner = a.declaringType().substring(a.declaringType().lastIndexOf('.') + 1);
    return "read" + owner + Character.toUpperCase(a.name().charAt(0)) + a.name().substring(1);
  }

  /**
   * The statement writing {@code value} into the field {@code a} of {@code object}: an assignment,
   * or the private field's {@code VarHandle}.
   */
  static CodeBlock write(Binding.Access a, String object, CodeBlock value) {
    return a.kind() == Binding.Kind.PRIVATE_FIELD
        ? CodeBlock.of("$L.set($L, $L);\n", handleName(a), object, value)
        : CodeBlock.of("$L.$L = $L;\n", object, a.name(), value);
  }

  private static String handleName(Binding.Access a) {
    String owner = a.declaringType().substring(a.declaringType().lastIndexOf('.') + 1);
    return (snake(owner) + "_" + snake(a.name())).toUpperCase(Locale.ROOT);
  }

  private static String snake(String name) {
    return name.replaceAll("([a-z0-9])([A-Z])", "$1_$2");
  }

  /** A type as the generated class spells it: a primitive, an array of one, or a class. */
  static TypeName type(String text) {
    String spelling = text.strip();
    if (spelling.endsWith("[]")) {
      return ArrayTypeName.of(type(spelling.substring(0, spelling.length() - 2)));
    }
    if (spelling.equals("?")) {
      return com.palantir.javapoet.WildcardTypeName.subtypeOf(Object.class);
    }
    if (spelling.startsWith("? extends ")) {
      return com.palantir.javapoet.WildcardTypeName.subtypeOf(type(spelling.substring(10)));
    }
    if (spelling.startsWith("? super ")) {
      return com.palantir.javapoet.WildcardTypeName.supertypeOf(type(spelling.substring(8)));
    }
    int lt = spelling.indexOf('<');
    if (lt >= 0) {
      List<TypeName> args = new ArrayList<>();
      String list = spelling.substring(lt + 1, spelling.lastIndexOf('>'));
      int depth = 0;
      int start = 0;
      for (int k = 0; k < list.length(); k++) {
        char c = list.charAt(k);
        depth += c == '<' ? 1 : c == '>' ? -1 : 0;
        if (c == ',' && depth == 0) {
          args.add(type(list.substring(start, k)));
          start = k + 1;
        }
      }
      args.add(type(list.substring(start)));
      return com.palantir.javapoet.ParameterizedTypeName.get(
          ClassName.bestGuess(spelling.substring(0, lt)), args.toArray(TypeName[]::new));
    }
    return switch (spelling) {
      case "double" -> TypeName.DOUBLE;
      case "float" -> TypeName.FLOAT;
      case "int" -> TypeName.INT;
      case "long" -> TypeName.LONG;
      case "boolean" -> TypeName.BOOLEAN;
      case "char" -> TypeName.CHAR;
      default -> ClassName.bestGuess(spelling);
    };
  }
}
