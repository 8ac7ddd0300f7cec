-- The connection catalog. Portable SQL (SQLite and PostgreSQL): no engine-specific types.
-- Times are epoch milliseconds; the definition is the user's ConnectionInput as JSON.
CREATE TABLE connections (
    catalog_id           VARCHAR(255)  NOT NULL,
    name                 VARCHAR(255)  NOT NULL,
    connection_type      VARCHAR(255)  NOT NULL,
    schema_version       INTEGER       NOT NULL,
    definition           TEXT          NOT NULL,
    tags                 TEXT          NOT NULL,
    revision             BIGINT        NOT NULL,
    creation_time        BIGINT        NOT NULL,
    last_updated_time    BIGINT        NOT NULL,
    status               VARCHAR(32)   NOT NULL,
    status_reason        TEXT,
    last_validation_time BIGINT,
    PRIMARY KEY (catalog_id, name)
);
