package dev.confidant.pii;

import dev.confidant.api.RequestContext;
import dev.confidant.pii.internal.lang.Language;
import dev.confidant.pii.internal.lang.LanguageDetector;
import dev.confidant.pii.internal.lang.Lexicons;
import dev.confidant.pii.internal.lang.WordClass;
import dev.confidant.pii.spi.MappingVault;
import dev.confidant.pii.spi.MappingVaults;
import dev.confidant.pii.spi.Recognizer;
import dev.confidant.pii.spi.VaultKeyring;
import dev.confidant.pii.spi.VaultPolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The code samples of this module's javadoc ({@code {@snippet class=... region=...}}); compiled with the tests. */
final class PiiSnippets {
  private PiiSnippets() {}

  static String overview() {
    // @start region="overview"
    PiiDetector detector = PiiDetector.create(PiiOptions.defaults());
    DetectResult r = detector.detect(DetectRequest.of("Mail Anna Weber at anna@example.org"));
    r.redactedText();                                  // "Mail [NAME_1] at [EMAIL_1]"
    String reply = detector.restore("Done, [NAME_1]!", r.piiMapping());   // "Done, Anna Weber!"
    // @end
    return reply;
  }

  static String detector() {
    // @start region="detector"
    PiiDetector detector = PiiDetector.create(PiiOptions.defaults());
    DetectResult r = detector.detect(DetectRequest.of("Mail Anna Weber at anna@example.org"));
    r.redactedText();   // "Mail [NAME_1] at [EMAIL_1]"
    r.piiMapping();     // {[NAME_1]=Anna Weber, [EMAIL_1]=anna@example.org}
    detector.restore("Dear [NAME_1]", r.piiMapping());  // "Dear Anna Weber"
    // @end
    return r.redactedText();
  }

  static PiiOptions options() {
    // @start region="options"
    PiiOptions options = PiiOptions.defaults().withPlaceholderStyle(PlaceholderStyle.ANGLE);
    // engine builder: .option(PiiOptions.KEY, options)
    // @end
    return options;
  }

  static RequestContext pseudonymization() {
    // @start region="pseudonymization"
    RequestContext context = RequestContext.of("alice", "support")
        .with(Pseudonymization.KEY, Pseudonymization.ON.withCallerMapping(Map.of("[NAME_1]", "Anna Weber")));
    // @end
    return context;
  }

  /** A recognizer of the application's own, as the SPI sample adds it. */
  static final class EmployeeIdRecognizer implements Recognizer {
    @Override
    public String name() {
      return "employee-id";
    }

    @Override
    public Set<EntityType> types() {
      return Set.of(EntityType.ACCOUNT_ID);
    }

    @Override
    public List<PiiEntity> recognize(String text) {
      return List.of();
    }
  }

  static PiiOptions spi() {
    // @start region="spi"
    PiiOptions options = PiiOptions.defaults()
        .withExtraRecognizers(List.of(new EmployeeIdRecognizer()))
        .withVault(MappingVaults.directory(Path.of("/var/lib/confidant/vault"),
            VaultKeyring.fromBase64(System.getenv("MY_VAULT_KEY"), List.of()),
            VaultPolicy.defaults().withTimeToLive(Duration.ofDays(7))));
    // @end
    return options;
  }

  static MappingVault keyring(String newKeyBase64, String oldKeyBase64) {
    // @start region="keyring"
    VaultKeyring keys = VaultKeyring.fromBase64(newKeyBase64, List.of(oldKeyBase64));
    MappingVault vault = MappingVaults.directory(Path.of("/var/lib/confidant/vault"), keys, VaultPolicy.defaults());
    // @end
    return vault;
  }

  static MappingVault policy() {
    // @start region="vault-policy"
    MappingVault vault = MappingVaults.inMemory(VaultPolicy.defaults()
        .withTimeToLive(Duration.ofDays(7))
        .withMaxEntriesPerThread(2_000));
    // @end
    return vault;
  }

  static boolean lang() {
    // @start region="lang"
    Language lang = LanguageDetector.detect("Guten Tag, ich bin Jürgen Müller");     // DE
    Lexicons.get().has(WordClass.GREETING, "guten tag");                             // true, in some language
    Lexicons.get().has(WordClass.FUNCTION, lang, "bin");                             // true
    // @end
    return Lexicons.get().has(WordClass.FUNCTION, lang, "bin");
  }
}
