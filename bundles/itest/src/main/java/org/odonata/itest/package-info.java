/**
 * Integration tests that run inside a real Felix framework with every Odonata bundle: bundles active,
 * services registered, and every shell command registered and answering.
 */
package org.odonata.itest;
