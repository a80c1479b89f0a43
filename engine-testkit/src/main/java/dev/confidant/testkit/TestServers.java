package dev.confidant.testkit;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The real servers {@code .ci/run} starts for the cluster-storage tests: PostgreSQL ({@code .ci/postgres.sh start}
 * prints the JDBC URL for {@value #POSTGRES_URL}) and OpenSearch ({@code .ci/opensearch.sh start} prints the URL for
 * {@value #OPENSEARCH_URL}), and llama.cpp's llama-server ({@code .ci/llama-server.sh start},
 * {@value #LLAMA_SERVER_URL}). On a development machine without them a test that asks is skipped with a message saying
 * how to start them; in CI ({@code CI=true}) it fails instead, because there they must run. Stateless.
 */
public final class TestServers {
  /** The environment variable holding the JDBC URL, user and password included. */
  public static final String POSTGRES_URL = "CONFIDANT_POSTGRES_URL";
  /** The environment variable holding the OpenSearch base URL, {@code http://127.0.0.1:PORT}. */
  public static final String OPENSEARCH_URL = "CONFIDANT_OPENSEARCH_URL";
  /** The environment variable holding llama-server's OpenAI-compatible base URL, {@code http://127.0.0.1:PORT/v1}. */
  public static final String LLAMA_SERVER_URL = "CONFIDANT_LLAMA_SERVER_URL";

  private TestServers() {}

  /** The JDBC URL of the test PostgreSQL; skips the calling test without one (fails it in CI). */
  public static String postgresUrl() {
    return required(POSTGRES_URL, "export " + POSTGRES_URL + "=$(.ci/postgres.sh start)");
  }

  /** The base URL of the test OpenSearch; skips the calling test without one (fails it in CI). */
  public static String openSearchUrl() {
    return required(OPENSEARCH_URL, "export " + OPENSEARCH_URL + "=$(.ci/opensearch.sh start)");
  }

  /** The base URL of the test llama-server (stories260K); skips the calling test without one (fails it in CI). */
  public static String llamaServerUrl() {
    return required(LLAMA_SERVER_URL, "export " + LLAMA_SERVER_URL + "=$(.ci/llama-server.sh start)");
  }

  /** Whether this runs in CI, where every server must be there. */
  public static boolean inCi() {
    String ci = System.getenv("CI");
    return ci != null && (ci.equalsIgnoreCase("true") || ci.equals("1"));
  }

  private static String required(String variable, String howToStart) {
    String value = System.getenv(variable);
    if (value != null && !value.isBlank()) {
      return value.strip();
    }
    String message = variable + " is not set, so the tests against the real server cannot run; start it with: "
        + howToStart;
    if (inCi()) {
      return Assertions.fail("in CI, " + message);
    }
    Assumptions.abort(message);
    throw new AssertionError("unreachable");
  }
}
