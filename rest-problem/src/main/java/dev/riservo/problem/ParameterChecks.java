package dev.riservo.problem;

import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Refuses U+0000 in any path or query parameter (sent as {@code %00}) with a 400 problem naming the
 * parameter, before a resource sees it: PostgreSQL cannot store it in text, and a lookup with it
 * fails in the driver.
 */
public class ParameterChecks {

  @ServerRequestFilter
  public void refuseNul(UriInfo uri) {
    refuseNul(uri.getPathParameters());
    refuseNul(uri.getQueryParameters());
  }

  private static void refuseNul(MultivaluedMap<String, String> parameters) {
    for (Map.Entry<String, List<String>> parameter : parameters.entrySet()) {
      String name = parameter.getKey();
      if (name.indexOf('\0') >= 0) {
        throw ProblemException.badRequest("(parameter name)", RefusedJsonValue.NUL);
      }
      for (String value : parameter.getValue()) {
        if (value != null && value.indexOf('\0') >= 0) {
          throw ProblemException.badRequest(name, RefusedJsonValue.NUL);
        }
      }
    }
  }
}
