package dev.adjoint.compiler.javac;

import com.sun.source.tree.CompilationUnitTree;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.ExecutableType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Java's types for the code a differentiable method keeps verbatim (calls on data objects and
 * collections): method bodies are not attributed while annotation processing runs, so the frontend
 * asks here, by canonical type text, what a member of a type returns. Types are parsed from text
 * ({@code java.util.List<demo.Sample>}) and names resolved as the owner's source would.
 */
final class JavaTypes {
  private final JavacMethods javac;
  private final Elements elements;
  private final Types types;

  JavaTypes(JavacMethods javac, Elements elements, Types types) {
    this.javac = javac;
    this.elements = elements;
    this.types = types;
  }

  /** The type {@code text} (as written in {@code owner}'s source, or canonical) means. */
  Optional<TypeMirror> resolve(String text, TypeElement owner, CompilationUnitTree unit) {
    String t = text.strip();
    if (t.endsWith("[]")) {
      return resolve(t.substring(0, t.length() - 2), owner, unit).map(types::getArrayType);
    }
    Optional<TypeKind> primitive = primitive(t);
    if (primitive.isPresent()) {
      return Optional.of(types.getPrimitiveType(primitive.get()));
    }
    if (t.equals("?")) {
      return Optional.of(types.getWildcardType(null, null));
    }
    if (t.startsWith("? extends ")) {
      return resolve(t.substring(10), owner, unit).map(b -> types.getWildcardType(b, null));
    }
    if (t.startsWith("? super ")) {
      return resolve(t.substring(8), owner, unit).map(b -> types.getWildcardType(null, b));
    }
    int lt = t.indexOf('<');
    String raw = lt < 0 ? t : t.substring(0, lt);
    List<TypeElement> candidates = javac.types(raw, owner, unit);
    if (candidates.isEmpty()) {
      return Optional.empty();
    }
    TypeElement type = candidates.get(0);
    if (lt < 0) {
      return Optional.of(
          type.getTypeParameters().isEmpty()
              ? type.asType()
              : types.erasure(type.asType())); // a raw type
    }
    List<TypeMirror> args = new ArrayList<>();
    for (String a : arguments(t.substring(lt + 1, t.lastIndexOf('>')))) {
      Optional<TypeMirror> m = resolve(a, owner, unit);
      if (m.isEmpty()) {
        return Optional.empty();
      }
      args.add(m.get());
    }
    if (args.size() != type.getTypeParameters().size()) {
      return Optional.empty();
    }
    return Optional.of(types.getDeclaredType(type, args.toArray(TypeMirror[]::new)));
  }

  /**
   * The type of a field ({@code args} null) or of a call of an instance method of {@code receiver}.
   */
  Optional<String> member(
      String receiver,
      String name,
      List<String> args,
      TypeElement owner,
      CompilationUnitTree unit) {
    Optional<TypeMirror> r = resolve(receiver, owner, unit);
    if (r.isEmpty()) {
      return Optional.empty();
    }
    if (r.get() instanceof ArrayType && args == null && name.equals("length")) {
      return Optional.of("int");
    }
    if (!(r.get() instanceof DeclaredType d) || !(d.asElement() instanceof TypeElement type)) {
      return Optional.empty();
    }
    return find(d, type, name, args, false, owner, unit).map(JavaTypes::text);
  }

  /**
   * The canonical text of a type, or {@code ""} for one with type variables (a generic method's).
   */
  private static String text(TypeMirror t) {
    return mentionsTypeVariable(t) ? "" : t.toString();
  }

  /** A static member of the class {@code qualifier} names. */
  Optional<dev.adjoint.compiler.frontend.CalleeResolver.StaticMember> staticMember(
      String qualifier,
      String name,
      List<String> args,
      TypeElement owner,
      CompilationUnitTree unit) {
    for (TypeElement type : javac.types(qualifier, owner, unit)) {
      DeclaredType d = (DeclaredType) types.erasure(type.asType());
      Optional<TypeMirror> m = find(d, type, name, args, true, owner, unit);
      if (m.isPresent()) {
        String pkg = ClassInfos.packageOf(owner).getQualifiedName().toString();
        String own = ClassInfos.packageOf(type).getQualifiedName().toString();
        // java.lang's classes by their simple names, as every class sees them
        String spelling =
            own.equals("java.lang")
                    && type.getEnclosingElement() instanceof javax.lang.model.element.PackageElement
                ? type.getSimpleName().toString()
                : ClassInfos.spelling(type, pkg);
        return Optional.of(
            new dev.adjoint.compiler.frontend.CalleeResolver.StaticMember(spelling, text(m.get())));
      }
    }
    return Optional.empty();
  }

  /** The type {@code new written(args)} makes, if an accessible constructor takes the arguments. */
  Optional<String> constructed(
      String written, List<String> args, TypeElement owner, CompilationUnitTree unit) {
    Optional<TypeMirror> t = resolve(written, owner, unit);
    if (t.isEmpty() || !(t.get() instanceof DeclaredType d)) {
      return Optional.empty();
    }
    TypeElement type = (TypeElement) d.asElement();
    if (type.getModifiers().contains(Modifier.ABSTRACT) || type.getKind() != ElementKind.CLASS) {
      return Optional.empty();
    }
    for (Element e : type.getEnclosedElements()) {
      if (e instanceof ExecutableElement c
          && e.getKind() == ElementKind.CONSTRUCTOR
          && accessible(c, owner)
          && applicable(
              c.getParameters().stream().map(p -> p.asType()).toList(), args, owner, unit)) {
        return Optional.of(d.toString());
      }
    }
    return Optional.empty();
  }

  /** The type of the most specific accessible member that fits, as a member of {@code d}. */
  private Optional<TypeMirror> find(
      DeclaredType d,
      TypeElement type,
      String name,
      List<String> args,
      boolean statics,
      TypeElement owner,
      CompilationUnitTree unit) {
    List<ExecutableType> fits = new ArrayList<>();
    for (Element e : elements.getAllMembers(type)) {
      if (!e.getSimpleName().contentEquals(name)
          || e.getModifiers().contains(Modifier.STATIC) != statics
          || !accessible(e, owner)) {
        continue;
      }
      if (args == null && e instanceof VariableElement f && e.getKind() == ElementKind.FIELD) {
        return Optional.of(types.asMemberOf(d, f));
      }
      if (args != null
          && e instanceof ExecutableElement m
          && e.getKind() == ElementKind.METHOD
          && m.getParameters().size() == args.size()
          && !m.isVarArgs()) {
        ExecutableType et = (ExecutableType) types.asMemberOf(d, m);
        if (applicable(et.getParameterTypes(), args, owner, unit)) {
          fits.add(et);
        }
      }
    }
    for (int k = 0; k < fits.size(); k++) {
      ExecutableType candidate = fits.get(k);
      boolean mostSpecific = fits.stream().allMatch(o -> parametersAssignable(candidate, o));
      if (mostSpecific) {
        return Optional.of(candidate.getReturnType());
      }
    }
    return Optional.empty();
  }

  private boolean parametersAssignable(ExecutableType a, ExecutableType b) {
    for (int k = 0; k < a.getParameterTypes().size(); k++) {
      if (!types.isAssignable(a.getParameterTypes().get(k), b.getParameterTypes().get(k))) {
        return false;
      }
    }
    return true;
  }

  private boolean applicable(
      List<? extends TypeMirror> params,
      List<String> args,
      TypeElement owner,
      CompilationUnitTree unit) {
    if (params.size() != args.size()) {
      return false;
    }
    for (int k = 0; k < args.size(); k++) {
      if (args.get(k).equals("null")) {
        if (params.get(k).getKind().isPrimitive()) {
          return false;
        }
        continue;
      }
      Optional<TypeMirror> a = resolve(args.get(k), owner, unit);
      if (a.isEmpty()) {
        return false;
      }
      TypeMirror p = params.get(k);
      if (mentionsTypeVariable(p)) {
        continue; // a generic method's parameter: javac infers it from what is given
      }
      boolean boxed =
          a.get().getKind().isPrimitive()
              && !p.getKind().isPrimitive()
              && types.isAssignable(
                  types.boxedClass((javax.lang.model.type.PrimitiveType) a.get()).asType(), p);
      if (!boxed && !types.isAssignable(a.get(), p)) {
        return false;
      }
    }
    return true;
  }

  /** Whether the generated class (in the owner's package) may use the member. */
  private static boolean accessible(Element e, TypeElement owner) {
    if (e.getModifiers().contains(Modifier.PUBLIC)) {
      return true;
    }
    if (e.getModifiers().contains(Modifier.PRIVATE)) {
      return false;
    }
    return ClassInfos.packageOf(e).equals(ClassInfos.packageOf(owner));
  }

  private static boolean mentionsTypeVariable(TypeMirror t) {
    if (t.getKind() == TypeKind.TYPEVAR) {
      return true;
    }
    if (t instanceof ArrayType a) {
      return mentionsTypeVariable(a.getComponentType());
    }
    if (t instanceof DeclaredType d) {
      return d.getTypeArguments().stream().anyMatch(JavaTypes::mentionsTypeVariable);
    }
    if (t instanceof javax.lang.model.type.WildcardType w) {
      return (w.getExtendsBound() != null && mentionsTypeVariable(w.getExtendsBound()))
          || (w.getSuperBound() != null && mentionsTypeVariable(w.getSuperBound()));
    }
    return false;
  }

  private static Optional<TypeKind> primitive(String t) {
    return switch (t) {
      case "double" -> Optional.of(TypeKind.DOUBLE);
      case "float" -> Optional.of(TypeKind.FLOAT);
      case "int" -> Optional.of(TypeKind.INT);
      case "long" -> Optional.of(TypeKind.LONG);
      case "boolean" -> Optional.of(TypeKind.BOOLEAN);
      case "char" -> Optional.of(TypeKind.CHAR);
      case "byte" -> Optional.of(TypeKind.BYTE);
      case "short" -> Optional.of(TypeKind.SHORT);
      default -> Optional.empty();
    };
  }

  /** The top-level comma-separated parts of a type argument list. */
  private static List<String> arguments(String list) {
    List<String> out = new ArrayList<>();
    int depth = 0;
    int start = 0;
    for (int k = 0; k < list.length(); k++) {
      char c = list.charAt(k);
      if (c == '<') {
        depth++;
      } else if (c == '>') {
        depth--;
      } else if (c == ',' && depth == 0) {
        out.add(list.substring(start, k).strip());
        start = k + 1;
      }
    }
    out.add(list.substring(start).strip());
    return out;
  }
}
