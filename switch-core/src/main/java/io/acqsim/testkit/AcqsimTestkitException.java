package io.acqsim.testkit;

/** The host refused a testkit call (an unknown account, a rule it cannot read...); the message says why. */
public final class AcqsimTestkitException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public AcqsimTestkitException(String message, Throwable cause) {
        super(message, cause);
    }
}
