/**
 * What a leak hunt found, as values: {@link dev.leakdiff.hunt.findings.Finding} and its kinds. Stable in name and
 * meaning from 0.2; more kinds and fields may come, so readers keep a default for a kind they do not know.
 */
package dev.leakdiff.hunt.findings;
