package dev.confidant.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.confidant.testkit.ScriptedModelBackend;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** 401 without a valid token and 403 outside one's spaces, for every endpoint and both prefixes. */
class EndpointSecurityTest {
  private static Harness h;

  @BeforeAll
  static void start() {
    h = new Harness(ScriptedModelBackend.echo());
  }

  @AfterAll
  static void stop() {
    h.close();
  }

  static Stream<Arguments> endpoints() {
    String multipart = "--b\r\nContent-Disposition: form-data; name=\"files\"; filename=\"a.txt\"\r\n\r\nx\r\n--b--\r\n";
    Stream<Arguments> v1 = Stream.of(
        Arguments.of("POST", "/v1/chat/completions", Harness.userMessage("hi"), "application/json"),
        Arguments.of("POST", "/v1/pii/detect", "{\"text\":\"hi\"}", "application/json"),
        Arguments.of("POST", "/v1/files/", multipart, "multipart/form-data; boundary=b"),
        Arguments.of("POST", "/v1/files/search", "{\"search_query\":\"x\",\"source_ids\":[\"s\"]}",
            "application/json"),
        Arguments.of("GET", "/v1/spaces/default/collections", "", "application/json"),
        Arguments.of("POST", "/v1/spaces/default/collections", "{\"name\":\"n\"}", "application/json"),
        Arguments.of("GET", "/v1/spaces/default/collections/c/documents", "", "application/json"),
        Arguments.of("POST", "/v1/spaces/default/collections/c/documents", multipart,
            "multipart/form-data; boundary=b"),
        Arguments.of("GET", "/v1/spaces/default/collections/c/documents/s", "", "application/json"));
    return v1.flatMap(a -> Stream.of(a, Arguments.of(a.get()[0], "/api-proxy" + a.get()[1], a.get()[2],
        a.get()[3])));
  }

  private static HttpRequest.Builder request(String method, String path, String body, String type) {
    return HttpRequest.newBuilder(h.uri(path)).header("Content-Type", type)
        .method(method, body.isEmpty() ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("endpoints")
  void withoutAValidTokenIs401(String method, String path, String body, String type) {
    HttpResponse<String> missing = h.send(request(method, path, body, type));
    HttpResponse<String> wrong = h.send(request(method, path, body, type).header("Authorization", "Bearer nope"));

    for (HttpResponse<String> res : java.util.List.of(missing, wrong)) {
      assertThat(res.statusCode()).isEqualTo(401);
      assertThat(Harness.seedBody(res)).isEqualTo("{\"detail\":\"Not authenticated\"}");
      assertThat(res.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
    }
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("endpoints")
  void outsideTheCallersSpacesIs403(String method, String path, String body, String type) {
    HttpResponse<String> outsider = h.send(request(method, path, body, type)
        .header("Authorization", "Bearer " + Harness.OUTSIDER));
    HttpResponse<String> foreign = h.send(request(method, path.replace("/default/", "/other/"), body, type)
        .header("Authorization", "Bearer " + Harness.VIEWER).header("X-Space-Id", "other"));

    assertThat(outsider.statusCode()).as(outsider.body()).isEqualTo(403);
    assertThat(foreign.statusCode()).as(foreign.body()).isEqualTo(403);
  }
}
