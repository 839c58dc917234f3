package org.folio.contacttracing.platform.db;

import io.vertx.sqlclient.Tuple;

/** A parameterised SQL statement not yet sent, for another to carry along. */
public record Statement(String sql, Tuple parameters) {
}
