/**
 * The hook woven code calls, loaded from the boot class path so every bundle sees it (bootdelegation
 * {@code org.odonata.probe.boot}).
 */
package org.odonata.probe.boot;
