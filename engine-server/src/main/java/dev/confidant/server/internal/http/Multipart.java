package dev.confidant.server.internal.http;

import dev.confidant.api.InvalidRequestException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A small {@code multipart/form-data} reader (RFC 7578) over a body already read within the size limit. Helidon's
 * multipart media module is not published for this Helidon version, and uploads here are bounded, so an
 * in-memory parser is enough. Stateless and thread-safe.
 */
final class Multipart {
  private static final Pattern BOUNDARY = Pattern.compile("(?i)boundary=(\"([^\"]{1,70})\"|([^;\\s]{1,70}))");
  private static final Pattern NAME = Pattern.compile("(?i);\\s*name=\"([^\"]*)\"");
  private static final Pattern FILE_NAME = Pattern.compile("(?i);\\s*filename=\"([^\"]*)\"");
  private static final byte[] CRLF2 = {'\r', '\n', '\r', '\n'};

  private Multipart() {}

  /**
   * One part.
   *
   * @param name the form field name
   * @param fileName the file name, or {@code null} for a plain field
   * @param content the part's bytes
   */
  record Part(String name, @Nullable String fileName, byte[] content) {}

  /**
   * The parts of a body.
   *
   * @throws InvalidRequestException if the content type is not multipart or the body is malformed
   */
  static List<Part> parse(@Nullable String contentType, byte[] body) {
    if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
      throw malformed("Expected a multipart/form-data body");
    }
    Matcher m = BOUNDARY.matcher(contentType);
    if (!m.find()) {
      throw malformed("The multipart content type has no boundary");
    }
    String boundary = m.group(2) != null ? m.group(2) : m.group(3);
    byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
    byte[] separator = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
    int pos = indexOf(body, delimiter, 0);
    if (pos < 0) {
      throw malformed("The multipart body has no boundary line");
    }
    List<Part> parts = new ArrayList<>();
    pos += delimiter.length;
    while (true) {
      if (startsWith(body, pos, "--")) {
        return parts; // the closing delimiter
      }
      if (!startsWith(body, pos, "\r\n")) {
        throw malformed("Malformed multipart boundary line");
      }
      int headersStart = pos + 2;
      int headersEnd = indexOf(body, CRLF2, headersStart);
      if (headersEnd < 0) {
        throw malformed("Malformed multipart part headers");
      }
      String headers = new String(body, headersStart, headersEnd - headersStart, StandardCharsets.UTF_8);
      int contentStart = headersEnd + CRLF2.length;
      int contentEnd = indexOf(body, separator, contentStart);
      if (contentEnd < 0) {
        throw malformed("The multipart body ends without a closing boundary");
      }
      parts.add(part(headers, Arrays.copyOfRange(body, contentStart, contentEnd)));
      pos = contentEnd + separator.length;
    }
  }

  private static Part part(String headers, byte[] content) {
    String disposition = null;
    for (String line : headers.split("\r\n")) {
      int colon = line.indexOf(':');
      if (colon > 0 && line.substring(0, colon).strip().equalsIgnoreCase("content-disposition")) {
        disposition = line.substring(colon + 1);
      }
    }
    if (disposition == null) {
      throw malformed("A multipart part has no Content-Disposition");
    }
    Matcher name = NAME.matcher(disposition);
    if (!name.find()) {
      throw malformed("A multipart part has no name");
    }
    Matcher file = FILE_NAME.matcher(disposition);
    return new Part(name.group(1), file.find() ? file.group(1) : null, content);
  }

  private static boolean startsWith(byte[] body, int pos, String ascii) {
    if (pos + ascii.length() > body.length) {
      return false;
    }
    for (int i = 0; i < ascii.length(); i++) {
      if (body[pos + i] != ascii.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  static int indexOf(byte[] haystack, byte[] needle, int from) {
    outer:
    for (int i = Math.max(0, from); i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  private static InvalidRequestException malformed(String msg) {
    return InvalidRequestException.of(List.of("body"), msg, "value_error");
  }
}
