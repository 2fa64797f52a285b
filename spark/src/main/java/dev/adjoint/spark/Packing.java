package dev.adjoint.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Which numeric columns a {@link DataBlock} holds: {@link #columns()} each packed as its own {@code
 * double[]} (targets, weights, a single feature), and {@link #matrix()} packed together as one
 * row-major block (the features of a linear model). A column may appear in both.
 *
 * <pre>{@code
 * Packing.columns("x", "y")                     // block.column(0) is x, block.column(1) is y
 * Packing.columns("label").withMatrix(features) // block.matrix()[i * width + j] is features[j] of row i
 * }</pre>
 *
 * @param columns the names packed one array each, in this order
 * @param matrix the names packed as the row-major matrix, in this column order
 */
public record Packing(List<String> columns, List<String> matrix) implements Serializable {

  /**
   * Copies the lists and checks that something is packed and no list repeats a name.
   *
   * @param columns the names packed one array each
   * @param matrix the names packed as a matrix
   */
  public Packing {
    columns = List.copyOf(columns);
    matrix = List.copyOf(matrix);
    if (columns.isEmpty() && matrix.isEmpty()) {
      throw new IllegalArgumentException("a packing needs at least one column");
    }
    requireDistinct("columns", columns);
    requireDistinct("matrix", matrix);
  }

  /**
   * Packs each named column as its own array.
   *
   * @param names the column names, in the order of {@link DataBlock#column(int)}
   * @return a packing without a matrix
   */
  public static Packing columns(String... names) {
    return new Packing(List.of(names), List.of());
  }

  /**
   * Packs the named columns as one row-major matrix.
   *
   * @param names the matrix columns, in order
   * @return a packing of only a matrix
   */
  public static Packing matrix(String... names) {
    return new Packing(List.of(), List.of(names));
  }

  /**
   * This packing with the named columns as its row-major matrix.
   *
   * @param names the matrix columns, in order
   * @return a new packing with these columns and that matrix
   */
  public Packing withMatrix(String... names) {
    return new Packing(columns, List.of(names));
  }

  /**
   * Every name this packing reads, each once: {@link #columns()} then the matrix columns not among
   * them.
   *
   * @return the distinct names in that order
   */
  public List<String> distinctNames() {
    LinkedHashSet<String> all = new LinkedHashSet<>(columns);
    all.addAll(matrix);
    return new ArrayList<>(all);
  }

  private static void requireDistinct(String what, List<String> names) {
    if (new LinkedHashSet<>(names).size() != names.size()) {
      throw new IllegalArgumentException(what + " repeat a name: " + names);
    }
  }
}
