package dev.confidant.server.internal.http;

import dev.confidant.api.Usage;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The server's Micrometer meters. Thread-safe (Micrometer meters are).
 *
 * <ul>
 *   <li>{@code confidant.http.requests} timer: every request, tagged {@code method} (a standard method or
 *       {@code OTHER}), {@code route} (a family such as {@code chat}), {@code status};
 *   <li>{@code confidant.chat.ttft} timer: time to the first content chunk of a streamed completion;
 *   <li>{@code confidant.chat.tokens} counter: tagged {@code kind} = {@code prompt} | {@code completion};
 *   <li>{@code confidant.chat.errors} counter: failed completions, tagged {@code type} (the engine's error type).
 * </ul>
 * Tags never carry ids, model output or anything a caller typed, so cardinality stays bounded and no personal data
 * reaches a metrics backend. The request timers are kept per tag set (at most the registry's own meters of that
 * name: 10 methods times the route families times the statuses the server answers), so that a request finds its
 * timer without building a meter id and registering it again.
 */
final class ServerMetrics {
  private final MeterRegistry registry;
  private final Timer ttft;
  private final Counter promptTokens;
  private final Counter completionTokens;
  private final ConcurrentHashMap<RequestTags, Timer> requests = new ConcurrentHashMap<>();

  private record RequestTags(String method, String route, int status) {}

  ServerMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.ttft = Timer.builder("confidant.chat.ttft").description("time to first token").register(registry);
    this.promptTokens = Counter.builder("confidant.chat.tokens").tag("kind", "prompt").register(registry);
    this.completionTokens = Counter.builder("confidant.chat.tokens").tag("kind", "completion").register(registry);
  }

  void request(String method, String route, int status, Duration duration) {
    requests.computeIfAbsent(new RequestTags(method, route, status), tags -> Timer.builder("confidant.http.requests")
        .tag("method", tags.method())
        .tag("route", tags.route())
        .tag("status", Integer.toString(tags.status()))
        .register(registry))
        .record(duration);
  }

  void timeToFirstToken(Duration duration) {
    ttft.record(duration);
  }

  void tokens(Usage usage) {
    promptTokens.increment(usage.promptTokens());
    completionTokens.increment(usage.completionTokens());
  }

  void error(String type) {
    registry.counter("confidant.chat.errors", "type", type).increment();
  }
}
