package dev.adjoint.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The program's printed log and its two PNG files. */
class SineFitProgramTest {

  private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

  @BeforeAll
  static void headless() {
    System.setProperty("java.awt.headless", "true");
  }

  @Test
  void printsTheTutorialLogAndWritesBothPictures(@TempDir Path dir) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    SineFitOptions options = SineFitOptions.parse("--init", "0,0,0,0", "--out", dir.toString());
    Cubic fit = SineFit.run(options, out);
    List<String> lines = Arrays.asList(bytes.toString(StandardCharsets.UTF_8).split("\n"));

    // The tutorial's log: "99 <loss>", "199 <loss>", …, "1999 <loss>".
    List<String> log = lines.stream().filter(l -> l.matches("\\d+ \\S+")).toList();
    assertEquals(20, log.size(), String.join("\n", lines));
    for (int k = 0; k < 20; k++) {
      String[] parts = log.get(k).split(" ");
      assertEquals(100 * k + 99, Integer.parseInt(parts[0]));
      assertTrue(Double.parseDouble(parts[1]) > 9, log.get(k));
    }
    assertTrue(lines.contains("Result: " + fit), String.join("\n", lines));
    String optimum = "y = -0.0933304 x^3 + 0.0000000 x^2 + 0.8567408 x + 0.0000000";
    assertTrue(
        lines.stream().anyMatch(l -> l.startsWith("Least squares:    " + optimum)),
        String.join("\n", lines));
    assertTrue(
        lines.stream().anyMatch(l -> l.startsWith("Gradient descent: y = -0.0913917 x^3")),
        String.join("\n", lines));

    assertPng(dir.resolve(SineFitCharts.DATA_FILE));
    assertPng(dir.resolve(SineFitCharts.FIT_FILE));
  }

  @Test
  void chartsAreWrittenIntoANewDirectory(@TempDir Path dir) throws IOException {
    SineData data = SineData.tutorial();
    Path nested = dir.resolve("a/b");
    Path dataPng = SineFitCharts.writeData(data, nested);
    Path fitPng = SineFitCharts.writeFit(data, new Cubic(-0.09, 0, 0.85, 0), null, nested);
    assertEquals(nested.resolve("sine-data.png"), dataPng);
    assertEquals(nested.resolve("sine-fit.png"), fitPng);
    assertPng(dataPng);
    assertPng(fitPng);
  }

  private static void assertPng(Path file) throws IOException {
    assertTrue(Files.isRegularFile(file), file + " exists");
    byte[] head = Arrays.copyOf(Files.readAllBytes(file), PNG_SIGNATURE.length);
    assertArrayEquals(PNG_SIGNATURE, head, file + " is a PNG");
    BufferedImage image = ImageIO.read(file.toFile());
    assertEquals(800, image.getWidth());
    assertEquals(600, image.getHeight());
  }
}
