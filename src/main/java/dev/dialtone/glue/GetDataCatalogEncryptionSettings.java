package dev.dialtone.glue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dialtone.catalog.CatalogScope;
import dev.dialtone.catalog.DataCatalogEncryptionSettings;
import dev.dialtone.catalog.EncryptionSettingsStore;

/**
 * GetDataCatalogEncryptionSettings: the catalog's settings as last put; a catalog that never had any
 * answers encryption at rest DISABLED and password encryption off, as Glue does.
 */
public final class GetDataCatalogEncryptionSettings implements GlueOperation {
    private final EncryptionSettingsStore settings;

    public GetDataCatalogEncryptionSettings(EncryptionSettingsStore settings) {
        this.settings = settings;
    }

    @Override
    public String name() {
        return "GetDataCatalogEncryptionSettings";
    }

    @Override
    public ObjectNode invoke(Members request, RequestContext context) {
        CatalogScope catalog = Catalogs.scope(request, context);
        context.caller().permissions().require("glue:GetDataCatalogEncryptionSettings", Arns.catalog(catalog));
        DataCatalogEncryptionSettings stored = settings.get(catalog);
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        ObjectNode node = out.putObject("DataCatalogEncryptionSettings");
        ObjectNode atRest = node.putObject("EncryptionAtRest");
        stored.encryptionAtRest().ifPresentOrElse(rest -> {
            atRest.put("CatalogEncryptionMode", rest.catalogEncryptionMode());
            rest.sseAwsKmsKeyId().ifPresent(key -> atRest.put("SseAwsKmsKeyId", key));
            rest.catalogEncryptionServiceRole().ifPresent(role -> atRest.put("CatalogEncryptionServiceRole", role));
        }, () -> atRest.put("CatalogEncryptionMode", "DISABLED"));
        ObjectNode passwords = node.putObject("ConnectionPasswordEncryption");
        stored.connectionPasswordEncryption().ifPresentOrElse(encryption -> {
            passwords.put("ReturnConnectionPasswordEncrypted", encryption.returnConnectionPasswordEncrypted());
            encryption.awsKmsKeyId().ifPresent(key -> passwords.put("AwsKmsKeyId", key));
        }, () -> passwords.put("ReturnConnectionPasswordEncrypted", false));
        return out;
    }
}
