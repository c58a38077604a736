/**
 * Shared plumbing of the core modules' packages. Not API: anything here may change in any release.
 */
package dev.modelregistry.core.internal;
