/**
 * The codec for models stored as opaque bytes ({@link dev.modelregistry.core.codec.BytesModel#FORMAT_ID}),
 * registered through {@code ServiceLoader}.
 */
package dev.modelregistry.core.codec;
