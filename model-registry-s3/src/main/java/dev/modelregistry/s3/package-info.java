/**
 * Artifacts on S3-compatible object storage (AWS S3, MinIO, Ceph RGW, ...): {@link dev.modelregistry.s3.S3Storage},
 * an implementation of the {@link dev.modelregistry.api.storage.ModelStorage} SPI that plugs into
 * {@code ModelRegistry.builder(root).storage(...)}. It lives in a module of its own so that the AWS SDK reaches
 * only the applications that add it, never a user of the embedded registry.
 *
 * <p>No method of this package accepts or returns null.
 */
package dev.modelregistry.s3;
