/** hammer:check: an end-to-end verifier of a volume that reports every problem it finds, each naming the */
/** structure, its offset and the check that failed (B-tree, CRCs, freemap against reachable space, namespace). */
package org.odonata.fs.hammer.check;
