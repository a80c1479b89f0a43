package dev.confidant.pii;

/** Options of the pseudonymization stage. */
public final class PiiOptions {
  private PiiOptions() {}
}
