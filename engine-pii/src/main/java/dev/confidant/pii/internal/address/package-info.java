/**
 * Street addresses of many countries: street-type words and compound suffixes per language (from libpostal),
 * house numbers before or after the street, unit parts, postcodes per country, and the lines of a multi-line address
 * block. Internal.
 */
@NullMarked
package dev.confidant.pii.internal.address;

import org.jspecify.annotations.NullMarked;
