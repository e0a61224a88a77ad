package dev.parley.archive;

/**
 * Why an export cannot be imported, naming the line of the file that says so: what {@code parley
 * import} prints. Thrown before anything is written (see {@link Importer}).
 */
public final class ImportRefused extends IllegalArgumentException {
  private final int line;

  public ImportRefused(int line, String why) {
    super("line " + line + ": " + why);
    this.line = line;
  }

  /** The line of the file, from 1. */
  public int line() {
    return line;
  }
}
