package dev.confidant.spring.sample;

// region readme
import dev.confidant.api.ChatCompletionEngine;
import dev.confidant.api.ChatCompletionRequest;
import dev.confidant.api.RawJson;
import dev.confidant.api.RequestContext;
import dev.confidant.api.SystemMessage;
import dev.confidant.api.UserMessage;
import dev.confidant.api.spi.ToolProvider;
import dev.confidant.pii.Pseudonymization;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Service;

@SpringBootApplication
public class SupportApplication {

  /** A server tool: the engine offers it to the model and runs it with the real (restored) arguments. */
  @Bean
  ToolProvider orderStatus() {
    return ToolProvider.of("order_status", "The status of a customer's order",
        RawJson.of("{\"type\":\"object\",\"properties\":{\"order\":{\"type\":\"string\"}},\"required\":[\"order\"]}"),
        (arguments, context) -> "{\"status\":\"shipped\"}");
  }

  @Service
  public static class SupportService {
    private final ChatCompletionEngine engine; // auto-configured from confidant.* properties

    public SupportService(ChatCompletionEngine engine) {
      this.engine = engine;
    }

    public String answer(String customer, String question) {
      return engine.complete(ChatCompletionRequest.of(null,
              new SystemMessage("You are a helpful support assistant."), new UserMessage(question)),
          RequestContext.of(customer, "support").with(Pseudonymization.KEY, Pseudonymization.ON)) // the model sees [NAME_1]
          .message().text();
    }
  }
}
// endregion readme
