package dev.confidant.server.internal.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import dev.confidant.api.RequestContext;
import dev.confidant.api.Violation;
import dev.confidant.core.ChatEngines;
import dev.confidant.openai.ModelEndpoint;
import dev.confidant.pii.Pseudonymization;
import dev.confidant.rag.KnowledgeSources;
import dev.confidant.server.internal.pii.PiiJson;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.Headers;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Maps the platform's request headers to a {@link RequestContext} and the options of the modules that read them
 * ({@link ChatEngines#MODEL}, {@link Pseudonymization}, {@link KnowledgeSources}, {@link ModelEndpoint}),
 * collecting every malformed header as a FastAPI violation ({@code loc: ["header", "x-pii-mapping"]}). Stateless
 * and thread-safe.
 */
final class ContextHeaders {
  static final HeaderName X_MODEL = HeaderNames.create("X-Model");
  static final HeaderName X_SPACE = HeaderNames.create("X-Aimable-Space-Id");
  static final HeaderName X_SPACE_ALIAS = HeaderNames.create("X-Space-Id");
  static final HeaderName X_PII = HeaderNames.create("X-Apply-Pii-Pseudonymization");
  static final HeaderName X_OII = HeaderNames.create("X-Apply-Oii-Pseudonymization");
  static final HeaderName X_PII_MAPPING = HeaderNames.create("X-Pii-Mapping");
  static final HeaderName X_COLLECTIONS = HeaderNames.create("X-Collection-Ids");
  static final HeaderName X_FILES = HeaderNames.create("X-Uploaded-Files");
  static final HeaderName X_THREAD = HeaderNames.create("X-Thread-Id");
  static final HeaderName X_TRACE = HeaderNames.create("X-Trace-Id");
  static final HeaderName X_PARENT_SPAN = HeaderNames.create("X-Parent-Span-Id");
  static final HeaderName X_MODEL_API_BASE_URL = HeaderNames.create("X-Model-Api-Base-Url");
  static final HeaderName X_MODEL_API_KEY = HeaderNames.create("X-Model-Api-Key");
  static final HeaderName X_PII_AUDIT = HeaderNames.create("X-Pii-Audit");
  static final HeaderName TRACEPARENT = HeaderNames.create("traceparent");
  private static final Pattern TRACEPARENT_FORMAT = Pattern.compile("00-([0-9a-f]{32})-([0-9a-f]{16})-[0-9a-f]{2}");

  /** Ids end up in logs and file names: keep them to a safe alphabet (no CR/LF log injection, no paths). */
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");
  private static final List<String> TRUE = List.of("true", "1", "yes", "on", "t", "y");
  private static final List<String> FALSE = List.of("false", "0", "no", "off", "f", "n");

  private ContextHeaders() {}

  /** The parsed headers and what was wrong with them. */
  record Parsed(RequestContext context, List<Violation> violations) {}

  /**
   * Parses the headers. The principal and space are set by the caller after authorization.
   *
   * @param defaultTraceId the trace id to use when the request carries none
   */
  static Parsed parse(Headers headers, String principal, String defaultTraceId) {
    List<Violation> violations = new ArrayList<>();
    for (HeaderName name : List.of(X_MODEL, X_PII, X_OII, X_PII_MAPPING, X_THREAD, X_TRACE, X_PARENT_SPAN)) {
      requireSingle(headers, name, violations);
    }
    String model = text(headers, X_MODEL);
    boolean pii = bool(headers, X_PII, false, violations);
    boolean oii = bool(headers, X_OII, true, violations);
    Map<String, String> mapping = mapping(headers, violations);
    List<String> collections = ids(headers, X_COLLECTIONS, violations);
    List<String> files = ids(headers, X_FILES, violations);
    String thread = id(headers, X_THREAD, violations);
    String trace = id(headers, X_TRACE, violations);
    String parent = id(headers, X_PARENT_SPAN, violations);
    Optional<String[]> w3c = traceparent(headers);
    if (trace == null && parent == null && w3c.isPresent()) {
      trace = w3c.get()[0];
      parent = w3c.get()[1];
    }
    RequestContext context = RequestContext.of(principal, null)
        .with(ChatEngines.MODEL, model)
        .with(Pseudonymization.KEY, new Pseudonymization(pii, oii, mapping))
        .with(KnowledgeSources.KEY, collections.isEmpty() && files.isEmpty() ? null
            : new KnowledgeSources(collections, files))
        .withThreadId(thread)
        .withTrace(trace != null ? trace : defaultTraceId, parent);
    return new Parsed(context, violations);
  }

  /** Whether the request names its own model endpoint ({@code X-Model-Api-Base-Url} or {@code X-Model-Api-Key}). */
  static boolean hasModelEndpoint(Headers headers) {
    return headers.contains(X_MODEL_API_BASE_URL) || headers.contains(X_MODEL_API_KEY);
  }

  /**
   * The request's own model endpoint, or {@code null} if it names none; malformed headers become violations that
   * never quote the values (the key is a secret, and the URL may hold one).
   */
  static @Nullable ModelEndpoint modelEndpoint(Headers headers, List<Violation> violations) {
    requireSingle(headers, X_MODEL_API_BASE_URL, violations);
    requireSingle(headers, X_MODEL_API_KEY, violations);
    String url = text(headers, X_MODEL_API_BASE_URL);
    String key = text(headers, X_MODEL_API_KEY);
    if (key != null && key.regionMatches(true, 0, "Bearer ", 0, 7)) {
      key = key.substring(7).strip(); // the header is sometimes filled with a whole Authorization value
    }
    if (url == null) {
      if (key != null) {
        violations.add(Violation.of(loc(X_MODEL_API_BASE_URL), "Field required (x-model-api-key needs it)",
            "missing"));
      }
      return null;
    }
    try {
      return new ModelEndpoint(url, key == null || key.isEmpty() ? null : key);
    } catch (IllegalArgumentException e) {
      boolean keyProblem = e.getMessage() != null && e.getMessage().contains("API key");
      violations.add(keyProblem
          ? Violation.of(loc(X_MODEL_API_KEY), "Input should be a non-empty key without control characters",
              "value_error")
          // ModelEndpoint's messages say what is wrong without quoting the URL.
          : Violation.of(loc(X_MODEL_API_BASE_URL), "Input should be a valid URL: " + e.getMessage(),
              "url_parsing"));
      return null;
    }
  }

  /** The space id from {@code X-Aimable-Space-Id}, else its alias {@code X-Space-Id}, if well-formed. */
  static Optional<String> spaceId(Headers headers, List<Violation> violations) {
    HeaderName name = headers.contains(X_SPACE) ? X_SPACE : X_SPACE_ALIAS;
    if (headers.contains(X_SPACE) && headers.contains(X_SPACE_ALIAS)
        && !headers.all(X_SPACE, List::of).equals(headers.all(X_SPACE_ALIAS, List::of))) {
      violations.add(Violation.of(loc(X_SPACE_ALIAS), "Conflicts with x-aimable-space-id", "value_error"));
    }
    requireSingle(headers, name, violations);
    return Optional.ofNullable(id(headers, name, violations));
  }

  /** A well-formed trace id from the request, if any (for the access log, before the body is parsed). */
  static Optional<String> traceId(Headers headers) {
    Optional<String> own = headers.first(X_TRACE).map(String::strip).filter(v -> ID.matcher(v).matches());
    return own.isPresent() ? own : traceparent(headers).map(ids -> ids[0]);
  }

  /**
   * The trace and parent span id of a well-formed W3C {@code traceparent} header (version 00, ids not all zero), or
   * empty: a malformed one is ignored, as the W3C recommendation asks, never a 422.
   */
  static Optional<String[]> traceparent(Headers headers) {
    return headers.first(TRACEPARENT).map(String::strip).map(TRACEPARENT_FORMAT::matcher)
        .filter(java.util.regex.Matcher::matches)
        .filter(m -> !m.group(1).matches("0+") && !m.group(2).matches("0+"))
        .map(m -> new String[] {m.group(1), m.group(2)});
  }

  /**
   * Rejects a single-valued header sent several times with different values: a proxy in front may check one value
   * while we would act on another.
   */
  static void requireSingle(Headers headers, HeaderName name, List<Violation> violations) {
    // all(): the raw field values; values() would also split a JSON mapping at its commas.
    if (headers.all(name, List::of).stream().map(String::strip).distinct().count() > 1) {
      violations.add(Violation.of(loc(name), "Header must have a single value", "value_error"));
    }
  }

  private static @Nullable String text(Headers headers, HeaderName name) {
    return headers.first(name).map(String::strip).filter(v -> !v.isEmpty()).orElse(null);
  }

  /**
   * A boolean header: {@code true/1/yes/on/t/y} or {@code false/0/no/off/f/n}, any case; anything else is a
   * violation. The one parser of every boolean header, so that {@code 0} means false on every endpoint.
   */
  static boolean bool(Headers headers, HeaderName name, boolean fallback, List<Violation> violations) {
    String value = text(headers, name);
    if (value == null) {
      return fallback;
    }
    String v = value.toLowerCase(Locale.ROOT);
    if (TRUE.contains(v)) {
      return true;
    }
    if (FALSE.contains(v)) {
      return false;
    }
    violations.add(Violation.of(loc(name), "Input should be a valid boolean, unable to interpret input",
        "bool_parsing"));
    return fallback;
  }

  /** Whether any value of a boolean header is other than a false value of {@link #bool} (malformed ones count). */
  static boolean mayBeTrue(Headers headers, HeaderName name) {
    return headers.all(name, List::of).stream()
        .anyMatch(v -> !FALSE.contains(v.strip().toLowerCase(Locale.ROOT)));
  }

  private static @Nullable String id(Headers headers, HeaderName name, List<Violation> violations) {
    String value = text(headers, name);
    if (value != null && !isId(value)) {
      violations.add(notAnId(loc(name)));
      return null;
    }
    return value;
  }

  /**
   * Whether a value has the alphabet of {@code X-Thread-Id} and the other id headers, which also applies to ids in
   * bodies ({@code thread_id}) and paths, so that one thread has one spelling everywhere.
   */
  static boolean isId(String value) {
    return ID.matcher(value).matches();
  }

  /** The violation of an id that {@link #isId} refuses, at {@code loc}. */
  static Violation notAnId(List<Object> loc) {
    return Violation.of(loc, "String should match pattern '" + ID.pattern() + "'", "string_pattern_mismatch");
  }

  /**
   * A list of ids: comma-separated ({@code c1, c2}, the platform's format) or, for clients that JSON-encode
   * lists, a JSON array of strings ({@code ["c1","c2"]}); repeated headers add up.
   */
  private static List<String> ids(Headers headers, HeaderName name, List<Violation> violations) {
    List<String> out = new ArrayList<>();
    for (String value : headers.all(name, List::of)) {
      List<String> parts = value.strip().startsWith("[") ? jsonIds(value, name, violations)
          : Arrays.asList(value.split(","));
      for (String part : parts) {
        String id = part.strip();
        if (id.isEmpty()) {
          continue;
        }
        if (!ID.matcher(id).matches()) {
          violations.add(Violation.of(loc(name), "Each id should match pattern '" + ID.pattern() + "'",
              "string_pattern_mismatch"));
          return List.of();
        }
        out.add(id);
      }
    }
    return out;
  }

  private static List<String> jsonIds(String value, HeaderName name, List<Violation> violations) {
    try {
      JsonNode tree = JsonBodies.MAPPER.readTree(value);
      List<String> ids = new ArrayList<>();
      for (JsonNode item : tree) {
        if (!item.isTextual()) {
          ids = null;
          break;
        }
        ids.add(item.textValue());
      }
      if (ids != null && tree.isArray()) {
        return ids;
      }
    } catch (Exception e) {
      // reported below
    }
    violations.add(Violation.of(loc(name), "Input should be comma-separated ids or a JSON array of strings",
        "list_type"));
    return List.of();
  }

  private static Map<String, String> mapping(Headers headers, List<Violation> violations) {
    String value = text(headers, X_PII_MAPPING);
    if (value == null) {
      return Map.of();
    }
    JsonNode tree;
    try {
      tree = JsonBodies.MAPPER.readTree(value);
    } catch (Exception e) {
      // The message of a JSON parse error quotes the input, which holds personal data: never pass it on.
      violations.add(Violation.of(loc(X_PII_MAPPING), "Invalid JSON", "json_invalid"));
      return Map.of();
    }
    if (tree == null || tree.getNodeType() != JsonNodeType.OBJECT) {
      violations.add(Violation.of(loc(X_PII_MAPPING), "Input should be a valid dictionary", "dict_type"));
      return Map.of();
    }
    Map<String, String> mapping = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : tree.properties()) {
      if (!e.getValue().isTextual()) {
        violations.add(Violation.of(List.of("header", X_PII_MAPPING.lowerCase(), e.getKey()),
            "Input should be a valid string", "string_type"));
      } else if (!PiiJson.isMappingKey(e.getKey())) {
        violations.add(Violation.of(List.of("header", X_PII_MAPPING.lowerCase(), e.getKey()),
            PiiJson.notAMappingKey(e.getKey()), "value_error"));
      } else {
        mapping.put(e.getKey(), e.getValue().textValue());
      }
    }
    return mapping;
  }

  private static List<Object> loc(HeaderName name) {
    return Arrays.asList("header", name.lowerCase());
  }
}
