package dev.confidant.jlama.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.confidant.api.AssistantMessage;
import dev.confidant.api.ChatMessage;
import dev.confidant.api.RawJson;
import dev.confidant.api.ToolCall;
import dev.confidant.api.ToolDefinition;
import dev.confidant.api.ToolMessage;
import dev.confidant.api.UserMessage;
import dev.confidant.jlama.internal.tiny.TinyModelGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tools, tool calls and tool results rendered by a model's own chat template: the tiny model with a Qwen 2.5-style
 * (Hermes) template that declares tools in the system turn and writes calls as {@code <tool_call>} blocks.
 */
class JlamaToolTemplateTest {
  /** The tool parts of Qwen 2.5's template, shortened. */
  private static final String QWEN_STYLE = """
      {%- if tools %}<|im_start|>system
      # Tools
      <tools>
      {%- for tool in tools %}
      {{ tool | tojson }}
      {%- endfor %}
      </tools>
      For each function call, return <tool_call>{"name": <function-name>, "arguments": <args-json-object>}</tool_call><|im_end|>
      {% endif %}
      {%- for message in messages %}
      {%- if message.role == 'user' %}<|im_start|>user
      {{ message.content }}<|im_end|>
      {% elif message.role == 'assistant' %}<|im_start|>assistant
      {%- if message.content %}
      {{ message.content }}{% endif %}
      {%- for tool_call in message.tool_calls %}
      {%- if tool_call.function is defined %}{%- set tool_call = tool_call.function %}{%- endif %}
      <tool_call>
      {"name": "{{ tool_call.name }}", "arguments": {{ tool_call.arguments | tojson }}}
      </tool_call>
      {%- endfor %}<|im_end|>
      {% elif message.role == 'tool' %}<|im_start|>user
      <tool_response>
      {{ message.content }}
      </tool_response><|im_end|>
      {% endif %}
      {%- endfor %}
      {%- if add_generation_prompt %}<|im_start|>assistant
      {% endif %}""";

  @TempDir Path dir;

  @Test
  void qwenStyleTemplateRendersToolsCallsAndResults() throws IOException {
    Path tiny = TinyModelGenerator.ensure(JlamaFixtures.CACHE);
    try (var files = Files.list(tiny)) {
      for (Path f : files.toList()) {
        Files.copy(f, dir.resolve(f.getFileName()));
      }
    }
    ObjectMapper json = new ObjectMapper();
    ObjectNode config = (ObjectNode) json.readTree(dir.resolve("tokenizer_config.json").toFile());
    config.put("chat_template", QWEN_STYLE);
    json.writeValue(dir.resolve("tokenizer_config.json").toFile(), config);

    LoadedModel model = ModelLoader.load(dir);
    try {
      ToolDefinition weather = new ToolDefinition("weather", "Weather of a city.", RawJson.of(
          "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}},\"required\":[\"city\"]}"), null);
      List<ChatMessage> messages = List.of(new UserMessage("Weather in Köln?"),
          AssistantMessage.ofToolCalls(List.of(new ToolCall("call_1", "weather", "{\"city\":\"Köln\"}"))),
          new ToolMessage("sunny", "call_1"));
      String prompt = PromptRenderer.render(model.promptSupport(), messages, List.of(weather));

      assertThat(prompt).contains("# Tools\n<tools>{\"type\": \"function\", \"function\": {\"name\": \"weather\", "
          + "\"description\": \"Weather of a city.\", \"parameters\": {\"type\": \"object\", \"properties\": "
          + "{\"city\": {\"type\": \"string\"}}, \"required\": [\"city\"]}}}</tools>");
      assertThat(prompt).contains("<|im_start|>user\nWeather in Köln?<|im_end|>");
      // The earlier call, in the template's own call format, as the assistant's turn.
      assertThat(prompt).contains("<|im_start|>assistant<tool_call>\n{\"name\": \"weather\", \"arguments\": "
          + "{\"city\":\"Köln\"}}\n</tool_call><|im_end|>");
      // Jlama 0.8.4 hands tool results to templates as a map: the result is there, wrapped.
      assertThat(prompt).contains("<tool_response>").contains("sunny");
      assertThat(prompt).endsWith("<|im_start|>assistant\n");
    } finally {
      model.close();
    }
  }
}
