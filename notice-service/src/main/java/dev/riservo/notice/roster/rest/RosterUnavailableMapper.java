package dev.riservo.notice.roster.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.riservo.notice.roster.domain.RosterUnavailable;
import dev.riservo.problem.ProblemException;
import dev.riservo.problem.ProblemMappers;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** An unreadable roster as a 503 problem with {@code Retry-After}, through rest-problem. */
public class RosterUnavailableMapper {

  private final ProblemMappers problems;

  public RosterUnavailableMapper(ObjectMapper json) {
    this.problems = new ProblemMappers(json);
  }

  @ServerExceptionMapper
  public Response unavailable(RosterUnavailable e, UriInfo uri) {
    return problems.problem(
        ProblemException.unavailable("Keycloak, which holds the staff roster,"), uri);
  }
}
