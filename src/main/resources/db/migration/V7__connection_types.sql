-- REST connection types registered with RegisterConnectionType, per account and region: the declaration
-- (RegisterConnectionType's input) as JSON, as registered; tags as JSON.
CREATE TABLE connection_types (
    catalog_id    VARCHAR(255) NOT NULL,
    region        VARCHAR(64)  NOT NULL,
    name          VARCHAR(255) NOT NULL,
    declaration   TEXT         NOT NULL,
    tags          TEXT         NOT NULL,
    creation_time BIGINT       NOT NULL,
    PRIMARY KEY (catalog_id, region, name)
);
