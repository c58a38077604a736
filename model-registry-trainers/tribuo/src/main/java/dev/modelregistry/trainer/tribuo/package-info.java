/**
 * Tribuo regression trainers: linear regression by SGD ({@code tribuo-linear}), a CART regression tree
 * ({@code tribuo-cart}), a random forest ({@code tribuo-forest}) and XGBoost through Tribuo
 * ({@code tribuo-xgboost}), found with {@link java.util.ServiceLoader} through
 * {@link dev.modelregistry.api.training.TrainerProvider}.
 *
 * <p>Models are stored in Tribuo's protobuf format ({@code tribuo-protobuf}), never with Java
 * serialization; reading checks the model's class against a fixed allow-list before Tribuo loads it.
 */
package dev.modelregistry.trainer.tribuo;
