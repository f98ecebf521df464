/**
 * Reclaiming pages: pools of resident pages ordered by a pageout policy, the eviction mechanism (unmap, launder to
 * swap, cache) and the pageout daemon with DragonFly's thresholds.
 */
package org.odonata.vm.pageout;
