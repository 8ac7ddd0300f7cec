-- Catalogs are per account and region, as in AWS. Rows of older catalogs were made before the
-- region was known: they belong to us-east-1, the region of unsigned requests.
-- The key changes, which SQLite cannot ALTER: the tables are rebuilt (portable SQL).
CREATE TABLE connections_v3 (
    catalog_id           VARCHAR(255)  NOT NULL,
    region               VARCHAR(64)   NOT NULL,
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
    PRIMARY KEY (catalog_id, region, name)
);
INSERT INTO connections_v3 (catalog_id, region, name, connection_type, schema_version, definition, tags, revision,
        creation_time, last_updated_time, status, status_reason, last_validation_time)
    SELECT catalog_id, 'us-east-1', name, connection_type, schema_version, definition, tags, revision,
        creation_time, last_updated_time, status, status_reason, last_validation_time FROM connections;
DROP TABLE connections;
ALTER TABLE connections_v3 RENAME TO connections;

CREATE TABLE test_history_v3 (
    catalog_id      VARCHAR(255) NOT NULL,
    region          VARCHAR(64)  NOT NULL,
    connection_name VARCHAR(255) NOT NULL,
    sequence        BIGINT       NOT NULL,
    tested_at       BIGINT       NOT NULL,
    report          TEXT         NOT NULL,
    PRIMARY KEY (catalog_id, region, connection_name, sequence)
);
INSERT INTO test_history_v3 (catalog_id, region, connection_name, sequence, tested_at, report)
    SELECT catalog_id, 'us-east-1', connection_name, sequence, tested_at, report FROM test_history;
DROP TABLE test_history;
ALTER TABLE test_history_v3 RENAME TO test_history;
