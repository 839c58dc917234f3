package org.folio.contacttracing.platform.logging;

import java.util.Map;
import org.apache.logging.log4j.core.util.ContextDataProvider;

/** Feeds {@link RequestLogContext} into log4j2, so layouts can use {@code %X{requestId}} and friends. */
public class VertxContextDataProvider implements ContextDataProvider {

  @Override
  public Map<String, String> supplyContextData() {
    return RequestLogContext.current();
  }
}
