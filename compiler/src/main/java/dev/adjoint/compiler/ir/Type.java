package dev.adjoint.compiler.ir;

/**
 * The value types of the IR: the Java primitive types a differentiable method may use, and the
 * primitive arrays that parameters and the reverse sweep's storage need.
 */
public enum Type {
  DOUBLE("double"),
  /** {@code float}: differentiable like double; the generated code keeps it float. */
  FLOAT("float"),
  INT("int"),
  LONG("long"),
  BOOLEAN("boolean"),
  DOUBLE_ARRAY("double[]"),
  INT_ARRAY("int[]"),
  /** {@code float[]}: differentiable like double[]; its elements stay float. */
  FLOAT_ARRAY("float[]"),
  LONG_ARRAY("long[]"),
  BOOLEAN_ARRAY("boolean[]"),
  /** {@code double[][]}: an array of rows, rectangular or ragged. */
  DOUBLE_MATRIX("double[][]"),
  /** {@code float[][]}: an array of float rows, rectangular or ragged. */
  FLOAT_MATRIX("float[][]"),
  /** Only as the return type of a called method that returns nothing. */
  VOID("void");

  private final String javaName;

  Type(String javaName) {
    this.javaName = javaName;
  }

  /** The Java spelling of this type. */
  public String javaName() {
    return javaName;
  }

  /** True for the types that carry derivatives. */
  public boolean isFloating() {
    return this == DOUBLE || this == FLOAT;
  }

  public boolean isIntegral() {
    return this == INT || this == LONG;
  }

  public boolean isNumeric() {
    return isFloating() || isIntegral();
  }

  public boolean isArray() {
    return this == DOUBLE_ARRAY
        || this == INT_ARRAY
        || this == LONG_ARRAY
        || this == BOOLEAN_ARRAY
        || this == DOUBLE_MATRIX
        || this == FLOAT_ARRAY
        || this == FLOAT_MATRIX;
  }

  /** True for the arrays of rows: {@code double[][]} and {@code float[][]}. */
  public boolean isMatrix() {
    return this == DOUBLE_MATRIX || this == FLOAT_MATRIX;
  }

  /** The type of the numbers an array holds (through its rows); a scalar type itself. */
  public Type scalar() {
    return isArray() ? elementType().scalar() : this;
  }

  /**
   * True for the types whose values carry derivatives: {@code double} and {@code float}, and the
   * arrays and matrices of them.
   */
  public boolean carriesDerivatives() {
    return scalar().isFloating();
  }

  /** The element type of an array type. */
  public Type elementType() {
    return switch (this) {
      case DOUBLE_ARRAY -> DOUBLE;
      case INT_ARRAY -> INT;
      case LONG_ARRAY -> LONG;
      case BOOLEAN_ARRAY -> BOOLEAN;
      case DOUBLE_MATRIX -> DOUBLE_ARRAY;
      case FLOAT_ARRAY -> FLOAT;
      case FLOAT_MATRIX -> FLOAT_ARRAY;
      default -> throw new IllegalStateException(this + " is not an array type");
    };
  }

  /** The array type whose elements have this type. */
  public Type arrayOf() {
    return switch (this) {
      case DOUBLE -> DOUBLE_ARRAY;
      case INT -> INT_ARRAY;
      case LONG -> LONG_ARRAY;
      case BOOLEAN -> BOOLEAN_ARRAY;
      case DOUBLE_ARRAY -> DOUBLE_MATRIX;
      case FLOAT -> FLOAT_ARRAY;
      case FLOAT_ARRAY -> FLOAT_MATRIX;
      default -> throw new IllegalStateException("no array of " + this);
    };
  }

  /** Binary numeric promotion (JLS 5.6.2) of two numeric types. */
  public static Type promote(Type a, Type b) {
    if (a == DOUBLE || b == DOUBLE) {
      return DOUBLE;
    }
    if (a == FLOAT || b == FLOAT) {
      return FLOAT;
    }
    if (a == LONG || b == LONG) {
      return LONG;
    }
    return INT;
  }

  /** Whether a value of type {@code from} may be assigned to {@code to} without a cast. */
  public static boolean assignable(Type from, Type to) {
    if (from == to) {
      return true;
    }
    return switch (to) {
      case DOUBLE -> from == INT || from == LONG || from == FLOAT;
      case FLOAT -> from == INT || from == LONG;
      case LONG -> from == INT;
      default -> false;
    };
  }
}
