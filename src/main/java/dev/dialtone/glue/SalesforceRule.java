package dev.dialtone.glue;

/** Glue refuses SALESFORCE connections that lack an AuthenticationConfiguration. */
final class SalesforceRule {
    private SalesforceRule() {
    }

    static void check(String connectionType, boolean hasAuthentication, String owner) {
        if ("SALESFORCE".equals(connectionType) && !hasAuthentication) {
            throw GlueException.invalidInput("[" + owner + ".AuthenticationConfiguration is required.] "
                    + "SALESFORCE connections authenticate through OAuth2.");
        }
    }
}
