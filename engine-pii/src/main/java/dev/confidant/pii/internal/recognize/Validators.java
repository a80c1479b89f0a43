package dev.confidant.pii.internal.recognize;

import java.util.Locale;

/** Plausibility checks that are more than a checksum. Pure functions; thread-safe. */
final class Validators {
  private Validators() {}

  /** Payment card: 13-19 digits, one kind of separator, Luhn, and a known issuer range. */
  static boolean card(String s) {
    boolean space = s.indexOf(' ') >= 0;
    boolean dash = s.indexOf('-') >= 0;
    if (space && dash) {
      return false;
    }
    String d = Checksums.compact(s);
    int n = d.length();
    if (n < 12 || n > 19 || !Checksums.luhn(d) || d.chars().distinct().count() < 2) {
      return false;
    }
    if (n == 12) {
      // Only Maestro has 12-digit numbers.
      return d.startsWith("50") || d.startsWith("56") || d.startsWith("57") || d.startsWith("58")
          || d.startsWith("6");
    }
    int two = Integer.parseInt(d.substring(0, 2));
    int four = Integer.parseInt(d.substring(0, 4));
    int three = Integer.parseInt(d.substring(0, 3));
    int six = Integer.parseInt(d.substring(0, 6));
    return switch (d.charAt(0)) {
      case '4' -> n == 13 || n == 16 || n == 19;                                    // Visa
      case '5' -> (two >= 51 && two <= 55 && n == 16) || (two == 50 || two >= 56) && n >= 12; // Mastercard, Maestro
      case '2' -> four >= 2221 && four <= 2720 && n == 16                             // Mastercard 2-series
          || four == 2131 && n == 15;                                                 // JCB 15-digit
      case '3' -> (two == 34 || two == 37) && n == 15                                 // Amex
          || (four >= 3528 && four <= 3589) && n >= 16                                // JCB
          || (four >= 3088 && four <= 3094 || four >= 3096 && four <= 3102 || four >= 3112 && four <= 3120
          || four == 3158 || four == 3159 || four >= 3337 && four <= 3349) && n == 16 // JCB, older ranges
          || (three >= 300 && three <= 305 || two == 36 || two == 38 || two == 39) && n >= 14; // Diners
      case '6' -> four == 6011 || two == 65 || three >= 644 && three <= 649          // Discover
          || two == 62 || two == 60 || two == 63 || two == 67 || six >= 622126;       // UnionPay, Maestro, RuPay
      case '1' -> n == 15;                                                            // UATP, JCB 1800 (15 digits)
      case '8' -> four >= 8100 && four <= 8171 && n >= 16;                            // UnionPay's 81 range
      default -> false;
    };
  }

  /** IPv6 literal with optional zone id: 8 groups, or fewer with exactly one {@code ::}, optional IPv4 tail. */
  static boolean ipv6(String s) {
    String a = s.toLowerCase(Locale.ROOT);
    int zone = a.indexOf('%');
    if (zone >= 0) {
      a = a.substring(0, zone);
    }
    int groupsNeeded = 8;
    int lastColon = a.lastIndexOf(':');
    if (a.indexOf('.') >= 0) {
      if (!ipv4(a.substring(lastColon + 1))) {
        return false;
      }
      a = a.substring(0, lastColon + 1) + "0";
      groupsNeeded = 7;
    }
    int dc = a.indexOf("::");
    if (dc >= 0 && a.indexOf("::", dc + 1) >= 0) {
      return false;
    }
    if (dc < 0 && (a.startsWith(":") || a.endsWith(":"))) {
      return false;
    }
    String[] parts = a.split(":", -1);
    int groups = 0;
    for (int i = 0; i < parts.length; i++) {
      String p = parts[i];
      if (p.isEmpty()) {
        continue;
      }
      if (p.length() > 4 || !p.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
        return false;
      }
      groups++;
    }
    if (dc >= 0) {
      return groups < groupsNeeded && a.length() >= 2;
    }
    return groups == groupsNeeded && parts.length == groupsNeeded;
  }

  /** Dotted-quad IPv4. */
  static boolean ipv4(String s) {
    String[] parts = s.split("\\.", -1);
    if (parts.length != 4) {
      return false;
    }
    for (String p : parts) {
      if (p.isEmpty() || p.length() > 3 || !Checksums.allDigits(p) || Integer.parseInt(p) > 255
          || p.length() > 1 && p.charAt(0) == '0') {
        return false;
      }
    }
    return true;
  }
}
