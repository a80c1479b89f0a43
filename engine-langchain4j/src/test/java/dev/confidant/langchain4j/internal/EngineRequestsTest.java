package dev.confidant.langchain4j.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.confidant.api.AssistantMessage;
import dev.confidant.api.ChatCompletionRequest;
import dev.confidant.api.Content;
import dev.confidant.api.ContentPart;
import dev.confidant.api.ResponseFormat;
import dev.confidant.api.ToolChoice;
import dev.confidant.api.ToolMessage;
import dev.confidant.api.UserMessage;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ImageContent;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonSchema;
import java.util.List;
import org.junit.jupiter.api.Test;

class EngineRequestsTest {

  @Test
  void everyLangChain4jFieldTheEngineHasIsCarried() {
    ChatRequest request = ChatRequest.builder()
        .messages(SystemMessage.from("Be brief."),
            dev.langchain4j.data.message.UserMessage.from("ann", List.of(TextContent.from("What is this?"),
                ImageContent.from("https://example.com/cat.png", ImageContent.DetailLevel.LOW))),
            AiMessage.from(ToolExecutionRequest.builder().id("call_1").name("zoom").arguments("{\"x\":2}").build()),
            ToolExecutionResultMessage.from("call_1", "zoom", "a cat"))
        .modelName("vision-model").temperature(0.3).topP(0.8).maxOutputTokens(99).stopSequences(List.of("END"))
        .frequencyPenalty(0.1).presencePenalty(0.2)
        .toolSpecifications(ToolSpecification.builder().name("zoom").description("Zooms in")
            .parameters(JsonObjectSchema.builder().addIntegerProperty("x").required("x").build()).build())
        .toolChoice(dev.langchain4j.model.chat.request.ToolChoice.REQUIRED)
        .responseFormat(dev.langchain4j.model.chat.request.ResponseFormat.builder().type(ResponseFormatType.JSON)
            .jsonSchema(JsonSchema.builder().name("animal").rootElement(JsonObjectSchema.builder()
                .addStringProperty("species").build()).build()).build())
        .build();

    ChatCompletionRequest mapped = EngineRequests.of(request, "default-model");

    assertThat(mapped.model()).isEqualTo("vision-model");
    assertThat(mapped.messages().get(0).text()).isEqualTo("Be brief.");
    assertThat(mapped.messages().get(1)).isEqualTo(new UserMessage(new Content.Parts(List.of(
        new ContentPart.TextPart("What is this?"),
        new ContentPart.ImageUrlPart("https://example.com/cat.png", "low"))), "ann"));
    assertThat(mapped.messages().get(2)).isInstanceOfSatisfying(AssistantMessage.class, a ->
        assertThat(a.toolCalls()).singleElement().satisfies(c -> assertThat(c.arguments()).isEqualTo("{\"x\":2}")));
    assertThat(mapped.messages().get(3)).isEqualTo(new ToolMessage("a cat", "call_1"));
    assertThat(mapped.sampling().temperature()).isEqualTo(0.3);
    assertThat(mapped.sampling().topP()).isEqualTo(0.8);
    assertThat(mapped.sampling().maxTokens()).isEqualTo(99);
    assertThat(mapped.sampling().stop()).containsExactly("END");
    assertThat(mapped.sampling().frequencyPenalty()).isEqualTo(0.1);
    assertThat(mapped.sampling().presencePenalty()).isEqualTo(0.2);
    assertThat(mapped.tools().choice()).isEqualTo(ToolChoice.Mode.REQUIRED);
    assertThat(mapped.tools().definitions()).singleElement().satisfies(tool -> {
      assertThat(tool.description()).isEqualTo("Zooms in");
      assertThat(tool.parameters().json()).isEqualTo(
          "{\"type\":\"object\",\"properties\":{\"x\":{\"type\":\"integer\"}},\"required\":[\"x\"]}");
    });
    assertThat(mapped.responseFormat()).isInstanceOfSatisfying(ResponseFormat.JsonSchema.class, f -> {
      assertThat(f.name()).isEqualTo("animal");
      assertThat(f.schema().json())
          .isEqualTo("{\"type\":\"object\",\"properties\":{\"species\":{\"type\":\"string\"}}}");
    });
  }

  @Test
  void withoutAModelNameTheDefaultModelIsAskedFor() {
    ChatRequest request = ChatRequest.builder().messages(dev.langchain4j.data.message.UserMessage.from("hi")).build();
    assertThat(EngineRequests.of(request, "default-model").model()).isEqualTo("default-model");
    assertThat(EngineRequests.of(request, null).model()).isNull();
  }
}
