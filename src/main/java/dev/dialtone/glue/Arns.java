package dev.dialtone.glue;

import dev.dialtone.catalog.CatalogScope;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The ARNs of Glue's resources, as IAM policies, tags and refusals name them. */
public final class Arns {
    // arn:aws:glue:<region>:<account>:connection/<name>; the name is the rest (it may hold '/' or ':').
    private static final Pattern CONNECTION = Pattern.compile("arn:aws:glue:([a-z0-9-]{1,64}):([^:]{1,255}):connection/(.+)",
            Pattern.DOTALL);

    private Arns() {
    }

    /** {@code arn:aws:glue:<region>:<account>:catalog} */
    public static String catalog(CatalogScope catalog) {
        return prefix(catalog) + "catalog";
    }

    /** {@code arn:aws:glue:<region>:<account>:connection/<name>} */
    public static String connection(CatalogScope catalog, String name) {
        return prefix(catalog) + "connection/" + name;
    }

    /** {@code arn:aws:glue:<region>:<account>:connectionType/<name>} */
    public static String connectionType(CatalogScope catalog, String name) {
        return prefix(catalog) + "connectionType/" + name;
    }

    /** The catalog and name a connection ARN names, when {@code arn} has exactly the form {@link #connection} builds. */
    public static Optional<ConnectionArn> parseConnection(String arn) {
        Matcher matcher = CONNECTION.matcher(arn);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        return Optional.of(new ConnectionArn(new CatalogScope(matcher.group(2), matcher.group(1)), matcher.group(3)));
    }

    /** What a connection ARN names. */
    public record ConnectionArn(CatalogScope catalog, String name) {
    }

    private static String prefix(CatalogScope catalog) {
        return "arn:aws:glue:" + catalog.region() + ":" + catalog.accountId() + ":";
    }
}
