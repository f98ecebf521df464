/**
 * Textbook and oracle page replacement: {@code fifo}, {@code clock} (second chance on the accessed bit), exact
 * {@code lru} from every reference, and Belady's {@code opt} for trace replays that know their future.
 */
package org.odonata.pageout.classic;
