package dev.dialtone.probe;

/**
 * A type of Glue's model that Dialtone describes but cannot test, saying why and what it can check instead.
 * A test of it is refused with {@link NotTestable}: the connection did not fail, Dialtone could not run it.
 */
public interface UntestableType extends ConnectionTypeSpec {
    /** How every untestable type's description begins, so a client can tell it from a testable one. */
    String DESCRIPTION_PREFIX = "Dialtone cannot test ";

    /** Why Dialtone cannot test this type, as a sentence. */
    String reason();

    /** What Dialtone can check instead, as a sentence (for example a NETWORK test of the host and port). */
    String instead();

    @Override
    default String description() {
        return DESCRIPTION_PREFIX + connectionType() + " connections: " + reason() + " " + instead();
    }
}
