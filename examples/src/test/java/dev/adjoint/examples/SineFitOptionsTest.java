package dev.adjoint.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SineFitOptionsTest {

  @Test
  void defaultsAreTheTutorials() {
    SineFitOptions o = SineFitOptions.parse();
    assertNull(o.init());
    assertEquals(2000, o.steps());
    assertEquals(1e-6, o.learningRate());
    assertEquals(Path.of("target"), o.out());
    assertFalse(o.help());
    Random r = new Random(SineFitOptions.DEFAULT_SEED);
    assertArrayEquals(
        new double[] {r.nextGaussian(), r.nextGaussian(), r.nextGaussian(), r.nextGaussian()},
        o.initialValues());
  }

  @Test
  void parsesEveryOptionInBothForms() {
    SineFitOptions o =
        SineFitOptions.parse(
            "--init", "0,-1.5,2,3e-1", "--steps=500", "--lr", "2e-6", "--out", "/tmp/x");
    assertArrayEquals(new double[] {0, -1.5, 2, 0.3}, o.initialValues());
    assertEquals(500, o.steps());
    assertEquals(2e-6, o.learningRate());
    assertEquals(Path.of("/tmp/x"), o.out());
    assertEquals("--init 0.0,-1.5,2.0,0.3", o.initDescription());
  }

  @Test
  void seedSelectsTheDraws() {
    assertArrayEquals(
        SineFitOptions.parse("--seed", "7").initialValues(),
        SineFitOptions.parse("--seed=7").initialValues());
    assertFalse(
        SineFitOptions.parse("--seed", "7").initialValues()[0]
            == SineFitOptions.parse("--seed", "8").initialValues()[0]);
  }

  @Test
  void laterOptionsOverrideEarlierOnes() {
    assertEquals(Path.of("b"), SineFitOptions.parse("--out", "a", "--out", "b").out());
  }

  @Test
  void helpIsRecognised() {
    assertTrue(SineFitOptions.parse("--help").help());
    assertTrue(SineFitOptions.USAGE.contains("--init A,B,C,D"));
  }

  @Test
  void badInputIsRejectedWithTheOptionName() {
    assertMessage("--init needs 4", "--init", "1,2,3");
    assertMessage("--init needs a number", "--init", "1,2,x,4");
    assertMessage("--steps must be", "--steps", "-1");
    assertMessage("--lr must be positive", "--lr", "0");
    assertMessage("--lr needs a finite", "--lr", "NaN");
    assertMessage("--seed needs an integer", "--seed", "one");
    assertMessage("--out needs a value", "--out");
    assertMessage("unknown option '--frobnicate'", "--frobnicate", "1");
  }

  private static void assertMessage(String start, String... args) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> SineFitOptions.parse(args));
    assertTrue(e.getMessage().startsWith(start), e.getMessage());
  }
}
