/**
 * Versions and their metadata: {@link dev.modelregistry.api.version.VersionManager} registers
 * versions, moves aliases, tags, searches and compares; {@link dev.modelregistry.api.version.AuditTrail}
 * answers who changed what and when.
 */
package dev.modelregistry.api.version;
