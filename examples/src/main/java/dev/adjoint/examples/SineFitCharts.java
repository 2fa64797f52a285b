package dev.adjoint.examples;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.BitmapEncoder.BitmapFormat;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.XYSeries.XYSeriesRenderStyle;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The tutorial article's two pictures, written as PNG files with XChart: the data as a scatter
 * plot, and the fitted cubic drawn over the data. Rendering needs no display; call with {@code
 * java.awt.headless=true} on a machine without one.
 */
public final class SineFitCharts {

  /** File name of the data scatter plot. */
  public static final String DATA_FILE = "sine-data.png";

  /** File name of the fitted cubic over the data. */
  public static final String FIT_FILE = "sine-fit.png";

  /** File name of the loss curve of the gradient descent. */
  public static final String LOSS_FILE = "sine-loss.png";

  /** The article plotted every 20th point of the 2000. */
  public static final int SCATTER_STRIDE = 20;

  private static final int WIDTH = 800;
  private static final int HEIGHT = 600;
  private static final int CURVE_POINTS = 400;

  private SineFitCharts() {}

  /**
   * Writes the scatter plot of the data (every {@link #SCATTER_STRIDE}th point) to {@code
   * dir/sine-data.png}.
   *
   * @param data the data
   * @param dir the output directory, created if missing
   * @return the file written
   * @throws IOException if the file cannot be written
   */
  public static Path writeData(SineData data, Path dir) throws IOException {
    XYChart chart = newChart("y = sin(x)");
    addScatter(chart, data);
    return save(chart, dir.resolve(DATA_FILE));
  }

  /**
   * Writes the fitted cubic over the data (and the least-squares optimum for reference) to {@code
   * dir/sine-fit.png}.
   *
   * @param data the data
   * @param fit the cubic found by gradient descent
   * @param optimum the least-squares cubic, or null to leave it out
   * @param dir the output directory, created if missing
   * @return the file written
   * @throws IOException if the file cannot be written
   */
  public static Path writeFit(SineData data, Cubic fit, Cubic optimum, Path dir)
      throws IOException {
    XYChart chart = newChart("Fitted cubic " + fit.toString(4));
    addScatter(chart, data);
    double[] x = data.x();
    addCurve(chart, "gradient descent", fit, x[0], x[x.length - 1], new Color(0xD62728), false);
    if (optimum != null) {
      addCurve(chart, "least squares", optimum, x[0], x[x.length - 1], new Color(0x2CA02C), true);
    }
    return save(chart, dir.resolve(FIT_FILE));
  }

  /**
   * Writes the loss curve, the loss against the step on a logarithmic axis, to {@code dir/file}.
   *
   * @param steps the steps, increasing
   * @param losses the loss at each step, positive
   * @param dir the output directory, created if missing
   * @param file the file name, such as {@link #LOSS_FILE}
   * @return the file written
   * @throws IOException if the file cannot be written
   */
  public static Path writeLoss(double[] steps, double[] losses, Path dir, String file)
      throws IOException {
    XYChart chart =
        new XYChartBuilder()
            .width(WIDTH)
            .height(HEIGHT)
            .title("Loss during training")
            .xAxisTitle("step")
            .yAxisTitle("loss")
            .build();
    chart.getStyler().setChartBackgroundColor(Color.WHITE);
    chart.getStyler().setYAxisLogarithmic(true);
    chart.getStyler().setLegendVisible(false);
    XYSeries series = chart.addSeries("loss", steps, losses);
    series.setXYSeriesRenderStyle(XYSeriesRenderStyle.Line);
    series.setMarker(SeriesMarkers.NONE);
    series.setLineColor(new Color(0xD62728));
    series.setLineStyle(new BasicStroke(2f));
    return save(chart, dir.resolve(file));
  }

  private static XYChart newChart(String title) {
    XYChart chart =
        new XYChartBuilder()
            .width(WIDTH)
            .height(HEIGHT)
            .title(title)
            .xAxisTitle("x")
            .yAxisTitle("y")
            .build();
    chart.getStyler().setChartBackgroundColor(Color.WHITE);
    chart.getStyler().setMarkerSize(6);
    chart.getStyler().setXAxisMin(-3.5);
    chart.getStyler().setXAxisMax(3.5);
    chart.getStyler().setXAxisDecimalPattern("0.#");
    return chart;
  }

  private static void addScatter(XYChart chart, SineData data) {
    SineData sample = data.subsample(SCATTER_STRIDE);
    XYSeries series = chart.addSeries("sin(x)", sample.x(), sample.y());
    series.setXYSeriesRenderStyle(XYSeriesRenderStyle.Scatter);
    series.setMarker(SeriesMarkers.CIRCLE);
    series.setMarkerColor(new Color(0x1F77B4));
  }

  private static void addCurve(
      XYChart chart,
      String name,
      Cubic cubic,
      double from,
      double to,
      Color color,
      boolean dashed) {
    double[] xs = new double[CURVE_POINTS];
    double[] ys = new double[CURVE_POINTS];
    for (int i = 0; i < CURVE_POINTS; i++) {
      xs[i] = from + i * (to - from) / (CURVE_POINTS - 1);
      ys[i] = cubic.at(xs[i]);
    }
    XYSeries series = chart.addSeries(name, xs, ys);
    series.setXYSeriesRenderStyle(XYSeriesRenderStyle.Line);
    series.setMarker(SeriesMarkers.NONE);
    series.setLineColor(color);
    series.setLineStyle(
        dashed
            ? new BasicStroke(
                2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, new float[] {8f, 6f}, 0f)
            : new BasicStroke(2.5f));
  }

  private static Path save(XYChart chart, Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    BitmapEncoder.saveBitmap(chart, file.toString(), BitmapFormat.PNG);
    return file;
  }
}
