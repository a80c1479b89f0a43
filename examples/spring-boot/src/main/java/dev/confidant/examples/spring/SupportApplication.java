package dev.confidant.examples.spring;

// region readme
import dev.confidant.api.ChatCompletionEngine;
import dev.confidant.api.ChatCompletionRequest;
import dev.confidant.api.RawJson;
import dev.confidant.api.RequestContext;
import dev.confidant.api.SystemMessage;
import dev.confidant.api.UserMessage;
import dev.confidant.api.spi.ToolProvider;
import dev.confidant.pii.Pseudonymization;
import org.springframework.boot.CommandLineRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Service;

@SpringBootApplication
public class SupportApplication {

  public static void main(String[] args) {
    SpringApplication.run(SupportApplication.class, args);
  }

  /** With a question as argument, prints the answer (the test starts the application without one). */
  @Bean
  CommandLineRunner ask(SupportService support) {
    return args -> {
      if (args.length > 0) {
        System.out.println(support.answer("alice", String.join(" ", args)));
      }
    };
  }

  /** A server tool: the engine offers it to the model and runs it with the real (restored) arguments. */
  @Bean
  ToolProvider orderStatus() {
    return ToolProvider.of("order_status", "The status of a customer's order",
        RawJson.of("{\"type\":\"object\",\"properties\":{\"order\":{\"type\":\"string\"}},\"required\":[\"order\"]}"),
        (arguments, context) -> "{\"status\":\"shipped\"}");
  }

  @Service
  public static class SupportService {
    private final ChatCompletionEngine engine; // auto-configured from confidant.* (application.yaml)

    public SupportService(ChatCompletionEngine engine) {
      this.engine = engine;
    }

    /** Answers a customer's question; the model sees {@code [NAME_1]} where the question names a person. */
    public String answer(String customer, String question) {
      RequestContext caller = RequestContext.of(customer, "support")
          .with(Pseudonymization.KEY, Pseudonymization.ON);
      return engine.complete(ChatCompletionRequest.of(null,
              new SystemMessage("You are a helpful support assistant."), new UserMessage(question)), caller)
          .message().text();
    }
  }
}
// endregion readme
