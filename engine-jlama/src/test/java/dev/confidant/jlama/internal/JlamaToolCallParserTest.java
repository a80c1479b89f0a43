package dev.confidant.jlama.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.confidant.api.ToolCall;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Tool calls parsed from fixed generated texts, in the formats of Qwen/Hermes, Mistral and Llama 3.x. */
class JlamaToolCallParserTest {
  private static final Set<String> TOOLS = Set.of("weather", "lookup");

  private static List<String> calls(ToolCallParser.Parsed parsed) {
    return parsed.calls().stream().map(c -> c.name() + " " + c.arguments()).toList();
  }

  @Test
  void hermesBlocksWithTextAroundThem() {
    ToolCallParser.Parsed parsed = ToolCallParser.parse("""
        Let me check both cities.
        <tool_call>
        {"name": "weather", "arguments": {"city": "Köln"}}
        </tool_call>
        <tool_call>
        {"name": "weather", "arguments": {"city": "Zürich", "days": 2}}
        </tool_call>
        One moment.""", TOOLS);
    assertThat(calls(parsed)).containsExactly(
        "weather {\"city\":\"Köln\"}", "weather {\"city\":\"Zürich\",\"days\":2}");
    assertThat(parsed.content()).isEqualTo("Let me check both cities.\n\n\nOne moment.");
    assertThat(parsed.calls()).extracting(ToolCall::id).allMatch(id -> id.startsWith("call_")).doesNotHaveDuplicates();
  }

  @Test
  void hermesBlockCutOffByTheTokenLimitIsClosed() {
    ToolCallParser.Parsed parsed = ToolCallParser.parse(
        "<tool_call>\n{\"name\": \"weather\", \"arguments\": {\"city\": \"Kö", TOOLS);
    assertThat(calls(parsed)).containsExactly("weather {\"city\":\"Kö\"}");
    assertThat(parsed.content()).isEmpty();
  }

  @Test
  void danglingKeysAndCommasAreDropped() {
    assertThat(calls(ToolCallParser.parse("<tool_call>{\"name\": \"weather\", \"arguments\": {\"city\": \"Bonn\", \"days\"",
        TOOLS))).containsExactly("weather {\"city\":\"Bonn\"}");
    assertThat(calls(ToolCallParser.parse("<tool_call>{\"name\": \"weather\", \"arguments\": {\"city\": \"Bonn\",",
        TOOLS))).containsExactly("weather {\"city\":\"Bonn\"}");
  }

  @Test
  void mistralArrayOfCalls() {
    ToolCallParser.Parsed parsed = ToolCallParser.parse(
        "[TOOL_CALLS] [{\"name\": \"weather\", \"arguments\": {\"city\": \"Paris\"}}, "
            + "{\"name\": \"lookup\", \"arguments\": \"{\\\"q\\\": \\\"x\\\"}\", \"id\": \"abc123def\"}]", TOOLS);
    assertThat(calls(parsed)).containsExactly("weather {\"city\":\"Paris\"}", "lookup {\"q\":\"x\"}");
    assertThat(parsed.calls().get(1).id()).isEqualTo("abc123def");
    assertThat(parsed.content()).isEmpty();
  }

  @Test
  void llamaPythonTagWithSeveralCalls() {
    ToolCallParser.Parsed parsed = ToolCallParser.parse(
        "<|python_tag|>{\"name\": \"weather\", \"parameters\": {\"city\": \"Rome\"}}; "
            + "{\"name\": \"lookup\", \"parameters\": {\"q\": \"y\"}}", TOOLS);
    assertThat(calls(parsed)).containsExactly("weather {\"city\":\"Rome\"}", "lookup {\"q\":\"y\"}");
  }

  @Test
  void bareJsonIsACallOnlyForOfferedTools() {
    assertThat(calls(ToolCallParser.parse("{\"name\": \"weather\", \"parameters\": {\"city\": \"Oslo\"}}", TOOLS)))
        .containsExactly("weather {\"city\":\"Oslo\"}");
    String answer = "{\"name\": \"Ada\", \"parameters\": {\"age\": 36}}";
    ToolCallParser.Parsed parsed = ToolCallParser.parse(answer, TOOLS);
    assertThat(parsed.calls()).isEmpty();
    assertThat(parsed.content()).isEqualTo(answer);
  }

  @Test
  void openAiShapedFunctionObjectsAreRead() {
    assertThat(calls(ToolCallParser.parse(
        "<tool_call>{\"type\": \"function\", \"function\": {\"name\": \"lookup\", \"arguments\": {}}}</tool_call>",
        TOOLS))).containsExactly("lookup {}");
  }

  @Test
  void textWithoutCallsStaysContent() {
    for (String text : List.of("The weather is fine.", "<tool_call>not json</tool_call>", "[TOOL_CALLS] oops",
        "Use {braces} freely", "")) {
      ToolCallParser.Parsed parsed = ToolCallParser.parse(text, TOOLS);
      assertThat(parsed.calls()).as(text).isEmpty();
      assertThat(parsed.content()).as(text).isEqualTo(text.strip());
    }
  }
}
