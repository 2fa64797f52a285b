package dev.adjoint.compiler.pass.ad;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.adjoint.compiler.ir.Fn;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The passes' table of derivative rules covers exactly the functions that have derivatives. */
class PartialsTableTest {
  @Test
  void everyFunctionThatIsNotPiecewiseConstantHasARule() {
    for (Fn fn : Fn.values()) {
      if (fn.piecewiseConstant()) {
        assertNull(Partials.rule(fn), fn + " is piecewise constant: its derivative is zero");
      } else {
        assertNotNull(Partials.rule(fn), "no derivative rule for " + fn);
      }
    }
  }

  @Test
  void callsNamedForTheirValueAreThoseWhosePartialsAllReadIt() {
    Set<Fn> named =
        Arrays.stream(Fn.values())
            .filter(Partials::alwaysUsesSelf)
            .collect(Collectors.toCollection(() -> EnumSet.noneOf(Fn.class)));
    assertEquals(EnumSet.of(Fn.TANH, Fn.EXP, Fn.SQRT, Fn.CBRT, Fn.HYPOT), named);
  }
}
