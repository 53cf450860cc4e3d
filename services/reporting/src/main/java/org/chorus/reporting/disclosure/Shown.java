package org.chorus.reporting.disclosure;
public sealed interface Shown {
    record Figure(long value) implements Shown {}
    record Small() implements Shown {}
    record Hidden() implements Shown {}
}
