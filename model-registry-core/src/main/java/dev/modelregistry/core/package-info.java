/**
 * The embedded registry: {@link dev.modelregistry.core.ModelRegistry} and its builder. Everything it
 * hands out is an api interface; the implementations live in feature packages ({@code deployment},
 * {@code training}, {@code evaluation}, {@code codec}) and in {@code internal.*}, which is not api.
 */
package dev.modelregistry.core;
