/**
 * Portable archives of models: export, import, automatic backups
 * ({@link dev.modelregistry.api.archive.Backups}), with their options, limits and reports.
 */
package dev.modelregistry.api.archive;
