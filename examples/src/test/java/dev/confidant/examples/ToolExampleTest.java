package dev.confidant.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.confidant.api.ChatCompletionEngine;
import dev.confidant.api.ChatCompletionResponse;
import dev.confidant.api.FinishReason;
import dev.confidant.api.RequestContext;
import dev.confidant.api.spi.ToolContext;
import dev.confidant.api.spi.ToolProvider;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class ToolExampleTest {

  @Test
  void theToolIsNotOnTheServiceLoaderPathSoOtherEnginesNeverOfferIt() {
    assertThat(ServiceLoader.load(ToolProvider.class).stream().map(ServiceLoader.Provider::type))
        .doesNotContain(OrderStatusTool.class);
  }

  @Test
  void theToolLoopRunsTheToolAndAnswersWithItsResult() {
    try (ChatCompletionEngine engine = ToolExample.engine(null)) {
      ChatCompletionResponse response = engine.complete(ToolExample.question("Where is my order A-1001?"));
      assertThat(response.message().text()).isEqualTo("Here is what I found: "
          + "{\"carrier\":\"DHL\",\"eta\":\"2026-12-02\",\"order_id\":\"A-1001\",\"status\":\"shipped\"}");
      assertThat(response.message().toolCalls()).as("server calls are not the client's").isEmpty();
      assertThat(response.choices().get(0).finishReason()).isEqualTo(FinishReason.STOP);
      assertThat(response.usage().totalTokens()).as("both model turns are counted").isEqualTo(20 + 12 + 40 + 12);
    }
  }

  @Test
  void anUnknownOrderIsAnErrorTheModelSees() {
    try (ChatCompletionEngine engine = ToolExample.engine(null)) {
      String answer = engine.complete(ToolExample.question("And order B-9999?")).message().text();
      assertThat(answer).startsWith("Here is what I found: ").contains("no order 'B-9999'");
    }
  }

  @Test
  void theToolLooksOrdersUp() throws Exception {
    ToolContext context = new ToolContext() {
      @Override
      public RequestContext request() {
        return RequestContext.anonymous();
      }

      @Override
      public dev.confidant.api.spi.StageContext attributes() {
        return new dev.confidant.api.spi.StageContext(request());
      }

      @Override
      public <T> java.util.Optional<T> option(dev.confidant.api.spi.EngineOption<T> option) {
        return java.util.Optional.empty();
      }

      @Override
      public String callId() {
        return "call_test";
      }

      @Override
      public java.time.Instant deadline() {
        return java.time.Instant.now().plusSeconds(5);
      }
    };
    OrderStatusTool tool = new OrderStatusTool();
    assertThat(tool.call("{\"order_id\":\" a-1003 \"}", context))
        .isEqualTo("{\"delivered_on\":\"2026-11-20\",\"order_id\":\"A-1003\",\"status\":\"delivered\"}");
    assertThatThrownBy(() -> tool.call("{\"order_id\":\"A-0\"}", context))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("check the order id");
  }

  @Test
  void theMainPrintsTheCompletion() {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    java.io.PrintStream old = System.out;
    System.setOut(new java.io.PrintStream(bytes, true, java.nio.charset.StandardCharsets.UTF_8));
    try {
      ToolExample.main(new String[] {"Status", "of", "A-1002?"});
    } finally {
      System.setOut(old);
    }
    assertThat(bytes.toString(java.nio.charset.StandardCharsets.UTF_8))
        .contains("\"object\":\"chat.completion\"").contains("processing");
  }
}
