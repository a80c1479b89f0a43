package dev.confidant.core.internal.tools;

import dev.confidant.api.ChatCompletionChunk;
import dev.confidant.api.ChatMessage;
import dev.confidant.api.ChunkChoice;
import dev.confidant.api.CompletionStream;
import dev.confidant.api.Delta;
import dev.confidant.api.FinishReason;
import dev.confidant.api.ToolCall;
import dev.confidant.api.ToolExecutionException;
import dev.confidant.api.ToolMessage;
import dev.confidant.api.Usage;
import dev.confidant.api.spi.PipelineStage;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The stream of one request through the tool loop. Each model turn streams through as it comes: content at once,
 * client tool calls re-indexed, server tool calls held back. When a turn ends with server calls only, they run
 * (see {@link ToolRunner}), the turn and the results join the history, and the next turn starts; the client sees
 * one completion: one role chunk, one id, the content of every turn, the finish chunk of the last turn and one
 * usage chunk summing all turns.
 *
 * <p>A turn with server and client calls runs the server calls and ends the loop with the client calls
 * ({@code finish_reason: tool_calls}): the client answers its calls in its next request, and the server calls'
 * results are not carried over (the engine keeps no state between requests), so the model may call them again.
 *
 * <p>After {@link ToolLoopPlan#maxRounds()} turns with server calls, or past the time budget, the next turn is
 * offered no server tools, so the model must answer with what it has; if it calls a server tool anyway, the stream
 * fails with a {@link ToolExecutionException} instead of looping.
 *
 * <p>One thread pulls; {@link #close()} may come from any thread and stops the model stream and running tools.
 */
final class ToolLoopStream implements CompletionStream {
  private final PipelineStage.Chain chain;
  private final ToolLoopPlan plan;
  private final ToolRunner runner;
  private final Instant deadline;
  private final List<ChatMessage> history;
  private final ArrayDeque<ChatCompletionChunk> ready = new ArrayDeque<>();
  private volatile @Nullable CompletionStream upstream;
  private volatile boolean closed;
  private volatile boolean done;
  private int rounds;
  private boolean lastTurn;
  private Round round;
  private @Nullable String id;
  private long created;
  private boolean roleSent;
  private @Nullable ChatCompletionChunk template;
  private @Nullable Usage usage;

  ToolLoopStream(PipelineStage.Chain chain, ToolLoopPlan plan, ToolRunner runner) {
    this.chain = chain;
    this.plan = plan;
    this.runner = runner;
    this.deadline = Instant.now().plus(plan.maxTotalTime());
    this.history = new ArrayList<>(chain.request().messages());
    this.round = new Round(plan.serverToolNames());
    // The first turn starts at once, as for any stage: backends reject bad requests before the first chunk.
    this.upstream = chain.proceed(plan.request(history, 0, false));
  }

  @Override
  public @Nullable ChatCompletionChunk next() {
    while (ready.isEmpty() && !done) {
      if (closed) {
        return null;
      }
      CompletionStream current = upstream;
      if (current == null) {
        try {
          current = chain.proceed(plan.request(history, rounds, lastTurn));
        } catch (RuntimeException e) {
          finish();
          throw e;
        }
        upstream = current;
        if (closed) { // close() may have missed it
          current.close();
          return null;
        }
      }
      ChatCompletionChunk chunk;
      try {
        chunk = current.next();
      } catch (RuntimeException e) {
        finish();
        throw e;
      }
      if (chunk == null) {
        current.close();
        upstream = null;
        endTurn();
      } else {
        accept(chunk);
      }
    }
    return closed ? null : ready.poll();
  }

  @Override
  public void close() {
    closed = true; // next() returns null from now on; the queue belongs to the pulling thread
    finish();
  }

  private void finish() {
    done = true;
    runner.cancel();
    CompletionStream current = upstream;
    if (current != null) {
      current.close();
    }
  }

  private void accept(ChatCompletionChunk chunk) {
    if (id == null) {
      id = chunk.id();
      created = chunk.created();
    }
    template = chunk;
    if (chunk.choices().isEmpty()) {
      if (chunk.usage() != null) {
        usage = usage == null ? chunk.usage() : usage.plus(chunk.usage());
      }
      return;
    }
    List<ChunkChoice> out = new ArrayList<>();
    for (ChunkChoice choice : chunk.choices()) {
      Delta delta = choice.delta();
      if (choice.finishReason() != null) {
        round.finish(choice.finishReason());
      }
      List<Delta.ToolCallDelta> calls = new ArrayList<>();
      for (Delta.ToolCallDelta fragment : delta.toolCalls()) {
        calls.addAll(round.accept(fragment));
      }
      if (delta.content() != null) {
        round.appendContent(delta.content());
      }
      boolean role = delta.role() != null && !roleSent;
      roleSent |= role;
      // A later turn's role chunk carries "" as content: without its role it says nothing.
      String content = delta.role() != null && !role && "".equals(delta.content()) ? null : delta.content();
      Delta visible = new Delta(role ? delta.role() : null, content, delta.refusal(), calls, delta.context());
      boolean empty = !role && content == null && delta.refusal() == null && calls.isEmpty()
          && delta.context() == null;
      if (!empty) {
        out.add(new ChunkChoice(choice.index(), visible, null, choice.logprobs()));
      }
    }
    if (!out.isEmpty()) {
      ready.add(rewrite(chunk, out, null));
    }
  }

  private void endTurn() {
    List<ToolCall> serverCalls = round.serverCalls();
    if (serverCalls.isEmpty()) {
      end(round.finishReason());
      return;
    }
    if (lastTurn) {
      finish();
      throw new ToolExecutionException(serverCalls.get(0).name(), "the model called server tool '"
          + serverCalls.get(0).name() + "' after the tool loop's limit (" + plan.limitDescription() + ") although "
          + "no server tool was offered any more; raise ToolOptions.MAX_ROUNDS or ToolOptions.MAX_TOTAL_TIME, or "
          + "simplify the task", null);
    }
    Optional<List<ToolMessage>> answers = runner.run(serverCalls, deadline);
    if (answers.isEmpty()) { // cancelled by close()
      done = true;
      return;
    }
    if (round.hasClientCalls()) {
      end(FinishReason.TOOL_CALLS); // the client answers its calls; see the class comment
      return;
    }
    history.add(round.asHistory());
    history.addAll(answers.get());
    rounds++;
    lastTurn = rounds >= plan.maxRounds() || !Instant.now().isBefore(deadline);
    round = new Round(plan.serverToolNames()); // also in the last turn: a server call then is an error
  }

  private void end(@Nullable FinishReason reason) {
    done = true;
    runner.close();
    ChatCompletionChunk last = template;
    if (last == null) {
      return; // the model sent nothing at all
    }
    FinishReason effective = reason != null ? reason
        : round.hasClientCalls() ? FinishReason.TOOL_CALLS : FinishReason.STOP;
    if (round.hasClientCalls() && effective == FinishReason.STOP) {
      effective = FinishReason.TOOL_CALLS;
    }
    ready.add(rewrite(last, List.of(new ChunkChoice(0, Delta.EMPTY, effective, null)), null));
    if (usage != null) {
      ready.add(rewrite(last, List.of(), usage));
    }
  }

  private ChatCompletionChunk rewrite(ChatCompletionChunk chunk, List<ChunkChoice> choices, @Nullable Usage u) {
    return new ChatCompletionChunk(id == null ? chunk.id() : id, id == null ? chunk.created() : created,
        chunk.model(), choices, u, chunk.systemFingerprint());
  }
}
