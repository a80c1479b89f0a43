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
import java.util.Locale;
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
 * <p>A request that wants its audit carries a {@link Slot} in its request context ({@link #SLOT}); the trail holds
 * no per-request state. Thread-safe.
 */
public final class PiiAuditTrail implements EngineListener.Factory, AutoCloseable {
  private static final Logger LOG = Logger.getLogger(PiiAuditTrail.class.getName());
  private static final JsonFactory JSON = new JsonFactory();

  /** Where the call's audit goes when the call ends; set by the request that wants it. */
  public static final RequestContext.Option<Slot> SLOT = new RequestContext.Option<>("server.pii-audit-slot",
      Slot.class);

  private final @Nullable Writer log;

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

  /** Where a request's audit arrives when its call ends. Thread-safe: the call may end on another thread. */
  public static final class Slot {
    private final AtomicReference<@Nullable PiiAudit> audit = new AtomicReference<>();

    /** The call's audit, once the call has ended; empty before, or when the request had pseudonymization off. */
    public Optional<PiiAudit> audit() {
      return Optional.ofNullable(audit.get());
    }
  }

  /** Only the call's events: the engine leaves its stages unwrapped for the trail. */
  @Override
  public boolean observesStages() {
    return false;
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
        context.request().option(SLOT).ifPresent(slot -> slot.audit.set(audit.get()));
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
