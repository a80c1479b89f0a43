package dev.confidant.testkit;

/**
 * Text that breaks code which treats a {@code char} or a chunk as a character: use it in scripted replies and
 * prompts, split at every code-point boundary. Constants only; thread-safe.
 */
public final class UnicodeSamples {
  private UnicodeSamples() {}

  /**
   * German umlauts and ß (precomposed), emoji outside the BMP (surrogate pairs), an emoji with a skin-tone
   * modifier, a ZWJ family sequence, a flag (two regional indicators), a supplementary CJK ideograph, Japanese,
   * Chinese and Korean text, combining sequences ({@code e} + U+0301, {@code n} + U+0303) and a Devanagari
   * conjunct with a virama. Holds no names, places or numbers that a PII recognizer could pick up.
   */
  public static final String MIXED = "Grüße, schöne Äpfel & Öl, große Maße: 😀 👍\uD83C\uDFFD "
      + "👨\u200D👩\u200D👧 \uD83C\uDDE9\uD83C\uDDEA 𠀋 日本語の文章、中文、한국어 — "
      + "caf" + "e\u0301 man" + "n\u0303ana \u0915\u094D\u0937\u093F ✓";
}
