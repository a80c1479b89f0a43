package dev.confidant.server.internal.http;

import dev.confidant.api.ChatCompletionChunk;
import dev.confidant.api.ChatCompletionEngine;
import dev.confidant.api.ChatCompletionRequest;
import dev.confidant.api.ChatCompletionResponse;
import dev.confidant.api.ChatEngineException;
import dev.confidant.api.ChunkChoice;
import dev.confidant.api.CompletionStream;
import dev.confidant.api.InvalidRequestException;
import dev.confidant.api.RequestContext;
import dev.confidant.api.ResponseOptions;
import dev.confidant.api.Violation;
import dev.confidant.core.json.ChatJson;
import dev.confidant.core.AccessPolicy;
import dev.confidant.openai.ModelEndpoint;
import dev.confidant.rag.KnowledgeBase;
import dev.confidant.server.Principal;
import dev.confidant.server.ServerConfig;
import dev.confidant.server.internal.pii.PiiAuditTrail;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * {@code POST /api-proxy/v1/chat/completions} (and {@code /v1/chat/completions}): authenticates, checks the space,
 * maps the platform headers to a {@link RequestContext} (a request's own model endpoint only where the space allows
 * it, else 403; collection and file ids only if the knowledge base has them, else 422), and answers a {@code chat.completion} or an SSE stream of
 * {@code chat.completion.chunk}s ending with {@code data: [DONE]}. With {@code X-Pii-Audit: true} the answer carries
 * a {@code pii_audit} object: a field of the {@code chat.completion}, or of a last chunk without choices before
 * {@code [DONE]} ({@link AuditJson}). Thread-safe; one instance serves all requests.
 */
final class ChatHandler implements Handler {
  private static final byte[] DONE = "data: [DONE]\n\n".getBytes(StandardCharsets.US_ASCII);

  private final ChatCompletionEngine engine;
  private final Guard guard;
  private final ConcurrencyLimiter limiter;
  private final ServerMetrics metrics;
  private final ServerConfig.Limits limits;
  private final Supplier<KnowledgeBase> knowledge;
  private final @Nullable PiiAuditTrail audits;
  private final BudgetGuard budgets;

  /**
   * @param audits the audit trail the engine reports to, or {@code null} when the engine was built elsewhere (then
   *     {@code X-Pii-Audit} is accepted but answered without an audit)
   */
  ChatHandler(ChatCompletionEngine engine, Guard guard, ConcurrencyLimiter limiter, ServerMetrics metrics,
      ServerConfig.Limits limits, Supplier<KnowledgeBase> knowledge, @Nullable PiiAuditTrail audits,
      BudgetGuard budgets) {
    this.engine = engine;
    this.audits = audits;
    this.budgets = budgets;
    this.knowledge = knowledge;
    this.guard = guard;
    this.limiter = limiter;
    this.metrics = metrics;
    this.limits = limits;
  }

  @Override
  public void handle(ServerRequest req, ServerResponse res) {
    long start = System.nanoTime();
    Principal principal = guard.authenticate(req.headers());
    String space = guard.space(req.headers(), null, principal, AccessPolicy.Operation.CHAT).orElse(null);
    // Raw UTF-8 in X-Pii-Mapping ("Jürgen") decoded as UTF-8, not as Helidon's US-ASCII.
    ContextHeaders.Parsed parsed = ContextHeaders.parse(Utf8Headers.decoded(req), principal.name(), Trace.of(req));
    if (ContextHeaders.hasModelEndpoint(req.headers()) && !guard.policy().allowsCustomModelEndpoint(space)) {
      throw HttpProblem.of(403, "Custom model endpoints (X-Model-Api-Base-Url, X-Model-Api-Key) are not allowed "
          + "in this space; a server administrator can enable allow-custom-model-endpoint for it");
    }
    byte[] body = BodyReader.read(req, limits.maxBodyBytes());
    List<Violation> violations = new ArrayList<>(parsed.violations());
    boolean wantsAudit = ContextHeaders.bool(req.headers(), ContextHeaders.X_PII_AUDIT, false, violations);
    ModelEndpoint endpoint = ContextHeaders.modelEndpoint(req.headers(), violations);
    ChatCompletionRequest request = null;
    try {
      request = ChatCodec.readRequest(body); // the shape; the engine's validation stage checks the rules
    } catch (InvalidRequestException e) {
      violations.addAll(e.violations());
    }
    if (!violations.isEmpty()) {
      // Header and body problems in one answer, as FastAPI reports them.
      throw new InvalidRequestException(violations);
    }
    java.util.Objects.requireNonNull(request, "a request without violations was read");
    // The audit's slot travels with the request, where the trail's listener finds it when the call ends.
    PiiAuditTrail.Slot audit = wantsAudit && audits != null ? new PiiAuditTrail.Slot() : null;
    RequestContext context = parsed.context().withSpaceId(space).with(ModelEndpoint.KEY, endpoint)
        .with(PiiAuditTrail.SLOT, audit);
    // After the cheap checks: looking ids up opens the knowledge base.
    List<Violation> unknown = KnowledgeIds.unknownSources(knowledge.get(), context);
    if (!unknown.isEmpty()) {
      throw new InvalidRequestException(unknown);
    }
    // Before anything runs: a request beyond its caller's or its space's limits costs nothing.
    budgets.admit(principal.name(), space);
    ConcurrencyLimiter.Permit permit = limiter.acquire();
    try {
      if (Boolean.TRUE.equals(request.options().stream())) {
        stream(request, context, res, start, permit, audit);
      } else {
        ChatCompletionResponse response = engine.complete(request, context);
        // The model is done: free the slot before the client can read the answer and send its next request.
        permit.close();
        if (response.usage() != null) {
          metrics.tokens(response.usage());
        }
        budgets.charge(principal.name(), space, response.usage());
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        // The (restored) reply encoded once, straight to UTF-8 bytes; the audit is added to the text.
        res.send(audit == null ? ChatCodec.writeResponse(response)
            : AuditJson.withAudit(ChatJson.writeResponse(response), audit).getBytes(StandardCharsets.UTF_8));
      }
    } catch (ChatEngineException e) {
      metrics.error(e.type().name().toLowerCase(java.util.Locale.ROOT));
      // The engine's locations are relative to the request: its options (and the thread a full vault names) came
      // in headers, the rest in the body, whose values the client sees as it sent them.
      RuntimeException failure = e instanceof InvalidRequestException invalid ? ChatJson.asSent(invalid, body) : e;
      throw WireLocations.inBody(WireLocations.moved(failure, Map.of(
          List.of("thread_id"), List.of("header", ContextHeaders.X_THREAD.lowerCase()),
          List.of("options", "model_endpoint"), List.of("header", ContextHeaders.X_MODEL_API_BASE_URL.lowerCase()))));
    } finally {
      // Held until the model is done (released early on success, here on failure): the slot bounds running model
      // calls, not accepted requests.
      permit.close();
    }
  }

  private void stream(ChatCompletionRequest request, RequestContext context, ServerResponse res, long start,
      ConcurrencyLimiter.Permit permit, PiiAuditTrail.@Nullable Slot audit) {
    boolean includeUsage = request.options().usageRequested();
    // The usage chunk always comes, so that metrics and budgets count a streamed answer's tokens; it reaches the
    // client only if it asked for it (stream_options.include_usage).
    ResponseOptions o = request.options();
    CompletionStream stream = engine.stream(includeUsage ? request : request.withOptions(
        new ResponseOptions(o.n(), o.stream(), true, o.logprobs(), o.topLogprobs(), o.user())), context);
    try (stream) {
      // Pull the first chunk before committing 200: a backend that fails on start still gets a proper status.
      ChatCompletionChunk first = stream.next();
      res.status(200);
      res.header(HeaderNames.CONTENT_TYPE, "text/event-stream");
      res.header(HeaderNames.CACHE_CONTROL, "no-cache");
      res.header("X-Accel-Buffering", "no");
      OutputStream out = res.outputStream();
      try {
        boolean timed = false;
        ChatCompletionChunk last = first;
        for (ChatCompletionChunk chunk = first; chunk != null; chunk = nextOrError(stream, out)) {
          last = chunk;
          if (!timed && hasContent(chunk)) {
            metrics.timeToFirstToken(Duration.ofNanos(System.nanoTime() - start));
            timed = true;
          }
          if (chunk.usage() != null) {
            metrics.tokens(chunk.usage());
            budgets.charge(context.principal(), context.spaceId(), chunk.usage());
            if (!includeUsage && chunk.choices().isEmpty()) {
              continue; // the usage chunk the client did not ask for
            }
          }
          out.write(ChatCodec.chunkEvent(chunk, includeUsage));
          out.flush(); // each chunk leaves at once (the server's sockets set TCP_NODELAY)
        }
        permit.close(); // the model is done: free the slot before the client reads [DONE]
        if (audit != null && last != null) {
          String event = "data: " + AuditJson.chunk(last, audit) + "\n\n";
          out.write(event.getBytes(StandardCharsets.UTF_8));
        }
        out.write(DONE);
        out.close();
      } catch (IOException | RuntimeException e) {
        // The client went away (or the stream failed after an error event was written): closing the
        // CompletionStream (try-with-resources) stops generation; there is nobody left to answer.
        if (e instanceof ChatEngineException engineError) {
          metrics.error(engineError.type().name().toLowerCase(java.util.Locale.ROOT));
        } else {
          metrics.error("stream_aborted"); // mostly a client that went away
        }
        closeQuietly(out);
      }
    }
  }

  /** The next chunk; on an engine failure writes an OpenAI error event and rethrows. */
  private static @Nullable ChatCompletionChunk nextOrError(CompletionStream stream, OutputStream out)
      throws IOException {
    try {
      return stream.next();
    } catch (ChatEngineException e) {
      HttpProblem problem = Errors.toProblem(e);
      String event = "data: " + StreamError.json(problem) + "\n\n";
      out.write(event.getBytes(StandardCharsets.UTF_8));
      out.flush();
      throw e;
    }
  }

  private static void closeQuietly(OutputStream out) {
    try {
      out.close();
    } catch (IOException | RuntimeException ignored) {
      // The connection is gone; nothing to finish.
    }
  }

  private static boolean hasContent(ChatCompletionChunk chunk) {
    for (ChunkChoice choice : chunk.choices()) {
      String content = choice.delta().content();
      if ((content != null && !content.isEmpty()) || !choice.delta().toolCalls().isEmpty()) {
        return true;
      }
    }
    return false;
  }
}
