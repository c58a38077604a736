/**
 * Internal, not API: portable archives. Export, import (with its bounds, signature check and
 * isolated load check), automatic backups, and the registry's signing keys. Implements the api's
 * {@code Backups}. Anything here may change in any release.
 */
package dev.modelregistry.core.internal.archive;
