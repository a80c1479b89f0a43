package dev.confidant.core.internal.tools;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.keyword.NonValidationKeyword;
import com.networknt.schema.path.PathType;
import dev.confidant.api.RawJson;
import java.util.ArrayList;
import java.util.List;

/**
 * A JSON schema of tool arguments or of a {@code response_format}, checked by the networknt JSON Schema validator:
 * every keyword of the schema's dialect ({@code $schema}, else draft 2020-12), {@code pattern} and {@code format}
 * included (format assertions on), plus OpenAPI's {@code nullable: true}, which function definitions often use.
 * References resolve inside the schema only ({@code #}, {@code #/$defs/...}, {@code #/definitions/...}): nothing is
 * fetched from the network or the class path. Immutable and thread-safe.
 */
public final class JsonSchema {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Draft 2020-12 with OpenAPI's {@code nullable}: a nullable field accepts {@code null} whatever its type says. */
  private static final Dialect DIALECT = Dialect.builder(Dialects.getDraft202012())
      .keyword(new NonValidationKeyword("nullable"))
      .build();
  private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(DIALECT, builder -> builder
      .schemaRegistryConfig(SchemaRegistryConfig.builder()
          .formatAssertionsEnabled(true).pathType(PathType.JSON_PATH).build())
      // Schemas come from callers: a $ref must never make the engine read a URL or a class-path resource.
      .schemaLoader(loader -> loader.block(iri -> !iri.toString().startsWith("https://json-schema.org/"))));
  private final Schema schema;

  private JsonSchema(Schema schema) {
    this.schema = schema;
  }

  /**
   * Parses a schema.
   *
   * @throws IllegalArgumentException if it is not a JSON object or not a valid schema
   */
  public static JsonSchema parse(RawJson json) {
    JsonNode node;
    try {
      node = JSON.readTree(json.json());
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not valid JSON: " + e.getOriginalMessage(), e);
    }
    if (node == null || !node.isObject()) {
      throw new IllegalArgumentException("a JSON schema must be a JSON object");
    }
    try {
      return new JsonSchema(REGISTRY.getSchema(node));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("not a valid JSON schema: " + e.getMessage(), e);
    }
  }

  /**
   * What is wrong with unparsable JSON, without quoting it: Jackson's messages quote the offending token, which may
   * be a restored personal value, and these problems end up in exception messages and in text sent to models.
   */
  public static String syntaxProblem(JsonProcessingException e) {
    String what = e instanceof com.fasterxml.jackson.core.io.JsonEOFException ? "it ends before the JSON is complete"
        : "syntax error";
    return e.getLocation() == null ? what
        : what + " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
  }

  /**
   * Checks arguments the model produced.
   *
   * @return the problems, each "{@code $.path: what is wrong}"; empty when the arguments are valid
   */
  List<String> validate(String arguments) {
    JsonNode value;
    try {
      value = JSON.readTree(arguments.isBlank() ? "{}" : arguments);
    } catch (JsonProcessingException e) {
      return List.of("$: the arguments are not valid JSON (" + syntaxProblem(e) + ")");
    }
    return validate(value);
  }

  /**
   * Checks a parsed value.
   *
   * @return the problems, each "{@code $.path: what is wrong}"; empty when the value is valid
   */
  public List<String> validate(JsonNode value) {
    List<String> problems = new ArrayList<>();
    try {
      for (Error error : schema.validate(value)) {
        // The messages name the schema's constraint and the value's place, never the value itself.
        problems.add(error.getInstanceLocation() + ": " + error.getMessage());
      }
    } catch (RuntimeException e) {
      // A reference that points nowhere or is blocked, a recursion without end: the schema's fault, said plainly.
      problems.add("$: the schema cannot be applied (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")");
    }
    return problems;
  }
}
