/**
 * Runs an experiment on a Slurm cluster: a job array of shards and a merge job depending on it (exp:submit), with
 * the distribution and the spec's files staged on the shared filesystem, and the jobs followed until the merged run.
 */
package org.odonata.experiments.slurm;
