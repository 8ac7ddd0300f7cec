package dev.dialtone.glue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dialtone.catalog.CatalogScope;
import dev.dialtone.catalog.DataCatalogEncryptionSettings;
import dev.dialtone.catalog.DataCatalogEncryptionSettings.ConnectionPasswordEncryption;
import dev.dialtone.catalog.DataCatalogEncryptionSettings.EncryptionAtRest;
import dev.dialtone.catalog.EncryptionSettingsStore;
import java.util.List;
import java.util.Optional;

/**
 * PutDataCatalogEncryptionSettings: replaces the catalog's settings. {@code EncryptionAtRest} is stored and
 * echoed (Dialtone seals secrets at rest whatever it says); {@code ConnectionPasswordEncryption} decides
 * whether GetConnection(s) return passwords encrypted under its KMS key, which it then requires, as Glue does.
 */
public final class PutDataCatalogEncryptionSettings implements GlueOperation {
    private static final List<String> MODES = List.of("DISABLED", "SSE-KMS", "SSE-KMS-WITH-SERVICE-ROLE");
    private final EncryptionSettingsStore settings;

    public PutDataCatalogEncryptionSettings(EncryptionSettingsStore settings) {
        this.settings = settings;
    }

    @Override
    public String name() {
        return "PutDataCatalogEncryptionSettings";
    }

    @Override
    public ObjectNode invoke(Members request, RequestContext context) {
        CatalogScope catalog = Catalogs.scope(request, context);
        context.caller().permissions().require("glue:PutDataCatalogEncryptionSettings", Arns.catalog(catalog));
        Members input = request.requiredObject("DataCatalogEncryptionSettings");
        Optional<EncryptionAtRest> atRest = input.object("EncryptionAtRest").map(PutDataCatalogEncryptionSettings::atRest);
        Optional<ConnectionPasswordEncryption> passwords = input.object("ConnectionPasswordEncryption")
                .map(PutDataCatalogEncryptionSettings::passwords);
        settings.put(catalog, new DataCatalogEncryptionSettings(atRest, passwords));
        return JsonNodeFactory.instance.objectNode();
    }

    private static EncryptionAtRest atRest(Members atRest) {
        String mode = atRest.requiredString("CatalogEncryptionMode", StringRule.NAME);
        if (!MODES.contains(mode)) {
            throw GlueException.invalidInput(atRest.path("CatalogEncryptionMode") + " must be one of "
                    + String.join(", ", MODES) + " (got '" + mode + "').");
        }
        return new EncryptionAtRest(mode, atRest.string("SseAwsKmsKeyId", StringRule.NAME),
                atRest.string("CatalogEncryptionServiceRole", StringRule.IAM_ROLE_ARN));
    }

    private static ConnectionPasswordEncryption passwords(Members passwords) {
        boolean returnEncrypted = passwords.bool("ReturnConnectionPasswordEncrypted").orElseThrow(() ->
                GlueException.invalidInput(passwords.path("ReturnConnectionPasswordEncrypted") + " is required."));
        Optional<String> key = passwords.string("AwsKmsKeyId", StringRule.NAME);
        if (returnEncrypted && key.isEmpty()) {
            throw GlueException.invalidInput(passwords.path("AwsKmsKeyId") + " is required when "
                    + "ReturnConnectionPasswordEncrypted is true: it names the KMS key passwords are encrypted with.");
        }
        return new ConnectionPasswordEncryption(returnEncrypted, key);
    }
}
