/**
 * Classes for the probe tests: one loaded before a probe is added, one defined only later, as the WeavingHook sees
 * the classes of bundles installed after {@code probe:add}.
 */
package org.odonata.probefixture;
