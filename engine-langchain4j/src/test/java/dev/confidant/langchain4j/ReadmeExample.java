package dev.confidant.langchain4j;

import dev.confidant.api.ChatCompletionEngine;
import dev.confidant.api.RequestContext;
import dev.confidant.pii.Pseudonymization;
import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.memory.chat.MessageWindowChatMemory;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.service.AiServices;
import dev.langchain4j.service.MemoryId;
import dev.langchain4j.service.UserMessage;

/**
 * The README's example ("LangChain4j on top of Confidant"), compiled here and run by {@link ReadmeExampleTest},
 * which also checks that the README shows exactly the region below.
 */
final class ReadmeExample {
  private ReadmeExample() {}

  // @start region="ai-service"
  interface Support {
    String answer(@MemoryId String customer, @UserMessage String question);
  }

  static class OrderTools {
    @Tool("Tells the status of an order, by its number")
    String orderStatus(@P(name = "orderNumber", value = "the order number") String orderNumber) {
      return orderNumber.equals("A-1001") ? "shipped on Monday" : "unknown order";
    }
  }

  static Support support(ChatCompletionEngine engine) {
    ChatModel model = ConfidantChatModel.builder(engine)
        .context(RequestContext.anonymous().with(Pseudonymization.KEY, Pseudonymization.ON)) // the model sees [NAME_1]
        .build();
    return AiServices.builder(Support.class)
        .chatModel(model)
        .tools(new OrderTools())                                              // run here, with the real values
        .chatMemoryProvider(customer -> MessageWindowChatMemory.withMaxMessages(20))
        .build();
  }
  // @end
}
