/**
 * The analysis of a series of captures into a {@link dev.leakdiff.hunt.analysis.HuntResult}: the histograms and
 * verdicts, the growth of the process, the suspects' chains and values, and the findings made of them. A function of
 * the captures alone. leakdiff's own; may change.
 */
package dev.leakdiff.hunt.analysis;
