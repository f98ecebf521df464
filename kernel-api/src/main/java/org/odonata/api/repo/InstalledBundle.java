package org.odonata.api.repo;

/**
 * One bundle in the framework, as results record it so that "same bundles" can be checked.
 *
 * @param id the framework's bundle id
 * @param symbolicName Bundle-SymbolicName
 * @param version Bundle-Version
 * @param sha256 the SHA-256 of the jar it was installed from, in lower-case hex; {@code null} if the jar could not
 *        be read again (a bundle installed from a stream by other code)
 * @param location where it was installed from
 * @param verdict what the bundle verifier said when it was installed: {@code "passed"}, {@code "unsafe: …"} when
 *        {@code --unsafe} let violations through, or why it was not verified (e.g. part of the distribution)
 */
public record InstalledBundle(long id, String symbolicName, String version, String sha256, String location,
        String verdict) {
}
