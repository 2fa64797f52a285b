package dev.adjoint.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adjoint.examples.TwoMoons.Data;
import dev.adjoint.examples.TwoMoons.Network;
import dev.adjoint.runtime.DifferentiableFunction;
import dev.adjoint.runtime.GradientCheck;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The two-moons data, the generated gradient of the network's loss, and training. */
class TwoMoonsTest {

  private static final Data DATA = TwoMoons.moons(TwoMoons.POINTS, TwoMoons.NOISE, 99);

  /** Seeded random networks at initialisation scale and at three times that scale. */
  private static List<Network> networks(int hidden) {
    List<Network> networks = new ArrayList<>();
    Random random = new Random(31337);
    for (int k = 0; k < 6; k++) {
      Network n = Network.random(hidden, random);
      double scale = k < 3 ? 1 : 3;
      double[] p = n.flatten();
      for (int i = 0; i < p.length; i++) {
        p[i] = scale * p[i] + 0.1 * random.nextGaussian(); // nonzero biases too
      }
      networks.add(Network.unflatten(p, hidden));
    }
    return networks;
  }

  /** The loss gradient by hand-written backpropagation, in flat layout. */
  private static double[] backprop(Network net, Data data) {
    int h = net.hidden();
    double[] g = new double[Network.parameterCount(h)];
    int n = data.size();
    for (int i = 0; i < n; i++) {
      double[] in = data.x()[i];
      double[] t = new double[h];
      double z = net.b2();
      for (int j = 0; j < h; j++) {
        t[j] = Math.tanh(net.b1()[j] + net.w1()[j][0] * in[0] + net.w1()[j][1] * in[1]);
        z += net.w2()[j] * t[j];
      }
      double p = 1 / (1 + Math.exp(-z));
      double dz = (p - data.y()[i]) / n; // d(BCE)/dz for a sigmoid output
      for (int j = 0; j < h; j++) {
        g[3 * h + j] += dz * t[j];
        double da = dz * net.w2()[j] * (1 - t[j] * t[j]);
        g[2 * j] += da * in[0];
        g[2 * j + 1] += da * in[1];
        g[2 * h + j] += da;
      }
      g[4 * h] += dz;
    }
    return g;
  }

  @Test
  void dataAreTwoLabelledNoisyMoons() {
    assertEquals(200, DATA.size());
    int ones = 0;
    for (int i = 0; i < DATA.size(); i++) {
      ones += (int) DATA.y()[i];
      assertEquals(2, DATA.x()[i].length);
    }
    assertEquals(100, ones);
    // Without noise the points lie on the two unit half circles.
    Data clean = TwoMoons.moons(51, 0, 1);
    for (int i = 0; i < clean.size(); i++) {
      double[] p = clean.x()[i];
      double cx = clean.y()[i] == 0 ? 0 : 1;
      double cy = clean.y()[i] == 0 ? 0 : 0.5;
      assertEquals(1, Math.hypot(p[0] - cx, p[1] - cy), 1e-12);
      assertTrue(clean.y()[i] == 0 ? p[1] >= -1e-12 : p[1] <= 0.5 + 1e-12);
    }
    // Same seed, same data.
    Data again = TwoMoons.moons(TwoMoons.POINTS, TwoMoons.NOISE, 99);
    for (int i = 0; i < DATA.size(); i++) {
      assertArrayEquals(DATA.x()[i], again.x()[i], 0);
    }
  }

  @Test
  void generatedGradientPassesGradientCheckAtSeededNetworks() {
    DifferentiableFunction f = TwoMoons.objective(DATA, TwoMoons.HIDDEN);
    for (Network net : networks(TwoMoons.HIDDEN)) {
      GradientCheck.check(f, net.flatten()).assertPassed();
    }
  }

  @Test
  void generatedGradientMatchesHandWrittenBackpropagation() {
    for (int hidden : new int[] {1, 3, TwoMoons.HIDDEN}) {
      for (Network net : networks(hidden)) {
        double[] expected = backprop(net, DATA);
        double[] g = new double[expected.length];
        double value =
            TwoMoonsDerivatives.lossValueAndGradient(
                net.w1(), net.b1(), net.w2(), net.b2(), DATA.x(), DATA.y(), g);
        assertEquals(net.loss(DATA), value, 1e-15);
        assertArrayEquals(expected, g, 1e-12);
      }
    }
  }

  @Test
  void gradientRecordComponentsFollowTheFlatLayout() {
    Network net = networks(TwoMoons.HIDDEN).get(1);
    TwoMoonsDerivatives.LossGradient r =
        TwoMoonsDerivatives.lossGradient(
            net.w1(), net.b1(), net.w2(), net.b2(), DATA.x(), DATA.y());
    Network asNetwork = new Network(r.w1(), r.b1(), r.w2(), r.b2());
    double[] flat = new double[Network.parameterCount(TwoMoons.HIDDEN)];
    double value = TwoMoons.objective(DATA, TwoMoons.HIDDEN).valueAndGradient(net.flatten(), flat);
    assertEquals(value, r.value());
    assertArrayEquals(flat, asNetwork.flatten(), 0);
    assertEquals(TwoMoons.HIDDEN, r.w1().length);
    assertEquals(2, r.w1()[0].length);
  }

  @Test
  void flattenAndUnflattenAreInverse() {
    Network net = networks(5).get(0);
    double[] p = net.flatten();
    assertEquals(21, p.length);
    assertArrayEquals(p, Network.unflatten(p, 5).flatten(), 0);
    assertEquals(net.w1()[2][1], p[5]);
    assertEquals(net.b1()[0], p[10]);
    assertEquals(net.w2()[4], p[19]);
    assertEquals(net.b2(), p[20]);
  }

  @Test
  void trainingReachesNinetyFivePercentAccuracy() {
    Network initial = Network.random(TwoMoons.HIDDEN, new Random(5));
    double before = initial.accuracy(DATA);
    List<Double> losses = new ArrayList<>();
    Network trained =
        TwoMoons.train(
            DATA,
            initial,
            TwoMoons.LEARNING_RATE,
            TwoMoons.EPOCHS,
            s -> {
              if (s.iteration() % 100 == 0) {
                losses.add(s.value());
              }
            });
    double accuracy = trained.accuracy(DATA);
    assertTrue(accuracy > 0.95, "accuracy " + accuracy + " (before " + before + ")");
    assertTrue(losses.get(losses.size() - 1) < 0.1 * losses.get(0), losses.toString());
    // It generalises: fresh points from the same distribution.
    Data test = TwoMoons.moons(1000, TwoMoons.NOISE, 12345);
    assertTrue(trained.accuracy(test) > 0.95, "held-out accuracy " + trained.accuracy(test));
  }

  @Test
  void programPrintsTheLossEveryTwoHundredEpochsAndTheAccuracy() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    Network trained = TwoMoons.run(new String[0], out);
    String text = bytes.toString(StandardCharsets.UTF_8);
    List<String> log =
        text.lines().filter(l -> l.matches(" *\\d+  \\d\\.\\d{6}  \\d\\.\\d{3}")).toList();
    assertEquals(TwoMoons.EPOCHS / TwoMoons.LOG_EVERY, log.size(), text);
    for (int k = 0; k < log.size(); k++) {
      assertEquals(k * TwoMoons.LOG_EVERY, Integer.parseInt(log.get(k).strip().split(" +")[0]));
    }
    String accuracyLine =
        text.lines().filter(l -> l.startsWith("final accuracy")).findFirst().orElseThrow();
    double percent =
        Double.parseDouble(accuracyLine.replaceAll("final accuracy +([0-9.]+)%.*", "$1"));
    assertTrue(percent > 95, text);
    assertEquals(TwoMoons.HIDDEN, trained.hidden());
  }

  @Test
  void badOptionsAreRejected() {
    PrintStream out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    assertThrows(
        IllegalArgumentException.class, () -> TwoMoons.run(new String[] {"--lr", "-1"}, out));
    assertThrows(
        IllegalArgumentException.class, () -> TwoMoons.run(new String[] {"--epochs"}, out));
    assertThrows(
        IllegalArgumentException.class, () -> TwoMoons.run(new String[] {"--hidden", "x"}, out));
  }
}
