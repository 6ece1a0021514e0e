package dev.riservo.notice.refusal.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.riservo.notice.refusal.domain.Refusal;
import dev.riservo.problem.Problem;
import dev.riservo.problem.ProblemException;
import dev.riservo.problem.ProblemMappers;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** A service's {@link Refusal} as a problem document, through rest-problem's one writer. */
public class RefusalMapper {

  private final ProblemMappers problems;

  public RefusalMapper(ObjectMapper json) {
    this.problems = new ProblemMappers(json);
  }

  @ServerExceptionMapper
  public Response refused(Refusal refusal, UriInfo uri) {
    return problems.problem(toProblem(refusal), uri);
  }

  static ProblemException toProblem(Refusal refusal) {
    int status =
        switch (refusal.kind()) {
          case INVALID -> 400;
          case NOT_FOUND -> 404;
          case CONFLICT -> 409;
          case BREAKS_A_RULE -> 422;
        };
    String title =
        switch (refusal.kind()) {
          case INVALID -> "Request is not valid";
          case NOT_FOUND -> "Not found";
          case CONFLICT -> "Conflict";
          case BREAKS_A_RULE -> "Request breaks a rule";
        };
    return new ProblemException(
        status,
        refusal.slug(),
        title,
        refusal.getMessage(),
        refusal.issues().stream()
            .map(i -> new Problem.FieldError(i.field(), i.message()))
            .toList());
  }
}
