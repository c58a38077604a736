package dev.modelregistry.core;

/** Gives tests in other packages the full listing of {@link RegistrySnapshot}. */
public final class TestSnapshots {
    private TestSnapshots() {
    }

    /**
     * Every row of every table and every file of a registry.
     *
     * @param registry the registry
     * @return the listing
     */
    public static String of(ModelRegistry registry) {
        return RegistrySnapshot.of(registry);
    }
}
