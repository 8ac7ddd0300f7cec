package dev.dialtone.probe.net;

import java.io.IOException;

/** The egress policy forbade a destination; an IOException so that it travels through any driver. */
public final class EgressRefusedException extends IOException {
    public EgressRefusedException(String message) {
        super(message);
    }
}
