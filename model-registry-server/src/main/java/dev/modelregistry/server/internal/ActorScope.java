package dev.modelregistry.server.internal;

import dev.modelregistry.core.ModelRegistry;

/** Runs a handler, which may throw checked exceptions, under a principal as the registry's audit actor. */
final class ActorScope {
    private ActorScope() {
    }

    interface Work {
        void run() throws Exception;
    }

    static void run(ModelRegistry registry, String actor, Work work) throws Exception {
        Exception[] thrown = new Exception[1];
        registry.callAs(actor, () -> {
            try {
                work.run();
            } catch (Exception e) {
                thrown[0] = e;
            }
            return null;
        });
        if (thrown[0] != null) {
            throw thrown[0];
        }
    }
}
