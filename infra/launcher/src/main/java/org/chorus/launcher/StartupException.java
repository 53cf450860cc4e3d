package org.chorus.launcher;

/** A part of the platform did not start. The message names the part and says what happened. */
public class StartupException extends RuntimeException {

    public StartupException(String message) {
        super(message);
    }

    public StartupException(String message, Throwable cause) {
        super(message, cause);
    }
}
