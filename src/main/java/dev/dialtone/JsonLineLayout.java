package dev.dialtone;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.LayoutBase;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.slf4j.event.KeyValuePair;

/**
 * {@code --log-format json}: one JSON object per line — {@code time} (UTC, milliseconds), {@code level},
 * {@code logger}, {@code thread}, {@code message}, then the event's key-value pairs (a request line's
 * {@code requestId}, {@code operation}, {@code catalog}, {@code outcome}, {@code durationMs}, and for tests
 * {@code type}, {@code stage}, {@code destination}, {@code testOutcome}) and the MDC ({@code requestId} on every
 * line logged while a call is handled) as top-level fields, and {@code stackTrace} when there is one.
 *
 * <p>Written with Jackson (already here) rather than logstash-logback-encoder, which the registry does not serve;
 * Logback's own JsonEncoder nests the fields and has a fixed shape a log pipeline would have to unwrap.
 */
public final class JsonLineLayout extends LayoutBase<ILoggingEvent> {
    private final JsonFactory json = new JsonFactory();

    @Override
    public String doLayout(ILoggingEvent event) {
        StringWriter out = new StringWriter(256);
        try (JsonGenerator line = json.createGenerator(out)) {
            line.writeStartObject();
            line.writeStringField("time", Instant.ofEpochMilli(event.getTimeStamp()).toString());
            line.writeStringField("level", event.getLevel().toString());
            line.writeStringField("logger", event.getLoggerName());
            line.writeStringField("thread", event.getThreadName());
            line.writeStringField("message", event.getFormattedMessage());
            Set<String> written = new HashSet<>(Set.of("time", "level", "logger", "thread", "message"));
            if (event.getKeyValuePairs() != null) {
                for (KeyValuePair pair : event.getKeyValuePairs()) {
                    if (written.add(pair.key)) {
                        line.writeFieldName(pair.key);
                        if (pair.value instanceof Number number) {
                            line.writeNumber(number.toString());
                        } else {
                            line.writeString(String.valueOf(pair.value));
                        }
                    }
                }
            }
            Map<String, String> mdc = event.getMDCPropertyMap();
            if (mdc != null) {
                for (Map.Entry<String, String> entry : mdc.entrySet()) {
                    if (written.add(entry.getKey())) {
                        line.writeStringField(entry.getKey(), entry.getValue());
                    }
                }
            }
            if (event.getThrowableProxy() != null) {
                line.writeStringField("stackTrace", ThrowableProxyUtil.asString(event.getThrowableProxy()));
            }
            line.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.append(CoreConstants.LINE_SEPARATOR).toString();
    }
}
