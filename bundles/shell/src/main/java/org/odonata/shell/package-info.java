/**
 * The Gogo shell front end: the hw: commands, the registry of the shell's machines, and the batch runner
 * behind {@code ./odonata run FILE} and {@code ./odonata -c '…'}.
 */
package org.odonata.shell;
