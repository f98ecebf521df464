/** The {@code eevdf} user scheduler: Linux's Earliest Eligible Virtual Deadline First, written with the kit. */
package org.odonata.sched.eevdf;
