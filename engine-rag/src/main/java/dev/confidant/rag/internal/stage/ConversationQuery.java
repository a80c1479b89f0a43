package dev.confidant.rag.internal.stage;

import dev.confidant.api.ChatMessage;
import dev.confidant.api.UserMessage;
import java.util.List;

/** Derives a search query from a conversation. Stateless. */
final class ConversationQuery {
  /** A follow-up this short ("and in 2023?") is searched together with the question before it. */
  private static final int SHORT_FOLLOW_UP_WORDS = 6;
  private static final int MAX_QUERY_CHARS = 2000;

  private ConversationQuery() {}

  /** The last user turn, preceded by the one before it when the last is a short follow-up; empty if none. */
  static String of(List<ChatMessage> messages) {
    String last = null;
    String previous = null;
    for (int i = messages.size() - 1; i >= 0 && previous == null; i--) {
      if (messages.get(i) instanceof UserMessage user) {
        String text = user.content().text().strip();
        if (text.isEmpty()) {
          continue;
        }
        if (last == null) {
          last = text;
        } else {
          previous = text;
        }
      }
    }
    if (last == null) {
      return "";
    }
    String query = previous != null && last.split("\\s+").length < SHORT_FOLLOW_UP_WORDS
        ? previous + "\n" + last : last;
    // Very long turns (a pasted document) would make a slow query; their end is what is being asked.
    return query.length() <= MAX_QUERY_CHARS ? query : query.substring(query.length() - MAX_QUERY_CHARS);
  }
}
