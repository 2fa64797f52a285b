package dev.adjoint.compiler.ir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The function table against the JDK: every overload an {@link Fn} declares is a real method of
 * each of its owners with the same parameter and result types, and its kernels compute what that
 * method computes.
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
            assertEquals(m.invoke(null, args), o.apply(Fn.strict(owner), args), owner + "." + fn);
          }
        }
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
    assertEquals(Optional.empty(), Fn.find("Math", "ulp"));
    assertTrue(Fn.ABS.integralOverload());
    assertFalse(Fn.SIGNUM.integralOverload());
    assertTrue(Fn.IS_FINITE.predicate());
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
