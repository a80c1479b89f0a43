package dev.confidant.pii.internal.stage;

import dev.confidant.api.ChatCompletionRequest;
import dev.confidant.api.CompletionStream;
import dev.confidant.api.RequestContext;
import dev.confidant.api.spi.PipelineStage;
import dev.confidant.api.spi.StageContext;
import dev.confidant.pii.PiiAudit;
import dev.confidant.pii.PiiOptions;
import dev.confidant.pii.Pseudonymization;
import dev.confidant.pii.internal.mapping.FrozenMap;
import dev.confidant.pii.internal.mapping.Mapping;
import dev.confidant.pii.internal.recognize.AuditRecorder;
import dev.confidant.pii.internal.token.Pseudonymizer;
import dev.confidant.pii.internal.token.StreamingDetokenizer;
import dev.confidant.pii.spi.MappingVault;
import dev.confidant.pii.spi.VaultKey;
import java.util.Map;
import java.util.Optional;

/**
 * Masks what goes to the model and restores what comes back, when the request's {@link Pseudonymization} option
 * asks for it. The mapping lives in the per-call {@link StageContext} so every round trip of a tool loop shares it,
 * and is seeded from the caller's mapping ({@link Pseudonymization#callerMapping()}) and the vault (space +
 * principal + thread). New entries are written back to the vault before the model is called, so a concurrent next
 * turn already sees them. What was masked or left, and why, goes into the context as a {@link PiiAudit}
 * ({@link PiiAudit#KEY}). Thread-safe.
 */
final class PseudonymizationStage implements PipelineStage {
  /** The conversation's mapping for this call; other stages (tool loop) may read it. */
  static final StageContext.Key<Mapping> MAPPING = new StageContext.Key<>("pii.mapping", Mapping.class);

  private final Pseudonymizer pseudonymizer;
  private final PiiOptions options;

  private final boolean auditBelowThreshold;

  /** @param auditBelowThreshold whether the audit reports values scored below the threshold (a second pass) */
  PseudonymizationStage(Pseudonymizer pseudonymizer, PiiOptions options, boolean auditBelowThreshold) {
    this.pseudonymizer = pseudonymizer;
    this.auditBelowThreshold = auditBelowThreshold;
    this.options = options;
  }

  @Override
  public CompletionStream intercept(Chain chain) {
    RequestContext rc = chain.context().request();
    Pseudonymization asked = Pseudonymization.of(rc);
    if (!asked.personalData()) {
      return chain.proceed(chain.request());
    }
    Optional<VaultKey> key = vaultKey(rc);
    Mapping mapping = chain.context().computeIfAbsent(MAPPING, () -> seed(asked, key));
    AuditRecorder audit = new AuditRecorder(auditBelowThreshold);
    ChatCompletionRequest masked = pseudonymizer.mask(chain.request(), mapping, asked.organisationData(),
        cacheScope(rc), audit);
    // Each round of a tool loop masks the whole conversation again: its audit replaces the previous round's.
    chain.context().put(PiiAudit.KEY, audit.toAudit());
    if (key.isPresent()) {
      options.vault().merge(key.get(), mapping.added());
    }
    return chain.proceed(masked).transform(new StreamingDetokenizer(mapping.lookup()));
  }

  private Mapping seed(Pseudonymization asked, Optional<VaultKey> key) {
    Map<String, String> stored = key.map(options.vault()::load).orElse(Map.of());
    if (asked.callerMapping().isEmpty() && stored instanceof FrozenMap frozen) {
      // The in-memory vault hands out the same map until the conversation changes: seeded once per vault state,
      // and a state that only added entries seeds those on top of the mapping an earlier state was seeded into.
      return frozen.newMapping(options.placeholderStyle());
    }
    Mapping mapping = new Mapping(options.placeholderStyle());
    // The caller's mapping first: it is what the caller's UI shows, so it wins over the vault.
    mapping.seed(asked.callerMapping());
    mapping.seed(stored);
    return mapping;
  }

  /**
   * Whose texts a request's are, for the detection cache: the space and the principal (not the thread, so that a
   * conversation continued under a new thread id still reuses its history). One tenant never learns by timing
   * whether another sent a text.
   */
  static String cacheScope(RequestContext rc) {
    String space = rc.spaceId();
    String s = space == null ? "" : space;
    return s.length() + ":" + s + rc.principal(); // length-prefixed: no two (space, principal) pairs collide
  }

  static Optional<VaultKey> vaultKey(RequestContext rc) {
    String thread = rc.threadId();
    if (thread == null || thread.isEmpty()) {
      return Optional.empty();
    }
    String space = rc.spaceId();
    // The owner is the caller: a thread's values are restored only for the principal that wrote them.
    return Optional.of(new VaultKey(space == null ? "" : space, rc.principal(), thread));
  }


  @Override
  public String toString() {
    return "PseudonymizationStage[" + options.placeholderStyle() + ", vault=" + options.vault() + "]";
  }
}
