package dev.modelregistry.api.monitoring;

import dev.modelregistry.api.NotFoundException;

/**
 * An outcome was recorded for a request id the registry does not hold: it was never issued by this
 * registry, it was deleted by the outcome retention (the message says which when the id's time stamp
 * tells), or the process that served it crashed before writing it (see
 * {@link Monitoring#recordOutcome}).
 */
public class RequestNotFoundException extends NotFoundException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message which id, and why it is not found, in words a caller can act on
     */
    public RequestNotFoundException(String message) {
        super(message);
    }
}
