package dev.dialtone.probe.kafka;

import dev.dialtone.probe.Stage;
import dev.dialtone.probe.StageFailure;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.CallbackHandler;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.sasl.SaslException;
import org.apache.kafka.common.message.SaslAuthenticateRequestData;
import org.apache.kafka.common.message.SaslHandshakeRequestData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.SaslAuthenticateRequest;
import org.apache.kafka.common.requests.SaslAuthenticateResponse;
import org.apache.kafka.common.requests.SaslHandshakeRequest;
import org.apache.kafka.common.requests.SaslHandshakeResponse;
import org.apache.kafka.common.security.scram.ScramExtensionsCallback;
import org.apache.kafka.common.security.scram.internals.ScramMechanism;
import org.apache.kafka.common.security.scram.internals.ScramSaslClient;

/**
 * SASL on a {@link KafkaWire}: SaslHandshake names the mechanism, then SaslAuthenticate carries the
 * tokens. SCRAM tokens come from kafka-clients' own SCRAM client (which also verifies the broker's
 * signature); PLAIN is the single RFC 4616 message.
 */
final class SaslAuthentication {
    private SaslAuthentication() {
    }

    static void authenticate(KafkaWire wire, SaslCredentials credentials, String broker, String hint)
            throws IOException, StageFailure {
        short handshakeVersion = wire.version(ApiKeys.SASL_HANDSHAKE).orElseThrow(() -> new StageFailure(
                Stage.AUTHENTICATE, broker + " does not offer SASL authentication", hint));
        SaslHandshakeResponse handshake = (SaslHandshakeResponse) wire.exchange(new SaslHandshakeRequest.Builder(
                new SaslHandshakeRequestData().setMechanism(credentials.mechanism())).build(handshakeVersion));
        Errors handshakeError = Errors.forCode(handshake.data().errorCode());
        if (handshakeError == Errors.UNSUPPORTED_SASL_MECHANISM) {
            throw new StageFailure(Stage.AUTHENTICATE, broker + " does not accept SASL mechanism "
                    + credentials.mechanism() + " on this listener; it accepts "
                    + (handshake.data().mechanisms().isEmpty() ? "none" : String.join(", ", handshake.data().mechanisms())),
                    "Set KAFKA_SASL_MECHANISM to one the listener accepts, or enable " + credentials.mechanism()
                            + " on the broker (sasl.enabled.mechanisms).");
        }
        if (handshakeError == Errors.ILLEGAL_SASL_STATE) {
            throw new StageFailure(Stage.AUTHENTICATE, broker + " does not use SASL on this listener, but "
                    + "KAFKA_SASL_MECHANISM asks for " + credentials.mechanism(),
                    "Remove KAFKA_SASL_MECHANISM, or use the port of the broker's SASL_SSL or SASL_PLAINTEXT listener.");
        }
        if (handshakeError != Errors.NONE) {
            throw new StageFailure(Stage.AUTHENTICATE, broker + " refused the SASL handshake: "
                    + handshakeError.message(), hint);
        }
        short authenticateVersion = wire.version(ApiKeys.SASL_AUTHENTICATE).orElseThrow(() -> new StageFailure(
                Stage.AUTHENTICATE, broker + " is too old for this client's SASL (no SaslAuthenticate API)", hint));
        try {
            if (credentials.scram()) {
                scram(wire, authenticateVersion, credentials, broker, hint);
            } else {
                send(wire, authenticateVersion, plainMessage(credentials), credentials, broker, hint);
            }
        } catch (SaslException e) {
            throw new StageFailure(Stage.AUTHENTICATE, "the " + credentials.mechanism() + " exchange with " + broker
                    + " failed: " + e.getMessage(), hint);
        }
    }

    private static void scram(KafkaWire wire, short version, SaslCredentials credentials, String broker, String hint)
            throws IOException, StageFailure {
        ScramSaslClient client;
        try {
            client = new ScramSaslClient(ScramMechanism.forMechanismName(credentials.mechanism()),
                    callbacks(credentials));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM lacks " + credentials.mechanism() + "'s hash", e);
        }
        byte[] token = client.evaluateChallenge(new byte[0]);
        while (true) {
            byte[] challenge = send(wire, version, token, credentials, broker, hint);
            token = client.evaluateChallenge(challenge);
            // After the server's final message the client has checked the server's signature: done.
            if (client.isComplete() && token == null) {
                return;
            }
        }
    }

    /** Sends one token; returns the broker's answer token, or fails on a rejection. */
    private static byte[] send(KafkaWire wire, short version, byte[] token, SaslCredentials credentials, String broker,
            String hint) throws IOException, StageFailure {
        SaslAuthenticateResponse response = (SaslAuthenticateResponse) wire.exchange(new SaslAuthenticateRequest.Builder(
                new SaslAuthenticateRequestData().setAuthBytes(token)).build(version));
        Errors error = Errors.forCode(response.data().errorCode());
        if (error != Errors.NONE) {
            String said = response.data().errorMessage() == null ? error.message() : response.data().errorMessage();
            throw new StageFailure(Stage.AUTHENTICATE, broker + " rejected the credentials of user '"
                    + credentials.username() + "' (" + credentials.mechanism() + "): " + said, hint);
        }
        return response.data().authBytes();
    }

    private static byte[] plainMessage(SaslCredentials credentials) {
        // RFC 4616: authorization id (empty: act as the user), user, password, separated by NUL.
        return ("\0" + credentials.username() + "\0" + credentials.password()).getBytes(StandardCharsets.UTF_8);
    }

    private static CallbackHandler callbacks(SaslCredentials credentials) {
        return callbacks -> {
            for (Callback callback : callbacks) {
                if (callback instanceof NameCallback name) {
                    name.setName(credentials.username());
                } else if (callback instanceof PasswordCallback password) {
                    password.setPassword(credentials.password().toCharArray());
                } else if (!(callback instanceof ScramExtensionsCallback)) {
                    // No extensions: none is needed for a plain SCRAM login.
                    throw new UnsupportedCallbackException(callback);
                }
            }
        };
    }
}
