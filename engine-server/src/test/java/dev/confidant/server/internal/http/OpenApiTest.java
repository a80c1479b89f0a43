package dev.confidant.server.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * {@code /openapi.json} against the routes: every route documented, nothing documented that is not routed, and
 * every reference resolvable. {@code Routes} checks at start-up that {@link Routes#TABLE} is what it registers, and
 * {@code OpenApiServedTest} that the live server answers each documented operation.
 */
class OpenApiTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch",
      "trace");

  static JsonNode document() throws Exception {
    try (InputStream in = OpenApiHandler.class.getResourceAsStream(OpenApiHandler.RESOURCE)) {
      return JSON.readTree(in);
    }
  }

  @Test
  void documentsExactlyTheRoutedOperations() throws Exception {
    Map<String, Set<String>> documented = new TreeMap<>();
    document().path("paths").properties().forEach(path -> {
      Set<String> methods = new TreeSet<>();
      path.getValue().properties().forEach(op -> {
        if (METHODS.contains(op.getKey())) {
          methods.add(op.getKey().toUpperCase(java.util.Locale.ROOT));
        }
      });
      documented.put(path.getKey(), methods);
    });

    assertThat(documented).isEqualTo(Routes.TABLE);
  }

  @Test
  void isOpenApi31AndEveryReferenceResolves() throws Exception {
    JsonNode doc = document();
    assertThat(doc.path("openapi").asText()).isEqualTo("3.1.0");
    List<String> refs = new ArrayList<>();
    collectRefs(doc, refs);

    assertThat(refs).isNotEmpty();
    for (String ref : refs) {
      assertThat(ref).startsWith("#/");
      assertThat(doc.at(ref.substring(1)).isMissingNode()).as(ref).isFalse();
    }
  }

  @Test
  void everyOperationDocumentsItsErrorsAndEveryPlatformHeaderIsDocumented() throws Exception {
    JsonNode doc = document();
    doc.path("paths").properties().forEach(path -> path.getValue().properties().forEach(op -> {
      if (!METHODS.contains(op.getKey())) {
        return;
      }
      JsonNode responses = op.getValue().path("responses");
      String where = op.getKey() + " " + path.getKey();
      assertThat(responses.properties().stream().anyMatch(r -> r.getKey().startsWith("2"))).as(where).isTrue();
      boolean secured = !op.getValue().has("security");
      if (secured) {
        assertThat(responses.has("401")).as(where).isTrue();
      }
      // Every operation that reads more than the trace id (headers, path, body) can be a 422.
      boolean takesInput = op.getValue().has("requestBody") || op.getValue().path("parameters").size() > 1;
      if (secured && takesInput) {
        assertThat(responses.has("422")).as(where).isTrue();
      }
      assertThat(op.getValue().path("operationId").asText()).as(where).isNotBlank();
    }));
    Set<String> headers = new TreeSet<>();
    doc.path("components").path("parameters").forEach(p -> {
      if (p.path("in").asText().equals("header")) {
        headers.add(p.path("name").asText().toLowerCase(java.util.Locale.ROOT));
      }
    });
    for (var name : List.of(ContextHeaders.X_MODEL, ContextHeaders.X_SPACE, ContextHeaders.X_SPACE_ALIAS,
        ContextHeaders.X_PII, ContextHeaders.X_OII, ContextHeaders.X_PII_MAPPING, ContextHeaders.X_COLLECTIONS,
        ContextHeaders.X_FILES, ContextHeaders.X_THREAD, ContextHeaders.X_TRACE, ContextHeaders.X_PARENT_SPAN,
        ContextHeaders.X_MODEL_API_BASE_URL, ContextHeaders.X_MODEL_API_KEY, ContextHeaders.X_PII_AUDIT,
        ContextHeaders.TRACEPARENT)) {
      assertThat(headers).contains(name.lowerCase());
    }
  }

  @Test
  void aKeptOpenApiParserReadsItWithoutAMessage() throws Exception {
    // swagger-parser validates the structure (required fields, parameter and schema shapes) against 3.1.
    var result = new io.swagger.v3.parser.OpenAPIV3Parser().readContents(JSON.writeValueAsString(document()));

    assertThat(result.getMessages()).isEmpty();
    assertThat(result.getOpenAPI().getPaths()).hasSize(Routes.TABLE.size());
  }

  private static void collectRefs(JsonNode node, List<String> refs) {
    if (node.isObject()) {
      node.properties().forEach(e -> {
        if (e.getKey().equals("$ref")) {
          refs.add(e.getValue().asText());
        } else {
          collectRefs(e.getValue(), refs);
        }
      });
    } else if (node.isArray()) {
      node.forEach(child -> collectRefs(child, refs));
    }
  }
}
