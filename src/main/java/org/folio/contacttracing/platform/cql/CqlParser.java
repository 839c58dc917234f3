package org.folio.contacttracing.platform.cql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.folio.contacttracing.platform.cql.CqlLexer.Token;
import org.folio.contacttracing.platform.cql.CqlLexer.Type;

/**
 * A recursive-descent parser of the CQL subset the module answers: clauses {@code field relation term},
 * {@code cql.allRecords=1}, {@code and}, {@code or}, {@code not}, parentheses and {@code sortby}. Length, nesting and
 * clause count are bounded, so that a hostile query is a 400 and never exhausts the stack.
 */
public final class CqlParser {
  public static final int MAX_LENGTH = 4000;
  public static final int MAX_DEPTH = 20;
  public static final int MAX_CLAUSES = 200;
  public static final int MAX_SORT_KEYS = 5;
  /** Field names as JSON paths of the records; a name that is not one is refused without being repeated. */
  static final Pattern FIELD = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,63}(\\.[A-Za-z][A-Za-z0-9_]{0,63}){0,3}");
  private static final Set<String> CQL_RELATION_WORDS = Set.of("all", "any", "adj", "within", "encloses", "exact");

  private final List<Token> tokens;
  private int next;
  private int clauses;

  private CqlParser(List<Token> tokens) {
    this.tokens = tokens;
  }

  /** Parses {@code text}; anything outside the subset is a {@link CqlException}. */
  public static CqlQuery parse(String text) {
    if (text.length() > MAX_LENGTH) {
      throw new CqlException("query must be at most " + MAX_LENGTH + " characters");
    }
    if (!storable(text)) {
      throw new CqlException("query must not contain control characters or unpaired UTF-16 surrogates");
    }
    if (text.isBlank()) {
      throw new CqlException("query must not be empty; cql.allRecords=1 finds every record");
    }
    CqlParser parser = new CqlParser(CqlLexer.tokens(text));
    CqlNode where = parser.scoped(0);
    List<CqlQuery.SortKey> sortKeys = parser.sortKeys();
    Token end = parser.peek();
    if (end.type() != Type.END) {
      throw parser.unexpected(end, "and, or, not, sortby or the end of the query");
    }
    return new CqlQuery(where, sortKeys);
  }

  private CqlNode scoped(int depth) {
    CqlNode node = clause(depth);
    while (peek().type() == Type.WORD && booleanOperator(peek().text()).isPresent()) {
      Token operator = take();
      if (peek().type() == Type.SLASH) {
        throw new CqlException("Boolean modifiers are not supported (character " + peek().position() + ")");
      }
      node = new CqlNode.Bool(booleanOperator(operator.text()).orElseThrow(), node, clause(depth));
    }
    return node;
  }

  private CqlNode clause(int depth) {
    Token first = take();
    if (first.type() == Type.LPAREN) {
      if (depth + 1 > MAX_DEPTH) {
        throw new CqlException("query must not nest parentheses more than " + MAX_DEPTH + " deep");
      }
      CqlNode inner = scoped(depth + 1);
      Token close = take();
      if (close.type() != Type.RPAREN) {
        throw unexpected(close, "a closing parenthesis");
      }
      return inner;
    }
    if (first.type() != Type.WORD || !FIELD.matcher(first.text()).matches() || keyword(first.text())) {
      throw unexpected(first, "a search clause such as status==\"pending\"");
    }
    Token relation = take();
    if (relation.type() != Type.RELATION) {
      if (relation.type() == Type.WORD && CQL_RELATION_WORDS.contains(relation.text().toLowerCase(Locale.ROOT))) {
        throw new CqlException("The relation " + relation.text().toLowerCase(Locale.ROOT)
            + " is not supported; use ==, =, <>, <, <=, > or >=");
      }
      throw new CqlException("Each search term needs a field and a relation, such as status==\"pending\" (character "
          + first.position() + ")");
    }
    Relation parsed = Relation.ofSymbol(relation.text()).orElseThrow(() -> unexpected(relation, "a relation"));
    if (peek().type() == Type.SLASH) {
      throw new CqlException("Relation modifiers are not supported (character " + peek().position() + ")");
    }
    Token term = take();
    if (term.type() != Type.WORD && term.type() != Type.QUOTED) {
      throw unexpected(term, "a search term");
    }
    if (++clauses > MAX_CLAUSES) {
      throw new CqlException("query must have at most " + MAX_CLAUSES + " clauses");
    }
    if ("cql.allRecords".equalsIgnoreCase(first.text())) {
      if (parsed != Relation.EQUALS && parsed != Relation.EXACT || !"1".equals(term.text())) {
        throw new CqlException("cql.allRecords takes only =1");
      }
      return new CqlNode.AllRecords();
    }
    return clause(first.text(), parsed, term);
  }

  private static CqlNode clause(String field, Relation relation, Token term) {
    String raw = term.text();
    StringBuilder value = new StringBuilder();
    boolean truncated = false;
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c == '\\') {
        if (i + 1 == raw.length()) {
          throw new CqlException("The term at character " + term.position() + " ends with an unfinished escape");
        }
        value.append(raw.charAt(++i));
      } else if (c == '*' && i == raw.length() - 1) {
        truncated = true;
      } else if (c == '*' || c == '?' || c == '^') {
        throw new CqlException("The term at character " + term.position() + " uses a wildcard or anchor that is not"
            + " supported: only * at the end of a term (starts with); escape a literal one with a backslash");
      } else {
        value.append(c);
      }
    }
    return new CqlNode.Clause(field, relation, value.toString(), truncated);
  }

  private List<CqlQuery.SortKey> sortKeys() {
    if (peek().type() != Type.WORD || !"sortby".equalsIgnoreCase(peek().text())) {
      return List.of();
    }
    take();
    List<CqlQuery.SortKey> keys = new ArrayList<>();
    while (peek().type() == Type.WORD) {
      Token field = take();
      if (!FIELD.matcher(field.text()).matches() || keyword(field.text())) {
        throw unexpected(field, "a field to sort by");
      }
      boolean descending = false;
      if (peek().type() == Type.SLASH) {
        take();
        Token modifier = take();
        String name = modifier.text().toLowerCase(Locale.ROOT);
        if (modifier.type() != Type.WORD || !name.equals("sort.ascending") && !name.equals("sort.descending")) {
          throw new CqlException("Sort modifiers are /sort.ascending and /sort.descending (character "
              + modifier.position() + ")");
        }
        descending = name.equals("sort.descending");
      }
      keys.add(new CqlQuery.SortKey(field.text(), descending));
      if (keys.size() > MAX_SORT_KEYS) {
        throw new CqlException("sortby takes at most " + MAX_SORT_KEYS + " fields");
      }
    }
    if (keys.isEmpty()) {
      throw new CqlException("sortby needs at least one field");
    }
    return keys;
  }

  private static Optional<CqlNode.Operator> booleanOperator(String word) {
    return switch (word.toLowerCase(Locale.ROOT)) {
      case "and" -> Optional.of(CqlNode.Operator.AND);
      case "or" -> Optional.of(CqlNode.Operator.OR);
      case "not" -> Optional.of(CqlNode.Operator.NOT);
      case "prox" -> throw new CqlException("The boolean prox is not supported; use and, or, not");
      default -> Optional.empty();
    };
  }

  private static boolean keyword(String word) {
    String lower = word.toLowerCase(Locale.ROOT);
    return lower.equals("and") || lower.equals("or") || lower.equals("not") || lower.equals("prox")
        || lower.equals("sortby");
  }

  private Token peek() {
    return tokens.get(next);
  }

  private Token take() {
    Token token = tokens.get(next);
    if (token.type() != Type.END) {
      next++;
    }
    return token;
  }

  private CqlException unexpected(Token token, String expected) {
    return new CqlException(token.type() == Type.END ? "query ends where " + expected + " was expected"
        : "query has something else at character " + token.position() + " where " + expected + " was expected");
  }

  /** No control character (a tab, line break or space is fine) and no unpaired surrogate: PostgreSQL takes no NUL. */
  private static boolean storable(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isISOControl(c) && !Character.isWhitespace(c)) {
        return false;
      }
      if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return false;
      }
    }
    return true;
  }
}
