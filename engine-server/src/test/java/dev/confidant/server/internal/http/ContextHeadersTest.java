package dev.confidant.server.internal.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.confidant.api.InvalidRequestException;
import dev.confidant.openai.ModelEndpoint;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ContextHeadersTest {

  @Test
  void multipartReadsFilesAndFields() {
    String body = "preamble\r\n--b1\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nhello\r\n"
        + "--b1\r\nContent-Disposition: form-data; name=\"files\"; filename=\"a.txt\"\r\n"
        + "Content-Type: text/plain\r\n\r\nline1\r\nline2\r\n--b1--\r\n";

    List<Multipart.Part> parts = Multipart.parse("multipart/form-data; boundary=b1",
        body.getBytes(StandardCharsets.UTF_8));

    assertThat(parts).hasSize(2);
    assertThat(parts.get(0).name()).isEqualTo("note");
    assertThat(parts.get(0).fileName()).isNull();
    assertThat(parts.get(1).fileName()).isEqualTo("a.txt");
    assertThat(new String(parts.get(1).content(), StandardCharsets.UTF_8)).isEqualTo("line1\r\nline2");
  }

  @Test
  void multipartRejectsMalformedBodies() {
    byte[] unterminated = "--b1\r\nContent-Disposition: form-data; name=\"files\"\r\n\r\nx".getBytes(
        StandardCharsets.UTF_8);

    assertThatThrownBy(() -> Multipart.parse("multipart/form-data; boundary=b1", unterminated))
        .isInstanceOf(InvalidRequestException.class);
    assertThatThrownBy(() -> Multipart.parse("application/json", new byte[0]))
        .isInstanceOf(InvalidRequestException.class);
    assertThatThrownBy(() -> Multipart.parse("multipart/form-data", new byte[0]))
        .isInstanceOf(InvalidRequestException.class);
  }

  @Test
  void readsTheModelEndpointHeadersWithoutQuotingThem() {
    List<dev.confidant.api.Violation> violations = new java.util.ArrayList<>();
    var endpoint = ContextHeaders.modelEndpoint(headers("X-Model-Api-Base-Url", "https://llm.example/v1",
        "X-Model-Api-Key", "Bearer sk-abc"), violations);
    assertThat(violations).isEmpty();
    assertThat(endpoint).isEqualTo(new ModelEndpoint("https://llm.example/v1", "sk-abc"));
    assertThat(endpoint.toString()).doesNotContain("sk-abc");

    assertThat(ContextHeaders.modelEndpoint(headers(), violations)).isNull();
    assertThat(violations).isEmpty();

    for (String bad : List.of("llm.example/v1", "file:///etc/passwd", "http:///v1", "https://u:secret@h/v1",
        "https://h/v1?key=secret", "ht tp://h")) {
      List<dev.confidant.api.Violation> v = new java.util.ArrayList<>();
      assertThat(ContextHeaders.modelEndpoint(headers("X-Model-Api-Base-Url", bad), v)).as(bad).isNull();
      assertThat(v).singleElement().satisfies(x -> {
        assertThat(x.path()).isEqualTo("header.x-model-api-base-url");
        assertThat(x.msg()).doesNotContain("secret", "passwd", "llm.example");
      });
    }
  }

  private static io.helidon.http.Headers headers(String... namesAndValues) {
    io.helidon.http.WritableHeaders<?> headers = io.helidon.http.WritableHeaders.create();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      headers.add(io.helidon.http.HeaderNames.create(namesAndValues[i]), namesAndValues[i + 1]);
    }
    return headers;
  }
}
