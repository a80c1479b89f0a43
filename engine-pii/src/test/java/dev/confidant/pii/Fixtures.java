package dev.confidant.pii;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Generated test conversations: our own templates filled with fake values we generate (names from small
 * invented lists, numbers with valid check digits). Nothing here is copied from the shared data.
 */
final class Fixtures {
  private Fixtures() {}

  static final List<String> FIRST = List.of("Anna", "Jonas", "Mia", "Lukas", "Emma", "Oliver", "Sofia", "Noah",
      "Clara", "Felix", "Hannah", "Leon", "Grace", "Henry", "Julia", "Samuel");
  static final List<String> LAST = List.of("Weber", "Schneider", "Fischer", "Hoffmann", "Thompson", "Carter",
      "Kowalski", "Novak", "Bauer", "Wagner", "Mitchell", "Brooks");
  static final List<String> ORGS = List.of("Nordlicht Logistik GmbH", "Bluefin Analytics Ltd", "Kessler & Partner AG",
      "Harbor Freight Solutions Inc", "Alpenblick Software GmbH");

  /** A fake but checksum-valid German IBAN. */
  static String iban(Random r) {
    StringBuilder bban = new StringBuilder();
    for (int i = 0; i < 18; i++) {
      bban.append(r.nextInt(10));
    }
    BigInteger n = new BigInteger(bban + "131400"); // "DE00" moved to the end: D=13, E=14
    int check = 98 - n.mod(BigInteger.valueOf(97)).intValue();
    String compact = "DE" + String.format("%02d", check) + bban;
    return compact.replaceAll("(.{4})(?!$)", "$1 ");
  }

  /** A fake Luhn-valid Visa number in groups of four. */
  static String card(Random r) {
    int[] d = new int[16];
    d[0] = 4;
    for (int i = 1; i < 15; i++) {
      d[i] = r.nextInt(10);
    }
    int sum = 0;
    for (int i = 0; i < 15; i++) {
      int v = d[14 - i];
      if (i % 2 == 0) {
        v *= 2;
        if (v > 9) {
          v -= 9;
        }
      }
      sum += v;
    }
    d[15] = (10 - sum % 10) % 10;
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < 16; i++) {
      if (i > 0 && i % 4 == 0) {
        b.append(' ');
      }
      b.append(d[i]);
    }
    return b.toString();
  }

  record Planted(String text, List<String> values) {}

  /** A conversation turn with planted values; every planted value is personal data that must be masked. */
  static Planted turn(Random r) {
    String first = FIRST.get(r.nextInt(FIRST.size()));
    String last = LAST.get(r.nextInt(LAST.size()));
    String name = first + " " + last;
    String email = first.toLowerCase() + "." + last.toLowerCase() + "@example.org";
    String phone = "+49 30 " + (2000000 + r.nextInt(7000000));
    String iban = iban(r);
    String card = card(r);
    String ip = "10." + r.nextInt(256) + "." + r.nextInt(256) + "." + (1 + r.nextInt(254));
    String org = ORGS.get(r.nextInt(ORGS.size()));
    List<String[]> templates = List.of(
        new String[] {"Hi, my name is %s and my email is %s.", name, email},
        new String[] {"Please call Dr. %s on %s tomorrow.", name, phone},
        new String[] {"Transfer the refund to IBAN %s, thanks!", iban},
        new String[] {"My card %s was charged twice.", card},
        new String[] {"The server %s belongs to %s.", ip, org},
        new String[] {"Mr. %s wrote from %s about the invoice.", name, email},
        new String[] {"Bitte überweisen Sie an %s, Frau %s.", iban, name},
        new String[] {"Contact %s at %s or %s.", name, phone, email});
    String[] t = templates.get(r.nextInt(templates.size()));
    List<String> values = new ArrayList<>(List.of(t).subList(1, t.length));
    return new Planted(String.format(t[0], values.toArray()), values);
  }
}
