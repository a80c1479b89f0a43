package dev.confidant.rag.internal.stage;

import dev.confidant.api.ChatCompletionRequest;
import dev.confidant.api.ChatMessage;
import dev.confidant.api.DeveloperMessage;
import dev.confidant.api.SystemMessage;
import dev.confidant.rag.SearchHit;
import java.util.ArrayList;
import java.util.List;

/** Chooses passages within a token budget and puts them into the request. Stateless. */
final class ContextInjector {
  static final String PREAMBLE = "Use the following passages from the knowledge base to answer when they are"
      + " relevant, and cite them by number, like [1]. If they do not contain the answer, say so.";

  private ContextInjector() {}

  /**
   * Estimated tokens of a text: about four characters per token for English and German with BPE tokenizers;
   * a budget needs no exact count, only one that does not undercount much.
   */
  static int tokens(String text) {
    return (text.length() + 3) / 4;
  }

  /**
   * The best hits, in order, whose passages fit the budget together; stops at the first that does not fit.
   * When not even the best one fits, it is cut at a word boundary to fit, so that a small budget still grounds
   * the answer.
   */
  static List<SearchHit> withinBudget(List<SearchHit> hits, int budget) {
    List<SearchHit> chosen = new ArrayList<>();
    int used = tokens(PREAMBLE);
    for (SearchHit hit : hits) {
      int cost = tokens(render(chosen.size() + 1, hit));
      if (used + cost > budget) {
        if (chosen.isEmpty()) {
          truncated(hit, budget - used).ifPresent(chosen::add);
        }
        break;
      }
      chosen.add(hit);
      used += cost;
    }
    return chosen;
  }

  private static java.util.Optional<SearchHit> truncated(SearchHit hit, int tokensLeft) {
    int overhead = tokens(render(1, new SearchHit(hit.sourceId(), hit.chunkId(), hit.collectionId(), hit.title(),
        "", hit.page(), hit.score())));
    int chars = (tokensLeft - overhead - 1) * 4;
    if (chars < 40) {
      return java.util.Optional.empty();
    }
    String content = hit.content();
    int cut = content.lastIndexOf(' ', Math.min(chars, content.length()));
    String shortened = content.substring(0, cut > 0 ? cut : Math.min(chars, content.length())) + "…";
    return java.util.Optional.of(new SearchHit(hit.sourceId(), hit.chunkId(), hit.collectionId(), hit.title(),
        shortened, hit.page(), hit.score()));
  }

  static String render(int number, SearchHit hit) {
    StringBuilder sb = new StringBuilder().append('[').append(number).append("] ");
    sb.append(hit.title().isEmpty() ? hit.sourceId() : hit.title());
    if (hit.page() != null) {
      sb.append(" (page ").append(hit.page()).append(')');
    }
    return sb.append('\n').append(hit.content()).toString();
  }

  /**
   * The request with one system message holding the passages, placed after the leading system and developer
   * messages so that the caller's instructions keep coming first.
   */
  static ChatCompletionRequest inject(ChatCompletionRequest request, List<SearchHit> passages) {
    StringBuilder sb = new StringBuilder(PREAMBLE);
    for (int i = 0; i < passages.size(); i++) {
      sb.append("\n\n").append(render(i + 1, passages.get(i)));
    }
    List<ChatMessage> messages = new ArrayList<>(request.messages());
    int at = 0;
    while (at < messages.size()
        && (messages.get(at) instanceof SystemMessage || messages.get(at) instanceof DeveloperMessage)) {
      at++;
    }
    messages.add(at, new SystemMessage(sb.toString()));
    return request.withMessages(messages);
  }
}
