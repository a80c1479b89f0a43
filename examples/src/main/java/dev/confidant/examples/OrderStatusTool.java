package dev.confidant.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.confidant.api.RawJson;
import dev.confidant.api.spi.ToolContext;
import dev.confidant.api.spi.ToolProvider;
import java.util.Map;

/**
 * An example server tool: looks up the status of an order. {@link ToolExample} registers it with
 * {@code ChatEngines.builder().addTool(new OrderStatusTool())}; the engine offers it to the model next to the
 * client's tools, checks the model's arguments against {@link #parameters()} and runs {@link #call} on a virtual
 * thread. A library that ships a tool for every engine on its class path would register it with
 * {@link java.util.ServiceLoader} instead ({@code provides dev.confidant.api.spi.ToolProvider} in its
 * {@code module-info} and {@code META-INF/services}); an example must not, or every engine built next to it (the
 * quick start's too) would offer the tool.
 *
 * <p>The orders are a fixed in-memory table; a real tool would ask the order service. Thread-safe: immutable.
 */
public final class OrderStatusTool implements ToolProvider {
  /** The function name the model calls. */
  public static final String NAME = "order_status";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Map<String, Map<String, String>> ORDERS = Map.of(
      "A-1001", Map.of("status", "shipped", "carrier", "DHL", "eta", "2026-12-02"),
      "A-1002", Map.of("status", "processing", "eta", "2026-12-05"),
      "A-1003", Map.of("status", "delivered", "delivered_on", "2026-11-20"));

  /** A tool over the fixed example orders. */
  public OrderStatusTool() {}

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "Looks up the current status of a customer's order by its order id (like A-1001): status, carrier "
        + "and expected delivery date.";
  }

  @Override
  public RawJson parameters() {
    return RawJson.of("""
        {"type":"object",
         "properties":{"order_id":{"type":"string","description":"The order id, e.g. A-1001",
                                   "minLength":1,"maxLength":32}},
         "required":["order_id"],"additionalProperties":false}""");
  }

  /**
   * @return the order's status as JSON, e.g. {@code {"order_id":"A-1001","status":"shipped",...}}
   * @throws IllegalArgumentException if there is no such order; its message tells the model what to do
   */
  @Override
  public String call(String arguments, ToolContext context) throws Exception {
    // The engine has validated the arguments against parameters(): order_id is there and a string.
    String id = JSON.readTree(arguments).path("order_id").asText().strip().toUpperCase(java.util.Locale.ROOT);
    Map<String, String> order = ORDERS.get(id);
    if (order == null) {
      throw new IllegalArgumentException("no order '" + id + "'; ask the customer to check the order id "
          + "(it looks like A-1001)");
    }
    Map<String, String> result = new java.util.TreeMap<>(order);
    result.put("order_id", id);
    JsonNode node = JSON.valueToTree(result);
    return JSON.writeValueAsString(node);
  }
}
