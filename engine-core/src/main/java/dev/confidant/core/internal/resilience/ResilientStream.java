package dev.confidant.core.internal.resilience;

import dev.confidant.api.ChatCompletionChunk;
import dev.confidant.api.ChatEngineException;
import dev.confidant.api.CompletionStream;
import dev.confidant.api.ErrorType;
import dev.confidant.api.InvalidRequestException;
import dev.confidant.api.ModelInvocationException;
import dev.confidant.api.spi.StageContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stream of one resilient invocation: until a first chunk is delivered it retries the current target and
 * then falls back along the chain; after that it only passes chunks (and failures) through, because the caller has
 * already seen tokens that a new attempt could contradict. Not thread-safe, like every stream, except
 * {@link #close()}.
 */
final class ResilientStream implements CompletionStream {
  private static final Logger LOG = LoggerFactory.getLogger(ResilientStream.class);

  private final ResilientInvoker invoker;
  private final List<ResilientInvoker.Target> chain;
  private final StageContext context;
  private final List<ChatEngineException> failures = new ArrayList<>();
  private int target;
  private int attempt; // attempts made on the current target
  private @Nullable CompletionStream current;
  private @Nullable CircuitBreaker currentBreaker;
  private boolean delivered;
  private @Nullable ChatEngineException finalFailure;
  private volatile boolean closed;

  ResilientStream(ResilientInvoker invoker, List<ResilientInvoker.Target> chain, StageContext context) {
    this.invoker = invoker;
    this.chain = chain;
    this.context = context;
    start(); // an invalid request must fail in the caller's stream() call, before any chunk
    if (current == null) {
      // Every model failed before a stream existed: fail the stream() call itself, as a backend would.
      finalFailure = exhausted();
      throw finalFailure;
    }
  }

  @Override
  public @Nullable ChatCompletionChunk next() {
    if (closed) {
      return null;
    }
    if (delivered) {
      return passThrough();
    }
    while (true) {
      CompletionStream stream = current;
      if (stream == null) {
        if (finalFailure == null) {
          finalFailure = exhausted();
        }
        throw finalFailure;
      }
      try {
        ChatCompletionChunk first = stream.next();
        delivered = true;
        succeeded();
        return first;
      } catch (InvalidRequestException e) {
        ignored();
        throw e;
      } catch (ChatEngineException e) {
        if (closed) {
          return null;
        }
        failed(e);
        retryOrFallBack(e);
      }
    }
  }

  private @Nullable ChatCompletionChunk passThrough() {
    CompletionStream stream = current;
    try {
      return stream == null ? null : stream.next();
    } catch (ChatEngineException e) {
      if (!closed && ResilientInvoker.isBackendFault(e) && currentBreaker != null) {
        currentBreaker.onFailure();
      }
      throw e; // never retried: the caller already has tokens of this attempt
    }
  }

  /** Opens the stream of the current target, skipping targets whose circuit is open. */
  private void start() {
    while (target < chain.size()) {
      ResilientInvoker.Target t = chain.get(target);
      // A caller's own endpoint bypasses the backend's breaker: its failures say nothing about the configured
      // server, and must not open the circuit for everyone else.
      boolean ownEndpoint = t.backend().usesCallerEndpoint(context.request());
      CircuitBreaker breaker = !ownEndpoint && invoker.settings().guards(t.backend().name())
          ? invoker.breaker(t.backend().name()) : null;
      if (breaker != null && !breaker.tryAcquire()) {
        failures.add(new ModelInvocationException(ErrorType.BACKEND_UNAVAILABLE, "model backend '"
            + t.backend().name() + "' is failing; its circuit is open", 0, null));
        nextTarget();
        continue;
      }
      attempt++;
      currentBreaker = breaker;
      try {
        current = t.backend().stream(t.request(), context);
        return;
      } catch (InvalidRequestException e) {
        if (breaker != null) {
          breaker.onIgnored();
        }
        if (target == 0) {
          throw e;
        }
        failures.add(e); // a fallback model that cannot take this request is skipped
        nextTarget();
      } catch (ChatEngineException e) {
        failed(e);
        if (!retry(e)) {
          nextTarget();
        }
      }
    }
    current = null;
  }

  private void retryOrFallBack(ChatEngineException e) {
    closeQuietly(current);
    current = null;
    if (!retry(e)) {
      nextTarget();
    }
    start();
  }

  /** Sleeps before the next attempt on the same target, if the failure allows one. */
  private boolean retry(ChatEngineException e) {
    if (!invoker.settings().guards(chain.get(target).backend().name())) {
      return false;
    }
    Duration delay = invoker.delayBeforeRetry(e, attempt);
    if (delay == null || closed) {
      return false;
    }
    LOG.debug("retrying model '{}' in {} after: {}", chain.get(target).modelId(), delay, e.getMessage());
    invoker.sleep(delay);
    return true;
  }

  private void nextTarget() {
    target++;
    attempt = 0;
    if (target < chain.size()) {
      LOG.info("falling back to model '{}' after: {}", chain.get(target).modelId(),
          failures.isEmpty() ? "?" : failures.get(failures.size() - 1).getMessage());
    }
  }

  private void failed(ChatEngineException e) {
    failures.add(e);
    if (currentBreaker != null) {
      if (ResilientInvoker.isBackendFault(e)) {
        currentBreaker.onFailure();
      } else {
        currentBreaker.onIgnored();
      }
    }
  }

  private void succeeded() {
    if (currentBreaker != null) {
      currentBreaker.onSuccess();
    }
  }

  private void ignored() {
    if (currentBreaker != null) {
      currentBreaker.onIgnored();
    }
  }

  /** The last failure, with the earlier ones attached, once every target is used up. */
  private ChatEngineException exhausted() {
    if (failures.isEmpty()) {
      return new ModelInvocationException(ErrorType.BACKEND_UNAVAILABLE, "no model could be invoked", 0, null);
    }
    ChatEngineException last = failures.get(failures.size() - 1);
    for (ChatEngineException earlier : failures.subList(0, failures.size() - 1)) {
      if (earlier != last) {
        last.addSuppressed(earlier);
      }
    }
    return last;
  }

  @Override
  public void close() {
    closed = true;
    closeQuietly(current);
  }

  private static void closeQuietly(@Nullable CompletionStream stream) {
    if (stream != null) {
      try {
        stream.close();
      } catch (RuntimeException e) {
        LOG.debug("closing a failed attempt's stream failed", e);
      }
    }
  }
}
