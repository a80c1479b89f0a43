package dev.confidant.pii.internal.recognize;

import static org.assertj.core.api.Assertions.assertThat;

import dev.confidant.pii.PiiEntity;
import dev.confidant.pii.PiiOptions;
import org.junit.jupiter.api.Test;

/**
 * News layouts that the name model and the phone rules took for personal data (issue 18): an all-capitals headline,
 * a dateline and a results table come out unmasked except the names in them, with the shipped name model. A name in
 * the headline is masked where the text names it with confidence elsewhere ("BAYERN MÜNCHEN").
 */
class NewswireLayoutTest {
  private static final Analyzer ANALYZER = Analyzer.of(PiiOptions.defaults());

  private static String masked(String text) {
    StringBuilder out = new StringBuilder();
    int last = 0;
    for (PiiEntity e : ANALYZER.analyze(text, true, null)) {
      out.append(text, last, e.start()).append('[').append(e.value()).append(']');
      last = e.end();
    }
    return out.append(text.substring(last)).toString();
  }

  @Test
  void englishHeadlineDatelineAndResultsTableKeepAllButTheNames() {
    String text = """
        SOCCER - JAPAN BEAT SYRIA IN ASIAN CUP OPENER ON FRIDAY
        TOKYO 1996-12-06
        Japan began the defence of their title with a 2-1 win against Syria on Friday. Coach Shu Kamo said the \
        team played well in the second half.
        Standings after Friday's games (played, won, drawn, lost, goals for, against, points):
        Japan 3 2 1 0 6 2 7
        Syria 3 1 1 1 4 4 4
        Uzbekistan 3 0 2 1 2 5 2
        """;
    assertThat(masked(text)).isEqualTo("""
        SOCCER - [JAPAN] BEAT [SYRIA] IN ASIAN CUP OPENER ON FRIDAY
        [TOKYO] 1996-12-06
        [Japan] began the defence of their title with a 2-1 win against [Syria] on Friday. Coach [Shu Kamo] said the \
        team played well in the second half.
        Standings after Friday's games (played, won, drawn, lost, goals for, against, points):
        [Japan] 3 2 1 0 6 2 7
        [Syria] 3 1 1 1 4 4 4
        [Uzbekistan] 3 0 2 1 2 5 2
        """);
  }

  @Test
  void germanHeadlineDatelineAndResultsTableKeepAllButTheNames() {
    String text = """
        FUSSBALL - BAYERN MÜNCHEN GEWINNT AM SAMSTAG GEGEN DORTMUND
        MÜNCHEN 1996-12-07
        Bayern München hat am Samstag gegen Borussia Dortmund mit 2:1 gewonnen. Trainer Otto Rehhagel sagte, die \
        Mannschaft habe gut gespielt.
        Tabelle nach dem 15. Spieltag (Spiele, Siege, Unentschieden, Niederlagen, Tore, Punkte):
        1. Bayern München 15 10 3 2 30:12 33
        2. Borussia Dortmund 15 9 4 2 28:15 31
        3. Werder Bremen 15 8 3 4 25:20 27
        """;
    assertThat(masked(text)).isEqualTo("""
        FUSSBALL - [BAYERN MÜNCHEN] GEWINNT AM SAMSTAG GEGEN [DORTMUND]
        [MÜNCHEN] 1996-12-07
        [Bayern München] hat am Samstag gegen [Borussia Dortmund] mit 2:1 gewonnen. Trainer [Otto Rehhagel] sagte, \
        die Mannschaft habe gut gespielt.
        Tabelle nach dem 15. Spieltag (Spiele, Siege, Unentschieden, Niederlagen, Tore, Punkte):
        1. [Bayern München] 15 10 3 2 30:12 33
        2. [Borussia Dortmund] 15 9 4 2 28:15 31
        3. [Werder Bremen] 15 8 3 4 25:20 27
        """);
  }

  @Test
  void englishResultsLinesMaskTheTeamsAndNotTheScores() {
    String text = """
        SOCCER - ENGLISH PREMIER LEAGUE RESULTS
        LONDON 1996-08-24
        Arsenal 2 Chelsea 1
        Leeds 0 Tottenham 0
        Manchester United 3 Liverpool 0
        """;
    assertThat(masked(text)).isEqualTo("""
        SOCCER - ENGLISH PREMIER LEAGUE RESULTS
        [LONDON] 1996-08-24
        [Arsenal] 2 [Chelsea] 1
        [Leeds] 0 [Tottenham] 0
        [Manchester United] 3 [Liverpool] 0
        """);
  }

  @Test
  void commonWordsOpeningANewsSentenceAndCalendarWordsAreNotMasked() {
    assertThat(masked("Analysis showed that shares fell on Friday. Trading was thin in August, dealers said."))
        .doesNotContain("[");
    assertThat(masked("Friday's session closed lower. March and May were weak months for the index."))
        .doesNotContain("[");
    assertThat(masked("Moreover, the Bundesbank left rates unchanged on Thursday, a spokesman said in Frankfurt."))
        .isEqualTo("Moreover, the [Bundesbank] left rates unchanged on Thursday, a spokesman said in [Frankfurt].");
  }

  @Test
  void aHeadlineWithoutNamesIsNotMasked() {
    assertThat(masked("CAN I SPEAK TO A REAL PERSON ABOUT MY ORDER\nBREAKING NEWS : MARKETS CLOSE HIGHER ON MONDAY"))
        .doesNotContain("[");
  }

  @Test
  void germanCommonNounsTheModelIsUnsureOfStayUnmasked() {
    // the shipped tagger took "Nest" and "Minus" for places (CommonNouns, PrecisionFilter)
    assertThat(masked("Andere Vögel bauen ein neues Nest über dem alten.")).doesNotContain("[");
    assertThat(masked("Die Aktien lagen am Mittag leicht im Minus.")).doesNotContain("[");
    assertThat(masked("Herr Müller wartet seit Montag.")).isEqualTo("Herr [Müller] wartet seit Montag.");
  }

  @Test
  void englishTitleCasePhrasesOfCommonWordsStayUnmasked() {
    // the shipped tagger took these for organisations (PrecisionFilter.commonPhrase)
    assertThat(masked("Please update the attached Legal Risk Report.")).doesNotContain("[");
    assertThat(masked("Great Service Great People")).doesNotContain("[");
    assertThat(masked("Jane Miller works at the Bank of England."))
        .isEqualTo("[Jane Miller] works at the [Bank of England].");
  }
}
