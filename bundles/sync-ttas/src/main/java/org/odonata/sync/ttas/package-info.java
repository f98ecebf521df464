/** The {@code ttas} token implementation: test-and-test-and-set with randomized exponential backoff. */
package org.odonata.sync.ttas;
