package dev.confidant.api.spi;

import static java.util.Objects.requireNonNull;

import dev.confidant.api.RawJson;
import dev.confidant.api.ToolDefinition;

/**
 * A server tool: a function the engine runs itself when the model calls it, inside the {@link Phase#TOOL_LOOP}
 * stage. Discovered with {@link java.util.ServiceLoader} (register it in {@code module-info} {@code provides} and
 * in {@code META-INF/services/dev.confidant.api.spi.ToolProvider}) or added with the engine builder's
 * {@code addTool}.
 *
 * <p>The tool loop offers the tool to the model next to the client's tools, checks the model's arguments against
 * {@link #parameters()} before calling {@link #call}, runs the calls of one model turn in parallel on virtual
 * threads with a timeout, and hands the result (or a clear error) back to the model as a {@code tool} message.
 * With pseudonymization on, the arguments reach {@link #call} with real values restored, and the result is
 * masked before the model sees it.
 *
 * {@snippet class=dev.confidant.api.spi.SpiSnippets region=server-tool}
 * Register it with {@code ChatEngines.builder().addTool(weather)}.
 *
 * <p>Implementations must be thread-safe: one instance serves concurrent calls of concurrent requests.
 */
public interface ToolProvider {

  /** The function name the model calls: unique in the engine, matching {@code ^[a-zA-Z0-9_-]{1,64}$}. */
  String name();

  /** What the tool does and when to use it, written for the model. */
  String description();

  /** The JSON schema of the arguments (an {@code object} schema); the loop validates arguments against it. */
  RawJson parameters();

  /**
   * Runs one call. Blocking is fine: each call runs on its own virtual thread, which is interrupted when the call
   * times out or the caller closes the stream, so long waits should be interruptible.
   *
   * @implSpec The message of an exception thrown here is shown to the model (so that it can correct its call or
   *     answer without the tool): write it for the model, and keep secrets and stack details out of it.
   * @param arguments the arguments as JSON text, valid against {@link #parameters()}
   * @param context who calls, in which space, and the per-call attributes
   * @return the result as text (often JSON), handed to the model as the {@code tool} message's content
   * @throws Exception if the call fails; the loop tells the model and goes on
   */
  String call(String arguments, ToolContext context) throws Exception;

  /** The definition the model is offered ({@code tools[].function}). */
  default ToolDefinition definition() {
    return new ToolDefinition(name(), description(), parameters(), null);
  }

  /**
   * A tool from its parts.
   *
   * @param name the function name, see {@link #name()}
   * @param description see {@link #description()}
   * @param parameters see {@link #parameters()}
   * @param function the implementation, see {@link #call}
   */
  static ToolProvider of(String name, String description, RawJson parameters, Function function) {
    requireNonNull(name, "name");
    requireNonNull(description, "description");
    requireNonNull(parameters, "parameters");
    requireNonNull(function, "function");
    return new ToolProvider() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public String description() {
        return description;
      }

      @Override
      public RawJson parameters() {
        return parameters;
      }

      @Override
      public String call(String arguments, ToolContext context) throws Exception {
        return function.call(arguments, context);
      }

      @Override
      public String toString() {
        return "ToolProvider[" + name + "]";
      }
    };
  }

  /** The implementation of a tool made with {@link ToolProvider#of}. Must be thread-safe. */
  @FunctionalInterface
  interface Function {
    /**
     * Runs one call; see {@link ToolProvider#call}.
     *
     * @throws Exception if the call fails
     */
    String call(String arguments, ToolContext context) throws Exception;
  }
}
