package dev.adjoint.compiler.ir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;

/**
 * The function table against the JDK: every overload an {@link Fn} declares is a real method of
 * each of its owners with the same parameter and result types, and its kernels compute what that
 * method computes (or throws the same exception).
 */
class FnTableTest {
  private static final double[] POINTS = {-2.5, -1, -0.25, 0, 0.5, 1, 3.75};

  @Test
  void overloadsAreTheJdkMethodsAndKernelsComputeThem() throws ReflectiveOperationException {
    for (Fn fn : Fn.values()) {
      if (fn == Fn.TOTAL_LENGTH || fn == Fn.STOP_GRADIENT) {
        continue; // generated helper and Adjoint's own identity: no JDK method to compare with
      }
      for (String owner : fn.owners()) {
        Class<?> cls = Class.forName("java.lang." + owner);
        for (Overload o : fn.overloads()) {
          Class<?>[] params = o.params().stream().map(FnTableTest::javaClass).toArray(Class[]::new);
          Method m = cls.getMethod(fn.javaName(), params);
          assertEquals(javaClass(o.result()), m.getReturnType(), owner + "." + fn + " " + o);
          for (double p : POINTS) {
            Object[] args = new Object[params.length];
            for (int j = 0; j < args.length; j++) {
              args[j] = value(o.params().get(j), p + j * 0.75);
            }
            assertEquals(
                outcome(() -> m.invoke(null, args)),
                outcome(() -> o.apply(Fn.strict(owner), args)),
                owner + "." + fn);
          }
        }
      }
    }
  }

  /**
   * The integer methods that {@code Math} and {@code StrictMath} gained after Java 17 (the language
   * level the table targets): a build on a newer JDK reports them with AD301 (or AD309 for {@code
   * clamp}), as javac at {@code --release 17} rejects them anyway.
   */
  private static final Set<String> AFTER_JAVA_17 =
      Set.of(
          "ceilDiv",
          "ceilDivExact",
          "ceilMod",
          "clamp",
          "divideExact",
          "floorDivExact",
          "powExact",
          "unsignedMultiplyExact",
          "unsignedMultiplyHigh",
          "unsignedPowExact");

  /**
   * Every public static method of {@code Math} and {@code StrictMath} of Java 17 is in the table,
   * except {@code random} (not a function of the inputs: the front end's AD309 names the rewrite).
   */
  @Test
  void everyMathMethodOfJava17IsInTheTable() {
    for (Class<?> cls : List.of(Math.class, StrictMath.class)) {
      for (Method m : cls.getMethods()) {
        if (!Modifier.isStatic(m.getModifiers())
            || m.getName().equals("random")
            || AFTER_JAVA_17.contains(m.getName())) {
          continue;
        }
        Optional<Fn> fn = Fn.find(cls.getSimpleName(), m.getName());
        assertTrue(fn.isPresent(), cls.getSimpleName() + "." + m.getName() + " is missing");
        List<Type> params = Arrays.stream(m.getParameterTypes()).map(FnTableTest::type).toList();
        assertTrue(
            fn.get().overloads().stream().anyMatch(o -> o.params().equals(params)),
            m + " has no overload in " + fn.get());
      }
    }
  }

  @Test
  void everyOverloadHasTheFunctionsArity() {
    for (Fn fn : Fn.values()) {
      for (Overload o : fn.overloads()) {
        assertEquals(fn.arity(), o.params().size(), fn.toString());
      }
    }
  }

  @Test
  void lookupByOwnerAndName() {
    assertEquals(Optional.of(Fn.SIN), Fn.find("StrictMath", "sin"));
    assertEquals(Optional.of(Fn.IS_NAN), Fn.find("Double", "isNaN"));
    assertEquals(Optional.empty(), Fn.find("Math", "isNaN"));
    assertEquals(Optional.empty(), Fn.find("Math", "stopGradient"));
    assertEquals(Optional.empty(), Fn.find("Math", "random"));
    assertEquals(Optional.of(Fn.ULP), Fn.find("StrictMath", "ulp"));
    assertTrue(Fn.ULP.piecewiseConstant());
    assertTrue(Fn.ROUND.piecewiseConstant());
    assertFalse(Fn.COPY_SIGN.piecewiseConstant());
    assertTrue(Fn.ABS.integralOverload());
    assertFalse(Fn.SIGNUM.integralOverload());
    assertTrue(Fn.IS_FINITE.predicate());
  }

  /** A call's value, or the class of the exception it throws (integer overflow in *Exact). */
  private static Object outcome(Callable<Object> call) {
    try {
      return call.call();
    } catch (InvocationTargetException e) {
      return e.getCause().getClass();
    } catch (Exception e) {
      return e.getClass();
    }
  }

  private static Type type(Class<?> c) {
    return Arrays.stream(Type.values())
        .filter(t -> t.isNumeric() && javaClass(t) == c)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no IR type for " + c));
  }

  private static Class<?> javaClass(Type t) {
    return switch (t) {
      case DOUBLE -> double.class;
      case FLOAT -> float.class;
      case INT -> int.class;
      case LONG -> long.class;
      case BOOLEAN -> boolean.class;
      default -> throw new IllegalArgumentException(t.toString());
    };
  }

  private static Object value(Type t, double v) {
    return switch (t) {
      case DOUBLE -> v;
      case FLOAT -> (float) v;
      case INT -> (int) Math.round(v * 4);
      case LONG -> Math.round(v * 4) * 3_000_000_000L;
      default -> throw new IllegalArgumentException(t.toString());
    };
  }
}
