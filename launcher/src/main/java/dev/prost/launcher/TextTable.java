package dev.prost.launcher;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** A plain-text table: a header row, columns as wide as their widest cell, numbers to the right. */
final class TextTable {

  private final String[] headers;
  private final boolean[] numeric;
  private final List<String[]> rows = new ArrayList<>();

  /** A header starting with {@code >} names a right-aligned column (the {@code >} is not printed). */
  TextTable(String... headers) {
    this.headers = new String[headers.length];
    this.numeric = new boolean[headers.length];
    for (int i = 0; i < headers.length; i++) {
      numeric[i] = headers[i].startsWith(">");
      this.headers[i] = numeric[i] ? headers[i].substring(1) : headers[i];
    }
  }

  TextTable row(Object... cells) {
    String[] text = new String[headers.length];
    for (int i = 0; i < headers.length; i++) {
      text[i] = i < cells.length && cells[i] != null ? cells[i].toString() : "-";
    }
    rows.add(text);
    return this;
  }

  /** Prints the table; nothing at all when it has no rows (the caller's summary line says so). */
  void print(PrintWriter out) {
    if (rows.isEmpty()) {
      return;
    }
    int[] widths = new int[headers.length];
    for (int i = 0; i < headers.length; i++) {
      widths[i] = headers[i].length();
      for (String[] row : rows) {
        widths[i] = Math.max(widths[i], row[i].length());
      }
    }
    line(out, headers, widths);
    rows.forEach(row -> line(out, row, widths));
  }

  private void line(PrintWriter out, String[] cells, int[] widths) {
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < cells.length; i++) {
      boolean last = i == cells.length - 1;
      String cell = cells[i];
      String pad = " ".repeat(widths[i] - cell.length());
      line.append(numeric[i] ? pad + cell : last ? cell : cell + pad);
      if (!last) {
        line.append("  ");
      }
    }
    out.println(line);
  }
}
