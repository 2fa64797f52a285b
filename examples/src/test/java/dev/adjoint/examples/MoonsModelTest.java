package dev.adjoint.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adjoint.examples.TwoMoons.Data;
import dev.adjoint.examples.TwoMoons.Network;
import dev.adjoint.runtime.GradientCheck;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The model class of the two-moons example: its generated gradient with respect to the fields
 * against central differences and against the static {@link TwoMoons} version, the hand-written
 * packing, and brief training.
 */
class MoonsModelTest {

  private static final Data DATA = TwoMoons.moons(TwoMoons.POINTS, TwoMoons.NOISE, 99);
  private static final int[] LABELS = MoonsModel.labels(DATA);

  /** A seeded model off the initial scale, with nonzero biases. */
  private static MoonsModel model(int hidden, long seed) {
    Random random = new Random(seed);
    MoonsModel m = MoonsModel.random(hidden, random);
    double[] p = m.parameters();
    for (int i = 0; i < p.length; i++) {
      p[i] = 2 * p[i] + 0.1 * random.nextGaussian();
    }
    m.setParameters(p);
    return m;
  }

  private static Network network(MoonsModel m) {
    return Network.unflatten(m.parameters(), m.hidden());
  }

  @Test
  void gradientWithRespectToTheFieldsMatchesCentralDifferences() {
    for (long seed = 1; seed <= 4; seed++) {
      MoonsModel m = model(TwoMoons.HIDDEN, seed);
      GradientCheck.check(m.objective(DATA.x(), LABELS), m.parameters()).assertPassed();
    }
  }

  @Test
  void gradientEqualsTheStaticVersionsAtTheSameWeights() {
    for (int hidden : new int[] {1, 3, TwoMoons.HIDDEN}) {
      MoonsModel m = model(hidden, 10 + hidden);
      double[] g = new double[m.parameterCount()];
      double value = MoonsModelDerivatives.lossValueAndGradient(m, DATA.x(), LABELS, g);
      Network n = network(m);
      double[] expected = new double[g.length];
      double expectedValue =
          TwoMoonsDerivatives.lossValueAndGradient(
              n.w1(), n.b1(), n.w2(), n.b2(), DATA.x(), DATA.y(), expected);
      assertEquals(expectedValue, value, 0);
      assertEquals(m.loss(DATA.x(), LABELS), value, 0);
      assertArrayEquals(expected, g, 1e-15);
    }
  }

  @Test
  void gradientLeavesTheModelAsItWas() {
    MoonsModel m = model(TwoMoons.HIDDEN, 3);
    double[] before = m.parameters();
    MoonsModelDerivatives.lossGradient(m, DATA.x(), LABELS);
    MoonsModelDerivatives.lossValueAndGradient(m, DATA.x(), LABELS, new double[m.parameterCount()]);
    assertArrayEquals(before, m.parameters(), 0);
  }

  @Test
  void gradientRecordHasOneComponentPerField() {
    MoonsModel m = model(TwoMoons.HIDDEN, 5);
    MoonsModelDerivatives.LossGradient r = MoonsModelDerivatives.lossGradient(m, DATA.x(), LABELS);
    double[] flat = new double[m.parameterCount()];
    double value = MoonsModelDerivatives.lossValueAndGradient(m, DATA.x(), LABELS, flat);
    assertEquals(value, r.value());
    assertArrayEquals(flat, new MoonsModel(r.w1(), r.b1(), r.w2(), r.b2()).parameters(), 0);
  }

  @Test
  void packingFollowsTheFlatLayout() {
    MoonsModel m = model(5, 7);
    double[] p = m.parameters();
    assertEquals(21, p.length);
    Network n = network(m);
    assertEquals(n.w1()[2][1], p[5]);
    assertEquals(n.b1()[0], p[10]);
    assertEquals(n.w2()[4], p[19]);
    assertEquals(n.b2(), p[20]);
    MoonsModel other = model(5, 8);
    other.setParameters(p);
    assertArrayEquals(p, other.parameters(), 0);
    assertThrows(IllegalArgumentException.class, () -> other.setParameters(new double[20]));
  }

  @Test
  void briefTrainingLowersTheLossAndFollowsTheStaticVersion() {
    MoonsModel m = MoonsModel.random(TwoMoons.HIDDEN, new Random(5));
    Network initial = network(m);
    List<Double> losses = new ArrayList<>();
    double last =
        m.train(DATA.x(), LABELS, TwoMoons.LEARNING_RATE, 300, s -> losses.add(s.value()));
    assertEquals(300, losses.size());
    assertTrue(last < 0.5 * losses.get(0), losses.get(0) + " -> " + last);
    assertTrue(m.accuracy(DATA.x(), LABELS) > 0.85, "accuracy " + m.accuracy(DATA.x(), LABELS));
    // Same data, same start, same Adam: the static example ends on the same weights.
    Network trained = TwoMoons.train(DATA, initial, TwoMoons.LEARNING_RATE, 300, null);
    assertArrayEquals(trained.flatten(), m.parameters(), 1e-12);
  }

  @Test
  void programPrintsTheLossAndAccuracy() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    MoonsModel.run(new String[] {"--epochs", "400", "--every", "100"}, out);
    String text = bytes.toString(StandardCharsets.UTF_8);
    List<String> log =
        text.lines().filter(l -> l.matches(" *\\d+  \\d\\.\\d{6}  \\d\\.\\d{3}")).toList();
    assertEquals(4, log.size(), text);
    assertTrue(text.contains("final accuracy"), text);
    assertTrue(text.contains("held-out"), text);
  }
}
