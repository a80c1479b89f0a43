/**
 * Spring Boot auto-configuration of a Confidant engine: {@link dev.confidant.spring.ConfidantAutoConfiguration}.
 */
@NullMarked
package dev.confidant.spring;

import org.jspecify.annotations.NullMarked;
