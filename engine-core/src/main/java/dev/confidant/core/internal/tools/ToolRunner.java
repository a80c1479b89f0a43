package dev.confidant.core.internal.tools;

import dev.confidant.api.ErrorType;
import dev.confidant.api.ModelInvocationException;
import dev.confidant.api.ToolCall;
import dev.confidant.api.ToolMessage;
import dev.confidant.api.spi.EngineContext;
import dev.confidant.api.spi.StageContext;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the server tool calls of one model turn: checks each call's arguments against the tool's schema, runs the
 * valid ones in parallel, one virtual thread each, and waits for them up to the per-call timeout (capped by the
 * loop's deadline). Every call gets a {@code tool} message: the result, or an error the model can act on (invalid
 * arguments, failure, timeout). {@link #cancel()} interrupts running calls at once, from any thread.
 *
 * <p>One instance serves one request's loop: {@link #run} is called by the thread pulling the stream, one turn at
 * a time; {@link #cancel()} may come from any thread. Logs name tools and exception types only, never arguments,
 * results or messages (they may hold personal data).
 */
final class ToolRunner {
  private static final Logger LOG = LoggerFactory.getLogger(ToolRunner.class);

  private final ServerTools tools;
  private final StageContext attributes;
  private final EngineContext engine;
  private final Duration callTimeout;
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
  private volatile boolean cancelled;

  ToolRunner(ServerTools tools, StageContext attributes, EngineContext engine, Duration callTimeout) {
    this.tools = tools;
    this.attributes = attributes;
    this.engine = engine;
    this.callTimeout = callTimeout;
  }

  /**
   * Runs the calls and answers each, in call order.
   *
   * @param calls server tool calls (names known to {@link ServerTools})
   * @param loopDeadline the end of the loop's time budget
   * @return one tool message per call, or empty if {@link #cancel()} stopped the turn
   * @throws ModelInvocationException ({@link ErrorType#CANCELLED}) if the pulling thread is interrupted
   */
  Optional<List<ToolMessage>> run(List<ToolCall> calls, Instant loopDeadline) {
    Instant now = Instant.now();
    Instant deadline = now.plus(callTimeout).isBefore(loopDeadline) ? now.plus(callTimeout) : loopDeadline;
    Duration budget = Duration.between(now, deadline);
    List<Future<String>> futures = new ArrayList<>();
    List<String> immediate = new ArrayList<>();
    for (ToolCall call : calls) {
      ServerTools.Entry entry = tools.find(call.name()).orElseThrow();
      List<String> problems = entry.schema().validate(call.arguments());
      if (!problems.isEmpty() || cancelled) {
        immediate.add(problems.isEmpty() ? "" : invalidArguments(call.name(), problems));
        futures.add(null);
        continue;
      }
      CallContext context = new CallContext(attributes, engine, call.id(), deadline);
      immediate.add(null);
      futures.add(executor.submit(() -> entry.tool().call(call.arguments(), context)));
    }
    List<ToolMessage> answers = new ArrayList<>();
    try {
      for (int i = 0; i < calls.size(); i++) {
        ToolCall call = calls.get(i);
        Future<String> future = futures.get(i);
        String answer = future == null ? immediate.get(i) : await(call, future, deadline, budget);
        if (cancelled) {
          return Optional.empty();
        }
        answers.add(new ToolMessage(answer, call.id()));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      cancel();
      throw new ModelInvocationException(ErrorType.CANCELLED, "interrupted while server tools ran; cancelled", 0, e);
    } finally {
      futures.forEach(f -> {
        if (f != null) {
          f.cancel(true); // a no-op for finished calls; stops what a cancel or failure left running
        }
      });
    }
    return Optional.of(answers);
  }

  /** Interrupts running calls and refuses new ones. Idempotent; any thread. */
  void cancel() {
    cancelled = true;
    executor.shutdownNow();
  }

  /** Stops the executor once the loop is over. */
  void close() {
    executor.shutdownNow();
  }

  private String await(ToolCall call, Future<String> future, Instant deadline, Duration budget) throws InterruptedException {
    long nanos = Math.max(0, Duration.between(Instant.now(), deadline).toNanos());
    try {
      String result = future.get(nanos, TimeUnit.NANOSECONDS);
      return result == null ? "" : result;
    } catch (TimeoutException e) {
      future.cancel(true);
      LOG.debug("server tool '{}' timed out", call.name());
      return "Error: tool '" + call.name() + "' did not answer within " + describe(budget)
          + " and was stopped. Try again with a narrower request, or answer without it.";
    } catch (CancellationException e) {
      return "Error: tool '" + call.name() + "' was cancelled.";
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      LOG.debug("server tool '{}' failed with {}", call.name(), cause.getClass().getName());
      String message = cause.getMessage() == null || cause.getMessage().isBlank()
          ? cause.getClass().getSimpleName() : cause.getMessage();
      return "Error: tool '" + call.name() + "' failed: " + message
          + ". Fix the arguments and call it again, or answer without it.";
    }
  }

  private static String invalidArguments(String name, List<String> problems) {
    return "Error: invalid arguments for tool '" + name + "': " + String.join("; ", problems)
        + ". Call it again with arguments that match its parameters schema.";
  }

  private static String describe(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
  }
}
