package dev.dialtone.probe.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dialtone.probe.InvalidTestInput;
import dev.dialtone.probe.TestSubject;
import dev.dialtone.probe.http.EndpointUrl;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds a registered type's validation request from its declaration and a connection, without any I/O: every
 * rule (Required, AllowedValues, READ_ONLY, the Url, https) is applied here, so a refusal comes before any socket.
 */
final class RestRequestBuilder {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}/]+)}");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RestDeclaration declaration;
    private final TestSubject subject;
    private final Map<String, String> secret;
    private final OriginOverrides overrides;
    private final Set<String> secrets;

    RestRequestBuilder(RestDeclaration declaration, TestSubject subject, Map<String, String> secret,
            OriginOverrides overrides, Set<String> secrets) {
        this.declaration = declaration;
        this.subject = subject;
        this.secret = secret;
        this.overrides = overrides;
        this.secrets = secrets;
    }

    /** A value placed in the request. */
    record Placed(String location, String key, String value) {
    }

    /** The validation request, its authentication not added yet. */
    record Request(EndpointUrl endpoint, String method, String path, List<Placed> parameters,
            Optional<String> override) {

        Request with(List<Placed> more) {
            List<Placed> all = new ArrayList<>(parameters);
            all.addAll(more);
            return new Request(endpoint, method, path, all, override);
        }

        /** The URL: the base, the path with its placeholders filled, the query parameters appended. */
        URI uri() {
            Map<String, String> pathValues = new LinkedHashMap<>();
            parameters.stream().filter(p -> p.location().equals("PATH")).forEach(p -> pathValues.put(p.key(),
                    p.value()));
            Matcher matcher = PLACEHOLDER.matcher(path);
            StringBuilder filled = new StringBuilder();
            while (matcher.find()) {
                String value = pathValues.get(matcher.group(1));
                if (value == null) {
                    throw new InvalidTestInput("RequestPath " + path + " has the placeholder {" + matcher.group(1)
                            + "}, but no PATH property of that name has a value.");
                }
                matcher.appendReplacement(filled, Matcher.quoteReplacement(encode(value).replace("+", "%20")));
            }
            matcher.appendTail(filled);
            StringBuilder query = new StringBuilder();
            for (Placed p : parameters) {
                if (p.location().equals("QUERY_PARAM")) {
                    query.append(query.length() == 0 ? "" : "&").append(encode(p.key())).append('=')
                            .append(encode(p.value()));
                }
            }
            String base = endpoint.uri().getRawPath() == null ? "" : endpoint.uri().getRawPath().replaceAll("/+$", "");
            String full = endpoint.origin() + base + filled;
            if (query.length() > 0) {
                full += (full.contains("?") ? "&" : "?") + query;
            }
            return URI.create(full);
        }

        Map<String, List<String>> headers() {
            Map<String, List<String>> headers = new LinkedHashMap<>();
            for (Placed p : parameters) {
                if (p.location().equals("HEADER")) {
                    headers.computeIfAbsent(p.key(), key -> new ArrayList<>()).add(p.value());
                }
            }
            if (body() != null) {
                headers.put("Content-Type", List.of("application/json"));
            }
            return headers;
        }

        /** The BODY parameters as one JSON object, or null when there are none. */
        byte[] body() {
            ObjectNode body = JSON.createObjectNode();
            parameters.stream().filter(p -> p.location().equals("BODY")).forEach(p -> body.put(p.key(), p.value()));
            return body.isEmpty() ? null : body.toString().getBytes(StandardCharsets.UTF_8);
        }
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    Request validationRequest() {
        ConnectorProperty urlProperty = declaration.url().orElseThrow(() -> new InvalidTestInput(declaration.name()
                + " declares no ConnectionProperties.Url: there is no base URL to call."));
        String base = value(urlProperty, Map.of()).orElseThrow(() -> new InvalidTestInput(declaration.name()
                + " connections need " + urlProperty.name() + " (the base URL of the API)."));
        URI baseUri;
        try {
            baseUri = new URI(base.trim());
        } catch (java.net.URISyntaxException e) {
            throw new InvalidTestInput(urlProperty.name() + " is not a valid URL: " + e.getReason() + ".");
        }
        Optional<OriginOverrides.Overridden> overridden = overrides.apply(baseUri);
        EndpointUrl endpoint = EndpointUrl.parse(overridden.map(o -> o.uri().toString()).orElse(base),
                urlProperty.name());
        List<Placed> parameters = new ArrayList<>();
        List<ConnectorProperty> declared = new ArrayList<>(declaration.additionalParameters());
        declared.addAll(declaration.validation().parameters());
        for (ConnectorProperty property : declared) {
            place(property, value(property, Map.of()), parameters);
        }
        String path = declaration.validation().requestPath().orElse("");
        Request request = new Request(endpoint, declaration.validation().requestMethod(), path, parameters,
                overridden.map(OriginOverrides.Overridden::override));
        return request;
    }

    /** The CUSTOM authentication parameters, from CustomAuthenticationCredentials or the secret. */
    List<Placed> customParameters(Map<String, String> credentials) {
        List<Placed> placed = new ArrayList<>();
        for (ConnectorProperty property : declaration.customParameters()) {
            Optional<String> value = value(property, credentials);
            value.ifPresent(v -> secrets.addAll(property.sentForms(v)));
            place(property, value, placed);
        }
        return placed;
    }

    private void place(ConnectorProperty property, Optional<String> value, List<Placed> into) {
        if (property.unused() || value.isEmpty()) {
            return;
        }
        into.add(new Placed(property.location().orElse("HEADER"), property.key(), property.formatted(value.get())));
    }

    /**
     * A property's value: READ_ONLY ones are the declared default (a connection may not set them), secret ones
     * may come from the secret, else the connection's value or the default; Required and AllowedValues enforced.
     */
    private Optional<String> value(ConnectorProperty property, Map<String, String> credentials) {
        if (property.unused()) {
            return Optional.empty();
        }
        Optional<String> given = Optional.ofNullable(credentials.get(property.name()))
                .or(() -> subject.property(property.name()));
        if (property.secret() || declaration.customParameters().contains(property)) {
            given = given.or(() -> RestTester.anyCase(secret, property.name()))
                    .or(() -> RestTester.anyCase(secret, property.key()));
        }
        given = given.map(String::trim).filter(text -> !text.isEmpty());
        if (property.readOnly()) {
            if (given.isPresent() && !given.equals(property.defaultValue())) {
                throw new InvalidTestInput(property.name() + " is READ_ONLY in " + declaration.name()
                        + ": a connection cannot set it.");
            }
            given = Optional.empty();
        }
        Optional<String> value = given.or(property::defaultValue);
        if (property.secret()) {
            value.ifPresent(secrets::add);
        }
        if (value.isEmpty() && property.required()) {
            throw new InvalidTestInput(declaration.name() + " connections need " + property.name() + " (Required "
                    + "in the type's declaration).");
        }
        if (value.isPresent() && !property.allowedValues().isEmpty()
                && !property.allowedValues().contains(value.get())) {
            throw new InvalidTestInput(property.name() + " must be one of " + String.join(", ",
                    property.allowedValues()) + " (got '" + (property.secret() ? "****" : value.get()) + "').");
        }
        return value;
    }
}
