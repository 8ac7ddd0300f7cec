package dev.dialtone.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.StringWriter;
import java.util.List;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/** The end-of-run report: a table for people, JSON or JUnit XML for machines. */
final class ReportWriter {
    private ReportWriter() {
    }

    static String write(String format, List<TestResult> results) {
        return switch (format) {
            case "json" -> json(results);
            case "junit" -> junit(results);
            default -> table(results);
        };
    }

    static String table(List<TestResult> results) {
        String[] headers = {"NAME", "TYPE", "RESULT", "STAGE", "LATENCY", "MESSAGE"};
        List<String[]> rows = results.stream().map(r -> new String[] {r.name(), r.connectionType(), r.result(),
                r.failedStage().orElse("-"), r.latencyMillis() + " ms", r.message()}).toList();
        int[] widths = new int[headers.length - 1];
        for (int column = 0; column < widths.length; column++) {
            widths[column] = headers[column].length();
            for (String[] row : rows) {
                widths[column] = Math.max(widths[column], row[column].length());
            }
        }
        StringBuilder out = new StringBuilder();
        appendRow(out, headers, widths);
        rows.forEach(row -> appendRow(out, row, widths));
        long passed = results.stream().filter(TestResult::passed).count();
        out.append(passed).append(" of ").append(results.size()).append(" passed\n");
        return out.toString();
    }

    private static void appendRow(StringBuilder out, String[] cells, int[] widths) {
        for (int column = 0; column < widths.length; column++) {
            out.append(String.format("%-" + widths[column] + "s  ", cells[column]));
        }
        out.append(cells[cells.length - 1]).append('\n');
    }

    static String json(List<TestResult> results) {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode();
        long passed = results.stream().filter(TestResult::passed).count();
        root.putObject("Summary").put("Total", results.size()).put("Passed", passed)
                .put("Failed", results.size() - passed);
        ArrayNode list = root.putArray("Results");
        for (TestResult result : results) {
            ObjectNode node = list.addObject()
                    .put("Name", result.name())
                    .put("ConnectionType", result.connectionType())
                    .put("Result", result.result())
                    .put("LatencyMillis", result.latencyMillis())
                    .put("Message", result.message());
            result.failedStage().ifPresent(stage -> node.put("FailedStage", stage));
            result.report().ifPresent(report -> {
                node.set("Stages", report.path("Stages"));
                node.set("Details", report.path("Details"));
            });
        }
        try {
            return mapper.writeValueAsString(root) + "\n";
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One testsuite, one testcase per connection; a failed test is a {@code failure} typed by its stage. */
    static String junit(List<TestResult> results) {
        StringWriter text = new StringWriter();
        try {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(text);
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeCharacters("\n");
            xml.writeStartElement("testsuite");
            xml.writeAttribute("name", "dialtone");
            xml.writeAttribute("tests", String.valueOf(results.size()));
            xml.writeAttribute("failures", String.valueOf(results.stream()
                    .filter(r -> !r.passed() && !r.result().equals("ERROR")).count()));
            xml.writeAttribute("errors", String.valueOf(results.stream().filter(r -> r.result().equals("ERROR")).count()));
            xml.writeAttribute("time", seconds(results.stream().mapToLong(TestResult::latencyMillis).sum()));
            for (TestResult result : results) {
                xml.writeCharacters("\n  ");
                xml.writeStartElement("testcase");
                xml.writeAttribute("name", result.name());
                xml.writeAttribute("classname", "dialtone." + result.connectionType());
                xml.writeAttribute("time", seconds(result.latencyMillis()));
                if (!result.passed()) {
                    xml.writeStartElement(result.result().equals("ERROR") ? "error" : "failure");
                    xml.writeAttribute("type", result.failedStage().orElse(result.result()));
                    xml.writeAttribute("message", result.message());
                    xml.writeCharacters(result.message());
                    xml.writeEndElement();
                }
                xml.writeEndElement();
            }
            xml.writeCharacters("\n");
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
        return text + "\n";
    }

    private static String seconds(long millis) {
        return String.format(java.util.Locale.ROOT, "%.3f", millis / 1000.0);
    }
}
