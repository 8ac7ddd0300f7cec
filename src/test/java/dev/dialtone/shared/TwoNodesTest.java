package dev.dialtone.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dialtone.Dialtone;
import dev.dialtone.DialtoneConfig;
import dev.dialtone.catalog.SecretsUnavailable;
import dev.dialtone.fixtures.CapturedLogs;
import dev.dialtone.fixtures.DialtoneExtension;
import dev.dialtone.fixtures.Ports;
import dev.dialtone.fixtures.SharedCatalogDatabase;
import dev.dialtone.fixtures.Tarpit;
import dev.dialtone.fixtures.TempDir;
import dev.dialtone.sealing.MasterKeys;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.Connection;
import software.amazon.awssdk.services.glue.model.ConnectionInput;
import software.amazon.awssdk.services.glue.model.ConnectionStatus;
import software.amazon.awssdk.services.glue.model.EntityNotFoundException;
import software.amazon.awssdk.services.glue.model.GetConnectionsResponse;
import software.amazon.awssdk.services.glue.model.GlueException;
import software.amazon.awssdk.services.glue.model.InvalidInputException;
import software.amazon.awssdk.services.glue.model.OperationTimeoutException;

/**
 * Two Dialtone nodes over one PostgreSQL catalog, driven through the AWS SDK: whatever one node wrote, the
 * other answers at once, and writes from both at the same time lose nothing.
 */
class TwoNodesTest {
    private static final SharedCatalogDatabase CATALOG = SharedCatalogDatabase.create();
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    @Order(1)
    static final DialtoneExtension A = new DialtoneExtension(Duration.ofSeconds(2), DialtoneConfig.Limits.DEFAULT,
            CATALOG::node);
    @RegisterExtension
    @Order(2)
    static final DialtoneExtension B = new DialtoneExtension(Duration.ofSeconds(2), DialtoneConfig.Limits.DEFAULT,
            CATALOG::node);

    private static final ExecutorService CLIENTS = Executors.newFixedThreadPool(16);
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterAll
    static void stopClients() {
        CLIENTS.shutdownNow();
    }

    private static ConnectionInput network(String name, int port) {
        return ConnectionInput.builder().name(name).connectionType("NETWORK")
                .connectionPropertiesWithStrings(Map.of("HOST", "127.0.0.1", "PORT", String.valueOf(port))).build();
    }

    private static ConnectionInput jdbc(String name, int port, String password) {
        return ConnectionInput.builder().name(name).connectionType("JDBC")
                .connectionPropertiesWithStrings(Map.of("JDBC_CONNECTION_URL", "jdbc:postgresql://127.0.0.1:" + port
                        + "/db", "USERNAME", "u", "PASSWORD", password)).build();
    }

    private JsonNode history(DialtoneExtension node, String name) throws Exception {
        HttpResponse<String> response = historyResponse(node, name);
        assertThat(response.statusCode()).isEqualTo(200);
        return JSON.readTree(response.body()).path("Tests");
    }

    private HttpResponse<String> historyResponse(DialtoneExtension node, String name) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(node.endpoint()
                + "/dialtone/v1/catalogs/000000000000/connections/" + name + "/tests")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theSharedCatalogsPoolLeavesTheJvmWideLoginTimeoutToTheTestersDrivers() {
        // Every tester's driver obeys DriverManager's login timeout: a catalog pool that set it would cut their
        // handshakes short (MySQL Connector/J at 1 s) on every node with a shared catalog.
        assertThat(java.sql.DriverManager.getLoginTimeout()).isZero();
    }

    @Test
    void whatOneNodeWritesTheOtherAnswersAtOnce() throws Exception {
        int closed = Ports.free();
        A.glue().createConnection(r -> r.connectionInput(jdbc("orders", closed, "s3cret-orders")));

        Connection onB = B.glue().getConnection(r -> r.name("orders")).connection();
        assertThat(onB.connectionPropertiesAsStrings()).containsEntry("PASSWORD", "s3cret-orders");

        B.glue().updateConnection(r -> r.name("orders").connectionInput(network("orders", closed)));
        assertThat(A.glue().getConnection(r -> r.name("orders")).connection().connectionTypeAsString())
                .isEqualTo("NETWORK");

        assertThatThrownBy(() -> B.glue().testConnection(r -> r.connectionName("orders")))
                .isInstanceOf(InvalidInputException.class);
        Connection tested = A.glue().getConnection(r -> r.name("orders")).connection();
        assertThat(tested.status()).isEqualTo(ConnectionStatus.FAILED);
        assertThat(tested.statusReason()).contains("failed at CONNECT");
        assertThat(history(A, "orders")).hasSize(1);

        A.glue().updateConnection(r -> r.name("orders").connectionInput(network("orders-renamed", closed)));
        assertThat(history(B, "orders-renamed")).as("the history follows a rename made on the other node").hasSize(1);
        assertThatThrownBy(() -> B.glue().getConnection(r -> r.name("orders"))).isInstanceOf(EntityNotFoundException.class);

        B.glue().deleteConnection(r -> r.connectionName("orders-renamed"));
        assertThatThrownBy(() -> A.glue().getConnection(r -> r.name("orders-renamed")))
                .isInstanceOf(EntityNotFoundException.class);
        assertThat(historyResponse(A, "orders-renamed").body()).contains("EntityNotFoundException");
    }

    @Test
    void aPagingTokenFromOneNodeWorksOnTheOtherInByteOrder() {
        List<String> names = List.of("pg-Zeta", "pg-alpha", "pg-Beta", "pg-_under", "pg-beta", "pg-Ähnlich", "pg-1");
        for (String name : names) {
            (name.hashCode() % 2 == 0 ? A : B).glue().createConnection(r -> r.catalogId("424242424242")
                    .connectionInput(network(name, 1)));
        }
        List<String> seen = new ArrayList<>();
        Optional<String> token = Optional.empty();
        boolean onA = true;
        do {
            Optional<String> from = token;
            GetConnectionsResponse page = (onA ? A : B).glue().getConnections(r -> r.catalogId("424242424242")
                    .maxResults(2).nextToken(from.orElse(null)));
            page.connectionList().forEach(c -> seen.add(c.name()));
            token = Optional.ofNullable(page.nextToken());
            onA = !onA;
        } while (token.isPresent());
        // Byte order (UTF-8), as the embedded catalog pages, whatever the database's collation.
        assertThat(seen).containsExactly("pg-1", "pg-Beta", "pg-Zeta", "pg-_under", "pg-alpha", "pg-beta", "pg-Ähnlich");
    }

    @Test
    void tagsAndEncryptionSettingsAreShared() {
        A.glue().createConnection(r -> r.catalogId("515151515151").connectionInput(network("tagged", 1)));
        String arn = "arn:aws:glue:us-east-1:515151515151:connection/tagged";
        List<Future<?>> writes = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            GlueClient node = (i % 2 == 0 ? A : B).glue();
            String key = "k" + i;
            writes.add(CLIENTS.submit(() -> node.tagResource(r -> r.resourceArn(arn).tagsToAdd(Map.of(key, "v")))));
        }
        writes.forEach(TwoNodesTest::join);
        Map<String, String> expected = new HashMap<>();
        for (int i = 0; i < 24; i++) {
            expected.put("k" + i, "v");
        }
        assertThat(B.glue().getTags(r -> r.resourceArn(arn)).tags()).as("no concurrent tag change lost")
                .isEqualTo(expected);
        assertThat(A.glue().getTags(r -> r.resourceArn(arn)).tags()).isEqualTo(expected);

        B.glue().putDataCatalogEncryptionSettings(r -> r.catalogId("515151515151").dataCatalogEncryptionSettings(
                s -> s.encryptionAtRest(e -> e.catalogEncryptionMode("SSE-KMS").sseAwsKmsKeyId("alias/shared"))));
        assertThat(A.glue().getDataCatalogEncryptionSettings(r -> r.catalogId("515151515151"))
                .dataCatalogEncryptionSettings().encryptionAtRest().sseAwsKmsKeyId()).isEqualTo("alias/shared");
    }

    @Test
    void concurrentRenamesToOneNameFromBothNodesLetExactlyOneWin() {
        for (int i = 0; i < 12; i++) {
            String target = "taken-" + i;
            A.glue().createConnection(r -> r.catalogId("616161616161").connectionInput(network("from-a-" + target, 1)));
            B.glue().createConnection(r -> r.catalogId("616161616161").connectionInput(network("from-b-" + target, 1)));
            CompletableFuture<String> viaA = rename(A.glue(), "from-a-" + target, target);
            CompletableFuture<String> viaB = rename(B.glue(), "from-b-" + target, target);
            assertThat(List.of(viaA.join(), viaB.join())).containsExactlyInAnyOrder("renamed", "taken");
        }
    }

    private static CompletableFuture<String> rename(GlueClient node, String from, String to) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                node.updateConnection(r -> r.catalogId("616161616161").name(from).connectionInput(network(to, 1)));
                return "renamed";
            } catch (InvalidInputException e) {
                // UpdateConnection's model lists no AlreadyExistsException: a taken name is InvalidInputException.
                assertThat(e.getMessage()).contains("'" + to + "' already exists");
                return "taken";
            }
        }, CLIENTS);
    }

    @Test
    void concurrentUpdatesAndTestsFromBothNodesAllLandInOrder() throws Exception {
        int closed = Ports.free();
        A.glue().createConnection(r -> r.catalogId("717171717171").connectionInput(network("busy", closed)));
        List<Future<?>> calls = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            GlueClient node = (i % 2 == 0 ? A : B).glue();
            int round = i;
            calls.add(CLIENTS.submit(() -> {
                if (round % 4 < 2) {
                    node.updateConnection(r -> r.catalogId("717171717171").name("busy").connectionInput(
                            network("busy", closed).toBuilder().description("update " + round).build()));
                } else {
                    try {
                        node.testConnection(r -> r.catalogId("717171717171").connectionName("busy"));
                    } catch (InvalidInputException expected) {
                        // Nothing listens: FAILED, recorded unless an update came in between.
                    }
                }
            }));
        }
        // Every call answered as it should: no 500 from a history sequence taken twice or a deadlock.
        calls.forEach(TwoNodesTest::join);
        Connection last = B.glue().getConnection(r -> r.catalogId("717171717171").name("busy")).connection();
        assertThat(last.description()).startsWith("update ");
        assertThat(A.glue().getConnection(r -> r.catalogId("717171717171").name("busy")).connection()).isEqualTo(last);
    }

    @Test
    void aTestResultIsNotRecordedOnADefinitionChangedMeanwhileOnTheOtherNode() throws Exception {
        try (Tarpit tarpit = new Tarpit()) {
            A.glue().createConnection(r -> r.connectionInput(jdbc("racing", tarpit.port(), "p")));
            int before = tarpit.accepted();
            CompletableFuture<Class<?>> test = CompletableFuture.supplyAsync(() -> {
                try {
                    A.glue().testConnection(r -> r.connectionName("racing"));
                    return Void.class;
                } catch (GlueException e) {
                    return e.getClass();
                }
            }, CLIENTS);
            await().atMost(Duration.ofSeconds(5)).until(() -> tarpit.accepted() == before + 1);
            B.glue().updateConnection(r -> r.name("racing").connectionInput(jdbc("racing", tarpit.port(), "new")));
            assertThat(test.join()).isEqualTo(OperationTimeoutException.class);

            Connection now = B.glue().getConnection(r -> r.name("racing")).connection();
            assertThat(now.status()).as("the timed-out result described the old definition").isEqualTo(ConnectionStatus.READY);
            assertThat(now.lastConnectionValidationTime()).isNull();
            assertThat(history(B, "racing")).isEmpty();

            // Unchanged meanwhile, the same test records its result, seen from the other node.
            assertThatThrownBy(() -> B.glue().testConnection(r -> r.connectionName("racing")))
                    .isInstanceOf(OperationTimeoutException.class);
            assertThat(A.glue().getConnection(r -> r.name("racing")).connection().status())
                    .isEqualTo(ConnectionStatus.FAILED);
            assertThat(history(A, "racing")).hasSize(1);
        }
    }

    @Test
    void aNodeWhoseMasterKeyDoesNotOpenTheCatalogRefusesToStart() {
        Path otherKey = TempDir.scratch("other-key-").resolve("master.key");
        new MasterKeys(otherKey, Optional.empty(), () -> {
            throw new IllegalStateException("no KMS here");
        }).createIfMissing();
        DialtoneConfig stranger = CATALOG.node(new DialtoneConfig("127.0.0.1", 0, TempDir.scratch("stranger-"),
                Duration.ofSeconds(2))).withKeys(new DialtoneConfig.Keys(Optional.of(otherKey), Optional.empty()));
        assertThatThrownBy(() -> Dialtone.start(stranger).close()).isInstanceOf(SecretsUnavailable.class)
                .hasMessageContaining("is not in the master key file " + otherKey)
                .hasMessageContaining("restore the file this catalog was sealed with");
    }

    @Test
    void theCatalogPasswordIsInNoLogLineAndTheStartLineNamesTheCatalog() {
        assertThat(CapturedLogs.all()).doesNotContain(SharedCatalogDatabase.PASSWORD)
                .contains("catalog in " + CATALOG.url() + " as " + CATALOG.role());
    }

    private static void join(Future<?> future) {
        try {
            future.get();
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof SdkException sdk) {
                throw sdk;
            }
            throw new AssertionError(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Test
    void aTypeRegisteredThroughOneNodeIsKnownToTheOtherAtOnceAndGoneWhenDeleted() {
        software.amazon.awssdk.services.glue.model.RegisterConnectionTypeRequest type =
                software.amazon.awssdk.services.glue.model.RegisterConnectionTypeRequest.builder()
                        .connectionType("REST-SHARED").integrationType("REST")
                        .connectionProperties(p -> p.url(u -> u.name("Url").required(true)
                                .defaultValue("http://127.0.0.1:1").propertyType("USER_INPUT")))
                        .connectorAuthenticationConfiguration(a -> a.authenticationTypesWithStrings("BASIC"))
                        .restConfiguration(r -> r.validationEndpointConfiguration(v -> v.requestMethod("GET")
                                .requestPath("/me").responseConfiguration(o -> o.resultPath("$.id"))))
                        .build();
        A.glue().registerConnectionType(type);
        assertThat(B.glue().describeConnectionType(r -> r.connectionType("REST-SHARED")).connectionType())
                .isEqualTo("REST-SHARED");
        assertThatThrownBy(() -> B.glue().registerConnectionType(type))
                .isInstanceOf(software.amazon.awssdk.services.glue.model.AlreadyExistsException.class);
        B.glue().deleteConnectionType(r -> r.connectionType("REST-SHARED"));
        assertThatThrownBy(() -> A.glue().describeConnectionType(r -> r.connectionType("REST-SHARED")))
                .isInstanceOf(software.amazon.awssdk.services.glue.model.InvalidInputException.class)
                .hasMessageContaining("REST-SHARED");
    }
}
