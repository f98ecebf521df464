/**
 * Tables keyed by a primitive {@code long} (a block offset, an object id) for the hot paths of the B-tree and the
 * caches, where a HashMap's boxed keys cost a dereference per probe.
 */
package org.odonata.fs.hammer.table;
