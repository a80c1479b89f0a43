package dev.confidant.rag.internal.chunk;

import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Splits a parsed document into chunks that follow its structure: a heading or a page start always begins a
 * new chunk, paragraphs and table rows are never split unless one alone exceeds the size, and consecutive
 * chunks of one section share an overlap. Sizes are counted in whitespace-separated words. Immutable and
 * thread-safe.
 *
 * <p>Every chunk carries its heading path, so a heading's length is paid once per chunk of its section: a heading
 * longer than {@code maxHeadingChars} is cut there in the path ({@link #cut}), and its whole text becomes the first
 * paragraph of its section, indexed once.
 */
public final class Chunker {
  private final int maxWords;
  private final int overlapWords;
  private final int maxHeadingChars;

  /**
   * A chunker that keeps headings whole.
   *
   * @param maxWords the target chunk size in words
   * @param overlapWords words carried from the end of a chunk into the next one of the same section
   */
  public Chunker(int maxWords, int overlapWords) {
    this(maxWords, overlapWords, Integer.MAX_VALUE);
  }

  /**
   * @param maxWords the target chunk size in words
   * @param overlapWords words carried from the end of a chunk into the next one of the same section
   * @param maxHeadingChars the longest heading text in a chunk's heading path
   */
  public Chunker(int maxWords, int overlapWords, int maxHeadingChars) {
    if (maxWords < 1 || overlapWords < 0 || overlapWords >= maxWords || maxHeadingChars < 2) {
      throw new IllegalArgumentException("need 0 <= overlapWords < maxWords and maxHeadingChars >= 2, got "
          + overlapWords + ", " + maxWords + ", " + maxHeadingChars);
    }
    this.maxWords = maxWords;
    this.overlapWords = overlapWords;
    this.maxHeadingChars = maxHeadingChars;
  }

  /** {@code text} cut to at most {@code max} characters, ending with {@code …} if it was cut. */
  public static String cut(String text, int max) {
    if (text.length() <= max) {
      return text;
    }
    int end = max - 1;
    if (Character.isHighSurrogate(text.charAt(end - 1))) {
      end--; // never half a character
    }
    return text.substring(0, end) + "\u2026";
  }

  /** The chunks of a document, in order; empty if it has no text. */
  public List<Chunk> chunk(ParsedDocument document) {
    State state = new State();
    for (Block block : document.blocks()) {
      switch (block) {
        case Block.Heading h -> {
          state.flush(false);
          if (h.text().length() <= maxHeadingChars) {
            state.enterHeading(h);
          } else {
            state.enterHeading(new Block.Heading(h.level(), cut(h.text(), maxHeadingChars)));
            for (String piece : splitOversized(h.text().strip())) {
              state.add(new Unit(piece, true));
            }
          }
        }
        case Block.PageStart p -> {
          state.flush(false);
          state.page = p.page();
        }
        case Block.Paragraph p -> {
          for (String piece : splitOversized(p.text().strip())) {
            state.add(new Unit(piece, true));
          }
        }
        case Block.TableRow r -> {
          for (String piece : splitOversized(r.render())) {
            state.add(new Unit(piece, false));
          }
        }
      }
    }
    state.flush(false);
    return state.chunks;
  }

  static int words(String text) {
    int count = 0;
    boolean inWord = false;
    for (int i = 0; i < text.length(); i++) {
      boolean ws = Character.isWhitespace(text.charAt(i));
      if (!ws && !inWord) {
        count++;
      }
      inWord = !ws;
    }
    return count;
  }

  /** Splits a unit larger than a chunk at sentence boundaries, and a sentence larger than a chunk at words. */
  private List<String> splitOversized(String text) {
    if (text.isBlank()) {
      return List.of();
    }
    if (words(text) <= maxWords) {
      return List.of(text);
    }
    List<String> pieces = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    BreakIterator sentences = BreakIterator.getSentenceInstance(Locale.ROOT);
    sentences.setText(text);
    int start = sentences.first();
    for (int end = sentences.next(); end != BreakIterator.DONE; start = end, end = sentences.next()) {
      String sentence = text.substring(start, end).strip();
      if (words(current.toString()) + words(sentence) > maxWords && !current.isEmpty()) {
        pieces.add(current.toString().strip());
        current.setLength(0);
      }
      if (words(sentence) > maxWords) {
        String[] ws = sentence.split("\\s+");
        for (int i = 0; i < ws.length; i += maxWords) {
          pieces.add(String.join(" ", List.of(ws).subList(i, Math.min(ws.length, i + maxWords))));
        }
      } else {
        current.append(sentence).append(' ');
      }
    }
    if (!current.toString().isBlank()) {
      pieces.add(current.toString().strip());
    }
    return pieces;
  }

  /**
   * A paragraph piece or a table row.
   *
   * @param prose whether a word-level tail of it may serve as overlap (never for table rows: half a row
   *     misleads)
   */
  private record Unit(String text, boolean prose) {}

  /** The chunk under construction; one per {@link #chunk} call. */
  private final class State {
    final List<Chunk> chunks = new ArrayList<>();
    final List<Block.Heading> headings = new ArrayList<>();
    final List<Unit> units = new ArrayList<>();
    int unitWords;
    /** Words of {@link #units} that only repeat the previous chunk. */
    int carriedWords;
    @Nullable Integer page;

    void enterHeading(Block.Heading heading) {
      headings.removeIf(h -> h.level() >= heading.level());
      headings.add(heading);
    }

    void add(Unit unit) {
      int w = words(unit.text());
      if (unitWords + w > maxWords && unitWords > carriedWords) {
        flush(true);
      }
      units.add(unit);
      unitWords += w;
    }

    /** Emits the chunk; with {@code overlap}, the next chunk starts with the tail of this one. */
    void flush(boolean overlap) {
      if (unitWords == carriedWords) {
        // Nothing new since the last chunk: only carried-over text, which must not make a chunk of its own.
        units.clear();
        unitWords = carriedWords = 0;
        return;
      }
      String text = String.join("\n", units.stream().map(Unit::text).toList());
      String path = String.join(" > ", headings.stream().map(Block.Heading::text).toList());
      chunks.add(new Chunk(chunks.size(), path, text, page));
      List<Unit> tail = overlap ? tail() : List.of();
      units.clear();
      units.addAll(tail);
      unitWords = carriedWords = tail.stream().mapToInt(u -> words(u.text())).sum();
    }

    private List<Unit> tail() {
      List<Unit> tail = new ArrayList<>();
      int budget = overlapWords;
      for (int i = units.size() - 1; i >= 0 && budget > 0; i--) {
        Unit u = units.get(i);
        int w = words(u.text());
        if (w <= budget) {
          tail.addFirst(u);
          budget -= w;
        } else {
          if (u.prose() && tail.isEmpty()) {
            String[] ws = u.text().strip().split("\\s+");
            tail.add(new Unit(String.join(" ", List.of(ws).subList(ws.length - budget, ws.length)), true));
          }
          break;
        }
      }
      return tail;
    }
  }
}
