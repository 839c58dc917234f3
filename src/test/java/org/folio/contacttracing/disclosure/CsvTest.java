package org.folio.contacttracing.disclosure;

import static org.assertj.core.api.Assertions.assertThat;

import java.text.Normalizer;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * What a spreadsheet would run stays text: after the module's neutralisation, a cell either starts with the
 * apostrophe or, with leading white space and invisible characters stripped and NFKC applied, starts with none of
 * {@code = + - @}. Harmless cells are left as they are.
 */
class CsvTest {
  /** The formula starts and their look-alikes that NFKC makes ASCII (full-width, small, superscript, subscript). */
  private static final List<String> FORMULA_FORMS = List.of("=", "+", "-", "@", "\uFF1D", "\uFF0B", "\uFF0D",
      "\uFF20", "\uFE66", "\uFE62", "\uFE63", "\uFE6B", "\u207C", "\u207A", "\u207B", "\u208C", "\u208A", "\u208B");
  /** White space and characters that show as nothing. */
  private static final List<String> INVISIBLE = List.of(" ", "\t", "\r", "\n", "\u000B", "\u000C", "\u0085",
      "\u00A0", "\u1680", "\u2000", "\u2007", "\u200A", "\u202F", "\u205F", "\u3000", "\u2028", "\u2029",
      "\u200B", "\u200C", "\u200D", "\u200E", "\u200F", "\u2060", "\uFEFF", "\u00AD", "\u061C", "\u180E",
      "\u202A", "\u202E", "\u2066", "\u2069", "\u0001", "\u001F", "\u007F", "\u009F", "\u0301", "\u034F",
      "\uFE0F", "\u3164", "\u115F", "\u2800", "\uDB40\uDC20");
  private static final List<String> ORDINARY = List.of("a", "Z", "7", "é", "Ø", "日", "Ω", "'", "\"", ",", ";",
      "(", ")", "%", "#", ".", "/", "|", "!", "?", "*", "\u00A8", "\u2212", "\uD83D\uDE00", "x", "Mary", "1+1",
      "SUM(A1:A9)", "HYPERLINK(\"http://evil.example\")", "cmd|' /C calc'!A0");

  /** What the spreadsheet is assumed to see first: the brief's oracle, independent of the module's code. */
  private static boolean looksLikeAFormula(String cell) {
    int i = 0;
    while (i < cell.length()) {
      int c = cell.codePointAt(i);
      int type = Character.getType(c);
      boolean skipped = Character.isWhitespace(c) || type == Character.SPACE_SEPARATOR
          || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR
          || type == Character.FORMAT || type == Character.CONTROL;
      if (!skipped) {
        break;
      }
      i += Character.charCount(c);
    }
    String shown = Normalizer.normalize(cell.substring(i), Normalizer.Form.NFKC);
    return !shown.isEmpty() && "=+-@".indexOf(shown.charAt(0)) >= 0;
  }

  @Provide
  Arbitrary<String> cells() {
    Arbitrary<String> piece = Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(3, Arbitraries.of(INVISIBLE)),
        net.jqwik.api.Tuple.of(3, Arbitraries.of(FORMULA_FORMS)),
        net.jqwik.api.Tuple.of(4, Arbitraries.of(ORDINARY)),
        net.jqwik.api.Tuple.of(1, Arbitraries.strings().ofMaxLength(3)));
    return piece.list().ofMaxSize(8).map(pieces -> String.join("", pieces));
  }

  @Property(tries = 3000)
  void nothingASpreadsheetWouldRunLeavesUnneutralised(@ForAll("cells") String cell) {
    String out = Csv.neutralise(cell);
    assertThat(out).isIn(cell, "'" + cell);
    if (!out.startsWith("'")) {
      assertThat(looksLikeAFormula(out)).as("%s", escaped(cell)).isFalse();
    }
  }

  @Provide
  Arbitrary<String> formulasBehindInvisibles() {
    return Combinators.combine(Arbitraries.of(INVISIBLE).list().ofMaxSize(4), Arbitraries.of(FORMULA_FORMS),
        cells()).as((invisible, formula, rest) -> String.join("", invisible) + formula + rest);
  }

  @Property(tries = 2000)
  void aFormulaBehindWhiteSpaceOrInvisibleCharactersIsNeutralised(@ForAll("formulasBehindInvisibles") String cell) {
    assertThat(Csv.neutralise(cell)).as("%s", escaped(cell)).isEqualTo("'" + cell);
  }

  @Provide
  Arbitrary<String> harmless() {
    Arbitrary<String> first = Arbitraries.of("a", "Z", "7", "é", "日", "Ω", "(", "\"", "%", "#", ".", "'", "Mary",
        "Anne-Marie", "O'Brien", "\uD83D\uDE00");
    return Combinators.combine(first, cells()).as((head, rest) -> head + rest);
  }

  @Property(tries = 2000)
  void harmlessCellsAreLeftAsTheyAre(@ForAll("harmless") String cell) {
    assertThat(Csv.neutralise(cell)).isEqualTo(cell);
  }

  @Example
  void theCasesOfTheIssue() {
    for (String cell : List.of("=1+1", "\uFF1D1+1", " =1+1", "\u00A0=1+1", "\u200B=1+1", "\uFEFF=1+1",
        "\n=1+1", "\r\n=1+1", "\u2028=1+1", "\u3000\uFF0B1", "\u200D\uFF20SUM(A1)", "\t\u2212 1", "\u00A8=1")) {
      assertThat(Csv.neutralise(cell)).as(escaped(cell)).isEqualTo("'" + cell);
    }
    for (String cell : List.of("Mary Marker", "Quote \"Me\" Smith", "New\nLine", " Mary", "\u00A0Mary",
        "visitor@example.org", "12 Civic Plaza", "")) {
      assertThat(Csv.neutralise(cell)).as(escaped(cell)).isEqualTo(cell);
    }
    assertThat(Csv.row(List.of("\uFF1D1+1", "a\"b"))).isEqualTo("\"'\uFF1D1+1\",\"a\"\"b\"\r\n");
  }

  private static String escaped(String text) {
    StringBuilder out = new StringBuilder();
    text.codePoints().forEach(c -> out.append(c >= 0x20 && c < 0x7F ? Character.toString(c)
        : String.format("\\u%04X", c)));
    return out.toString();
  }
}
