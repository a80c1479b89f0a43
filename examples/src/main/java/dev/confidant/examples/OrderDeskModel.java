package dev.confidant.examples;

import dev.confidant.api.ChatCompletionChunk;
import dev.confidant.api.ChatCompletionRequest;
import dev.confidant.api.ChatMessage;
import dev.confidant.api.CompletionStream;
import dev.confidant.api.FinishReason;
import dev.confidant.api.ToolCall;
import dev.confidant.api.ToolDefinition;
import dev.confidant.api.ToolMessage;
import dev.confidant.api.Usage;
import dev.confidant.api.UserMessage;
import dev.confidant.api.spi.ChunkFactory;
import dev.confidant.api.spi.ModelBackend;
import dev.confidant.api.spi.StageContext;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A rule-based stand-in for a tool-calling model, so that the tool example runs anywhere without a model download:
 * when the last user message mentions an order id and {@value OrderStatusTool#NAME} is offered, it calls the tool;
 * when the last message is the tool's result, it answers with it. A real model (Jlama with an instruct model, or
 * the {@code openai} backend) does the same by itself. Thread-safe: stateless.
 */
final class OrderDeskModel implements ModelBackend {
  static final String NAME = "order-desk";
  private static final Pattern ORDER_ID = Pattern.compile("\\b[A-Za-z]-\\d{4}\\b");

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public CompletionStream stream(ChatCompletionRequest request, StageContext context) {
    ChunkFactory chunks = ChunkFactory.start(request.model() != null ? request.model() : NAME);
    List<ChatCompletionChunk> out = new ArrayList<>();
    out.add(chunks.role());
    ChatMessage last = request.messages().get(request.messages().size() - 1);
    boolean offered = request.tools().definitions().stream().map(ToolDefinition::name)
        .anyMatch(OrderStatusTool.NAME::equals);
    Matcher id = ORDER_ID.matcher(last.text());
    FinishReason reason = FinishReason.STOP;
    if (last instanceof ToolMessage result) {
      out.add(chunks.content("Here is what I found: " + result.text()));
    } else if (last instanceof UserMessage && offered && id.find()) {
      out.addAll(chunks.toolCall(0, new ToolCall("call_order_1", OrderStatusTool.NAME,
          "{\"order_id\":\"" + id.group() + "\"}")));
      reason = FinishReason.TOOL_CALLS;
    } else {
      out.add(chunks.content("Which order do you mean? Please tell me its id, like A-1001."));
    }
    out.add(chunks.finish(reason));
    out.add(chunks.usage(Usage.of(request.messages().size() * 10, 12)));
    return CompletionStream.of(out);
  }
}
