package dev.dialtone.probe.mongodb;

import com.mongodb.MongoCredential;
import java.util.Optional;

/** Who the MongoDB test logs in as; empty for a server without authentication. */
record MongoCredentials(Optional<String> user, Optional<String> password) {

    static MongoCredentials none() {
        return new MongoCredentials(Optional.empty(), Optional.empty());
    }

    boolean present() {
        return user.isPresent();
    }

    /**
     * The driver's credential for {@code mechanism} (negotiated SCRAM when absent), checked against
     * {@code source}: the URL's authSource, else the URL's database, else admin ($external for PLAIN).
     */
    Optional<MongoCredential> toDriver(Optional<String> mechanism, Optional<String> authSource,
            Optional<String> database) {
        if (user.isEmpty()) {
            return Optional.empty();
        }
        String name = user.get();
        char[] secret = password.orElse("").toCharArray();
        String source = authSource.orElseGet(() -> mechanism.filter("PLAIN"::equals).map(plain -> "$external")
                .orElseGet(() -> database.orElse("admin")));
        return Optional.of(switch (mechanism.orElse("")) {
            case "SCRAM-SHA-256" -> MongoCredential.createScramSha256Credential(name, source, secret);
            case "SCRAM-SHA-1" -> MongoCredential.createScramSha1Credential(name, source, secret);
            case "PLAIN" -> MongoCredential.createPlainCredential(name, source, secret);
            default -> MongoCredential.createCredential(name, source, secret);
        });
    }

    @Override
    public String toString() {
        return "MongoCredentials[user=" + user.orElse("") + "]";
    }
}
