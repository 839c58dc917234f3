package org.folio.contacttracing.disclosure;

import java.util.List;

/**
 * RFC 4180 CSV that a spreadsheet opens as text: every cell that a spreadsheet would evaluate (leading
 * {@code =}, {@code +}, {@code -}, {@code @}, tab or carriage return) is prefixed with an apostrophe, and
 * every cell is quoted, with embedded quotes doubled. Lines end with CRLF.
 */
final class Csv {
  private Csv() {
  }

  static String row(List<String> cells) {
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < cells.size(); i++) {
      if (i > 0) {
        line.append(',');
      }
      line.append('"').append(neutralise(cells.get(i)).replace("\"", "\"\"")).append('"');
    }
    return line.append("\r\n").toString();
  }

  static String neutralise(String cell) {
    if (cell == null || cell.isEmpty()) {
      return "";
    }
    char first = cell.charAt(0);
    boolean formula = first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r';
    return formula ? "'" + cell : cell;
  }
}
