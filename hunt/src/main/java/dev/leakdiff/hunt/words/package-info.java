/**
 * The one place words are made: {@link dev.leakdiff.hunt.words.Words} (leakdiff's {@link
 * dev.leakdiff.hunt.words.English}) turns findings, chains and numbers into the sentences every report and failure
 * message prints; {@link dev.leakdiff.hunt.words.FindingsJson} the same values into JSON. Nothing reads these words
 * back. {@code Words} is stable from 0.2; another wording implements it.
 */
package dev.leakdiff.hunt.words;
