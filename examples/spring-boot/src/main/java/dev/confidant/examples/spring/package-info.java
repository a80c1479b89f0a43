/**
 * A Spring Boot application on {@code confidant-spring-boot-starter}: the engine configured from
 * {@code confidant.*} in {@code application.yaml}, a {@link dev.confidant.api.spi.ToolProvider} bean as a server
 * tool, and a service that injects the engine and asks with pseudonymization on.
 */
@NullMarked
package dev.confidant.examples.spring;

import org.jspecify.annotations.NullMarked;
