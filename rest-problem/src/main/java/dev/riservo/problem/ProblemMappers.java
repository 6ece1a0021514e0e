package dev.riservo.problem;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidDefinitionException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.quarkus.logging.Log;
import io.quarkus.security.AuthenticationCompletionException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceException;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The single place where exceptions become answers. Every error a Riservo service gives is an
 * {@code application/problem+json} document; none repeats a value the caller sent, and none leaks
 * an exception message of a library (those can quote input).
 */
public class ProblemMappers {

  private final ObjectMapper json;

  public ProblemMappers(ObjectMapper json) {
    this.json = json;
  }

  @ServerExceptionMapper
  public Response problem(ProblemException e, UriInfo uri) {
    Response answer =
        answer(
            new Problem(
                Problem.TYPE_PREFIX + e.slug(),
                e.title(),
                e.status(),
                e.getMessage(),
                uri.getPath(),
                e.errors()));
    // a dependency that is down: tell the caller when a retry makes sense
    return e.status() == 503 || e.status() == 429
        ? Response.fromResponse(answer).header("Retry-After", RETRY_AFTER_SECONDS).build()
        : answer;
  }

  /** When a caller may retry after a 503 of a dependency, or a 429. */
  static final String RETRY_AFTER_SECONDS = "5";

  @ServerExceptionMapper
  public Response violation(ConstraintViolationException e, UriInfo uri) {
    if (e.getConstraintViolations().stream().anyMatch(ProblemMappers::onReturnValue)) {
      Log.errorf("response failed its own validation on %s", uri.getPath());
      return serverError(uri);
    }
    List<Problem.FieldError> errors =
        e.getConstraintViolations().stream()
            .map(v -> new Problem.FieldError(fieldOf(v.getPropertyPath()), v.getMessage()))
            .sorted(Comparator.comparing(Problem.FieldError::field))
            .toList();
    String fields =
        errors.stream().map(Problem.FieldError::field).distinct().collect(Collectors.joining(", "));
    return answer(
        new Problem(
            Problem.TYPE_PREFIX + "validation",
            "Request is not valid",
            400,
            "Invalid fields: " + fields,
            uri.getPath(),
            errors));
  }

  @ServerExceptionMapper
  public Response unparsable(JsonParseException e, UriInfo uri) {
    return json(e, uri);
  }

  @ServerExceptionMapper
  public Response mismatched(MismatchedInputException e, UriInfo uri) {
    return json(e, uri);
  }

  @ServerExceptionMapper
  public Response mapping(JsonMappingException e, UriInfo uri) {
    return json(e, uri);
  }

  /**
   * Quarkus answers this one with an empty 500 of its own. Input can cause it (a creator property
   * read twice, before duplicate keys were refused): then it is a 400 like any unreadable body.
   */
  @ServerExceptionMapper
  public Response invalidDefinition(InvalidDefinitionException e, UriInfo uri) {
    if (JsonFailures.isUnparsable(e)) {
      return json(e, uri);
    }
    return unexpected(e, uri);
  }

  private Response json(Throwable e, UriInfo uri) {
    return answer(JsonFailures.describe(e, uri.getPath()));
  }

  @ServerExceptionMapper
  public Response unauthenticated(UnauthorizedException e, UriInfo uri) {
    return unauthorized(uri);
  }

  @ServerExceptionMapper({
    AuthenticationFailedException.class,
    AuthenticationCompletionException.class
  })
  public Response authenticationFailed(UriInfo uri) {
    return unauthorized(uri);
  }

  @ServerExceptionMapper
  public Response forbidden(ForbiddenException e, UriInfo uri) {
    return answer(
        new Problem(
            Problem.TYPE_PREFIX + "forbidden",
            "Forbidden",
            403,
            "Your roles do not allow this operation",
            uri.getPath(),
            List.of()));
  }

  @ServerExceptionMapper
  public Response dependencyDown(FaultToleranceException e, UriInfo uri) {
    Log.warnf("dependency unavailable on %s: %s", uri.getPath(), e.getClass().getSimpleName());
    return answer(
        new Problem(
            Problem.TYPE_PREFIX + "dependency-unavailable",
            "Service unavailable",
            503,
            "A service this request needs is not available; try again later",
            uri.getPath(),
            List.of()));
  }

  @ServerExceptionMapper
  public Response web(WebApplicationException e, UriInfo uri) {
    for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
      if (cause instanceof ProblemException problem) {
        return problem(problem, uri);
      }
      if (cause instanceof JsonProcessingException) {
        return json(cause, uri);
      }
    }
    int status = e.getResponse().getStatus();
    if (status >= 500) {
      Log.errorf(e, "server error on %s", uri.getPath());
    }
    Response.StatusType type = Response.Status.fromStatusCode(status);
    String title = type == null ? "HTTP " + status : type.getReasonPhrase();
    String slug = title.toLowerCase().replaceAll("[^a-z0-9]+", "-");
    return answer(
        new Problem(
            Problem.TYPE_PREFIX + slug, title, status, describe(status), uri.getPath(), List.of()));
  }

  @ServerExceptionMapper
  public Response unexpected(Throwable e, UriInfo uri) {
    Log.errorf(redacted(e), "unexpected failure on %s", uri.getPath());
    return serverError(uri);
  }

  /**
   * The failure as it may be logged: every exception's class and stack, never its message (a
   * library's message may quote the value it choked on, personal data included).
   */
  static Throwable redacted(Throwable e) {
    Throwable copy = new Throwable(e.getClass().getName() + " (message withheld)");
    copy.setStackTrace(e.getStackTrace());
    if (e.getCause() != null) {
      copy.initCause(redacted(e.getCause()));
    }
    return copy;
  }

  private Response serverError(UriInfo uri) {
    return answer(
        new Problem(
            Problem.TYPE_PREFIX + "internal",
            "Internal error",
            500,
            "The request could not be completed; it has been logged",
            uri.getPath(),
            List.of()));
  }

  private Response unauthorized(UriInfo uri) {
    return Response.fromResponse(
            answer(
                new Problem(
                    Problem.TYPE_PREFIX + "unauthorized",
                    "Unauthorized",
                    401,
                    "A valid bearer token is required",
                    uri.getPath(),
                    List.of())))
        .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
        .build();
  }

  private Response answer(Problem problem) {
    try {
      return Response.status(problem.status())
          .type(Problem.MEDIA_TYPE)
          .entity(json.writeValueAsString(problem))
          .build();
    } catch (JsonProcessingException impossible) {
      throw new IllegalStateException("a problem document could not be written", impossible);
    }
  }

  private static String describe(int status) {
    return switch (status) {
      case 404 -> "Nothing is served at this path";
      case 405 -> "This method is not allowed on this path";
      case 406 -> "No acceptable representation; ask for application/json";
      case 413 -> "The request body is too large";
      case 415 -> "Unsupported content type; send application/json";
      default -> status >= 500 ? "The request could not be completed" : "The request was refused";
    };
  }

  private static boolean onReturnValue(ConstraintViolation<?> violation) {
    for (Path.Node node : violation.getPropertyPath()) {
      if (node.getKind() == ElementKind.RETURN_VALUE) {
        return true;
      }
    }
    return false;
  }

  /** {@code create.body.phone} becomes {@code phone}; a lone parameter keeps its own name. */
  static String fieldOf(Path path) {
    List<String> afterParameter = new ArrayList<>();
    String parameter = null;
    for (Path.Node node : path) {
      if (node.getKind() == ElementKind.PARAMETER) {
        parameter = node.getName();
        afterParameter.clear();
      } else if (node.getKind() != ElementKind.METHOD) {
        // A node inside a list carries the list index: lines[0].code is (lines) then (code, 0).
        if (node.getIndex() != null && !afterParameter.isEmpty()) {
          int last = afterParameter.size() - 1;
          afterParameter.set(last, afterParameter.get(last) + "[" + node.getIndex() + "]");
        }
        if (node.getName() != null) {
          afterParameter.add(node.getName());
        }
      }
    }
    if (!afterParameter.isEmpty()) {
      return String.join(".", afterParameter);
    }
    return parameter == null ? path.toString() : parameter;
  }
}
