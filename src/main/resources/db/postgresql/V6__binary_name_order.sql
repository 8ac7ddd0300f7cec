-- PostgreSQL only (the embedded SQLite catalog compares text byte by byte already): names compare and
-- sort byte by byte whatever the database's collation, so GetConnections pages in the same order on
-- both catalogs and a NextToken's "after this name" means the same on every node.
ALTER TABLE connections ALTER COLUMN name TYPE VARCHAR(255) COLLATE "C";
ALTER TABLE test_history ALTER COLUMN connection_name TYPE VARCHAR(255) COLLATE "C";
