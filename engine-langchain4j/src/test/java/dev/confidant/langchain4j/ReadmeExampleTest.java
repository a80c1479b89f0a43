package dev.confidant.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;

import dev.confidant.api.ChatCompletionEngine;
import dev.confidant.api.ChatCompletionRequest;
import dev.confidant.api.ChatMessage;
import dev.confidant.api.ToolMessage;
import dev.confidant.core.ChatEngines;
import dev.confidant.testkit.ScriptedModelBackend;
import dev.confidant.testkit.ScriptedReply;
import dev.confidant.testkit.ScriptedToolCall;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README's LangChain4j example runs: an AiServices interface with a tool and memory over an engine that
 * pseudonymizes. The model (scripted) sees placeholders only, calls the tool, and the caller reads real names again.
 */
class ReadmeExampleTest {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\[[A-Z_]+_\\d+]");
  private static final Pattern PROPERTY = Pattern.compile("\"properties\":\\{\"([^\"]+)\"");
  private static final String QUESTION = "I am John Doe (john.doe@example.com). Where is my order A-1001?";

  /** Round one calls the tool; round two answers with the placeholders the model was shown. */
  static ScriptedReply supportModel(ChatCompletionRequest request) {
    List<ChatMessage> messages = request.messages();
    ChatMessage last = messages.get(messages.size() - 1);
    if (!(last instanceof ToolMessage tool)) {
      // The parameter's name is the one @P gives it (arg0 without it and without javac -parameters).
      String parameter = PROPERTY.matcher(request.tools().definitions().get(0).parameters().json()).results()
          .findFirst().orElseThrow().group(1);
      assertThat(parameter).isEqualTo("orderNumber");
      return ScriptedReply.toolCalls(ScriptedToolCall.of("call_1", "orderStatus",
          "{\"" + parameter + "\":\"A-1001\"}"));
    }
    List<String> placeholders = PLACEHOLDER.matcher(messages.get(messages.size() - 3).text()).results()
        .map(m -> m.group()).toList();
    return ScriptedReply.text("Dear " + placeholders.get(0) + ", your order was " + tool.text() + "; we wrote to "
        + placeholders.get(1) + ".");
  }

  @Test
  void theReadmesAiServiceAnswersWithRealNamesWhileTheModelSawPlaceholders() {
    ScriptedModelBackend model = ScriptedModelBackend.builder().responder(ReadmeExampleTest::supportModel).build();
    try (ChatCompletionEngine engine = ChatEngines.builder().addBackend(model).defaultBackend(model.name()).build()) {
      String answer = ReadmeExample.support(engine).answer("john", QUESTION);

      assertThat(answer).isEqualTo("Dear John Doe, your order was shipped on Monday; we wrote to "
          + "john.doe@example.com.");
      assertThat(model.requests()).hasSize(2);
      for (ChatCompletionRequest seen : model.requests()) {
        assertThat(seen.messages()).allSatisfy(m -> assertThat(m.text())
            .doesNotContain("John Doe").doesNotContain("john.doe@example.com"));
      }
      assertThat(model.requests().get(0).tools().definitions()).extracting(d -> d.name())
          .containsExactly("orderStatus");
      assertThat(model.requests().get(1).messages().get(2)).isInstanceOfSatisfying(ToolMessage.class,
          t -> assertThat(t.text()).isEqualTo("shipped on Monday"));
    }
  }

  /** The README shows exactly the code compiled in {@link ReadmeExample}, so the two cannot drift apart. */
  @Test
  void theReadmeShowsTheCompiledExample() throws IOException {
    String source = Files.readString(Path.of("src/test/java/dev/confidant/langchain4j/ReadmeExample.java"),
        StandardCharsets.UTF_8);
    Matcher region = Pattern.compile("// @start region=\"ai-service\"\\n(.*?)\\n\\s*// @end", Pattern.DOTALL)
        .matcher(source);
    assertThat(region.find()).as("the ai-service region of ReadmeExample.java").isTrue();
    String compiled = region.group(1).lines().map(l -> l.startsWith("  ") ? l.substring(2) : l)
        .reduce((a, b) -> a + "\n" + b).orElseThrow();
    String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
    assertThat(readme).as("README.md holds the example as compiled").contains("```java\n" + compiled + "\n```");
  }
}
