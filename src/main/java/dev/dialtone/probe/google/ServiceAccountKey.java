package dev.dialtone.probe.google;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dialtone.probe.InvalidTestInput;
import dev.dialtone.probe.http.EndpointUrl;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * A Google service-account key, as the JSON file Google issues (type service_account, client_email,
 * private_key, private_key_id, token_uri, project_id). Glue keeps it in a secret: base64 of the file under the
 * key {@code credentials} (BigQuery's Spark connector), or the file's own fields (the Athena connectors).
 */
record ServiceAccountKey(String clientEmail, RSAPrivateKey privateKey, Optional<String> keyId, EndpointUrl tokenUri,
        Optional<String> projectId) {
    static final String DEFAULT_TOKEN_URI = "https://oauth2.googleapis.com/token";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public String toString() {
        return "ServiceAccountKey[" + clientEmail + ", private key ****]";
    }

    /** The key in {@code values} (a secret's pairs), naming {@code secretId} in every message. */
    static ServiceAccountKey from(Map<String, String> values, String secretId) {
        Optional<String> encoded = first(values, "credentials");
        if (encoded.isPresent()) {
            JsonNode file;
            try {
                file = JSON.readTree(Base64.getMimeDecoder().decode(encoded.get().trim()));
            } catch (IllegalArgumentException | java.io.IOException e) {
                throw new InvalidTestInput("The credentials key of secret '" + secretId + "' is not the base64 of a "
                        + "service-account key file (JSON).");
            }
            if (file == null || !file.isObject()) {
                throw new InvalidTestInput("The credentials key of secret '" + secretId + "' is not the base64 of a "
                        + "service-account key file (JSON).");
            }
            java.util.Map<String, String> fields = new java.util.HashMap<>();
            file.fields().forEachRemaining(f -> {
                if (f.getValue().isTextual()) {
                    fields.put(f.getKey(), f.getValue().asText());
                }
            });
            return fields(fields, secretId);
        }
        return fields(values, secretId);
    }

    private static ServiceAccountKey fields(Map<String, String> values, String secretId) {
        Optional<String> type = first(values, "type");
        Optional<String> email = first(values, "client_email");
        Optional<String> key = first(values, "private_key");
        if (email.isEmpty() || key.isEmpty() || type.filter(t -> !t.equals("service_account")).isPresent()) {
            throw new InvalidTestInput("Secret '" + secretId + "' holds no service-account key: it needs "
                    + "client_email and private_key (the JSON key file's fields, or the file as base64 under "
                    + "credentials), with type service_account.");
        }
        String tokenUri = first(values, "token_uri").orElse(DEFAULT_TOKEN_URI);
        return new ServiceAccountKey(email.get(), privateKey(key.get(), secretId), first(values, "private_key_id"),
                EndpointUrl.parse(tokenUri, "token_uri"), first(values, "project_id"));
    }

    private static RSAPrivateKey privateKey(String pem, String secretId) {
        String body = pem.replace("-----BEGIN PRIVATE KEY-----", "").replace("-----END PRIVATE KEY-----", "")
                .replace("\\n", "").replaceAll("\\s", "");
        try {
            return (RSAPrivateKey) KeyFactory.getInstance("RSA")
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body.getBytes(
                            StandardCharsets.US_ASCII))));
        } catch (IllegalArgumentException | java.security.GeneralSecurityException | ClassCastException e) {
            throw new InvalidTestInput("The private_key of secret '" + secretId + "' is not an RSA private key in "
                    + "PKCS#8 PEM (-----BEGIN PRIVATE KEY-----), as Google issues it.");
        }
    }

    private static Optional<String> first(Map<String, String> values, String key) {
        return Optional.ofNullable(values.get(key)).filter(v -> !v.isBlank());
    }
}
