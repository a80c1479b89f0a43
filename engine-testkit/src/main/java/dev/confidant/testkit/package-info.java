/** Test support: a scripted model backend and the contract tests every backend and stage must pass. */
@NullMarked
package dev.confidant.testkit;

import org.jspecify.annotations.NullMarked;
