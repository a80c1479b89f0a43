package dev.confidant.core;

/** Builds engines. */
public final class ChatEngines {
  private ChatEngines() {}
}
