package io.acqsim.core.link;

/** Where a connect-out link stands; every change is logged and counted. */
public enum LinkState {
    /** Dialling the partner (the first time, or again after a drop). */
    CONNECTING,
    /** Connected: requests from the partner are answered, echoes go out every {@code echoInterval}. */
    UP,
    /** Not connected (the partner closed, refused, or did not answer an echo): waiting for the back-off to redial. */
    DOWN,
    /** The server is stopping: no more dialling. */
    STOPPED
}
