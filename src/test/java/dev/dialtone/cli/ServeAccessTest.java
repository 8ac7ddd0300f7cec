package dev.dialtone.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dialtone.fixtures.TempDir;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code dialtone serve} refuses to start, with one line and exit code 2, before it binds anything: no test
 * here listens on a non-loopback address (the refusal comes first), and none starts a server that would block.
 */
class ServeAccessTest {

    @Test
    void aNonLoopbackAddressWithoutACredentialsFileIsRefusedNamingTheFlag() {
        Served served = serve("--host", "0.0.0.0", "--port", "0", "--data-dir", TempDir.scratch("dialtone-serve").toString());
        assertThat(served.exitCode()).isEqualTo(2);
        assertThat(served.err().lines().toList()).hasSize(1);
        assertThat(served.err()).startsWith("dialtone: listening on 0.0.0.0, which is not a loopback address, needs "
                + "--credentials-file FILE");
    }

    @Test
    void aMalformedCredentialsFileStopsTheServerWithOneLineNamingTheProblem() throws Exception {
        Path dir = TempDir.scratch("dialtone-serve");
        Path file = Files.writeString(dir.resolve("credentials.json"), "{\"Principals\": [{\"AccessKeyId\": "
                + "\"AKIAIOSFODNN7EXAMPLE\", \"SecretAccessKey\": \"very-secret-value\", \"Arn\": \"ana\", \"Policy\": {}}]}");
        Served served = serve("--port", "0", "--data-dir", dir.toString(), "--credentials-file", file.toString());
        assertThat(served.exitCode()).isEqualTo(2);
        assertThat(served.err().lines().toList()).hasSize(1);
        assertThat(served.err()).startsWith("dialtone: credentials file " + file + ": Principals[0].Arn 'ana' is not an "
                + "IAM ARN").doesNotContain("very-secret-value");

        Served missing = serve("--port", "0", "--data-dir", dir.toString(), "--credentials-file",
                dir.resolve("absent.json").toString());
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).isEqualTo("dialtone: credentials file " + dir.resolve("absent.json")
                + " does not exist" + System.lineSeparator());
    }

    record Served(int exitCode, String err) {
    }

    private static Served serve(String... args) {
        StringWriter err = new StringWriter();
        String[] all = new String[args.length + 1];
        all[0] = "serve";
        System.arraycopy(args, 0, all, 1, args.length);
        int exit = new CommandLine(new Main()).setExecutionExceptionHandler(Main::explain)
                .setErr(new PrintWriter(err, true)).execute(all);
        return new Served(exit, err.toString());
    }
}
