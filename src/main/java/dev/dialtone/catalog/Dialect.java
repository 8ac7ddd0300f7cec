package dev.dialtone.catalog;

import java.sql.SQLException;

/**
 * What differs between the catalog's two databases in the SQL the stores send. Everything else is the
 * same portable SQL (and the same migrations).
 */
enum Dialect {
    /**
     * The embedded file. Its write transactions take the database's write lock when they begin
     * (IMMEDIATE), so a read inside one is already locked against every other writer.
     */
    SQLITE {
        @Override
        String lockingRead() {
            return "";
        }

        @Override
        boolean isUniqueViolation(SQLException e) {
            // SQLITE_CONSTRAINT (19) with its PRIMARYKEY/UNIQUE extended codes.
            return e.getErrorCode() == 19;
        }
    },
    /**
     * The shared catalog. Transactions are READ COMMITTED, so a read-modify-write locks the row it read
     * ({@code FOR UPDATE}): a writer on another node waits for it instead of being overwritten.
     */
    POSTGRESQL {
        @Override
        String lockingRead() {
            return " FOR UPDATE";
        }

        @Override
        boolean isUniqueViolation(SQLException e) {
            return "23505".equals(e.getSQLState());
        }
    };

    /** The clause that makes a SELECT inside a transaction lock the rows it reads until the commit. */
    abstract String lockingRead();

    /** Whether {@code e} is a primary key or unique constraint refusing a second row of the same key. */
    abstract boolean isUniqueViolation(SQLException e);
}
