package dev.confidant.pii;

/**
 * The kinds of personal (PII) and organisational (OII) data Confidant recognizes. Each kind has the tag used in
 * its placeholders ({@code [NAME_1]}, {@code [EMAIL_2]}). Immutable and thread-safe.
 */
public enum EntityType {
  /** A person's name. */
  PERSON("NAME", false),
  /** An organisation's name (OII). */
  ORGANIZATION("ORG", true),
  /** A place: city, region, country, landmark. */
  LOCATION("LOCATION", false),
  /** An e-mail address. */
  EMAIL("EMAIL", false),
  /** A phone number. */
  PHONE("PHONE", false),
  /** An IBAN (ISO 13616, mod-97 checked). */
  IBAN("IBAN", false),
  /** A payment card number (Luhn and issuer range checked). */
  CREDIT_CARD("CARD", false),
  /** An IPv4 or IPv6 address. */
  IP_ADDRESS("IP", false),
  /** A URL or a domain name. */
  URL("URL", false),
  /** A national identifier: social security, tax, identity card, health numbers. */
  NATIONAL_ID("ID", false),
  /** A company's VAT or trade-register identifier (OII). */
  COMPANY_ID("COMPANY_ID", true),
  /** A date given as a date of birth. */
  DATE_OF_BIRTH("DOB", false),
  /** A street address. */
  ADDRESS("ADDRESS", false),
  /** A postal code. */
  POSTCODE("POSTCODE", false),
  /**
   * A customer, account, contract, policy, member, ticket or order number, recognized after a cue word in a
   * supported language ("Kundennummer KD-99812", "account 77120934", "numéro client 55123").
   */
  ACCOUNT_ID("ACCOUNT_ID", false);

  private final String tag;
  private final boolean organisational;

  EntityType(String tag, boolean organisational) {
    this.tag = tag;
    this.organisational = organisational;
  }

  /** The placeholder tag, upper case letters and underscores. */
  public String tag() {
    return tag;
  }

  /** Whether this is organisation data, masked only when OII pseudonymization is on. */
  public boolean organisational() {
    return organisational;
  }
}
