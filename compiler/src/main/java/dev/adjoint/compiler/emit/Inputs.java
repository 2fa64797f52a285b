package dev.adjoint.compiler.emit;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.TypeName;
import dev.adjoint.compiler.Differentiation.Differentiated;
import dev.adjoint.compiler.frontend.Binding;
import dev.adjoint.compiler.frontend.Input;
import dev.adjoint.compiler.ir.Printer;
import dev.adjoint.compiler.ir.Var;
import dev.adjoint.compiler.pass.ad.GradientLayout;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The differentiated inputs of one method as the adapters see them: which are the receiver's fields
 * and how to read and write those, the Java type of each, where each leaf sits in the flat layout,
 * and the declarations that bind the leaves when the inputs are in scope under their own names.
 */
final class Inputs {
  private Inputs() {}

  /** Whether {@code input} is a field of the receiver (not a parameter of the method). */
  static boolean isField(Differentiated m, Input input) {
    return !m.request().isStatic()
        && m.visible().stream().noneMatch(v -> v.name().equals(input.name()));
  }

  /** Whether some input is a field of the receiver. */
  static boolean hasFields(Differentiated m) {
    return m.inputs().stream().anyMatch(i -> isField(m, i));
  }

  /** The receiver, for an instance method. */
  static Optional<Var> self(Differentiated m) {
    return m.request().isStatic() ? Optional.empty() : Optional.of(m.visible().get(0));
  }

  /** The read of a field input's own value from the receiver: {@code self.w}, or its handle's. */
  static CodeBlock readField(Differentiated m, Input input) {
    return Parameters.read(fieldBinding(m, input), CodeBlock.of("$L", "self"), 0);
  }

  /** Writes {@code value} into a field input of the receiver {@code self}. */
  static CodeBlock writeField(Differentiated m, Input input, CodeBlock value) {
    return Parameters.write(fieldBinding(m, input).path().get(0), "self", value);
  }

  /** Whether the adapters can write the point into the field input (an array's elements always). */
  static boolean writable(Differentiated m, Input input) {
    return (input.var() != null && input.var().type().isArray())
        || !fieldBinding(m, input).path().get(0).isFinal();
  }

  /** The binding of a field input itself: the first step of any of its leaves' paths. */
  private static Binding fieldBinding(Differentiated m, Input input) {
    Binding leaf = m.bound().get(input.leaves().get(0));
    return new Binding(leaf.root(), leaf.path().subList(0, 1));
  }

  /** The type of an input as the user declared it. */
  static TypeName type(Input input) {
    return input.record() != null
        ? Parameters.type(input.record().spelling())
        : DerivativesEmitter.typeName(input.var().type());
  }

  /** The leaf's slot in the flat layout. */
  static GradientLayout.Slot slot(Differentiated m, Var leaf) {
    return m.layout().slots().stream()
        .filter(s -> s.param().equals(leaf))
        .findFirst()
        .orElseThrow();
  }

  /** The offset of a leaf, as Java text over the leaves' names. */
  static String offset(Differentiated m, Var leaf) {
    return Printer.expr(slot(m, leaf).offset());
  }

  /**
   * The declarations binding the leaves {@code code} reads, where each input is in scope under its
   * own name (a record of the inputs, whose components are named as the inputs): {@code double[] pB
   * = p.b();}. A field input's leaf is the field itself, or read from it.
   */
  static CodeBlock bindLeaves(Differentiated m, CodeBlock code) {
    String text = code.toString();
    CodeBlock.Builder b = CodeBlock.builder();
    for (Input input : m.inputs()) {
      for (Var leaf : input.leaves()) {
        Binding binding = m.bound().get(leaf);
        if (binding == null || !reads(text, leaf)) {
          continue; // a parameter: in scope under its own name already
        }
        boolean field = isField(m, input);
        if (field && binding.path().size() == 1 && leaf.name().equals(input.name())) {
          continue;
        }
        CodeBlock value =
            field
                ? Parameters.read(binding, CodeBlock.of("$L", input.name()), 1)
                : Parameters.read(binding, CodeBlock.of("$L", binding.root().name()), 0);
        b.addStatement("$T $L = $L", DerivativesEmitter.typeName(leaf.type()), leaf.name(), value);
      }
    }
    return b.build();
  }

  /** Whether the code {@code text} names {@code v}. */
  static boolean reads(String text, Var v) {
    return Pattern.compile("\\b" + Pattern.quote(v.name()) + "\\b").matcher(text).find();
  }

  /** The leaves of every input, in flat-layout order. */
  static List<Var> leaves(Differentiated m) {
    return m.inputs().stream().flatMap(i -> i.leaves().stream()).toList();
  }
}
