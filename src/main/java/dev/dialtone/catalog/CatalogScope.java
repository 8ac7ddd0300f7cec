package dev.dialtone.catalog;

/**
 * Which catalog a call works on. As in AWS, a catalog belongs to an account in one region: a
 * connection created through a us-east-1 client is not seen from eu-west-1.
 */
public record CatalogScope(String accountId, String region) {
    /** The region of unsigned requests, and of every row an older catalog held before catalogs were regional. */
    public static final String DEFAULT_REGION = "us-east-1";

    public CatalogScope {
        if (accountId == null || accountId.isEmpty() || region == null || region.isEmpty()) {
            throw new IllegalArgumentException("a catalog scope needs an account and a region");
        }
    }

    /** How the scope reads in messages: the catalog id and region, as AWS names them. */
    @Override
    public String toString() {
        return accountId + " (" + region + ")";
    }
}
