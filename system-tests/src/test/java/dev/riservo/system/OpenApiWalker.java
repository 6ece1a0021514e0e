package dev.riservo.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a service's served OpenAPI document (3.x, JSON) into its operations: method, path,
 * parameters, body media type and schema (references resolved), and the roles its security
 * requirement names. Whatever a resource declares is walked; nobody lists operations by hand.
 */
final class OpenApiWalker {

  static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");

  /** A declared parameter (path, query or header). */
  record Param(String name, String in, boolean required, JsonNode schema, JsonNode example) {}

  /** One operation of one service. */
  record Operation(
      Service service,
      String method,
      String path,
      List<Param> params,
      String mediaType,
      JsonNode bodySchema,
      List<String> roles) {

    String label() {
      return method + " " + path;
    }

    List<Param> params(String in) {
      return params.stream().filter(p -> p.in().equals(in)).toList();
    }
  }

  /** A service: its name, direct base URL, and prefix on the gateway. */
  record Service(String name, String direct, String gatewayPrefix) {}

  private final JsonNode document;

  private OpenApiWalker(JsonNode document) {
    this.document = document;
  }

  /** The service's document, as served at {@code /q/openapi?format=json}. */
  static OpenApiWalker load(Service service) throws IOException, InterruptedException {
    HttpResponse<String> answer =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(service.direct() + "/q/openapi?format=json"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    if (answer.statusCode() != 200) {
      throw new IllegalStateException(
          service.name() + " serves no OpenAPI document: " + answer.statusCode());
    }
    return new OpenApiWalker(JSON.readTree(answer.body()));
  }

  List<Operation> operations(Service service) {
    List<Operation> operations = new ArrayList<>();
    document
        .path("paths")
        .fields()
        .forEachRemaining(
            path -> {
              JsonNode item = path.getValue();
              item.fields()
                  .forEachRemaining(
                      op -> {
                        if (METHODS.contains(op.getKey())) {
                          operations.add(operation(service, path.getKey(), item, op));
                        }
                      });
            });
    return operations;
  }

  private Operation operation(
      Service service, String path, JsonNode item, Map.Entry<String, JsonNode> entry) {
    JsonNode op = entry.getValue();
    List<Param> params = new ArrayList<>();
    for (JsonNode list : List.of(item.path("parameters"), op.path("parameters"))) {
      for (JsonNode p : list) {
        JsonNode param = resolve(p);
        JsonNode example = param.get("example");
        if (example == null && param.path("examples").isObject()) {
          Iterator<JsonNode> values = param.path("examples").elements();
          example = values.hasNext() ? values.next().get("value") : null;
        }
        params.add(
            new Param(
                param.path("name").asText(),
                param.path("in").asText(),
                param.path("required").asBoolean(false),
                resolve(param.path("schema")),
                example));
      }
    }
    String mediaType = null;
    JsonNode bodySchema = null;
    JsonNode content = resolve(op.path("requestBody")).path("content");
    if (content.isObject() && content.size() > 0) {
      Map.Entry<String, JsonNode> first = content.fields().next();
      mediaType = first.getKey();
      bodySchema = resolve(first.getValue().path("schema"));
    }
    List<String> roles = new ArrayList<>();
    for (JsonNode requirement : op.path("security")) {
      requirement.fields().forEachRemaining(s -> s.getValue().forEach(r -> roles.add(r.asText())));
    }
    return new Operation(
        service,
        entry.getKey().toUpperCase(java.util.Locale.ROOT),
        path,
        params,
        mediaType,
        bodySchema,
        roles);
  }

  /** The schema or object a {@code $ref} points to (siblings of the reference are ignored). */
  JsonNode resolve(JsonNode node) {
    JsonNode at = node;
    for (int hops = 0; at != null && at.has("$ref") && hops < 10; hops++) {
      String ref = at.get("$ref").asText();
      if (!ref.startsWith("#/")) {
        return JsonNodeFactory.instance.objectNode();
      }
      JsonNode target = document;
      for (String part : ref.substring(2).split("/")) {
        target = target.path(part.replace("~1", "/").replace("~0", "~"));
      }
      at = target;
    }
    if (at != null && at.has("allOf")) {
      ObjectNode merged = JsonNodeFactory.instance.objectNode();
      for (JsonNode part : at.get("allOf")) {
        JsonNode resolved = resolve(part);
        if (resolved.isObject()) {
          merged.setAll((ObjectNode) resolved.deepCopy());
        }
      }
      return merged;
    }
    for (String choice : List.of("oneOf", "anyOf")) {
      if (at != null && at.path(choice).isArray() && at.get(choice).size() > 0) {
        return resolve(at.get(choice).get(0));
      }
    }
    return at == null ? JsonNodeFactory.instance.objectNode() : at;
  }

  /** The schema's type: the first non-null one of a 3.1 type list; inferred when absent. */
  static String type(JsonNode schema) {
    JsonNode type = schema.get("type");
    if (type != null && type.isArray()) {
      for (JsonNode t : type) {
        if (!"null".equals(t.asText())) {
          return t.asText();
        }
      }
    }
    if (type != null && type.isTextual()) {
      return type.asText();
    }
    if (schema.has("properties") || schema.has("additionalProperties")) {
      return "object";
    }
    if (schema.has("items")) {
      return "array";
    }
    return schema.has("enum") ? "string" : "";
  }
}
