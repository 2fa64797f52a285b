package dev.adjoint.spark;

import java.io.Serializable;
import java.util.Arrays;

/**
 * The rows of one partition packed into primitive arrays, once, so that every evaluation of a loss
 * runs over plain {@code double[]} as on one machine: no {@code Row}, no boxing, no per-row
 * objects.
 *
 * <p>A block holds the columns its {@link Packing} names: each {@linkplain #column(int) column} as
 * its own array (index {@code k} is the {@code k}-th name of {@link Packing#columns()}), and, if
 * the packing names matrix columns, one {@linkplain #matrix() row-major matrix} of those ({@code
 * matrix()[i * width() + j]} is column {@code j} of row {@code i}), the layout a dot product per
 * row reads contiguously. Rows keep the order the partition yields them in.
 *
 * <p>A block is never modified after packing; a loss must only read the arrays it gets.
 */
public final class DataBlock implements Serializable {

  private static final long serialVersionUID = 1L;

  private final int rows;
  private final double[][] columns;
  private final double[] matrix;
  private final int width;

  /**
   * A block over the given arrays, which it keeps without copying.
   *
   * @param rows the number of rows, not negative
   * @param columns one array of length {@code rows} per column
   * @param matrix the row-major matrix, of length {@code rows * width}
   * @param width the number of matrix columns, not negative
   * @throws IllegalArgumentException if a length disagrees with {@code rows}
   */
  public DataBlock(int rows, double[][] columns, double[] matrix, int width) {
    if (rows < 0 || width < 0) {
      throw new IllegalArgumentException("rows and width must not be negative");
    }
    for (int k = 0; k < columns.length; k++) {
      if (columns[k].length != rows) {
        throw new IllegalArgumentException(
            "column " + k + " has " + columns[k].length + " values for " + rows + " rows");
      }
    }
    if ((long) rows * width != matrix.length) {
      throw new IllegalArgumentException(
          "matrix has " + matrix.length + " values for " + rows + " rows of " + width);
    }
    this.rows = rows;
    this.columns = columns;
    this.matrix = matrix;
    this.width = width;
  }

  /**
   * The number of rows.
   *
   * @return the length of every column
   */
  public int rows() {
    return rows;
  }

  /**
   * The number of separately packed columns.
   *
   * @return the size of {@link Packing#columns()}
   */
  public int columnCount() {
    return columns.length;
  }

  /**
   * One packed column, not a copy.
   *
   * @param k the index of its name in {@link Packing#columns()}
   * @return its {@link #rows()} values
   */
  public double[] column(int k) {
    return columns[k];
  }

  /**
   * The row-major matrix of the {@link Packing#matrix()} columns, not a copy.
   *
   * @return {@code rows() * width()} values, empty when the packing names no matrix columns
   */
  public double[] matrix() {
    return matrix;
  }

  /**
   * The number of matrix columns.
   *
   * @return the size of {@link Packing#matrix()}
   */
  public int width() {
    return width;
  }

  @Override
  public String toString() {
    return "DataBlock[rows="
        + rows
        + ", columns="
        + columns.length
        + ", width="
        + width
        + ", first="
        + (rows == 0 || columns.length == 0 ? "[]" : Arrays.toString(firstRow()))
        + "]";
  }

  private double[] firstRow() {
    double[] first = new double[columns.length];
    for (int k = 0; k < columns.length; k++) {
      first[k] = columns[k][0];
    }
    return first;
  }
}
