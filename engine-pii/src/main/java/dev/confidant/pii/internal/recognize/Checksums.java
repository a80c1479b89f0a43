package dev.confidant.pii.internal.recognize;

import java.util.Locale;

/** Check-digit algorithms of identifiers. Pure functions; thread-safe. */
public final class Checksums {
  private Checksums() {}

  /** The string without separators (space, dash, dot, slash). */
  public static String compact(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c != ' ' && c != '-' && c != '.' && c != '/' && c != '\u00a0') {
        b.append(c);
      }
    }
    return b.toString();
  }

  /** Luhn mod 10 over the digits of {@code s} (non-digits ignored). */
  public static boolean luhn(String s) {
    int sum = 0;
    int n = 0;
    for (int i = s.length() - 1; i >= 0; i--) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        continue;
      }
      int d = c - '0';
      if ((n++ & 1) == 1) {
        d *= 2;
        if (d > 9) {
          d -= 9;
        }
      }
      sum += d;
    }
    return n > 1 && sum % 10 == 0;
  }

  /** ISO 13616 mod-97 over a compact IBAN. */
  public static boolean ibanMod97(String compactIban) {
    String s = compactIban.toUpperCase(Locale.ROOT);
    if (s.length() < 5) {
      return false;
    }
    int rem = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt((i + 4) % s.length());
      int v;
      if (c >= '0' && c <= '9') {
        v = c - '0';
        rem = (rem * 10 + v) % 97;
      } else if (c >= 'A' && c <= 'Z') {
        v = c - 'A' + 10;
        rem = (rem * 100 + v) % 97;
      } else {
        return false;
      }
    }
    return rem == 1;
  }

  /** ISO 7064 MOD 11,10 (German Steuer-ID, USt-IdNr): true if the last digit checks the others. */
  public static boolean iso7064Mod1110(String digits) {
    int product = 10;
    for (int i = 0; i < digits.length() - 1; i++) {
      int sum = (digits.charAt(i) - '0' + product) % 10;
      if (sum == 0) {
        sum = 10;
      }
      product = (sum * 2) % 11;
    }
    int check = 11 - product;
    if (check == 10) {
      check = 0;
    }
    return check == digits.charAt(digits.length() - 1) - '0';
  }

  /** German Steuer-ID: 11 digits, no leading zero, no digit more than 3 times in the first 10, MOD 11,10. */
  public static boolean germanTaxId(String s) {
    String d = compact(s);
    if (d.length() != 11 || !allDigits(d) || d.charAt(0) == '0') {
      return false;
    }
    int[] counts = new int[10];
    for (int i = 0; i < 10; i++) {
      if (++counts[d.charAt(i) - '0'] > 3) {
        return false;
      }
    }
    return iso7064Mod1110(d);
  }

  /** German USt-IdNr: {@code DE} and 9 digits, MOD 11,10. */
  public static boolean germanVatId(String s) {
    String d = compact(s).toUpperCase(Locale.ROOT);
    return d.length() == 11 && d.startsWith("DE") && allDigits(d.substring(2)) && iso7064Mod1110(d.substring(2));
  }

  /** ICAO 9303 7-3-1 check digit over {@code [0-9A-Z]}; the last char is the check digit. */
  public static boolean icao731(String s) {
    String d = s.toUpperCase(Locale.ROOT);
    int[] w = {7, 3, 1};
    int sum = 0;
    for (int i = 0; i < d.length() - 1; i++) {
      char c = d.charAt(i);
      int v = c >= '0' && c <= '9' ? c - '0' : c >= 'A' && c <= 'Z' ? c - 'A' + 10 : -1;
      if (v < 0) {
        return false;
      }
      sum += v * w[i % 3];
    }
    char last = d.charAt(d.length() - 1);
    return last >= '0' && last <= '9' && sum % 10 == last - '0';
  }

  /** UK NHS number: 10 digits, mod 11 with weights 10..2. */
  public static boolean nhs(String s) {
    String d = compact(s);
    if (d.length() != 10 || !allDigits(d)) {
      return false;
    }
    int sum = 0;
    for (int i = 0; i < 9; i++) {
      sum += (d.charAt(i) - '0') * (10 - i);
    }
    int check = 11 - sum % 11;
    if (check == 11) {
      check = 0;
    }
    return check != 10 && check == d.charAt(9) - '0';
  }

  /** US SSN plausibility: area not 000, 666 or 9xx; group not 00; serial not 0000; not a known sample. */
  public static boolean usSsn(String s) {
    String d = compact(s);
    if (d.length() != 9 || !allDigits(d)) {
      return false;
    }
    int area = Integer.parseInt(d.substring(0, 3));
    if (area == 0 || area == 666 || area >= 900 || d.startsWith("00", 3) || d.endsWith("0000")) {
      return false;
    }
    // Repeated or sequential digits are placeholders on forms, not numbers.
    return !d.equals("123456789") && d.chars().distinct().count() > 1;
  }

  /** Spanish DNI/NIF (8 digits + letter) and NIE (X/Y/Z + 7 digits + letter): mod-23 letter. */
  public static boolean spanishNif(String s) {
    String d = compact(s).toUpperCase(Locale.ROOT);
    if (d.length() != 9) {
      return false;
    }
    char first = d.charAt(0);
    String num = switch (first) {
      case 'X' -> "0" + d.substring(1, 8);
      case 'Y' -> "1" + d.substring(1, 8);
      case 'Z' -> "2" + d.substring(1, 8);
      default -> d.substring(0, 8);
    };
    if (!allDigits(num)) {
      return false;
    }
    return "TRWAGMYFPDXBNJZSQVHLCKE".charAt(Integer.parseInt(num) % 23) == d.charAt(8);
  }

  /** Polish PESEL: 11 digits, weights 1,3,7,9. */
  public static boolean pesel(String s) {
    String d = compact(s);
    if (d.length() != 11 || !allDigits(d)) {
      return false;
    }
    int[] w = {1, 3, 7, 9, 1, 3, 7, 9, 1, 3};
    int sum = 0;
    for (int i = 0; i < 10; i++) {
      sum += (d.charAt(i) - '0') * w[i];
    }
    return (10 - sum % 10) % 10 == d.charAt(10) - '0';
  }

  /** Italian codice fiscale: 16 chars, odd/even table check letter. */
  public static boolean italianFiscalCode(String s) {
    String d = s.toUpperCase(Locale.ROOT);
    if (d.length() != 16) {
      return false;
    }
    int[] odd = {1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23};
    int sum = 0;
    for (int i = 0; i < 15; i++) {
      char c = d.charAt(i);
      int v = c >= '0' && c <= '9' ? c - '0' : c - 'A';
      if (v < 0 || v > 25) {
        return false;
      }
      sum += (i % 2 == 0) ? odd[v] : v;
    }
    return d.charAt(15) == (char) ('A' + sum % 26);
  }

  /** Finnish henkilötunnus: DDMMYY, century sign, 3 digits, mod-31 check char. */
  public static boolean finnishHetu(String s) {
    String d = s.toUpperCase(Locale.ROOT);
    if (d.length() != 11) {
      return false;
    }
    String num = d.substring(0, 6) + d.substring(7, 10);
    if (!allDigits(num) || "+-ABCDEFUVWXY".indexOf(d.charAt(6)) < 0) {
      return false;
    }
    return "0123456789ABCDEFHJKLMNPRSTUVWXY".charAt(Integer.parseInt(num) % 31) == d.charAt(10);
  }

  /** Verhoeff check (Indian Aadhaar). */
  public static boolean verhoeff(String s) {
    String d = compact(s);
    if (!allDigits(d) || d.isEmpty()) {
      return false;
    }
    int c = 0;
    for (int i = 0; i < d.length(); i++) {
      c = VERHOEFF_D[c][VERHOEFF_P[i % 8][d.charAt(d.length() - 1 - i) - '0']];
    }
    return c == 0;
  }

  /** Swedish personnummer (10 or 12 digits): plausible month and day (+60 for samordningsnummer), Luhn. */
  public static boolean swedishPersonnummer(String s) {
    String d = compact(s).replace("+", "");
    if (!allDigits(d) || d.length() != 10 && d.length() != 12) {
      return false;
    }
    String ten = d.substring(d.length() - 10);
    int month = Integer.parseInt(ten.substring(2, 4));
    int day = Integer.parseInt(ten.substring(4, 6));
    return month >= 1 && month <= 12 && (day >= 1 && day <= 31 || day >= 61 && day <= 91) && luhn(ten);
  }

  /** Turkish T.C. Kimlik No: 11 digits, no leading zero, two check digits. */
  public static boolean turkishId(String s) {
    String d = compact(s);
    if (d.length() != 11 || !allDigits(d) || d.charAt(0) == '0') {
      return false;
    }
    int odd = 0;
    int even = 0;
    int sum = 0;
    for (int i = 0; i < 10; i++) {
      int v = d.charAt(i) - '0';
      sum += v;
      if (i < 9) {
        if (i % 2 == 0) {
          odd += v;
        } else {
          even += v;
        }
      }
    }
    return Math.floorMod(odd * 7 - even, 10) == d.charAt(9) - '0' && sum % 10 == d.charAt(10) - '0';
  }

  /** South African ID: 13 digits, a plausible YYMMDD, Luhn. */
  public static boolean southAfricanId(String s) {
    String d = compact(s);
    if (d.length() != 13 || !allDigits(d)) {
      return false;
    }
    int month = Integer.parseInt(d.substring(2, 4));
    int day = Integer.parseInt(d.substring(4, 6));
    return month >= 1 && month <= 12 && day >= 1 && day <= 31 && luhn(d);
  }

  /** Australian tax file number: 9 digits, weighted sum divisible by 11. */
  public static boolean australianTfn(String s) {
    String d = compact(s);
    if (d.length() != 9 || !allDigits(d)) {
      return false;
    }
    int[] w = {1, 4, 3, 7, 5, 8, 6, 9, 10};
    int sum = 0;
    for (int i = 0; i < 9; i++) {
      sum += (d.charAt(i) - '0') * w[i];
    }
    return sum % 11 == 0;
  }

  /** German Krankenversichertennummer: a letter and 9 digits; the letter as 01-26, weights 1,2, cross sums. */
  public static boolean germanHealthInsurance(String s) {
    String d = s.toUpperCase(Locale.ROOT);
    if (d.length() != 10 || d.charAt(0) < 'A' || d.charAt(0) > 'Z' || !allDigits(d.substring(1))) {
      return false;
    }
    String digits = String.format("%02d", d.charAt(0) - 'A' + 1) + d.substring(1, 9);
    int sum = 0;
    for (int i = 0; i < digits.length(); i++) {
      int p = (digits.charAt(i) - '0') * (i % 2 == 0 ? 1 : 2);
      sum += p / 10 + p % 10;
    }
    return sum % 10 == d.charAt(9) - '0';
  }

  /** German Rentenversicherungsnummer: area, DDMMYY, initial letter, serial, check digit (weights 2121257...). */
  public static boolean germanPensionInsurance(String s) {
    String d = compact(s).toUpperCase(Locale.ROOT);
    if (d.length() != 12 || !allDigits(d.substring(0, 8)) || d.charAt(8) < 'A' || d.charAt(8) > 'Z'
        || !allDigits(d.substring(9))) {
      return false;
    }
    String digits = d.substring(0, 8) + String.format("%02d", d.charAt(8) - 'A' + 1) + d.substring(9, 11);
    int[] w = {2, 1, 2, 5, 7, 1, 2, 1, 2, 1, 2, 1};
    int sum = 0;
    for (int i = 0; i < 12; i++) {
      int p = (digits.charAt(i) - '0') * w[i];
      sum += p / 10 + p % 10;
    }
    return sum % 10 == d.charAt(11) - '0';
  }

  /** Whether every char is an ASCII digit. */
  public static boolean allDigits(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        return false;
      }
    }
    return !s.isEmpty();
  }

  private static final int[][] VERHOEFF_D = {
      {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, {1, 2, 3, 4, 0, 6, 7, 8, 9, 5}, {2, 3, 4, 0, 1, 7, 8, 9, 5, 6},
      {3, 4, 0, 1, 2, 8, 9, 5, 6, 7}, {4, 0, 1, 2, 3, 9, 5, 6, 7, 8}, {5, 9, 8, 7, 6, 0, 4, 3, 2, 1},
      {6, 5, 9, 8, 7, 1, 0, 4, 3, 2}, {7, 6, 5, 9, 8, 2, 1, 0, 4, 3}, {8, 7, 6, 5, 9, 3, 2, 1, 0, 4},
      {9, 8, 7, 6, 5, 4, 3, 2, 1, 0}};
  private static final int[][] VERHOEFF_P = {
      {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, {1, 5, 7, 6, 2, 8, 3, 0, 9, 4}, {5, 8, 0, 3, 7, 9, 6, 1, 4, 2},
      {8, 9, 1, 6, 0, 4, 3, 5, 7, 2}, {9, 4, 5, 3, 1, 2, 6, 8, 7, 0}, {4, 2, 8, 6, 5, 7, 3, 9, 0, 1},
      {2, 7, 9, 3, 8, 0, 6, 4, 1, 5}, {7, 0, 4, 6, 9, 1, 3, 2, 5, 8}};
}
