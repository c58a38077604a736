/**
 * Internal, not API: garbage collection and verification of a registry directory. Anything here
 * may change in any release.
 */
package dev.modelregistry.core.internal.housekeeping;
