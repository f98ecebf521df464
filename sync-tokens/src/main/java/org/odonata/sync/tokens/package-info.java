/** DragonFly LWKT serializing tokens ({@code sys/kern/lwkt_token.c}) on the machine's coherence model. */
package org.odonata.sync.tokens;
