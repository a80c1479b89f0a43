package dev.confidant.api;

import static java.util.Objects.requireNonNull;

import org.jspecify.annotations.Nullable;

/**
 * A message with role {@code system}.
 *
 * @param content the content (required)
 * @param name an optional participant name
 */
public record SystemMessage(Content content, @Nullable String name) implements ChatMessage {
  public SystemMessage {
    requireNonNull(content, "content");
  }

  /** A message with plain text content and no name. */
  public SystemMessage(String text) {
    this(Content.of(text), null);
  }

  @Override
  public Role role() {
    return Role.SYSTEM;
  }

  @Override
  public SystemMessage withContent(@Nullable Content content) {
    return new SystemMessage(requireNonNull(content, "content"), name);
  }
}
