package dev.confidant.core.internal.tools;

import dev.confidant.api.ChatCompletionRequest;
import dev.confidant.api.CompletionStream;
import dev.confidant.api.ToolChoice;
import dev.confidant.api.ToolDefinition;
import dev.confidant.api.spi.EngineContext;
import dev.confidant.api.spi.PipelineStage;
import dev.confidant.api.spi.StageContext;
import dev.confidant.core.AccessPolicy;
import dev.confidant.core.ModelCapability;
import dev.confidant.core.Route;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Runs server tools for the model (see {@link ToolLoopStream}). A request whose space may use no server tool, that
 * sets {@code tool_choice: "none"}, asks for several choices ({@code n > 1}) or names a registered model declared
 * without the {@code tools} capability passes through untouched.
 * Thread-safe: immutable, each request gets its own stream and tool runner.
 */
final class ToolLoopStage implements PipelineStage {
  private final ServerTools tools;
  private final EngineContext engine;
  private final Limits limits;
  private final AccessPolicy policy;

  ToolLoopStage(ServerTools tools, EngineContext engine, Limits limits, AccessPolicy policy) {
    this.tools = tools;
    this.engine = engine;
    this.limits = limits;
    this.policy = policy;
  }

  @Override
  public CompletionStream intercept(Chain chain) {
    ChatCompletionRequest request = chain.request();
    List<ToolDefinition> offered = offered(request, chain.context());
    boolean severalChoices = request.options().n() != null && request.options().n() > 1;
    if (offered.isEmpty() || request.tools().choice() == ToolChoice.Mode.NONE || severalChoices) {
      return chain.proceed(request);
    }
    ToolRunner runner = new ToolRunner(tools, chain.context(), engine, limits.callTimeout());
    try {
      return new ToolLoopStream(chain, new ToolLoopPlan(request, offered, limits.maxRounds(), limits.maxTotalTime()), runner);
    } catch (RuntimeException e) {
      runner.close();
      throw e;
    }
  }

  /** The server tools this request may use, minus those a client tool of the same name shadows. */
  private List<ToolDefinition> offered(ChatCompletionRequest request, StageContext context) {
    if (tools.isEmpty() || !modelTakesTools(context)) {
      return List.of();
    }
    String space = context.request().spaceId();
    Set<String> clientNames = new HashSet<>();
    request.tools().definitions().forEach(d -> clientNames.add(d.name()));
    List<ToolDefinition> offered = new ArrayList<>();
    for (ServerTools.Entry entry : tools.all()) {
      String name = entry.tool().name();
      if (!clientNames.contains(name) && policy.allowsTool(space, name)) {
        offered.add(entry.tool().definition());
      }
    }
    return offered;
  }

  /**
   * False for a routed model that declares capabilities without tools (it would refuse them); undeclared means the
   * backend decides.
   */
  private static boolean modelTakesTools(StageContext context) {
    Set<ModelCapability> capabilities = context.get(Route.KEY).map(r -> r.model().capabilities()).orElse(Set.of());
    return capabilities.isEmpty() || capabilities.contains(ModelCapability.TOOLS);
  }

  @Override
  public String toString() {
    return "ToolLoopStage" + tools.names();
  }
}
