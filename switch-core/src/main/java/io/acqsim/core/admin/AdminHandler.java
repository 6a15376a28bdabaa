package io.acqsim.core.admin;

/**
 * One admin endpoint. The return value is written as JSON, unless it is an {@link AdminResponse}.
 * Throwing {@link IllegalArgumentException} gives a 400 with its message.
 */
@FunctionalInterface
public interface AdminHandler {
    Object handle(AdminRequest request) throws Exception;
}
