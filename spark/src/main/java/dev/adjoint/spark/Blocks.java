package dev.adjoint.spark;

import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;

/**
 * Packs the rows of each partition into one {@link DataBlock}: one pass over the data, the result
 * an RDD with exactly one block per partition (empty partitions give empty blocks), in partition
 * order. Nothing is cached here; {@link SparkObjective} persists what it packs.
 */
public final class Blocks {

  private static final int INITIAL_CAPACITY = 1024;

  private Blocks() {}

  /**
   * Packs numeric columns of a Dataset, cast to {@code double}.
   *
   * @param data the rows
   * @param packing the columns to pack
   * @return one block per partition of {@code data.select(…)}
   * @throws IllegalArgumentException if a column is missing or not numeric (packing fails on the
   *     executors, when the blocks are computed, if a value is null)
   */
  public static JavaRDD<DataBlock> pack(Dataset<Row> data, Packing packing) {
    List<String> names = packing.distinctNames();
    Column[] selected = new Column[names.size()];
    for (int k = 0; k < selected.length; k++) {
      String name = names.get(k);
      if (!Arrays.asList(data.schema().fieldNames()).contains(name)) {
        throw new IllegalArgumentException(
            "no column " + name + " among " + Arrays.toString(data.schema().fieldNames()));
      }
      StructField field = data.schema().apply(name);
      if (!(field.dataType() instanceof NumericType)) {
        throw new IllegalArgumentException(
            "column " + name + " is " + field.dataType().simpleString() + ", not a number");
      }
      // Back-quoted, so that a name with a dot is a column, not a field of a struct.
      selected[k] = data.col("`" + name.replace("`", "``") + "`").cast(DataTypes.DoubleType);
    }
    int[] columns = indexes(names, packing.columns());
    int[] matrix = indexes(names, packing.matrix());
    String[] labels = names.toArray(new String[0]);
    return data.select(selected)
        .javaRDD()
        .mapPartitions(rows -> List.of(packRows(rows, columns, matrix, labels)).iterator(), true);
  }

  /**
   * Packs an RDD of rows given as arrays.
   *
   * @param rows the rows, each with at least the largest index below plus one values
   * @param columns the row indexes packed one array each, in the order of {@link
   *     DataBlock#column(int)}
   * @param matrix the row indexes packed as the row-major matrix, in column order
   * @return one block per partition of {@code rows}
   */
  public static JavaRDD<DataBlock> pack(JavaRDD<double[]> rows, int[] columns, int[] matrix) {
    int[] c = columns.clone();
    int[] m = matrix.clone();
    return rows.mapPartitions(it -> List.of(packArrays(it, c, m)).iterator(), true);
  }

  static DataBlock packRows(Iterator<Row> rows, int[] columns, int[] matrix, String[] labels) {
    Builder b = new Builder(columns.length, matrix.length);
    while (rows.hasNext()) {
      Row row = rows.next();
      for (int k = 0; k < row.size(); k++) {
        if (row.isNullAt(k)) {
          throw new IllegalArgumentException("null in column " + labels[k] + " at row " + b.rows);
        }
      }
      b.ensureRoom();
      for (int k = 0; k < columns.length; k++) {
        b.columns[k][b.rows] = row.getDouble(columns[k]);
      }
      int base = b.rows * matrix.length;
      for (int j = 0; j < matrix.length; j++) {
        b.matrix[base + j] = row.getDouble(matrix[j]);
      }
      b.rows++;
    }
    return b.build();
  }

  static DataBlock packArrays(Iterator<double[]> rows, int[] columns, int[] matrix) {
    Builder b = new Builder(columns.length, matrix.length);
    while (rows.hasNext()) {
      double[] row = rows.next();
      b.ensureRoom();
      for (int k = 0; k < columns.length; k++) {
        b.columns[k][b.rows] = row[columns[k]];
      }
      int base = b.rows * matrix.length;
      for (int j = 0; j < matrix.length; j++) {
        b.matrix[base + j] = row[matrix[j]];
      }
      b.rows++;
    }
    return b.build();
  }

  private static int[] indexes(List<String> names, List<String> wanted) {
    int[] out = new int[wanted.size()];
    for (int k = 0; k < out.length; k++) {
      out[k] = names.indexOf(wanted.get(k));
    }
    return out;
  }

  /** Growable arrays, doubled when full and trimmed at the end: the row count is unknown. */
  private static final class Builder {
    final int width;
    double[][] columns;
    double[] matrix;
    int capacity = INITIAL_CAPACITY;
    int rows;

    Builder(int columnCount, int width) {
      this.width = width;
      columns = new double[columnCount][capacity];
      matrix = new double[Math.multiplyExact(capacity, width)];
    }

    void ensureRoom() {
      if (rows < capacity) {
        return;
      }
      int grown = (int) Math.min(Integer.MAX_VALUE - 8, 2L * capacity);
      if (grown <= rows || (long) grown * width > Integer.MAX_VALUE - 8) {
        throw new IllegalStateException("a partition has too many rows for one block: repartition");
      }
      for (int k = 0; k < columns.length; k++) {
        columns[k] = Arrays.copyOf(columns[k], grown);
      }
      matrix = Arrays.copyOf(matrix, grown * width);
      capacity = grown;
    }

    DataBlock build() {
      double[][] trimmed = new double[columns.length][];
      for (int k = 0; k < columns.length; k++) {
        trimmed[k] = Arrays.copyOf(columns[k], rows);
      }
      return new DataBlock(rows, trimmed, Arrays.copyOf(matrix, rows * width), width);
    }
  }
}
