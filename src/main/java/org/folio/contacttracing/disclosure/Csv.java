package org.folio.contacttracing.disclosure;

import java.text.Normalizer;
import java.util.List;

/**
 * RFC 4180 CSV that a spreadsheet opens as text: every cell is quoted, with embedded quotes doubled, lines end with
 * CRLF, and every cell that a spreadsheet might run as a formula is prefixed with an apostrophe.
 */
final class Csv {
  /** What starts a formula, once a spreadsheet has skipped what it does not show; U+2212 is the minus sign. */
  private static final String FORMULA_STARTS = "=+-@\u2212";

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
    return runnable(cell) ? "'" + cell : cell;
  }

  /**
   * Whether a spreadsheet might take the cell for a formula: it starts with a tab or a carriage return, or its first
   * character that shows, after leading white space and invisible characters (line breaks, no-break and zero-width
   * spaces, byte order marks, direction marks, controls, combining marks, fillers) and after NFKC normalisation
   * (which makes the full-width, small, superscript and subscript forms of {@code = + - @} ASCII), starts one.
   */
  static boolean runnable(String cell) {
    char first = cell.charAt(0);
    if (first == '\t' || first == '\r') {
      return true;
    }
    // normalising can itself yield a leading space (U+00A8 is a space and a combining diaeresis): skip again
    String shown = skipInvisible(Normalizer.normalize(skipInvisible(cell), Normalizer.Form.NFKC));
    return !shown.isEmpty() && FORMULA_STARTS.indexOf(shown.codePointAt(0)) >= 0;
  }

  private static String skipInvisible(String text) {
    int i = 0;
    while (i < text.length() && invisible(text.codePointAt(i))) {
      i += Character.charCount(text.codePointAt(i));
    }
    return text.substring(i);
  }

  private static boolean invisible(int codePoint) {
    if (Character.isWhitespace(codePoint) || Character.isSpaceChar(codePoint)) {
      return true;   // Zs, Zl, Zp and the ASCII and other white space controls
    }
    return switch (Character.getType(codePoint)) {
      case Character.CONTROL, Character.FORMAT, Character.NON_SPACING_MARK, Character.ENCLOSING_MARK -> true;
      // letters and symbols that show as nothing (Hangul fillers, Braille blank), and default-ignorable code
      // points not yet assigned (U+2065, U+FFF0 to U+FFF8, tags)
      default -> codePoint == 0x115F || codePoint == 0x1160 || codePoint == 0x3164 || codePoint == 0xFFA0
          || codePoint == 0x2800 || codePoint >= 0x2060 && codePoint <= 0x206F
          || codePoint >= 0xFFF0 && codePoint <= 0xFFF8 || codePoint >= 0xE0000 && codePoint <= 0xE0FFF;
    };
  }
}
