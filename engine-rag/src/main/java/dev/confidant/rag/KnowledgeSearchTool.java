package dev.confidant.rag;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.confidant.api.InvalidRequestException;
import dev.confidant.api.RawJson;
import dev.confidant.api.RequestContext;
import dev.confidant.api.ToolDefinition;
import dev.confidant.api.spi.ToolProvider;
import java.util.List;

/**
 * The {@code knowledge_search} server tool: lets the model search the knowledge base during the tool loop.
 * It searches the request's collections and uploaded files when the request names any, else every collection
 * of the request's space ({@link KnowledgeBase#spaceOf}); never another space. Thread-safe.
 *
 * <p>{@snippet class=dev.confidant.rag.RagSnippets region=search-tool}
 */
public final class KnowledgeSearchTool {
  /** The function name the model calls. */
  public static final String NAME = "knowledge_search";
  private static final String SCHEMA = """
      {"type":"object","properties":{\
      "query":{"type":"string","description":"What to look for, in natural language or keywords"},\
      "k":{"type":"integer","minimum":1,"maximum":20,"description":"How many passages (default 5)"}},\
      "required":["query"],"additionalProperties":false}""";

  private final ObjectMapper json = new ObjectMapper();
  private final KnowledgeBase knowledgeBase;
  private final RagOptions options;

  public KnowledgeSearchTool(KnowledgeBase knowledgeBase, RagOptions options) {
    this.knowledgeBase = requireNonNull(knowledgeBase, "knowledgeBase");
    this.options = requireNonNull(options, "options");
  }

  /** The tool definition to offer the model. */
  public ToolDefinition definition() {
    return new ToolDefinition(NAME, "Searches the user's knowledge collections and uploaded files and returns"
        + " the most relevant passages with their source ids.", RawJson.of(SCHEMA), null);
  }

  /**
   * This tool as a server tool for the engine's tool loop:
   * {@code ChatEngines.builder().addTool(new KnowledgeSearchTool(kb, options).asToolProvider())}. The search is
   * scoped by the calling request's space, collections and files.
   */
  public ToolProvider asToolProvider() {
    ToolDefinition definition = definition();
    return ToolProvider.of(NAME, requireNonNull(definition.description()), requireNonNull(definition.parameters()),
        (arguments, context) -> execute(arguments, context.request()));
  }

  /**
   * Runs a call.
   *
   * @param argumentsJson the call's arguments, {@code {"query": "...", "k": 5}}
   * @param context the caller's request context: its space, collections and files scope the search
   * @return the results as JSON, {@code {"results": [{source_id, chunk_id, title, content, score}]}}
   * @throws InvalidRequestException if the arguments are not valid JSON or lack {@code query}
   */
  public String execute(String argumentsJson, RequestContext context) {
    JsonNode args;
    try {
      args = json.readTree(argumentsJson);
    } catch (JsonProcessingException e) {
      throw InvalidRequestException.of(List.of("tool_call", NAME, "arguments"),
          "arguments are not valid JSON: " + e.getOriginalMessage(), "json_invalid");
    }
    if (args == null || !args.path("query").isTextual() || args.path("query").asText().isBlank()) {
      throw InvalidRequestException.of(List.of("tool_call", NAME, "arguments", "query"),
          "Field required: a non-empty string 'query'", "missing");
    }
    int k = Math.clamp(args.path("k").asInt(options.topK()), 1, 20);
    KnowledgeSources sources = KnowledgeSources.of(context);
    SearchQuery query = new SearchQuery(KnowledgeBase.spaceOf(context), args.path("query").asText(),
        options.mode(), k, options.minScore(), sources.collectionIds(), sources.fileIds());
    ObjectNode result = json.createObjectNode();
    ArrayNode results = result.putArray("results");
    for (SearchHit hit : knowledgeBase.search(query)) {
      ObjectNode r = results.addObject();
      r.put("source_id", hit.sourceId());
      r.put("chunk_id", hit.chunkId());
      r.put("title", hit.title());
      r.put("content", hit.content());
      if (hit.page() != null) {
        r.put("page", hit.page());
      }
      r.put("score", hit.score());
    }
    return result.toString();
  }
}
