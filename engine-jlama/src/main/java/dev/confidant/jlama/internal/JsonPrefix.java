package dev.confidant.jlama.internal;

/**
 * An incremental recognizer of the prefixes of one JSON object (RFC 8259), fed one UTF-8 byte at a time: it
 * answers whether the bytes so far can still be completed to a JSON object, whether the object is complete, and how
 * many bytes at least are needed to complete it ({@link #distance()}). A pushdown automaton with the open
 * containers as bits of a {@code long}, so that a copy ({@link #copyFrom}) costs a few field writes: the
 * constrained decoder copies it once per candidate token and step.
 *
 * <p>Deliberate limits, each keeping a random or confused model from running away: nesting is at most
 * {@value #MAX_DEPTH} deep, at most {@value #MAX_WHITESPACE} whitespace bytes may follow each other outside
 * strings, nothing may precede the opening brace except the spaces the tokenizer's decoder strips, and nothing may
 * follow the closing brace. Not thread-safe.
 */
final class JsonPrefix {
  static final int MAX_DEPTH = 32;
  static final int MAX_WHITESPACE = 16;

  private static final int START = 0;
  private static final int OBJECT_FIRST = 1; // after '{': a key or '}'
  private static final int OBJECT_KEY = 2; // after ',' in an object: a key
  private static final int STRING = 3;
  private static final int STRING_ESCAPE = 4; // after '\'
  private static final int STRING_HEX = 5; // in '\\uXXXX'; aux = hex digits left
  private static final int COLON = 6;
  private static final int VALUE = 7;
  private static final int ARRAY_FIRST = 8; // after '[': a value or ']'
  private static final int AFTER_VALUE = 9; // ',' or the container's closer
  private static final int MINUS = 10;
  private static final int ZERO = 11;
  private static final int INTEGER = 12;
  private static final int DOT = 13;
  private static final int FRACTION = 14;
  private static final int EXPONENT_MARK = 15;
  private static final int EXPONENT_SIGN = 16;
  private static final int EXPONENT = 17;
  private static final int LITERAL = 18; // aux = bytes of the literal matched so far
  private static final int DONE = 19;
  private static final String[] LITERALS = {"true", "false", "null"};

  private int mode = START;
  private long objects; // bit i: the container at depth i is an object (else an array)
  private int depth;
  private boolean key; // the string being read is an object key
  private int aux;
  private int literal;
  private int continuation; // UTF-8 continuation bytes still expected in a string
  private int whitespace;
  private int leadingSpaces;

  /** @param leadingSpaces spaces the tokenizer's decoder strips from the start of a reply: allowed before '{' */
  JsonPrefix(int leadingSpaces) {
    this.leadingSpaces = leadingSpaces;
  }

  void copyFrom(JsonPrefix o) {
    mode = o.mode;
    objects = o.objects;
    depth = o.depth;
    key = o.key;
    aux = o.aux;
    literal = o.literal;
    continuation = o.continuation;
    whitespace = o.whitespace;
    leadingSpaces = o.leadingSpaces;
  }

  /** Whether the object is complete. */
  boolean complete() {
    return mode == DONE;
  }

  /** Feeds bytes; false (leaving this state undefined) if they cannot continue a JSON object. */
  boolean accept(byte[] bytes) {
    for (byte b : bytes) {
      if (!accept(b & 0xFF)) {
        return false;
      }
    }
    return true;
  }

  /**
   * The fewest bytes that complete the object from here, assuming every byte its own token: what the decoder must
   * still have room for.
   */
  int distance() {
    int closeKey = key ? 2 : 0; // a key still needs ':' and a value, e.g. '0'
    int local = switch (mode) {
      case START -> 2;
      case OBJECT_KEY -> 4; // "":0
      case COLON -> 2;
      case VALUE, MINUS, DOT, EXPONENT_MARK, EXPONENT_SIGN -> 1;
      case STRING -> continuation + 1 + closeKey;
      case STRING_ESCAPE -> 2 + closeKey;
      case STRING_HEX -> aux + 1 + closeKey;
      case LITERAL -> LITERALS[literal].length() - aux;
      default -> 0; // complete numbers, containers that may close now, DONE
    };
    return local + depth;
  }

  /** Feeds one byte (0..255); false if it cannot continue a JSON object. */
  boolean accept(int b) {
    switch (mode) {
      case STRING:
        return string(b);
      case STRING_ESCAPE:
        if (b == 'u') {
          mode = STRING_HEX;
          aux = 4;
          return true;
        }
        mode = STRING;
        return "\"\\/bfnrt".indexOf(b) >= 0;
      case STRING_HEX:
        if (Character.digit(b, 16) < 0) {
          return false;
        }
        if (--aux == 0) {
          mode = STRING;
        }
        return true;
      case MINUS:
        return b == '0' ? to(ZERO) : isDigit(b) && to(INTEGER);
      case ZERO:
        return b == '.' ? to(DOT) : b == 'e' || b == 'E' ? to(EXPONENT_MARK) : endNumber(b);
      case INTEGER:
        return isDigit(b) || (b == '.' ? to(DOT) : b == 'e' || b == 'E' ? to(EXPONENT_MARK) : endNumber(b));
      case DOT:
        return isDigit(b) && to(FRACTION);
      case FRACTION:
        return isDigit(b) || (b == 'e' || b == 'E' ? to(EXPONENT_MARK) : endNumber(b));
      case EXPONENT_MARK:
        return b == '+' || b == '-' ? to(EXPONENT_SIGN) : isDigit(b) && to(EXPONENT);
      case EXPONENT_SIGN:
        return isDigit(b) && to(EXPONENT);
      case EXPONENT:
        return isDigit(b) || endNumber(b);
      case LITERAL:
        if (b != LITERALS[literal].charAt(aux)) {
          return false;
        }
        if (++aux == LITERALS[literal].length()) {
          mode = AFTER_VALUE;
        }
        return true;
      case DONE:
        return false;
      case START:
        if (b == ' ' && leadingSpaces > 0) {
          leadingSpaces--;
          return true;
        }
        leadingSpaces = 0;
        return b == '{' && push(true);
      default:
        return structural(b);
    }
  }

  /** Outside strings, numbers and literals: whitespace, punctuation and the start of values. */
  private boolean structural(int b) {
    if (b == ' ' || b == '\n' || b == '\r' || b == '\t') {
      return ++whitespace <= MAX_WHITESPACE;
    }
    whitespace = 0;
    switch (mode) {
      case OBJECT_FIRST:
        return b == '}' ? pop() : b == '"' && startString(true);
      case OBJECT_KEY:
        return b == '"' && startString(true);
      case COLON:
        return b == ':' && to(VALUE);
      case VALUE:
        return startValue(b);
      case ARRAY_FIRST:
        return b == ']' ? pop() : startValue(b);
      case AFTER_VALUE:
        boolean inObject = (objects >>> (depth - 1) & 1) == 1;
        if (b == ',') {
          return to(inObject ? OBJECT_KEY : VALUE);
        }
        return (inObject ? b == '}' : b == ']') && pop();
      default:
        throw new IllegalStateException("mode " + mode);
    }
  }

  private boolean startValue(int b) {
    return switch (b) {
      case '{' -> push(true);
      case '[' -> push(false);
      case '"' -> startString(false);
      case '-' -> to(MINUS);
      case '0' -> to(ZERO);
      case 't', 'f', 'n' -> {
        literal = b == 't' ? 0 : b == 'f' ? 1 : 2;
        aux = 1;
        yield to(LITERAL);
      }
      default -> isDigit(b) && to(INTEGER);
    };
  }

  private boolean string(int b) {
    if (continuation > 0) {
      continuation--;
      return (b & 0xC0) == 0x80;
    }
    if (b == '"') {
      return to(key ? COLON : AFTER_VALUE);
    }
    if (b == '\\') {
      return to(STRING_ESCAPE);
    }
    if (b < 0x20) {
      return false; // control characters must be escaped
    }
    if (b < 0x80) {
      return true;
    }
    if (b >= 0xC2 && b <= 0xDF) {
      continuation = 1;
    } else if (b >= 0xE0 && b <= 0xEF) {
      continuation = 2;
    } else if (b >= 0xF0 && b <= 0xF4) {
      continuation = 3;
    } else {
      return false; // a continuation byte without a lead byte, or never valid in UTF-8
    }
    return true;
  }

  private boolean startString(boolean isKey) {
    key = isKey;
    continuation = 0;
    return to(STRING);
  }

  /** A number ends at the first byte that is not part of it; that byte is read as what follows the value. */
  private boolean endNumber(int b) {
    mode = AFTER_VALUE;
    return structural(b);
  }

  private boolean push(boolean object) {
    if (depth >= MAX_DEPTH) {
      return false;
    }
    objects = object ? objects | (1L << depth) : objects & ~(1L << depth);
    depth++;
    whitespace = 0;
    return to(object ? OBJECT_FIRST : ARRAY_FIRST);
  }

  private boolean pop() {
    depth--;
    return to(depth == 0 ? DONE : AFTER_VALUE);
  }

  private boolean to(int next) {
    mode = next;
    return true;
  }

  private static boolean isDigit(int b) {
    return b >= '0' && b <= '9';
  }
}
