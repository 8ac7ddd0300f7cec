package dev.dialtone.audit;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit trail as JSON lines, one record per line, to a file or standard output.
 *
 * <p>Each line is encoded first and then handed to the operating system in one write, under a lock,
 * with nothing buffered in this process: concurrent requests never interleave within a line, and a
 * line a crash of the server interrupts is never half-written by it. (No fsync per line: after a
 * power loss the file may end in a torn line, which {@link #toFile} cuts off when it reopens it.)
 */
public final class JsonLinesAuditTrail implements AuditTrail {
    private static final Logger LOG = LoggerFactory.getLogger(JsonLinesAuditTrail.class);
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSXXX").withZone(ZoneOffset.UTC);
    private static final JsonFactory JSON = new JsonFactory();

    private final WritableByteChannel out;
    private final String name;
    private final boolean ownsChannel;
    private final AtomicBoolean failing = new AtomicBoolean();

    private JsonLinesAuditTrail(WritableByteChannel out, String name, boolean ownsChannel) {
        this.out = out;
        this.name = name;
        this.ownsChannel = ownsChannel;
    }

    /** Appends to {@code file}, created with mode 0600 (it names callers and their addresses). */
    public static JsonLinesAuditTrail toFile(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        cutTornLine(file);
        FileAttribute<?>[] ownerOnly = FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
                : new FileAttribute<?>[0];
        FileChannel channel = FileChannel.open(file, java.util.Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND), ownerOnly);
        return new JsonLinesAuditTrail(channel, file.toString(), true);
    }

    /** Writes to the process's standard output. */
    public static JsonLinesAuditTrail toStandardOutput() {
        return new JsonLinesAuditTrail(new FileOutputStream(FileDescriptor.out).getChannel(), "standard output", false);
    }

    /** A file that does not end in a newline ends in a line a power loss tore: it is dropped. */
    private static void cutTornLine(Path file) throws IOException {
        if (!Files.exists(file)) {
            return;
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long end = channel.size();
            ByteBuffer one = ByteBuffer.allocate(1);
            long keep = end;
            while (keep > 0) {
                one.clear();
                channel.read(one, keep - 1);
                if (one.get(0) == '\n') {
                    break;
                }
                keep--;
            }
            if (keep < end) {
                channel.truncate(keep);
                LOG.warn("the audit log {} ended in an incomplete line ({} bytes), removed", file, end - keep);
            }
        }
    }

    @Override
    public void write(AuditRecord record) {
        ByteBuffer line = ByteBuffer.wrap(encode(record));
        try {
            synchronized (this) {
                while (line.hasRemaining()) {
                    out.write(line);
                }
            }
            if (failing.compareAndSet(true, false)) {
                LOG.warn("the audit log {} is written again", name);
            }
        } catch (IOException e) {
            if (failing.compareAndSet(false, true)) {
                LOG.error("the audit log {} cannot be written: {}; calls go unrecorded until it can", name, e.toString());
            }
        }
    }

    static byte[] encode(AuditRecord record) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(384);
        try (JsonGenerator json = JSON.createGenerator(bytes)) {
            json.writeStartObject();
            json.writeStringField("time", TIME.format(record.time()));
            json.writeStringField("requestId", record.requestId());
            json.writeStringField("principal", record.principal());
            json.writeStringField("sourceAddress", record.sourceAddress());
            optional(json, "region", record.region());
            json.writeStringField("operation", record.operation());
            json.writeArrayFieldStart("resources");
            for (String resource : record.resources()) {
                json.writeString(resource);
            }
            json.writeEndArray();
            json.writeStringField("outcome", record.outcome());
            optional(json, "destination", record.destination());
            optional(json, "stage", record.stage());
            optional(json, "testOutcome", record.testOutcome());
            json.writeNumberField("millis", record.millis());
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        bytes.write('\n');
        return bytes.toByteArray();
    }

    private static void optional(JsonGenerator json, String field, Optional<String> value) throws IOException {
        if (value.isPresent()) {
            json.writeStringField(field, value.get());
        }
    }

    @Override
    public void close() {
        if (ownsChannel) {
            try {
                out.close();
            } catch (IOException e) {
                LOG.warn("the audit log {} could not be closed: {}", name, e.toString());
            }
        }
    }
}
