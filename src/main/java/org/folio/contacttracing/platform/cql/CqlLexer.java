package org.folio.contacttracing.platform.cql;

import java.util.ArrayList;
import java.util.List;

/** Splits CQL text into tokens; a quoted term keeps its escapes for the parser to read. */
final class CqlLexer {

  enum Type { LPAREN, RPAREN, SLASH, RELATION, WORD, QUOTED, END }

  /** @param position the 1-based character where it starts, for error messages that quote nothing */
  record Token(Type type, String text, int position) {
  }

  private static final String DELIMITERS = "()/<>=\"";

  private CqlLexer() {
  }

  static List<Token> tokens(String text) {
    List<Token> tokens = new ArrayList<>();
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '(' || c == ')' || c == '/') {
        tokens.add(new Token(c == '(' ? Type.LPAREN : c == ')' ? Type.RPAREN : Type.SLASH, String.valueOf(c), i + 1));
        i++;
      } else if (c == '=' || c == '<' || c == '>') {
        int length = relationLength(text, i);
        tokens.add(new Token(Type.RELATION, text.substring(i, i + length), i + 1));
        i += length;
      } else if (c == '"') {
        int end = closingQuote(text, i);
        tokens.add(new Token(Type.QUOTED, text.substring(i + 1, end), i + 1));
        i = end + 1;
      } else {
        int start = i;
        while (i < text.length() && !Character.isWhitespace(text.charAt(i)) && DELIMITERS.indexOf(text.charAt(i)) < 0) {
          // an escaped character belongs to the word, whatever it is
          i += text.charAt(i) == '\\' && i + 1 < text.length() ? 2 : 1;
        }
        tokens.add(new Token(Type.WORD, text.substring(start, i), start + 1));
      }
    }
    tokens.add(new Token(Type.END, "", text.length() + 1));
    return tokens;
  }

  private static int relationLength(String text, int i) {
    char c = text.charAt(i);
    char next = i + 1 < text.length() ? text.charAt(i + 1) : ' ';
    boolean two = c == '=' ? next == '=' : c == '<' ? next == '=' || next == '>' : next == '=';
    return two ? 2 : 1;
  }

  private static int closingQuote(String text, int open) {
    int i = open + 1;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '\\') {
        i += 2;
      } else if (c == '"') {
        return i;
      } else {
        i++;
      }
    }
    throw new CqlException("The quoted term that starts at character " + (open + 1) + " has no closing quote");
  }
}
