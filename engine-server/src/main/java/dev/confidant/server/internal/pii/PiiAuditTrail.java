package dev.confidant.server.internal.pii;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.confidant.api.ChatCompletionRequest;
import dev.confidant.api.ChatEngineException;
import dev.confidant.api.EngineConfigException;
import dev.confidant.api.RequestContext;
import dev.confidant.api.Usage;
import dev.confidant.api.spi.EngineListener;
import dev.confidant.api.spi.StageContext;
import dev.confidant.pii.PiiAudit;
import dev.confidant.pii.Pseudonymization;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jspecify.annotations.Nullable;

/**
 * The PII audit trail of the chat endpoint: an engine listener that, when a call ends, hands the call's
 * {@link PiiAudit} to the request that asked for it ({@code X-Pii-Audit: true}) and appends it as one JSON line to
 * the operator's audit log, if one is configured. A line holds the time, trace id, principal, space, thread, model,
 * outcome and the audit's entries (types, detectors, decisions, placeholders, counts), never a value. The log file
 * is created owner-only (0600) and appended to, one line per call with pseudonymization on; it is not rotated.
 *
 * <p>Requests waiting for their audit are held by identity of their {@link RequestContext} until the request ends:
 * at most as many as the server runs at once. Thread-safe.
 */
public final class PiiAuditTrail implements EngineListener.Factory, AutoCloseable {
  private static final Logger LOG = Logger.getLogger(PiiAuditTrail.class.getName());
  private static final JsonFactory JSON = new JsonFactory();

  private final @Nullable Writer log;
  private final Map<RequestContext, AtomicReference<PiiAudit>> waiting =
      Collections.synchronizedMap(new IdentityHashMap<>());

  private PiiAuditTrail(@Nullable Writer log) {
    this.log = log;
  }

  /**
   * A trail that writes to {@code file} (appending; created 0600 where the file system supports it), or none.
   *
   * @throws EngineConfigException if the file cannot be opened
   */
  public static PiiAuditTrail open(@Nullable Path file) {
    if (file == null) {
      return new PiiAuditTrail(null);
    }
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      if (!Files.exists(file)) {
        Files.createFile(file);
        try {
          Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
          // Not a POSIX file system: its default permissions apply.
        }
      }
      return new PiiAuditTrail(new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8,
          StandardOpenOption.APPEND)));
    } catch (IOException e) {
      throw new EngineConfigException("cannot open observability.pii-audit-log " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Registers a request that wants its audit: call it before the engine call and close the returned slot when the
   * request ends.
   */
  public Slot request(RequestContext context) {
    AtomicReference<PiiAudit> audit = new AtomicReference<>();
    waiting.put(context, audit);
    return new Slot(context, audit);
  }

  /** Where a request's audit arrives when its call ends. Not thread-safe; one per request. */
  public final class Slot implements AutoCloseable {
    private final RequestContext context;
    private final AtomicReference<PiiAudit> audit;

    private Slot(RequestContext context, AtomicReference<PiiAudit> audit) {
      this.context = context;
      this.audit = audit;
    }

    /** The call's audit, once the call has ended; empty before, or when the request had pseudonymization off. */
    public Optional<PiiAudit> audit() {
      return Optional.ofNullable(audit.get());
    }

    @Override
    public void close() {
      waiting.remove(context);
    }
  }

  @Override
  public EngineListener create(StageContext context) {
    return new EngineListener() {
      private @Nullable String model;

      @Override
      public void callStart(ChatCompletionRequest request) {
        model = request.model();
      }

      @Override
      public void callEnd(@Nullable Usage usage, @Nullable Throwable failure) {
        Optional<PiiAudit> audit = context.get(PiiAudit.KEY);
        if (audit.isEmpty()) {
          return;
        }
        AtomicReference<PiiAudit> slot = waiting.get(context.request());
        if (slot != null) {
          slot.set(audit.get());
        }
        if (log != null) {
          append(line(context.request(), model, failure, audit.get()));
        }
      }
    };
  }

  /** The audit as the {@code pii_audit} object of a response. */
  public static void write(JsonGenerator json, @Nullable PiiAudit audit) throws IOException {
    json.writeStartObject();
    json.writeBooleanField("pseudonymization", audit != null);
    entries(json, audit == null ? PiiAudit.EMPTY : audit);
    json.writeEndObject();
  }

  private static void entries(JsonGenerator json, PiiAudit audit) throws IOException {
    json.writeArrayFieldStart("entries");
    for (PiiAudit.Entry e : audit.entries()) {
      json.writeStartObject();
      json.writeStringField("entity_type", e.type().tag());
      json.writeStringField("detector", e.detector());
      json.writeStringField("decision", e.decision().name().toLowerCase(Locale.ROOT));
      String placeholder = e.placeholder();
      PiiAudit.Origin origin = e.origin();
      if (placeholder != null && origin != null) {
        json.writeStringField("placeholder", placeholder);
        json.writeStringField("placeholder_origin", origin.name().toLowerCase(Locale.ROOT));
      }
      json.writeNumberField("count", e.count());
      json.writeEndObject();
    }
    json.writeEndArray();
    json.writeNumberField("omitted", audit.omitted());
  }

  private static String line(RequestContext rc, @Nullable String model, @Nullable Throwable failure,
      PiiAudit audit) {
    StringWriter out = new StringWriter();
    try (JsonGenerator json = JSON.createGenerator(out)) {
      json.writeStartObject();
      json.writeStringField("time", Instant.now().toString());
      json.writeStringField("trace_id", rc.traceId());
      json.writeStringField("principal", rc.principal());
      json.writeStringField("space_id", rc.spaceId());
      json.writeStringField("thread_id", rc.threadId());
      json.writeStringField("model", model);
      json.writeBooleanField("oii", Pseudonymization.of(rc).organisationData());
      json.writeStringField("outcome", failure == null ? "ok" : failure instanceof ChatEngineException e
          ? e.type().name().toLowerCase(Locale.ROOT) : "error");
      entries(json, audit);
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a StringWriter does not fail
    }
    return out.toString();
  }

  private void append(String line) {
    Writer w = log;
    if (w == null) {
      return;
    }
    synchronized (w) {
      try {
        w.write(line);
        w.write('\n');
        w.flush();
      } catch (IOException e) {
        // The request has been answered; losing an audit line is reported, never thrown at a listener's caller.
        LOG.log(Level.WARNING, "cannot append to the PII audit log: " + e.getMessage());
      }
    }
  }

  @Override
  public void close() {
    Writer w = log;
    if (w != null) {
      synchronized (w) {
        try {
          w.close();
        } catch (IOException e) {
          LOG.log(Level.WARNING, "cannot close the PII audit log: " + e.getMessage());
        }
      }
    }
  }
}
