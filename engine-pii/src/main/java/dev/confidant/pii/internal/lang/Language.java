package dev.confidant.pii.internal.lang;

import java.util.Locale;

/** The languages whose lexicons and grammars the detectors know. Immutable. */
public enum Language {
  /** English, also the fallback when a text says too little. */
  EN,
  /** German. */
  DE,
  /** French. */
  FR,
  /** Spanish. */
  ES,
  /** Italian. */
  IT,
  /** Dutch. */
  NL;

  /** The ISO 639-1 code, lower case: {@code "de"}. */
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** This language's bit in a mask of languages. */
  int bit() {
    return 1 << ordinal();
  }
}
