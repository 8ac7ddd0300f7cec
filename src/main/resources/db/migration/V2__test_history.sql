-- The last test reports of each connection (the store keeps the newest 20), newest = highest sequence.
CREATE TABLE test_history (
    catalog_id      VARCHAR(255) NOT NULL,
    connection_name VARCHAR(255) NOT NULL,
    sequence        BIGINT       NOT NULL,
    tested_at       BIGINT       NOT NULL,
    report          TEXT         NOT NULL,
    PRIMARY KEY (catalog_id, connection_name, sequence)
);
