package dev.confidant.testkit;

/** A model backend that replays scripted replies. (Being written.) */
public final class ScriptedModelBackend {
  private ScriptedModelBackend() {}
}
