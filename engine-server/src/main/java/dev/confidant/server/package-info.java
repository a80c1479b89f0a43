/**
 * The standalone REST server: the platform's API ({@code POST /api-proxy/v1/chat/completions} and friends) over a
 * {@link dev.confidant.api.ChatCompletionEngine}, with bearer-token authentication and space roles.
 *
 * <p>{@snippet :
 * ServerConfig config = ServerConfig.load(Path.of("confidant.yaml"));
 * try (ConfidantServer server = ConfidantServer.start(config)) {
 *   System.out.println("listening on " + server.uri());
 *   server.awaitShutdown();
 * }
 * }
 *
 * <p>Tests and embedders pass their own engine (for example one with a scripted backend):
 * {@snippet :
 * try (ConfidantServer server = ConfidantServer.builder(ServerConfig.development("secret").withPort(0))
 *     .engine(engine)
 *     .start()) {
 *   int port = server.port();
 * }
 * }
 */
@NullMarked
package dev.confidant.server;

import org.jspecify.annotations.NullMarked;
