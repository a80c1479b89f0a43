package dev.confidant.core.json;

import static dev.confidant.core.json.JsonAssertions.assertEquivalent;
import static dev.confidant.core.json.JsonAssertions.equivalentOpenAi;
import static dev.confidant.core.json.JsonAssertions.tree;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.confidant.api.ChatCompletionChunk;
import dev.confidant.api.ChatCompletionRequest;
import dev.confidant.api.ChatCompletionResponse;
import dev.confidant.testkit.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The five examples of OpenAI's API reference ({@code x-oaiMeta} of {@code POST /chat/completions}) parse and
 * serialize back to equivalent JSON: requests, responses and the streamed chunks. Equivalence: a {@code null}
 * field equals an absent one, numbers compare by value, and an empty {@code annotations} array equals an
 * absent one (the records do not model annotations; see {@code ResponseWriter}). Skipped where the shared data
 * folder is absent.
 */
class ChatJsonRoundTripTest {

  static Stream<Arguments> examples() throws IOException {
    Optional<Path> file = SharedData.resolve("data/openai/chat-completions-examples.json");
    assumeTrue(file.isPresent(), "shared data/openai/chat-completions-examples.json not found");
    JsonNode examples = tree(Files.readString(file.get()));
    assertThat(examples).as("examples").hasSize(5);
    List<Arguments> arguments = new ArrayList<>();
    examples.forEach(e -> arguments.add(Arguments.of(
        e.get("title").textValue(), requestBody(e.get("request_curl").textValue()), e.get("response").textValue())));
    return arguments.stream();
  }

  /** The JSON between {@code -d '} and the closing quote of a curl command. */
  private static String requestBody(String curl) {
    int start = curl.indexOf("-d '") + 4;
    return curl.substring(start, curl.lastIndexOf('\''));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("examples")
  void requestRoundTrips(String title, String body, String response) {
    ChatCompletionRequest request = ChatJson.readRequest(body);

    String written = ChatJson.writeRequest(request);

    assertEquivalent(tree(written), tree(body));
    assertThat(ChatJson.readRequest(written)).isEqualTo(request);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("examples")
  void responseRoundTrips(String title, String body, String response) {
    if (title.equals("Streaming")) {
      List<String> chunks = chunks(response);
      assertThat(chunks).as("chunks of the streaming example").hasSize(3);
      for (String json : chunks) {
        ChatCompletionChunk chunk = ChatJson.readChunk(json);
        String written = ChatJson.writeChunk(chunk);
        equivalentOpenAi(tree(written), tree(json));
        assertThat(ChatJson.readChunk(written)).isEqualTo(chunk);
      }
      return;
    }
    ChatCompletionResponse parsed = ChatJson.readResponse(response);
    String written = ChatJson.writeResponse(parsed);
    equivalentOpenAi(tree(written), tree(response));
    assertThat(ChatJson.readResponse(written)).isEqualTo(parsed);
  }

  /** The streaming example is chunk objects separated by blank lines, with a {@code ....} line for the elision. */
  private static List<String> chunks(String stream) {
    return Stream.of(stream.split("\\R\\s*\\R"))
        .map(String::strip)
        .filter(s -> s.startsWith("{"))
        .toList();
  }
}
