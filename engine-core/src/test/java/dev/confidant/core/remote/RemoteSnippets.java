package dev.confidant.core.remote;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Clock;

/** The code samples of this package's javadoc ({@code {@snippet class=... region=...}}); compiled with the tests. */
final class RemoteSnippets {
  private RemoteSnippets() {}

  static void exchange(HttpClient http, HttpRequest request, String apiKey) throws InterruptedException {
    // @start region="exchange"
    UpstreamExchange exchange = UpstreamExchange.send(http, request, Clock.systemUTC());
    try (InputStream body = exchange.body()) { // UpstreamStatusException for 4xx/5xx
      // read events; another thread may call exchange.cancel() to stop
    } catch (IOException e) {
      throw UpstreamFailures.map("my-backend", e, UpstreamFailures.Disclosure.MESSAGE, apiKey);
    }
    // @end
  }
}
