package dev.confidant.api.spi;

/**
 * Where a stage runs in the pipeline. Stages run in phase order, then by {@link PipelineStageProvider#order()},
 * then by name; the model backend is the terminal step after the last phase.
 *
 * <table class="striped">
 *   <caption>Built-in stages</caption>
 *   <thead><tr><th>phase</th><th>stage</th><th>module</th></tr></thead>
 *   <tbody>
 *     <tr><td>VALIDATE</td><td>{@code validation}</td><td>engine-core</td></tr>
 *     <tr><td>AUTHORIZE</td><td>{@code access-control} (the engine's own step: checks the caller's rights,
 *         resolves the model and puts the route into the {@link StageContext}; it cannot be removed)</td>
 *         <td>engine-core</td></tr>
 *     <tr><td>AUGMENT</td><td>{@code retrieval}</td><td>engine-rag</td></tr>
 *     <tr><td>TOOL_LOOP</td><td>{@code response-format} (order -100, outside the loop), {@code tool-loop}</td>
 *         <td>engine-core</td></tr>
 *     <tr><td>PRIVACY</td><td>{@code pseudonymization}</td><td>engine-pii</td></tr>
 *   </tbody>
 * </table>
 */
public enum Phase {
  /**
   * Rejects invalid requests with every violation. Runs before authorization and routing, so a stage of this
   * phase must only check: never search, write or send anything.
   */
  VALIDATE,
  /**
   * Checks the caller's rights in the request's space: first the engine's own {@code access-control} step, then
   * any stage added here. From here on, a request is known to be allowed and routable.
   */
  AUTHORIZE,
  /** Adds context: retrieved passages. Sees real (unmasked) text. */
  AUGMENT,
  /** Runs server tools and loops; the only phase that may call {@code proceed} more than once. */
  TOOL_LOOP,
  /** Pseudonymizes what goes to the model and restores what comes back. */
  PRIVACY
}
