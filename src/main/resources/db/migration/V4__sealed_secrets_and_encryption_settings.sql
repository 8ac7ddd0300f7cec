-- Secrets at rest are sealed by the server (values inside the definition JSON); the catalog keeps
-- a check value sealed under the master key, so a start with a missing or wrong key is told at once.
CREATE TABLE catalog_metadata (
    name  VARCHAR(64) NOT NULL,
    value TEXT        NOT NULL,
    PRIMARY KEY (name)
);
-- Glue's DataCatalogEncryptionSettings, per account and region, as JSON.
CREATE TABLE encryption_settings (
    catalog_id VARCHAR(255) NOT NULL,
    region     VARCHAR(64)  NOT NULL,
    settings   TEXT         NOT NULL,
    PRIMARY KEY (catalog_id, region)
);
