package dev.confidant.rag.internal.index;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LanguagesTest {
  @Test
  void aQueryWithStopWordsOfOneLanguageOnlyNamesThatLanguage() {
    assertThat(Languages.detect("how many days of leave do I get")).contains(Fields.TEXT_EN);
    assertThat(Languages.detect("wie viele Urlaubstage habe ich")).contains(Fields.TEXT_DE);
  }

  @Test
  void keywordsOrMixedStopWordsNameNoLanguage() {
    assertThat(Languages.detect("Urlaubstage Elternzeit")).isEmpty();
    assertThat(Languages.detect("the Haus und the garden")).isEmpty();
  }
}
