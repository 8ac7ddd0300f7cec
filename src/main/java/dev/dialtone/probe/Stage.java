package dev.dialtone.probe;

/** The steps of a connection test, in the order they happen. */
public enum Stage {
    /** Looking the host name up. */
    RESOLVE,
    /** Opening the TCP connection. */
    CONNECT,
    /** Negotiating TLS. */
    TLS,
    /** The connected server's first answer (protocol greeting). */
    HANDSHAKE,
    /** Presenting the credentials. */
    AUTHENTICATE,
    /** Proving the identity may use the target (a database, a topic list, a directory). */
    AUTHORIZE
}
