/**
 * Internal, not API: the content-addressed blob store on the local file system, the default
 * {@code ModelStorage}. Anything here may change in any release.
 */
package dev.modelregistry.core.internal.blobs;
