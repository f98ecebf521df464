/**
 * Subsystem bundles installed at run time: Gogo's {@code install} returning the Bundle, the {@code repo:}
 * commands over OSGi R5 indexes, and the provenance of every installed bundle.
 */
package org.odonata.repo;
