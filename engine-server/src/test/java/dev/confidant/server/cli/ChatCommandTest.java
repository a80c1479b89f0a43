package dev.confidant.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.confidant.api.ChatCompletionResponse;
import dev.confidant.api.FinishReason;
import dev.confidant.core.json.ChatJson;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** {@code confidant chat} on the embedded tiny model: real Jlama inference, in this JVM. */
class ChatCommandTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    return ConfidantCli.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
  }

  @Test
  void chatPrintsAChatCompletionWithRealUsage() {
    int status = run("chat", "--temperature", "0", "--max-tokens", "6", "-s", "You are terse.", "Hello there");

    assertThat(status).as(err.toString()).isZero();
    ChatCompletionResponse response = ChatJson.readResponse(out.toString().trim());
    assertThat(response.id()).startsWith("chatcmpl-");
    assertThat(response.choices()).hasSize(1);
    assertThat(response.choices().get(0).finishReason()).isEqualTo(FinishReason.LENGTH);
    assertThat(response.usage()).isNotNull();
    assertThat(response.usage().completionTokens()).isEqualTo(6);
    assertThat(response.usage().promptTokens()).isPositive();
  }

  @Test
  void streamPrintsTheSameTextAsTheJson() {
    assertThat(run("chat", "--temperature", "0", "--max-tokens", "5", "Hello")).isZero();
    String text = ChatJson.readResponse(out.toString().trim()).message().text();
    out.getBuffer().setLength(0);

    assertThat(run("chat", "--stream", "--temperature", "0", "--max-tokens", "5", "Hello")).isZero();
    assertThat(out.toString()).isEqualTo(text + System.lineSeparator());
  }

  @Test
  void invalidInputIsReportedWithoutAStackTrace() {
    int status = run("chat", "--temperature", "5", "Hello");

    assertThat(status).isEqualTo(2);
    assertThat(err.toString()).contains("temperature: Input should be less than or equal to 2").doesNotContain("body").contains("less_than_equal").doesNotContain("\tat ");
  }

  @Test
  void missingModelDirectoryIsAClearError() {
    int status = run("chat", "--model-dir", "/nonexistent/model", "Hello");

    assertThat(status).isEqualTo(1);
    assertThat(err.toString()).contains("/nonexistent/model").doesNotContain("\tat ");
  }
}
