/** The {@code cna} token implementation: a NUMA-aware queue lock after CNA (Dice and Kogan, EuroSys 2019). */
package org.odonata.sync.cna;
