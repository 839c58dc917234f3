package org.folio.contacttracing.platform.cql;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The whitelist of one resource: which fields a {@code query} may search and sort by, and which fields hold personal
 * data, stored encrypted, that no query may touch.
 */
public final class SearchFields {
  private final Map<String, SearchField> fields = new LinkedHashMap<>();
  private final Set<String> personal;

  private SearchFields(List<SearchField> fields, Set<String> personal) {
    fields.forEach(field -> this.fields.put(field.name(), field));
    this.personal = Set.copyOf(personal);
  }

  public static SearchFields of(SearchField... fields) {
    return new SearchFields(List.of(fields), Set.of());
  }

  /** The same fields, with {@code names} (and every path under them) refused as personal data. */
  public SearchFields withPersonal(Set<String> names) {
    return new SearchFields(new ArrayList<>(fields.values()), names);
  }

  /** The field a query names; a personal or unknown one is a 400 that says which it is. */
  SearchField field(String name) {
    String root = name.contains(".") ? name.substring(0, name.indexOf('.')) : name;
    if (personal.contains(name) || personal.contains(root)) {
      throw new CqlException(name + " is personal data, stored encrypted; it can be neither searched nor sorted");
    }
    return Optional.ofNullable(fields.get(name)).orElseThrow(() -> new CqlException("Unknown field " + name
        + "; the fields to search and sort by are " + String.join(", ", names())));
  }

  public List<String> names() {
    return List.copyOf(fields.keySet());
  }
}
